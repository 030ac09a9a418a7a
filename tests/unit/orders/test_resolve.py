"""Resolving parsed orders against a listed chain and the account's positions (pure)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from nlp import ParsedOrder
from services.errors import ValidationError
from services.orders._model import Problem, Question, ResolvedOrder
from services.orders.market import BrokerPosition, ListedChain, Quote
from services.orders.resolve import apply_choice, resolve_order

from ._chains import (
    AAPL,
    SPX,
    SPY,
    TODAY,
    chain,
    occ,
    option_leg,
    parsed,
    position,
    quote,
    stock_leg,
)

JAN16 = date(2026, 1, 16)


def resolve(
    order: ParsedOrder,
    listed: ListedChain | None = SPY,
    positions: tuple[BrokerPosition, ...] = (),
    **extra: Any,
) -> ResolvedOrder | Question | tuple[Problem, ...]:
    extra.setdefault("today", TODAY)
    return resolve_order(order, chain=listed, positions=positions, account_number="5WT01", **extra)


def resolved(*args: Any, **kwargs: Any) -> ResolvedOrder:
    outcome = resolve(*args, **kwargs)
    assert isinstance(outcome, ResolvedOrder), outcome
    return outcome


def problems(*args: Any, **kwargs: Any) -> tuple[Problem, ...]:
    outcome = resolve(*args, **kwargs)
    assert isinstance(outcome, tuple), outcome
    return outcome


def question(*args: Any, **kwargs: Any) -> Question:
    outcome = resolve(*args, **kwargs)
    assert isinstance(outcome, Question), outcome
    return outcome


def codes(found: tuple[Problem, ...]) -> list[str]:
    return [problem.code for problem in found]


# ------------------------------------------------------------------------- symbols and roots


def test_a_listed_option_resolves_to_its_occ_and_streamer_symbols() -> None:
    order = resolved(parsed("SPY", option_leg("buy", "call", 600, JAN16), price="2.15"))

    (leg,) = order.legs
    assert leg.symbol == "SPY   260116C00600000"
    assert leg.streamer_symbol == ".SPY260116C600"
    assert (leg.instrument_type, leg.action, leg.quantity) == ("Equity Option", "Buy to Open", 1)
    assert (leg.option_type, leg.strike, leg.expiration) == ("call", Decimal(600), JAN16)
    assert (order.order_type, order.price, order.price_effect) == (
        "Limit",
        Decimal("2.15"),
        "Debit",
    )
    assert (order.account_number, order.underlying, order.time_in_force) == ("5WT01", "SPY", "Day")


def test_spx_on_a_weekly_date_is_spxw_and_the_note_says_so() -> None:
    order = resolved(
        parsed("SPX", option_leg("buy", "call", 5900, date(2026, 1, 9)), price="12.10"), SPX
    )

    assert order.legs[0].symbol == "SPXW  260109C05900000"
    assert order.legs[0].streamer_symbol == ".SPXW260109C5900"
    assert order.underlying == "SPX"
    assert any("are SPXW (PM-settled weekly)" in note for note in order.notes)


def test_spx_on_the_monthly_date_is_the_am_settled_spx_and_names_spxw() -> None:
    order = resolved(parsed("SPX", option_leg("buy", "put", 5900, JAN16), price="12.10"), SPX)

    assert order.legs[0].symbol == "SPX   260116P05900000"
    assert any("using SPX (AM-settled monthly)" in note and "SPXW" in note for note in order.notes)


def test_spxw_typed_on_the_monthly_date_is_spxw_on_the_spx_underlying() -> None:
    order = resolved(parsed("SPXW", option_leg("buy", "put", 5900, JAN16), price="12.10"), SPX)

    assert order.legs[0].symbol == "SPXW  260116P05900000"
    assert order.underlying == "SPX"


def test_spx_expiring_today_on_the_monthly_date_takes_the_pm_root() -> None:
    order = resolved(
        parsed("SPX", option_leg("buy", "call", 5900, JAN16), price="12.10"), SPX, today=JAN16
    )

    assert order.legs[0].symbol.startswith("SPXW  260116C")


# ------------------------------------------------------------------------------ expirations


def test_a_saturday_snaps_to_the_only_friday_within_three_days() -> None:
    order = resolved(
        parsed("AAPL", option_leg("buy", "call", 230, date(2026, 1, 17)), price="2.15"), AAPL
    )

    assert order.legs[0].expiration == JAN16
    assert order.legs[0].symbol == "AAPL  260116C00230000"
    assert any("using Fri 16 Jan 2026, the only one within 3 days" in n for n in order.notes)


def test_a_past_year_alert_is_read_as_the_same_day_this_year() -> None:
    order = resolved(
        parsed("AAPL", option_leg("buy", "call", 230, date(2025, 1, 16)), price="2.15"), AAPL
    )

    assert order.legs[0].expiration == JAN16
    assert any("16 Jan 2025 is in the past; read as 16 Jan 2026" in n for n in order.notes)


def test_a_past_year_saturday_moves_year_then_snaps_to_friday() -> None:
    order = resolved(
        parsed("AAPL", option_leg("buy", "call", 230, date(2025, 1, 17)), price="2.15"), AAPL
    )

    assert order.legs[0].expiration == JAN16
    (note,) = [n for n in order.notes if "in the past" in n]
    assert "using Fri 16 Jan 2026" in note


def test_two_listed_expirations_near_the_date_ask_which_one() -> None:
    asked = question(parsed("SPY", option_leg("buy", "call", 600, date(2026, 1, 17)), price="2"))

    assert asked.topic == "expiration"
    assert [choice.label for choice in asked.choices] == [
        "Wed 14 Jan 2026",
        "Thu 15 Jan 2026",
        "Fri 16 Jan 2026",
        "Tue 20 Jan 2026",
    ]
    assert asked.choices[2].value == "2026-01-17:2026-01-16"


def test_a_date_far_from_any_listing_asks_with_the_nearest_listed() -> None:
    asked = question(
        parsed("AAPL", option_leg("buy", "call", 230, date(2026, 3, 20)), price="2"), AAPL
    )

    assert "no expiration near Fri 20 Mar 2026" in asked.text
    assert [c.value[-10:] for c in asked.choices] == [
        "2026-01-16",
        "2026-01-23",
        "2026-01-30",
        "2026-02-20",
    ]


def test_a_date_already_expired_this_year_asks_instead_of_moving_a_year() -> None:
    asked = question(
        parsed("AAPL", option_leg("buy", "call", 230, date(2026, 1, 2)), price="2"), AAPL
    )

    assert "has already expired" in asked.text


def test_the_chosen_expiration_resolves_on_the_next_pass() -> None:
    order = parsed("SPY", option_leg("buy", "call", 600, date(2026, 1, 17)), price="2.15")
    asked = question(order)

    answered = apply_choice(order, asked.topic, asked.choices[3].value)

    assert resolved(answered).legs[0].expiration == date(2026, 1, 20)


@pytest.mark.parametrize(
    ("topic", "value"),
    [
        ("expiration", "2026-01-16"),
        ("expiration", "2026-13-01:2026-01-16"),
        ("expiration", "2026-01-18:2026-01-16"),  # no leg has the typed date
        ("expiration", "x" * 10_000),
        ("price_effect", "both"),
        ("account", "5WT01"),
    ],
)
def test_a_choice_the_order_did_not_offer_is_refused(topic: str, value: str) -> None:
    order = parsed("SPY", option_leg("buy", "call", 600, date(2026, 1, 17)), price="2.15")

    with pytest.raises(ValidationError):
        apply_choice(order, topic, value)


# ---------------------------------------------------------------------- strikes and gaps


def test_an_unlisted_strike_suggests_the_nearest_listed() -> None:
    (problem,) = problems(parsed("SPY", option_leg("buy", "call", 601, JAN16), price="2"))

    assert problem.code == "strike_not_listed"
    assert "no 601 strike on Fri 16 Jan 2026" in problem.message
    assert problem.suggestions == ("595", "600", "605", "610")


def test_an_absurd_strike_suggests_the_highest_listed() -> None:
    (problem,) = problems(parsed("SPY", option_leg("buy", "call", 999999, JAN16), price="2"))

    assert problem.suggestions == ("605", "610", "615", "620")


def test_missing_expiration_strike_and_type_each_get_suggestions() -> None:
    order = parsed(
        "SPY",
        option_leg("buy", "call", 600, None),
        option_leg("sell", "call", None, JAN16),
        option_leg("sell", None, 610, JAN16),
        price="1",
    )

    found = problems(order, underlying_price=Decimal("603.2"))

    by_code = {problem.code: problem for problem in found}
    assert set(by_code) == {"missing_expiration", "missing_strike", "missing_type"}
    assert by_code["missing_expiration"].suggestions[0] == "Mon 5 Jan 2026"
    assert by_code["missing_strike"].suggestions == ("595", "600", "605", "610")
    assert "SPY is at 603.20" in by_code["missing_strike"].message
    assert by_code["missing_type"].suggestions == ("call", "put")


def test_an_underlying_without_listed_options_is_a_problem() -> None:
    found = problems(
        parsed("XYZ", option_leg("buy", "call", 10, JAN16), price="1"), chain("XYZ", {})
    )

    assert codes(found) == ["no_options"]


# ---------------------------------------------------------------------------- open/close


def test_a_sell_against_a_long_position_closes_it_and_says_so() -> None:
    symbol = occ("SPY", JAN16, "call", Decimal(600))
    order = resolved(
        parsed("SPY", option_leg("sell", "call", 600, JAN16, quantity=2), price="2.15"),
        positions=(position(symbol, 3),),
    )

    assert order.legs[0].action == "Sell to Close"
    assert order.price_effect == "Credit"
    assert any("Sell to Close: you are long 3 SPY 16 Jan 2026 600 call" in n for n in order.notes)


def test_selling_more_than_the_long_position_is_a_problem_not_a_flip() -> None:
    symbol = occ("SPY", JAN16, "call", Decimal(600))
    (problem,) = problems(
        parsed("SPY", option_leg("sell", "call", 600, JAN16, quantity=5), price="2.15"),
        positions=(position(symbol, 3),),
    )

    assert problem.code == "quantity_exceeds_position"
    assert problem.suggestions[0] == "Sell to Close 3"


def test_a_buy_against_a_short_position_closes_it() -> None:
    symbol = occ("SPY", JAN16, "put", Decimal(590))
    order = resolved(
        parsed("SPY", option_leg("buy", "put", 590, JAN16), price="1.10"),
        positions=(position(symbol, -2),),
    )

    assert order.legs[0].action == "Buy to Close"


def test_a_buy_with_a_long_position_opens_more() -> None:
    symbol = occ("SPY", JAN16, "call", Decimal(600))
    order = resolved(
        parsed("SPY", option_leg("buy", "call", 600, JAN16), price="2.15"),
        positions=(position(symbol, 3),),
    )

    assert order.legs[0].action == "Buy to Open"
    assert order.notes == ("Buy to Open: adds to your long 3 SPY 16 Jan 2026 600 call.",)


def test_an_effect_the_trader_gave_is_kept() -> None:
    order = resolved(
        parsed("SPY", option_leg("sell", "call", 600, JAN16, effect="close"), price="2.15")
    )

    assert order.legs[0].action == "Sell to Close"  # validation checks it against positions


def test_a_roll_closes_the_held_leg_and_opens_the_new_one() -> None:
    held = occ("SPY", JAN16, "call", Decimal(600))
    order = resolved(
        parsed(
            "SPY",
            option_leg("sell", "call", 600, JAN16),
            option_leg("buy", "call", 600, date(2026, 2, 20)),
            price="1.20",
            price_effect="debit",
        ),
        positions=(position(held, 1),),
    )

    assert [leg.action for leg in order.legs] == ["Sell to Close", "Buy to Open"]


# -------------------------------------------------------------------------------- equities


def test_a_stock_order_is_an_equity_leg_on_the_ticker() -> None:
    order = resolved(parsed("AAPL", stock_leg("buy", 100), price="231.50"), None)

    (leg,) = order.legs
    assert (leg.symbol, leg.instrument_type, leg.action, leg.quantity) == (
        "AAPL",
        "Equity",
        "Buy to Open",
        100,
    )
    assert order.price_effect == "Debit"


def test_a_class_share_ticker_keeps_its_slash() -> None:
    order = resolved(parsed("BRK/B", stock_leg("buy", 10), price="480"), None)

    assert order.legs[0].symbol == "BRK/B"
    assert order.underlying == "BRK/B"


def test_selling_held_shares_closes_them() -> None:
    order = resolved(
        parsed("AAPL", stock_leg("sell", 50), price="231.50"),
        None,
        (position("AAPL", 100, "AAPL"),),
    )

    assert order.legs[0].action == "Sell to Close"


@pytest.mark.parametrize("symbol", ["SPX", "SPXW"])
def test_an_index_cannot_be_bought_as_shares(symbol: str) -> None:
    found = problems(
        parsed(symbol, stock_leg("buy", 10), option_leg("sell", "call", 5900, JAN16), price="1"),
        SPX,
    )

    assert codes(found) == ["index_not_tradable"]


# --------------------------------------------------------------------------- price effect


@pytest.mark.parametrize(
    ("legs", "effect"),
    [
        ((("buy", "call", 600), ("sell", "call", 610)), "Debit"),  # bull call spread
        ((("sell", "call", 600), ("buy", "call", 610)), "Credit"),  # bear call spread
        ((("sell", "put", 590), ("buy", "put", 585)), "Credit"),  # bull put spread
        (
            (
                ("sell", "put", 590),
                ("buy", "put", 585),
                ("sell", "call", 610),
                ("buy", "call", 615),
            ),
            "Credit",
        ),  # short iron condor
        (
            (
                ("buy", "put", 590),
                ("sell", "put", 585),
                ("buy", "call", 610),
                ("sell", "call", 615),
            ),
            "Debit",
        ),  # long iron condor
    ],
)
def test_a_spread_without_debit_or_credit_takes_it_from_its_structure(
    legs: tuple[tuple[str, str, int], ...], effect: str
) -> None:
    order = resolved(parsed("SPY", *(option_leg(s, t, k, JAN16) for s, t, k in legs), price="1.05"))

    assert order.price_effect == effect
    assert order.price == Decimal("1.05")


def butterfly(price_effect: str | None = None) -> ParsedOrder:
    return parsed(
        "SPY",
        option_leg("buy", "call", 595, JAN16),
        option_leg("sell", "call", 600, JAN16, quantity=2),
        option_leg("buy", "call", 605, JAN16),
        price="0.80",
        price_effect=price_effect,
    )


def test_a_butterfly_without_quotes_asks_debit_or_credit() -> None:
    asked = question(butterfly())

    assert asked.topic == "price_effect"
    assert [choice.value for choice in asked.choices] == ["debit", "credit"]


def test_a_butterfly_with_quotes_takes_the_net_of_its_legs() -> None:
    quotes: dict[str, Quote] = {
        occ("SPY", JAN16, "call", Decimal(k)): quote(occ("SPY", JAN16, "call", Decimal(k)), b, a)
        for k, b, a in ((595, "9.00", "9.10"), (600, "5.50", "5.60"), (605, "2.90", "3.00"))
    }

    assert resolved(butterfly(), quotes=quotes).price_effect == "Debit"


def test_the_traders_own_debit_or_credit_wins() -> None:
    assert resolved(butterfly("credit")).price_effect == "Credit"


def test_the_answered_price_effect_resolves() -> None:
    answered = apply_choice(butterfly(), "price_effect", "credit")

    assert resolved(answered).price_effect == "Credit"


def test_a_market_order_has_no_price_and_gtc_is_kept() -> None:
    order = resolved(parsed("SPY", option_leg("buy", "call", 600, JAN16), tif="gtc"))

    assert (order.order_type, order.price, order.price_effect) == ("Market", None, None)
    assert order.time_in_force == "GTC"


def test_a_limit_order_without_a_price_is_a_problem() -> None:
    order = parsed("SPY", option_leg("buy", "call", 600, JAN16), order_type="limit")

    assert codes(problems(order)) == ["missing_price"]


# ---------------------------------------------------------------------------- hostile input


@pytest.mark.parametrize(
    ("order", "code"),
    [
        (ParsedOrder(kind="none", notes=("chatter",)), "not_an_order"),
        (parsed(None, stock_leg("buy", 1)), "missing_underlying"),
        (parsed("../../customers/me", stock_leg("buy", 1)), "invalid_symbol"),
        (parsed("A" * 5000, stock_leg("buy", 1)), "invalid_symbol"),
        (parsed("spy", stock_leg("buy", 1)), "invalid_symbol"),
        (parsed("SPY"), "no_legs"),
    ],
)
def test_input_that_is_not_an_order_is_a_problem_not_an_error(
    order: ParsedOrder, code: str
) -> None:
    assert codes(problems(order)) == [code]


def test_a_missing_account_is_a_problem() -> None:
    outcome = resolve_order(
        parsed("SPY", stock_leg("buy", 1)), chain=None, positions=(), account_number="", today=TODAY
    )

    assert isinstance(outcome, tuple)
    assert codes(outcome) == ["missing_account"]


def test_huge_quantities_and_five_legs_resolve_for_validation_to_refuse() -> None:
    order = resolved(
        parsed(
            "SPY",
            *(
                option_leg("buy", "call", k, JAN16, quantity=10**9)
                for k in (590, 595, 600, 605, 610)
            ),
            price="1",
        )
    )

    assert len(order.legs) == 5
    assert order.legs[0].quantity == 10**9


def test_legs_opened_with_nothing_held_are_noted_once() -> None:
    single = resolved(parsed("SPY", option_leg("buy", "call", 600, JAN16), price="2.15"))
    spread = resolved(
        parsed(
            "SPY",
            option_leg("buy", "call", 600, JAN16),
            option_leg("sell", "call", 610, JAN16),
            price="2.15",
        )
    )

    assert single.notes == ("Buy to Open: you hold no SPY 16 Jan 2026 600 call to close.",)
    assert spread.notes == ("Opening every leg: you hold none of those contracts to close.",)
