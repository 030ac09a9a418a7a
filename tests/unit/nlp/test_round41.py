"""Round 41 (eighth session of 2026-12-06): a card's "Action: closing" line over its keys; an
action on "it" that leads in to the order's own verb; a month abbreviated with a dot before a
new sentence's action; each part of a block of legs read once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_sure_order

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
MON = date(2036, 3, 2)  # a Monday
MAR = date(2036, 3, 20)  # March's monthly expiration (third Friday)
APR = date(2036, 4, 18)


@pytest.mark.parametrize(
    ("action", "effect", "first", "second", "price"),
    [
        ("closing", "close", "Buy", "Sell", ".95 debit"),
        ("Closing", "close", "Buy", "Sell", ".95 debit"),
        ("opening", "open", "Sell", "Buy", ".95 credit"),
    ],
)
def test_a_cards_action_line_sets_the_effect_of_every_leg(
    parse: Parse, action: str, effect: str, first: str, second: str, price: str
) -> None:
    text = (
        f"Ticker: MSFT\nAction: {action}\nStrategy: put credit spread\n"
        f"{first}: 2x 400P 3/20\n{second}: 2x 390P 3/20\nLimit: {price}"
    )
    parsed = parse(text, on=MON)
    assert_sure_order(
        parsed,
        "MSFT",
        [
            (first.lower(), effect, 2, "put", Decimal(400), MAR),
            (second.lower(), effect, 2, "put", Decimal(390), MAR),
        ],
        Decimal(".95"),
    )
    assert parsed.price_effect == price.split()[1]


def test_a_strategy_noun_on_the_same_line_still_makes_closing_a_modifier(parse: Parse) -> None:
    # "closing strategy" on one line is a noun phrase, not the effect of the order after it
    text = "my closing strategy is simple. sell 2 MSFT 400c 3/20 @ 1.20"
    parsed = parse(text, on=MON)
    assert parsed.kind == "order"
    assert [leg.effect for leg in parsed.legs] == [None]


@pytest.mark.parametrize(
    ("lead", "side"),
    [
        ("taking it: sell", "sell"),
        ("fading it: buy", "buy"),
        ("MSFT +3% at the open, taking it, sell", "sell"),
        ("doing this one: sell", "sell"),
        ("cut it: buy", "buy"),
    ],
)
def test_an_action_on_it_before_a_colon_leads_in_to_the_orders_verb(
    parse: Parse, lead: str, side: str
) -> None:
    parsed = parse(f"{lead} 2 MSFT 400c 3/20 @ 4.30", on=MON)
    assert parsed.kind == "order"
    assert [(leg.side, leg.quantity, leg.strike) for leg in parsed.legs] == [
        (side, 2, Decimal(400))
    ]
    assert parsed.price_effect == ("credit" if side == "sell" else "debit")


def test_selling_a_debit_spread_after_a_lead_in_sells_the_long_strike(parse: Parse) -> None:
    text = "MSFT +3% at the open, taking it: sell 2 MSFT 400/410 call debit spread 3/20 @ 4.30"
    assert_sure_order(
        parse(text, on=MON),
        "MSFT",
        [("sell", None, 2, "call", Decimal(400), MAR), ("buy", None, 2, "call", Decimal(410), MAR)],
        Decimal("4.30"),
    )


def test_taking_it_alone_is_still_the_buy(parse: Parse) -> None:
    parsed = parse("MSFT 400c 3/20 looks cheap, taking it: 2 @ 4.30", on=MON)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "buy"


@pytest.mark.parametrize("verb", ["close my", "sell my", "STC"])
def test_a_dotted_month_before_an_action_ends_the_sentence(parse: Parse, verb: str) -> None:
    text = f"left after friday: MSFT 410c 3/20 x3, NVDA 300c x2 Apr. {verb} 3 MSFT 410c 3/20 at mkt"
    parsed = parse(text, on=MON)
    assert parsed.kind == "order"
    assert parsed.underlying == "MSFT"
    assert [(leg.side, leg.quantity, leg.strike, leg.expiration) for leg in parsed.legs] == [
        ("sell", 3, Decimal(410), MAR)
    ]
    assert parsed.order_type == "market"


def test_a_dotted_month_before_a_strike_is_still_the_expiration(parse: Parse) -> None:
    parsed = parse("sell 2 MSFT Apr. 400c @ 2.10", on=MON)
    assert parsed.legs[0].expiration == APR


def test_a_block_of_legs_reads_each_part_once(
    parse: Parse, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nlp import _parser

    seen: list[str] = []
    read = _parser._read

    def counting(text: str, *args: object, **kwargs: object) -> object:
        seen.append(text)
        return read(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_parser, "_read", counting)
    text = "SPY put spread, 3/20\nsell 2 600p\nbuy 2 590p\n.85 credit"
    parsed = parse(text, on=MON)
    assert parsed.kind == "order"
    assert len(parsed.legs) == 2
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("written", "expiration"),
    [("0 DTE", MON), ("0-dte", MON), ("1 DTE", date(2036, 3, 3)), ("30 dte", date(2036, 4, 1))],
)
def test_days_to_expiration_written_apart_from_their_count(
    parse: Parse, written: str, expiration: date
) -> None:
    parsed = parse(f"buy five SPY 842 puts {written} at $0.85", on=MON)
    assert [(leg.quantity, leg.expiration) for leg in parsed.legs] == [(5, expiration)]
    assert parsed.missing == ()


def test_may_capitalised_after_a_spread_is_the_month(parse: Parse) -> None:
    parsed = parse("buy 2 UNH 400/380 put spread May @ 5.40", on=MON)
    assert {leg.expiration for leg in parsed.legs} == {date(2036, 5, 16)}
    assert (
        parse("the put spread may work, buy 2 UNH 400/380 put spread @ 5.40", on=MON)
        .legs[0]
        .expiration
        is None
    )


def test_strikes_heading_a_colon_lend_no_strike_to_the_count(parse: Parse) -> None:
    parsed = parse("same trade again, new strikes: STO 1 SPX 7360/7370 CCS 0dte @ .60", on=MON)
    assert sorted((leg.side, leg.strike) for leg in parsed.legs) == [
        ("buy", Decimal(7370)),
        ("sell", Decimal(7360)),
    ]


@pytest.mark.parametrize("tail", [", all 25, @ .12", ", all 25 @ .12", " @ .12, all 25"])
def test_all_and_a_number_after_the_contract_counts_them(parse: Parse, tail: str) -> None:
    parsed = parse(f"STC F 12.5c 3/20{tail}", on=MON)
    assert [(leg.side, leg.effect, leg.quantity) for leg in parsed.legs] == [("sell", "close", 25)]


@pytest.mark.parametrize(("code", "effect"), [("STO", "open"), ("BTC", "close")])
def test_an_alert_code_heading_signed_legs_sets_their_effect(
    parse: Parse, code: str, effect: str
) -> None:
    text = f"{code} put spread:\n-1 Mar 20 36 SPY 640 P\n+1 Mar 20 36 SPY 635 P\n@ 1.05 cr"
    assert_sure_order(
        parse(text, on=MON),
        "SPY",
        [
            ("sell", effect, 1, "put", Decimal(640), MAR),
            ("buy", effect, 1, "put", Decimal(635), MAR),
        ],
        Decimal("1.05"),
    )
