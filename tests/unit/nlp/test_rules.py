"""Signal rules in chat: conditions (price levels, the gamma flip, walls, total GEX), the order
part read by the order parser, ``atm`` strikes written in when a rule fires, and clear errors
for rules that cannot be read."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import parse_order
from nlp.rules import MAX_RULE_CHARS, Condition, ParsedRule, RuleError, parse_rule

TODAY = date(2026, 11, 23)


def rule(text: str) -> ParsedRule:
    parsed = parse_rule(text, today=TODAY)
    assert isinstance(parsed, ParsedRule), parsed
    return parsed


def error(text: str) -> str:
    parsed = parse_rule(text, today=TODAY)
    assert isinstance(parsed, RuleError), parsed
    return parsed.message


def test_crossing_below_the_gamma_flip_with_an_atm_put() -> None:
    parsed = rule("when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put")

    assert parsed.condition == Condition("SPY", "price", "below", "zero_gamma", crossing=True)
    assert parsed.order_text == "buy 1 SPY 0dte atm put"
    assert parsed.order_underlying == "SPY"
    assert parsed.atm and not parsed.auto_execute


def test_a_price_level_is_a_state_condition_with_a_limit_order() -> None:
    parsed = rule("when QQQ above 520 then sell 1 QQQ 0dte 515 put @ 0.50")

    assert parsed.condition == Condition(
        "QQQ", "price", "above", "price", crossing=False, price=Decimal("520")
    )
    assert parsed.order_text == "sell 1 QQQ 0dte 515 put @ 0.50"
    assert not parsed.atm


@pytest.mark.parametrize(
    ("text", "direction", "target"),
    [
        ("when SPY rises above the call wall then buy 1 SPY 0dte atm call", "above", "call_wall"),
        ("when SPY drops below the put wall then buy 1 SPY 0dte atm put", "below", "put_wall"),
        ("when SPY breaks below the zero-gamma level then buy 1 SPY 0dte atm put", "below",
         "zero_gamma"),
        ("when SPY crosses over the flip then buy 1 SPY 0dte atm call", "above", "zero_gamma"),
        ("when SPY falls under the gex flip then buy 1 SPY 0dte atm put", "below", "zero_gamma"),
    ],
)  # fmt: skip
def test_walls_and_the_flip_as_crossing_targets(text: str, direction: str, target: str) -> None:
    condition = rule(text).condition

    assert (condition.direction, condition.target, condition.crossing) == (direction, target, True)


def test_state_verbs_and_symbols_make_state_conditions() -> None:
    assert not rule("when SPY is below the put wall then buy 1 SPY 0dte atm put").condition.crossing
    above = rule("when QQQ > 520 then buy 1 QQQ 0dte 520 call").condition
    assert (above.direction, above.price, above.crossing) == ("above", Decimal("520"), False)


def test_total_gex_turning_negative_watches_the_orders_underlying() -> None:
    condition = rule("when total GEX turns negative then buy 1 SPY 0dte atm put").condition

    assert condition == Condition("SPY", "total_gex", "below", "zero", crossing=True)
    assert condition.describe() == "SPY total GEX turns negative"


@pytest.mark.parametrize(
    "text",
    [
        "when SPY total gex turns positive then buy 1 SPY 0dte atm call",
        "when GEX on SPY flips positive then buy 1 SPY 0dte atm call",
        "when SPY net gamma exposure goes above zero then buy 1 SPY 0dte atm call",
    ],
)
def test_total_gex_spellings(text: str) -> None:
    condition = rule(text).condition

    assert (condition.underlying, condition.subject, condition.direction) == (
        "SPY",
        "total_gex",
        "above",
    )


def test_gex_is_negative_is_a_state() -> None:
    condition = rule("when SPY gex is negative then buy 1 SPY 0dte 580 put").condition

    assert condition.subject == "total_gex" and not condition.crossing


def test_prices_with_dollars_commas_and_cents() -> None:
    spx = rule("if SPX drops below 5,800, sell 1 SPX 0dte 5750/5740 put spread @ 1.10")
    spy = rule("when spy's price crosses above $600.50 then buy 1 SPY 0dte 601 call")

    assert spx.condition.price == Decimal("5800")
    assert spy.condition.price == Decimal("600.50")


def test_a_comma_or_an_arrow_may_stand_for_then() -> None:
    comma = rule("when SPY crosses below 580, buy 1 SPY 0dte 580 put")
    arrow = rule("when SPY crosses below 580 -> buy 1 SPY 0dte 580 put")

    assert comma.order_text == arrow.order_text == "buy 1 SPY 0dte 580 put"


def test_a_lower_case_ticker_is_read_upper_case() -> None:
    parsed = rule("when spy crosses below 580 then buy 1 spy 0dte atm put")

    assert parsed.condition.underlying == "SPY" and parsed.order_underlying == "SPY"


def test_a_trailing_auto_asks_for_auto_execute_and_is_not_part_of_the_order() -> None:
    parsed = rule("when SPY drops below the put wall, buy 1 SPY 0dte atm put @ 1.20 auto")

    assert parsed.auto_execute
    assert parsed.order_text == "buy 1 SPY 0dte atm put @ 1.20"
    assert rule("when QQQ above 520 then buy 1 QQQ 0dte 520 call auto-execute").auto_execute


def test_the_order_text_at_a_strike_is_what_the_order_parser_reads() -> None:
    parsed = rule("when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put @ 1.20")

    text = parsed.order_text_at(Decimal("582.50"))
    assert text == "buy 1 SPY 0dte 582.5 put @ 1.20"
    order = parse_order(text, today=TODAY)
    assert order.kind == "order" and order.legs[0].strike == Decimal("582.5")
    assert order.legs[0].expiration == TODAY and order.legs[0].type == "put"


def test_an_atm_rule_needs_a_positive_strike() -> None:
    parsed = rule("when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put")

    with pytest.raises(ValueError, match="positive strike"):
        parsed.order_text_at(None)
    with pytest.raises(ValueError, match="positive strike"):
        parsed.order_text_at(Decimal(0))


def test_a_rule_without_atm_sends_its_text_unchanged() -> None:
    parsed = rule("when QQQ above 520 then sell 1 QQQ 0dte 515 put @ 0.50")

    assert parsed.order_text_at() == "sell 1 QQQ 0dte 515 put @ 0.50"
    assert parsed.atm_expirations(TODAY) == ()


def test_atm_expirations_follow_the_day_the_rule_fires() -> None:
    parsed = rule("when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put")

    assert parsed.atm_expirations(TODAY) == (TODAY,)
    assert parsed.atm_expirations(date(2026, 11, 24)) == (date(2026, 11, 24),)


def test_the_order_text_shown_spells_out_atm() -> None:
    parsed = rule("when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put")

    assert parsed.order_text_shown(Decimal("579.20")) == (
        "buy 1 SPY 0dte atm (the listed strike nearest 579.2) put"
    )


def test_a_condition_round_trips_through_json() -> None:
    for text in (
        "when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put",
        "when QQQ above 520.25 then sell 1 QQQ 0dte 515 put @ 0.50",
        "when total GEX turns negative then buy 1 SPY 0dte atm put",
    ):
        condition = rule(text).condition
        assert Condition.from_json(condition.to_json()) == condition


def test_a_stored_condition_that_is_not_one_is_refused() -> None:
    good = rule("when QQQ above 520 then buy 1 QQQ 0dte 520 call").condition.to_json()

    for broken in (
        {**good, "subject": "volume"},
        {**good, "target": "moon"},
        {**good, "price": None},
    ):
        with pytest.raises(ValueError):
            Condition.from_json(broken)


def test_descriptions_read_like_the_rule() -> None:
    flip = rule("when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put")
    price = rule("when QQQ above 520 then buy 1 QQQ 0dte 520 call")

    assert flip.condition.describe() == "SPY crosses below the gamma flip"
    assert price.condition.describe() == "QQQ above 520"


# --- errors ----------------------------------------------------------------------------------


def test_a_rule_must_start_with_when() -> None:
    assert "starts with `when`" in error("buy 1 SPY 0dte atm put")


def test_a_rule_needs_its_order() -> None:
    assert "after `then`" in error("when SPY crosses below the gamma flip")
    assert "after `then`" in error("when SPY crosses below the gamma flip then ")


def test_a_crossing_needs_a_direction() -> None:
    assert "Say which way" in error("when SPY crosses the gamma flip then buy 1 SPY 0dte atm put")


def test_an_unknown_level_is_named() -> None:
    message = error("when SPY crosses below the moon then buy 1 SPY 0dte atm put")

    assert "`moon`" in message and "gamma flip" in message


def test_a_verb_against_its_direction_is_refused() -> None:
    assert "moves above" in error("when SPY rises below 500 then buy 1 SPY 0dte atm put")


def test_atm_needs_the_order_on_the_conditions_underlying() -> None:
    message = error("when QQQ above 520 then buy 1 SPY 0dte atm put")

    assert "must be on QQQ" in message


def test_atm_stands_for_an_option_strike() -> None:
    assert "option's strike" in error("when SPY crosses below the flip then buy 100 SPY atm")


def test_an_order_part_that_is_not_an_order_is_refused() -> None:
    assert "cannot read `hello there` as an order" in error("when QQQ above 520 then hello there")


def test_an_incomplete_order_says_what_is_missing() -> None:
    message = error("when QQQ above 520 then buy 1 QQQ put")

    assert "expiration" in message and "strike" in message


@pytest.mark.parametrize(
    ("level", "expected"),
    [("0", "above zero"), ("-5", "above zero"), ("1e9", "not a price"), ("2000000", "below")],
)
def test_out_of_range_prices_are_refused(level: str, expected: str) -> None:
    message = error(f"when QQQ above {level} then buy 1 QQQ 0dte 520 call")

    assert expected in message


def test_gex_against_anything_but_zero_is_refused() -> None:
    assert "compared with zero" in error("when SPY gex turns huge then buy 1 SPY 0dte 580 put")


def test_an_oversized_rule_is_refused_with_its_length() -> None:
    text = "when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put " + "x" * 600

    message = error(text)
    assert f"limit is {MAX_RULE_CHARS}" in message


@pytest.mark.parametrize("text", ["", "   ", "when", "when then", "\x00\x01", "when ` then `"])
def test_empty_and_garbage_rules_are_refused(text: str) -> None:
    assert isinstance(parse_rule(text, today=TODAY), RuleError)


def test_hostile_markup_is_not_echoed_back_as_code() -> None:
    message = error("when SPY crosses below 580 then `@everyone` <script>")

    assert message.count("`") % 2 == 0  # quotes it without breaking out of inline code
    assert "@everyone" not in message or "`'@everyone'" in message


def test_non_text_is_refused() -> None:
    assert isinstance(parse_rule(123, today=TODAY), RuleError)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_rule_or_an_error(text: str) -> None:
    parsed = parse_rule(text, today=TODAY)

    assert isinstance(parsed, ParsedRule | RuleError)
    if isinstance(parsed, RuleError):
        assert parsed.message
