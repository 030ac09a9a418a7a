"""order_risk, check_risk, covered_short_symbols and should_auto_confirm: hand-computed payoffs
of the common strategies, a brute-force payoff reference, every limit's breach and message, and
the naked-option cover rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.environment import Environment
from services.errors import ValidationError
from services.orders._model import (
    Breach,
    OrderRisk,
    ResolvedLeg,
    ResolvedOrder,
    RiskLimits,
    RiskUsage,
)
from services.orders.risk import (
    Holding,
    check_risk,
    covered_short_symbols,
    order_risk,
    order_units,
    should_auto_confirm,
    uncovered_short_legs,
)

JUNE, JULY = date(2025, 6, 20), date(2025, 7, 18)
D = Decimal
PRODUCTION, SANDBOX = Environment.PRODUCTION, Environment.SANDBOX
OPEN_LIMITS = RiskLimits(naked_options_allowed=True, production_trading_enabled=True)
NO_USAGE = RiskUsage()


def occ(kind: str, strike: int | str, expiration: date = JUNE, root: str = "SPY") -> str:
    right = "C" if kind == "call" else "P"
    return f"{root:<6}{expiration:%y%m%d}{right}{int(D(strike) * 1000):08d}"


def option(
    action: str, kind: str, strike: int | str, quantity: int = 1, expiration: date = JUNE
) -> ResolvedLeg:
    return ResolvedLeg(
        symbol=occ(kind, strike, expiration),
        instrument_type="Equity Option",
        action=action,
        quantity=D(quantity),
        option_type=kind,
        strike=D(strike),
        expiration=expiration,
    )


def shares(action: str, quantity: int | str = 100, symbol: str = "SPY") -> ResolvedLeg:
    return ResolvedLeg(symbol, "Equity", action, D(quantity))


def order(
    *legs: ResolvedLeg,
    price: str | None = "1.00",
    effect: str | None = "Debit",
    underlying: str = "SPY",
) -> ResolvedOrder:
    return ResolvedOrder(
        account_number="5WT00001",
        underlying=underlying,
        legs=legs,
        order_type="Limit" if price is not None else "Market",
        price=None if price is None else D(price),
        price_effect=effect,
        time_in_force="Day",
    )


def figures(risk: OrderRisk) -> tuple[str, str | None, str | None, list[str]]:
    return (
        str(risk.notional),
        None if risk.max_loss is None else str(risk.max_loss),
        None if risk.max_profit is None else str(risk.max_profit),
        [str(point) for point in risk.break_evens],
    )


# --- payoff figures ----------------------------------------------------------------------------


def test_long_call_risks_the_debit_with_unbounded_profit() -> None:
    risk = order_risk(order(option("Buy to Open", "call", 450), price="2.15"))

    assert figures(risk) == ("215.00", "215.00", None, ["452.15"])


def test_short_call_has_unbounded_loss() -> None:
    risk = order_risk(order(option("Sell to Open", "call", 450), price="2.15", effect="Credit"))

    assert figures(risk) == ("215.00", None, "215.00", ["452.15"])


def test_long_put_profit_is_bounded_by_the_strike() -> None:
    risk = order_risk(order(option("Buy to Open", "put", 450, 2), price="3.00"))

    assert figures(risk) == ("600.00", "600.00", "89400.00", ["447.00"])


def test_short_put_loss_is_the_strike_less_the_credit() -> None:
    risk = order_risk(order(option("Sell to Open", "put", 450), price="2.00", effect="Credit"))

    assert figures(risk) == ("200.00", "44800.00", "200.00", ["448.00"])


def test_covered_call_is_priced_per_share() -> None:
    buy_write = order(
        shares("Buy to Open", 100), option("Sell to Open", "call", 200), price="187.50"
    )

    assert figures(order_risk(buy_write)) == ("18750.00", "18750.00", "1250.00", ["187.50"])


def test_bull_call_vertical_risks_the_debit() -> None:
    vertical = order(
        option("Buy to Open", "call", 450, 5), option("Sell to Open", "call", 455, 5), price="2.10"
    )

    assert figures(order_risk(vertical)) == ("1050.00", "1050.00", "1450.00", ["452.10"])


def test_bear_call_vertical_risks_the_width_less_the_credit() -> None:
    vertical = order(
        option("Sell to Open", "call", 450), option("Buy to Open", "call", 455),
        price="1.60", effect="Credit",
    )  # fmt: skip

    assert figures(order_risk(vertical)) == ("160.00", "340.00", "160.00", ["451.60"])


def test_bull_put_vertical_risks_the_width_less_the_credit() -> None:
    vertical = order(
        option("Sell to Open", "put", 4500), option("Buy to Open", "put", 4490),
        price="2.10", effect="Credit",
    )  # fmt: skip

    assert figures(order_risk(vertical)) == ("210.00", "790.00", "210.00", ["4497.90"])


def test_bear_put_vertical_risks_the_debit() -> None:
    vertical = order(
        option("Buy to Open", "put", 450), option("Sell to Open", "put", 440), price="4.00"
    )

    assert figures(order_risk(vertical)) == ("400.00", "400.00", "600.00", ["446.00"])


def test_iron_condor_has_two_break_evens() -> None:
    condor = order(
        option("Sell to Open", "put", 440), option("Buy to Open", "put", 430),
        option("Sell to Open", "call", 460), option("Buy to Open", "call", 470),
        price="3.00", effect="Credit",
    )  # fmt: skip

    assert figures(order_risk(condor)) == ("300.00", "700.00", "300.00", ["437.00", "463.00"])


def test_butterfly_counts_units_of_its_ratio() -> None:
    butterfly = order(
        option("Buy to Open", "call", 440, 5), option("Sell to Open", "call", 450, 10),
        option("Buy to Open", "call", 460, 5), price="1.00",
    )  # fmt: skip

    assert order_units(butterfly) == 5
    assert figures(order_risk(butterfly)) == ("500.00", "500.00", "4500.00", ["441.00", "459.00"])


def test_long_straddle_breaks_even_either_side() -> None:
    straddle = order(
        option("Buy to Open", "call", 450), option("Buy to Open", "put", 450), price="10"
    )

    assert figures(order_risk(straddle)) == ("1000.00", "1000.00", None, ["440.00", "460.00"])


def test_short_straddle_has_unbounded_loss() -> None:
    straddle = order(
        option("Sell to Open", "call", 450), option("Sell to Open", "put", 450),
        price="10", effect="Credit",
    )  # fmt: skip

    assert figures(order_risk(straddle)) == ("1000.00", None, "1000.00", ["440.00", "460.00"])


def test_stock_notional_is_shares_times_price() -> None:
    risk = order_risk(order(shares("Buy to Open", 100), price="190"))

    assert figures(risk) == ("19000.00", "19000.00", None, ["190.00"])


def test_short_stock_has_unbounded_loss() -> None:
    risk = order_risk(order(shares("Sell to Open", 50), price="190", effect="Credit"))

    assert figures(risk) == ("9500.00", None, "9500.00", ["190.00"])


def test_fractional_shares_are_their_own_units() -> None:
    fractional = order(shares("Buy to Open", "0.5"), price="190")

    assert order_units(fractional) == D("0.5")
    assert order_risk(fractional).notional == D("95.00")


def test_market_order_is_priced_from_the_quotes_given() -> None:
    market = order(
        option("Buy to Open", "call", 450), option("Sell to Open", "call", 455), price=None,
        effect=None,
    )  # fmt: skip
    quotes = {occ("call", 450): D("3.10"), occ("call", 455): D("1.05")}

    assert figures(order_risk(market, leg_prices=quotes)) == (
        "205.00", "205.00", "295.00", ["452.05"],
    )  # fmt: skip


def test_market_stock_order_uses_the_underlying_price() -> None:
    market = order(shares("Buy to Open", 10), price=None, effect=None)

    assert order_risk(market, underlying_price=D("190.25")).notional == D("1902.50")


def test_market_order_without_quotes_is_refused_clearly() -> None:
    market = order(option("Buy to Open", "call", 450), price=None, effect=None)

    with pytest.raises(ValidationError, match="needs a quote for SPY"):
        order_risk(market)


def test_long_calendar_risks_the_debit_and_leaves_profit_open() -> None:
    calendar = order(
        option("Sell to Open", "call", 450, expiration=JUNE),
        option("Buy to Open", "call", 450, expiration=JULY), price="1.50",
    )  # fmt: skip

    assert figures(order_risk(calendar)) == ("150.00", "150.00", None, [])


def test_reverse_calendar_leaves_the_loss_open() -> None:
    calendar = order(
        option("Buy to Open", "call", 450, expiration=JUNE),
        option("Sell to Open", "call", 450, expiration=JULY), price="1.50", effect="Credit",
    )  # fmt: skip

    assert order_risk(calendar).max_loss is None


def _reference_payoff(legs: list[tuple[int, str, int, int]], cash: Decimal, at: Decimal) -> Decimal:
    """Per-leg P&L summed by hand: (side, kind, strike, quantity)."""
    total = cash
    for side, kind, strike, quantity in legs:
        intrinsic = max(at - strike, D(0)) if kind == "call" else max(strike - at, D(0))
        total += side * quantity * 100 * intrinsic
    return total


@settings(max_examples=150, deadline=None)
@given(
    legs=st.lists(
        st.tuples(
            st.sampled_from([1, -1]),
            st.sampled_from(["call", "put"]),
            st.integers(min_value=1, max_value=60).map(lambda n: n * 5),
            st.integers(min_value=1, max_value=4),
        ),
        min_size=1,
        max_size=4,
    ),
    cents=st.integers(min_value=0, max_value=5_000),
    credit=st.booleans(),
)
def test_figures_match_a_brute_force_payoff(
    legs: list[tuple[int, str, int, int]], cents: int, credit: bool
) -> None:
    resolved = tuple(
        option("Buy to Open" if side > 0 else "Sell to Open", kind, strike, quantity)
        for side, kind, strike, quantity in legs
    )
    unique = {leg.symbol for leg in resolved}
    if len(unique) != len(resolved):
        return  # one symbol twice is not an order Tastytrade takes
    price = D(cents) / 100
    subject = order(*resolved, price=str(price), effect="Credit" if credit else "Debit")
    cash = (1 if credit else -1) * price * order_units(subject) * 100
    grid = [D(n) / 2 for n in range(0, 2 * 400)]  # every strike (multiples of 5) is on it
    values = [_reference_payoff(legs, cash, at) for at in grid]
    far_up = _reference_payoff(legs, cash, D(10_000))

    risk = order_risk(subject)

    if far_up < values[-1]:
        assert risk.max_loss is None
    else:
        assert risk.max_loss == max(-min(values), D(0)).quantize(D("0.01"))
    if far_up > values[-1]:
        assert risk.max_profit is None
    else:
        assert risk.max_profit == max(max(values), D(0)).quantize(D("0.01"))
    for point in risk.break_evens:
        # a break-even is rounded to the cent: the payoff there is within half a cent's move
        assert abs(_reference_payoff(legs, cash, point)) <= sum(q for *_, q in legs) * D("0.5")


# --- limits ------------------------------------------------------------------------------------


def breaches_of(
    subject: ResolvedOrder,
    limits: RiskLimits,
    usage: RiskUsage = NO_USAGE,
    environment: Environment = PRODUCTION,
) -> tuple[Breach, ...]:
    return check_risk(subject, order_risk(subject), limits, usage, environment=environment)


def only(breaches: tuple[Breach, ...]) -> Breach:
    [breach] = breaches
    return breach


def with_limits(**changes: object) -> RiskLimits:
    values: dict[str, object] = {
        "naked_options_allowed": True,
        "production_trading_enabled": True,
        **changes,
    }
    return RiskLimits(**values)  # type: ignore[arg-type]


LONG_CALLS_25 = order(option("Buy to Open", "call", 450, 25), price="2.00")


def test_an_order_inside_every_limit_breaches_nothing() -> None:
    limits = with_limits(
        max_contracts=25, max_notional=D(5000), max_loss_per_order=D(5000), max_orders_per_day=3,
        allowed_underlyings=frozenset({"SPY"}),
    )  # fmt: skip

    assert breaches_of(LONG_CALLS_25, limits, RiskUsage(orders_today=2)) == ()


def test_max_contracts_breach_says_by_how_much() -> None:
    breach = only(breaches_of(LONG_CALLS_25, with_limits(max_contracts=10)))

    assert breach.limit == "max_contracts"
    assert breach.message == "Max contracts is 10; this order has 25 (15 over)."
    assert (breach.limit_value, breach.actual) == ("10", "25")


def test_shares_are_not_contracts() -> None:
    stock = order(shares("Buy to Open", 500), price="10")

    assert breaches_of(stock, with_limits(max_contracts=1)) == ()


def test_max_notional_breach_says_by_how_much() -> None:
    breach = only(breaches_of(LONG_CALLS_25, with_limits(max_notional=D(1000))))

    assert breach.limit == "max_notional"
    assert breach.message == (
        "Max notional is $1,000.00; this order's is $5,000.00 ($4,000.00 over)."
    )


def test_max_loss_breach_says_by_how_much() -> None:
    breach = only(breaches_of(LONG_CALLS_25, with_limits(max_loss_per_order=D(4500))))

    assert breach.limit == "max_loss_per_order"
    assert breach.message == (
        "Max loss per order is $4,500.00; this order can lose $5,000.00 ($500.00 over)."
    )


def test_an_unbounded_loss_breaches_any_max_loss() -> None:
    naked_call = order(option("Sell to Open", "call", 450), price="0.05", effect="Credit")

    breach = only(breaches_of(naked_call, with_limits(max_loss_per_order=D(1_000_000))))

    assert breach.limit == "max_loss_per_order"
    assert breach.actual == "unbounded"
    assert "unbounded" in breach.message


def test_closing_an_order_is_not_held_to_max_loss() -> None:
    closing = order(option("Sell to Close", "call", 450, 3), price="4.00", effect="Credit")

    assert breaches_of(closing, with_limits(max_loss_per_order=D(1))) == ()


def test_a_short_call_covered_by_held_shares_adds_no_unbounded_loss() -> None:
    short_call = order(option("Sell to Open", "call", 460), price="1.00", effect="Credit")
    covered = RiskUsage(covered_short_symbols=frozenset({occ("call", 460)}))

    assert breaches_of(short_call, with_limits(max_loss_per_order=D(100)), covered) == ()


def test_short_stock_stays_unbounded_even_with_a_covered_call() -> None:
    subject = order(
        shares("Sell to Open", 100), option("Sell to Open", "call", 460),
        price="190", effect="Credit",
    )  # fmt: skip
    covered = RiskUsage(covered_short_symbols=frozenset({occ("call", 460)}))

    breach = only(breaches_of(subject, with_limits(max_loss_per_order=D(100)), covered))

    assert breach.actual == "unbounded"


def test_max_orders_per_day_counts_this_order() -> None:
    breach = only(
        breaches_of(LONG_CALLS_25, with_limits(max_orders_per_day=5), RiskUsage(orders_today=5))
    )

    assert breach.limit == "max_orders_per_day"
    assert breach.message == (
        "Max orders per day is 5; you have placed 5 today, so this would be the 6th (1 over)."
    )


def test_an_underlying_outside_the_allowed_list_is_named() -> None:
    tesla = order(option("Buy to Open", "call", 250), underlying="TSLA")
    limits = with_limits(allowed_underlyings=frozenset({"SPY", "QQQ"}))

    breach = only(breaches_of(tesla, limits))

    assert breach.limit == "allowed_underlyings"
    assert breach.message == "TSLA is not one of your allowed underlyings (QQQ, SPY)."


def test_a_long_allowed_list_is_cut_short_in_the_message() -> None:
    allowed = frozenset(f"T{n:02d}" for n in range(30))

    breach = only(breaches_of(LONG_CALLS_25, with_limits(allowed_underlyings=allowed)))

    assert breach.message.endswith("T09 and 20 more).")


def test_production_trading_off_refuses_production_orders_only() -> None:
    limits = RiskLimits(naked_options_allowed=True, production_trading_enabled=False)

    breach = only(breaches_of(LONG_CALLS_25, limits))

    assert breach.limit == "production_trading"
    assert "/settings risk production on" in breach.message
    assert breaches_of(LONG_CALLS_25, limits, environment=SANDBOX) == ()


def test_every_breach_is_reported_together() -> None:
    limits = RiskLimits(max_contracts=1, max_notional=D(1), max_loss_per_order=D(1))

    names = [breach.limit for breach in breaches_of(LONG_CALLS_25, limits)]

    assert names == ["production_trading", "max_contracts", "max_notional", "max_loss_per_order"]


# --- naked short options ---------------------------------------------------------------------

NAKED_OFF = RiskLimits(production_trading_enabled=True)


def naked(subject: ResolvedOrder, usage: RiskUsage = NO_USAGE) -> list[Breach]:
    return [b for b in breaches_of(subject, NAKED_OFF, usage) if b.limit == "naked_options"]


def test_a_lone_short_call_is_naked() -> None:
    [breach] = naked(order(option("Sell to Open", "call", 450, 2), effect="Credit"))

    assert "sells 2 x 2025-06-20 450 call uncovered" in breach.message
    assert "/settings risk naked on" in breach.message
    assert breach.actual == "2 uncovered"


def test_naked_allowed_lets_a_short_call_through() -> None:
    subject = order(option("Sell to Open", "call", 450), effect="Credit")

    assert breaches_of(subject, OPEN_LIMITS) == ()


@pytest.mark.parametrize(
    "legs",
    [
        pytest.param(
            (option("Sell to Open", "call", 450), option("Buy to Open", "call", 455)),
            id="bear call vertical",
        ),
        pytest.param(
            (option("Buy to Open", "call", 450), option("Sell to Open", "call", 455)),
            id="bull call vertical",
        ),
        pytest.param(
            (option("Sell to Open", "put", 450), option("Buy to Open", "put", 440)),
            id="bull put vertical",
        ),
        pytest.param(
            (
                option("Sell to Open", "put", 440),
                option("Buy to Open", "put", 430),
                option("Sell to Open", "call", 460),
                option("Buy to Open", "call", 470),
            ),
            id="iron condor",
        ),
        pytest.param(
            (
                option("Buy to Open", "call", 440, 1),
                option("Sell to Open", "call", 450, 2),
                option("Buy to Open", "call", 460, 1),
            ),
            id="butterfly",
        ),
        pytest.param(
            (shares("Buy to Open", 300), option("Sell to Open", "call", 460, 3)),
            id="buy-write",
        ),
        pytest.param(
            (shares("Sell to Open", 100), option("Sell to Open", "put", 440)),
            id="covered put",
        ),
        pytest.param(
            (
                option("Sell to Open", "call", 450, expiration=JUNE),
                option("Buy to Open", "call", 455, expiration=JULY),
            ),
            id="diagonal with the long later",
        ),
    ],
)
def test_legs_of_the_order_cover_its_shorts(legs: tuple[ResolvedLeg, ...]) -> None:
    assert naked(order(*legs)) == []


@pytest.mark.parametrize(
    ("legs", "uncovered"),
    [
        pytest.param(
            (
                option("Sell to Open", "call", 450, expiration=JULY),
                option("Buy to Open", "call", 455, expiration=JUNE),
            ),
            "1 x 2025-07-18 450 call",
            id="long call expires first",
        ),
        pytest.param(
            (option("Sell to Open", "put", 450), option("Buy to Open", "call", 440)),
            "1 x 2025-06-20 450 put",
            id="a call does not cover a put",
        ),
        pytest.param(
            (shares("Buy to Open", 150), option("Sell to Open", "call", 460, 2)),
            "1 x 2025-06-20 460 call",
            id="150 shares cover one call of two",
        ),
        pytest.param(
            (option("Buy to Open", "call", 440), option("Sell to Open", "call", 450, 2)),
            "1 x 2025-06-20 450 call",
            id="ratio spread",
        ),
        pytest.param(
            (shares("Buy to Open", 100), option("Sell to Open", "put", 440)),
            "1 x 2025-06-20 440 put",
            id="long shares do not cover a put",
        ),
    ],
)
def test_what_the_order_does_not_cover_is_naked(
    legs: tuple[ResolvedLeg, ...], uncovered: str
) -> None:
    [breach] = naked(order(*legs))

    assert f"sells {uncovered} uncovered" in breach.message


def test_buying_to_close_is_not_cover() -> None:
    subject = order(option("Buy to Close", "call", 455), option("Sell to Open", "call", 450))

    assert len(naked(subject)) == 1


def test_shorts_the_holdings_cover_are_not_naked() -> None:
    subject = order(option("Sell to Open", "call", 460), effect="Credit")
    usage = RiskUsage(covered_short_symbols=frozenset({occ("call", 460)}))

    assert naked(subject, usage) == []


def test_uncovered_short_legs_lists_legs_with_their_contracts() -> None:
    subject = order(option("Buy to Open", "call", 440), option("Sell to Open", "call", 450, 3))

    [(leg, left)] = uncovered_short_legs(subject)

    assert leg.strike == 450 and left == 2


# --- cover from the account's holdings ---------------------------------------------------------


def held(kind: str | None, quantity: int, strike: int = 450, expiration: date = JUNE) -> Holding:
    if kind is None:
        return Holding("SPY", D(quantity))
    return Holding(occ(kind, strike, expiration), D(quantity), kind, expiration)


SHORT_CALL_460 = order(option("Sell to Open", "call", 460), effect="Credit")


def test_held_shares_cover_a_short_call() -> None:
    assert covered_short_symbols(SHORT_CALL_460, [held(None, 100)]) == {occ("call", 460)}


def test_too_few_shares_cover_nothing() -> None:
    assert covered_short_symbols(SHORT_CALL_460, [held(None, 99)]) == frozenset()


def test_shares_already_covering_a_short_call_are_used_up() -> None:
    holdings = [held(None, 100), held("call", -1, 470)]

    assert covered_short_symbols(SHORT_CALL_460, holdings) == frozenset()


def test_a_held_long_call_of_a_later_expiration_covers() -> None:
    holdings = [held("call", 1, 470, JULY)]

    assert covered_short_symbols(SHORT_CALL_460, holdings) == {occ("call", 460)}


def test_a_held_long_call_expiring_first_does_not_cover() -> None:
    subject = order(option("Sell to Open", "call", 460, expiration=JULY), effect="Credit")

    assert covered_short_symbols(subject, [held("call", 1, 470, JUNE)]) == frozenset()


def test_selling_the_covering_long_in_the_same_order_leaves_the_short_naked() -> None:
    subject = order(
        option("Sell to Close", "call", 470, expiration=JULY),
        option("Sell to Open", "call", 460), effect="Credit",
    )  # fmt: skip

    assert covered_short_symbols(subject, [held("call", 1, 470, JULY)]) == frozenset()


def test_buying_back_a_short_frees_the_shares_for_a_roll() -> None:
    roll = order(
        option("Buy to Close", "call", 450), option("Sell to Open", "call", 460, expiration=JULY)
    )
    holdings = [held(None, 100), held("call", -1, 450)]

    assert covered_short_symbols(roll, holdings) == {occ("call", 460, JULY)}


def test_held_long_puts_cover_short_puts_of_the_same_expiration() -> None:
    subject = order(option("Sell to Open", "put", 440, 2), effect="Credit")

    assert covered_short_symbols(subject, [held("put", 2, 430)]) == {occ("put", 440)}
    assert covered_short_symbols(subject, [held("put", 1, 430)]) == frozenset()


def test_cash_accounts_count_short_puts_as_cash_secured() -> None:
    subject = order(option("Sell to Open", "put", 440), effect="Credit")

    assert covered_short_symbols(subject, [], cash_secured_puts=True) == {occ("put", 440)}
    assert covered_short_symbols(SHORT_CALL_460, [], cash_secured_puts=True) == frozenset()


# --- auto-confirm ------------------------------------------------------------------------------

SMALL = OrderRisk(notional=D("150.00"), max_loss=D("150.00"), max_profit=None)


def test_auto_confirm_needs_the_trader_to_opt_in() -> None:
    assert not should_auto_confirm(SMALL, RiskLimits(), ())


def test_auto_confirm_up_to_the_threshold() -> None:
    assert should_auto_confirm(SMALL, RiskLimits(auto_confirm_threshold=D(150)), ())
    assert not should_auto_confirm(SMALL, RiskLimits(auto_confirm_threshold=D("149.99")), ())


def test_never_auto_confirm_with_a_breach() -> None:
    breach = Breach("max_contracts", "Max contracts is 1; this order has 2 (1 over).")

    assert not should_auto_confirm(SMALL, RiskLimits(auto_confirm_threshold=D(1000)), (breach,))


def test_never_auto_confirm_an_unbounded_loss() -> None:
    naked_call = OrderRisk(notional=D("5.00"), max_loss=None, max_profit=D("5.00"))

    assert not should_auto_confirm(naked_call, RiskLimits(auto_confirm_threshold=D(1000)), ())
