"""Validating resolved orders (pure): what Tastytrade would refuse, and sure mistakes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.orders._model import Problem, ResolvedLeg, ResolvedOrder
from services.orders.market import BrokerPosition, ListedChain, Quote
from services.orders.validate import structural_price_effect, validate_order

from ._chains import AAPL, SPX, SPY, occ, position, quote, streamer

JAN16 = date(2026, 1, 16)


def option(
    action: str,
    option_type: str,
    strike: int | str,
    *,
    quantity: int | str = 1,
    root: str = "SPY",
    expiration: date = JAN16,
) -> ResolvedLeg:
    k = Decimal(str(strike))
    return ResolvedLeg(
        symbol=occ(root, expiration, option_type, k),
        instrument_type="Equity Option",
        action=action,
        quantity=Decimal(str(quantity)),
        option_type=option_type,
        strike=k,
        expiration=expiration,
        streamer_symbol=streamer(root, expiration, option_type, k),
    )


def shares(action: str, quantity: int | str, symbol: str = "AAPL") -> ResolvedLeg:
    return ResolvedLeg(symbol, "Equity", action, Decimal(str(quantity)))


def order(
    *legs: ResolvedLeg,
    price: str | None = "2.15",
    effect: str | None = "Debit",
    underlying: str = "SPY",
    order_type: str | None = None,
    tif: str = "Day",
) -> ResolvedOrder:
    return ResolvedOrder(
        account_number="5WT01",
        underlying=underlying,
        legs=legs,
        order_type=order_type or ("Limit" if price is not None else "Market"),
        price=None if price is None else Decimal(price),
        price_effect=effect,
        time_in_force=tif,
    )


def check(
    target: ResolvedOrder,
    listed: ListedChain | None = SPY,
    quotes: Mapping[str, Quote] | None = None,
    market_open: bool | None = True,
    positions: Sequence[BrokerPosition] | None = None,
) -> tuple[Problem, ...]:
    return validate_order(
        target, chain=listed, quotes=quotes, market_open=market_open, positions=positions
    )


def codes(found: tuple[Problem, ...]) -> list[str]:
    return [problem.code for problem in found]


BUY_600C = option("Buy to Open", "call", 600)


def test_a_listed_single_option_limit_order_is_valid() -> None:
    assert check(order(BUY_600C)) == ()


def test_a_valid_iron_condor_for_a_credit_is_valid() -> None:
    condor = order(
        option("Sell to Open", "put", 590),
        option("Buy to Open", "put", 585),
        option("Sell to Open", "call", 610),
        option("Buy to Open", "call", 615),
        price="1.05",
        effect="Credit",
    )

    assert check(condor) == ()


# ---------------------------------------------------------------------------------- shape


def test_five_legs_are_more_than_one_order_takes() -> None:
    legs = [option("Buy to Open", "call", k) for k in (590, 595, 600, 605, 610)]

    assert "too_many_legs" in codes(check(order(*legs, price="1")))


def test_no_legs_is_a_problem() -> None:
    assert codes(check(order())) == ["no_legs"]


def test_the_same_contract_twice_is_a_problem() -> None:
    assert codes(check(order(BUY_600C, BUY_600C))) == ["duplicate_leg"]


@pytest.mark.parametrize(
    ("quantity", "code"),
    [
        ("0", "quantity_not_positive"),
        ("-3", "quantity_not_positive"),
        ("1.5", "quantity_not_whole"),
        ("NaN", "quantity_not_a_number"),
        ("sNaN", "quantity_not_a_number"),
        ("-Infinity", "quantity_not_a_number"),
        ("10001", "quantity_too_large"),
        ("1E+12", "quantity_too_large"),
    ],
)
def test_option_quantities_must_be_positive_whole_and_sane(quantity: str, code: str) -> None:
    leg = option("Buy to Open", "call", 600, quantity=quantity)

    assert codes(check(order(leg), positions=())) == [code]


def test_a_million_shares_is_the_most_one_order_may_carry() -> None:
    assert (
        check(order(shares("Buy to Open", 1_000_000), underlying="AAPL", price="231"), None) == ()
    )
    assert codes(
        check(order(shares("Buy to Open", 1_000_001), underlying="AAPL", price="231"), None)
    ) == ["quantity_too_large"]


@pytest.mark.parametrize(
    ("price", "code"),
    [
        ("0", "price_not_positive"),
        ("-2.15", "price_not_positive"),
        ("NaN", "price_not_a_number"),
        ("Infinity", "price_not_a_number"),
        ("1000000.01", "price_too_large"),
        ("1E+30", "price_too_large"),
    ],
)
def test_a_limit_price_must_be_positive_and_sane(price: str, code: str) -> None:
    assert codes(check(order(BUY_600C, price=price))) == [code]


def test_a_limit_order_needs_a_price_and_a_direction() -> None:
    missing = order(BUY_600C, price=None, order_type="Limit")
    undirected = order(BUY_600C, effect=None)

    assert codes(check(missing)) == ["missing_price"]
    assert codes(check(undirected)) == ["price_effect"]


def test_a_market_order_takes_no_price() -> None:
    assert check(order(BUY_600C, price=None, effect=None)) == ()
    assert codes(check(order(BUY_600C, order_type="Market"))) == ["price_with_market_order"]


@pytest.mark.parametrize(("field", "value"), [("order_type", "Stop"), ("time_in_force", "IOC")])
def test_unsupported_order_types_and_durations_are_problems(field: str, value: str) -> None:
    changes: dict[str, Any] = {field: value}
    found = check(replace(order(BUY_600C), **changes))

    assert codes(found) == [field]


# ----------------------------------------------------------------------------------- legs


def test_an_unlisted_contract_is_a_problem() -> None:
    unlisted = option("Buy to Open", "call", 601)

    (problem,) = check(order(unlisted))
    assert problem.code == "not_listed"
    assert "SPY   260116C00601000" in problem.message


def test_a_leg_whose_details_disagree_with_its_symbol_is_a_problem() -> None:
    tampered = replace(BUY_600C, strike=Decimal(605))

    assert codes(check(order(tampered))) == ["leg_mismatch"]


def test_an_option_order_without_a_chain_cannot_be_checked() -> None:
    assert codes(check(order(BUY_600C), None)) == ["no_chain"]


def test_every_leg_must_be_on_the_order_underlying() -> None:
    spy_leg_on_aapl = order(BUY_600C, underlying="AAPL")
    other_stock = order(BUY_600C, shares("Buy to Open", 100, "AAPL"))

    assert codes(check(spy_leg_on_aapl)) == ["mixed_underlyings"]
    assert codes(check(other_stock)) == ["mixed_underlyings"]


def test_an_index_cannot_be_bought_as_shares() -> None:
    index_quote = {"SPX": Quote("SPX", "Index", None, None, Decimal(5900))}
    target = order(shares("Buy to Open", 10, "SPX"), underlying="SPX", price="5900")

    assert codes(check(target, None, index_quote)) == ["index_not_tradable"]


def test_an_unknown_ticker_is_a_problem_when_quotes_were_read() -> None:
    target = order(shares("Buy to Open", 10, "ZZZZ"), underlying="ZZZZ", price="10")

    assert codes(check(target, None, {})) == ["unknown_symbol"]
    assert check(target, None, None) == ()  # no market data (sandbox): nothing to judge by


# ------------------------------------------------------------------------------ direction


@pytest.mark.parametrize(
    ("legs", "expected"),
    [
        ((("Buy to Open", "call", 600),), "Debit"),
        ((("Sell to Open", "put", 590),), "Credit"),
        ((("Buy to Open", "call", 600), ("Sell to Open", "call", 610)), "Debit"),
        ((("Sell to Open", "call", 600), ("Buy to Open", "call", 610)), "Credit"),
        ((("Buy to Open", "put", 600), ("Sell to Open", "put", 590)), "Debit"),
        ((("Sell to Open", "put", 590), ("Buy to Open", "put", 585)), "Credit"),
        (
            (
                ("Sell to Open", "put", 590),
                ("Buy to Open", "put", 585),
                ("Sell to Open", "call", 610),
                ("Buy to Open", "call", 615),
            ),
            "Credit",
        ),
        (
            (
                ("Buy to Open", "call", 595),
                ("Sell to Open", "call", 600),
                ("Buy to Open", "call", 605),
            ),
            "Debit",
        ),  # 1x1x1: the sold middle is covered by the deeper bought call
        (
            (
                ("Buy to Open", "call", 595),
                ("Sell to Open", "call", 600, 2),
                ("Buy to Open", "call", 605),
            ),
            None,
        ),  # a butterfly's sign needs the quotes
        ((("Buy to Open", "call", 600), ("Sell to Open", "put", 590)), None),  # risk reversal
    ],
)
def test_the_structure_decides_debit_or_credit_only_when_it_can(
    legs: tuple[tuple[Any, ...], ...], expected: str | None
) -> None:
    built = [option(a, t, k, quantity=rest[0] if rest else 1) for a, t, k, *rest in legs]

    assert structural_price_effect(built) == expected


def test_a_ratio_spread_and_a_calendar_are_left_to_the_quotes() -> None:
    ratio = [option("Buy to Open", "call", 600), option("Sell to Open", "call", 610, quantity=2)]
    calendar = [
        option("Sell to Open", "call", 600),
        option("Buy to Open", "call", 600, expiration=date(2026, 2, 20)),
    ]

    assert structural_price_effect(ratio) is None
    assert structural_price_effect(calendar) is None


def test_a_credit_for_an_order_that_costs_money_is_a_problem() -> None:
    bull_call = order(
        option("Buy to Open", "call", 600), option("Sell to Open", "call", 610), effect="Credit"
    )

    (problem,) = check(bull_call)
    assert problem.code == "price_effect_mismatch"
    assert problem.suggestions == ("2.15 debit",)


def test_a_debit_vertical_priced_above_its_width_is_a_problem() -> None:
    vertical = order(
        option("Buy to Open", "call", 600), option("Sell to Open", "call", 605), price="5.50"
    )

    assert codes(check(vertical)) == ["debit_exceeds_width"]


# ----------------------------------------------------------------------------------- ticks


@pytest.mark.parametrize(
    ("root", "listed", "underlying", "price", "suggestions"),
    [
        ("SPXW", SPX, "SPX", "5.03", ("5.00", "5.10")),  # SPX above 3.00: dimes
        ("SPXW", SPX, "SPX", "2.03", ("2.00", "2.05")),  # SPX below 3.00: nickels
        ("AAPL", AAPL, "AAPL", "3.52", ("3.50", "3.55")),  # penny pilot above 3.00: nickels
        ("SPY", SPY, "SPY", "2.155", ("2.15", "2.16")),  # SPY: pennies everywhere
    ],
)
def test_a_single_option_price_off_its_tick_is_a_problem(
    root: str, listed: ListedChain, underlying: str, price: str, suggestions: tuple[str, ...]
) -> None:
    strike = {"SPX": 5900, "AAPL": 230, "SPY": 600}[underlying]
    leg = option("Buy to Open", "call", strike, root=root)

    (problem,) = check(order(leg, price=price, underlying=underlying), listed)
    assert problem.code == "price_tick"
    assert problem.suggestions == suggestions


@pytest.mark.parametrize(
    ("root", "listed", "underlying", "price"),
    [("AAPL", AAPL, "AAPL", "2.53"), ("SPY", SPY, "SPY", "0.01"), ("SPXW", SPX, "SPX", "5.10")],
)
def test_a_single_option_price_on_its_tick_is_valid(
    root: str, listed: ListedChain, underlying: str, price: str
) -> None:
    strike = {"SPX": 5900, "AAPL": 230, "SPY": 600}[underlying]
    leg = option("Buy to Open", "call", strike, root=root)

    assert check(order(leg, price=price, underlying=underlying), listed) == ()


def test_a_spread_trades_in_pennies_except_where_the_root_ticks_wider() -> None:
    aapl = order(
        option("Buy to Open", "call", 230, root="AAPL"),
        option("Sell to Open", "call", 240, root="AAPL"),
        price="3.52",
        underlying="AAPL",
    )
    spx = order(
        option("Buy to Open", "call", 5900, root="SPXW"),
        option("Sell to Open", "call", 5925, root="SPXW"),
        price="5.03",
        underlying="SPX",
    )

    assert check(aapl, AAPL) == ()
    (problem,) = check(spx, SPX)
    assert problem.suggestions == ("5.00", "5.05")


@pytest.mark.parametrize(
    ("price", "valid"), [("231.50", True), ("231.505", False), ("0.5001", True)]
)
def test_stock_prices_are_pennies_above_a_dollar(price: str, valid: bool) -> None:
    target = order(shares("Buy to Open", 100), underlying="AAPL", price=price)

    assert (check(target, None) == ()) is valid


# --------------------------------------------------------------------------------- quotes

SPY_600C = occ("SPY", JAN16, "call", Decimal(600))
SPY_610C = occ("SPY", JAN16, "call", Decimal(610))
QUOTES = {
    SPY_600C: quote(SPY_600C, "2.10", "2.20"),
    SPY_610C: quote(SPY_610C, "0.60", "0.65"),
}


def test_a_debit_far_above_the_ask_asks_did_you_mean() -> None:
    (problem,) = check(order(BUY_600C, price="21.50"), quotes=QUOTES)

    assert problem.code == "price_through_market"
    assert "natural 2.20, mid 2.15" in problem.message
    assert "did you mean 2.15?" in problem.message
    assert problem.suggestions == ("2.15",)


def test_a_debit_within_half_the_ask_above_it_is_accepted() -> None:
    assert check(order(BUY_600C, price="3.00"), quotes=QUOTES) == ()


def test_a_credit_far_below_the_bid_is_flagged() -> None:
    sell = order(option("Sell to Open", "call", 600), price="0.50", effect="Credit")

    (problem,) = check(sell, quotes=QUOTES)
    assert problem.code == "price_through_market"
    assert "natural 2.10" in problem.message


def test_a_limit_that_merely_will_not_fill_is_not_flagged() -> None:
    low_bid = order(BUY_600C, price="0.50")
    high_offer = order(option("Sell to Open", "call", 600), price="9.00", effect="Credit")

    assert check(low_bid, quotes=QUOTES) == ()
    assert check(high_offer, quotes=QUOTES) == ()


def test_a_spread_is_judged_on_its_net_per_unit() -> None:
    legs = (
        option("Buy to Open", "call", 600, quantity=10),
        option("Sell to Open", "call", 610, quantity=10),
    )

    assert check(order(*legs, price="1.60"), quotes=QUOTES) == ()  # natural 1.60
    (problem,) = check(order(*legs, price="4.50"), quotes=QUOTES)
    assert problem.code == "price_through_market"
    assert problem.suggestions == ("1.53",)  # the mid, 2.15 - 0.625, to the penny


def test_a_leg_without_a_quote_skips_the_market_check() -> None:
    partial = {SPY_610C: QUOTES[SPY_610C]}

    assert check(order(BUY_600C, price="21.50"), quotes=partial) == ()


# ------------------------------------------------------------------------------- positions


def test_closing_without_a_position_is_a_problem() -> None:
    close = order(option("Sell to Close", "call", 600), effect="Credit")

    (problem,) = check(close, positions=())
    assert problem.code == "no_position_to_close"
    assert problem.suggestions == ("Sell to Open",)


def test_closing_more_than_held_is_a_problem() -> None:
    close = order(option("Sell to Close", "call", 600, quantity=5), effect="Credit")

    (problem,) = check(close, positions=(position(SPY_600C, 3),))
    assert problem.code == "closing_more_than_held"
    assert problem.suggestions == ("Sell to Close 3",)


def test_closing_within_the_position_is_valid() -> None:
    close = order(option("Buy to Close", "call", 600, quantity=2))

    assert check(close, positions=(position(SPY_600C, -2),)) == ()


def test_opening_against_an_opposite_position_is_a_problem() -> None:
    (problem,) = check(order(BUY_600C), positions=(position(SPY_600C, -1),))

    assert problem.code == "conflicts_with_position"
    assert problem.suggestions == ("Buy to Close",)


def test_positions_are_not_checked_when_not_given() -> None:
    assert check(order(option("Sell to Close", "call", 600), effect="Credit")) == ()


# --------------------------------------------------------------------------------- session


def test_a_market_order_while_the_market_is_closed_is_a_problem() -> None:
    market = order(BUY_600C, price=None, effect=None)

    assert codes(check(market, market_open=False)) == ["market_closed"]
    assert check(market, market_open=None) == ()


def test_a_limit_order_while_the_market_is_closed_is_queued_and_valid() -> None:
    assert check(order(BUY_600C), market_open=False) == ()
    assert check(order(BUY_600C, tif="GTC"), market_open=False) == ()


# ------------------------------------------------------------------------------ properties

DECIMALS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(["0", "-1", "1E+400", "0.0000001"]).map(Decimal),
)


@settings(max_examples=300, deadline=None)
@given(
    quantity=DECIMALS,
    price=st.one_of(st.none(), DECIMALS),
    strike=DECIMALS,
    legs=st.integers(min_value=0, max_value=8),
    effect=st.sampled_from(["Debit", "Credit", None, "Sideways"]),
    held=DECIMALS,
)
def test_any_order_gets_problems_never_an_exception(
    quantity: Decimal,
    price: Decimal | None,
    strike: Decimal,
    legs: int,
    effect: str | None,
    held: Decimal,
) -> None:
    leg = replace(BUY_600C, quantity=quantity, strike=strike)
    target: Any = order(*([leg] * legs), price=None, effect=effect)
    target = replace(target, price=price, order_type="Limit")
    positions = (BrokerPosition(SPY_600C, "SPY", "Equity Option", held),)

    found = check(target, quotes=QUOTES, market_open=False, positions=positions)

    assert all(isinstance(problem, Problem) for problem in found)
