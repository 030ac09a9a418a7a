"""The market-moved rule between a preview and its confirmation, on hand-computed markets: a
long call, a cheap option held to the $0.05 floor, a credit spread, a ratio spread, stock, the
underlying's 1%, missing quotes, the message and the JSON kept on the request."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.orders._model import ResolvedLeg, ResolvedOrder
from services.orders.market import Quote
from services.orders.market_moves import (
    NET,
    MarketMove,
    MarketMovePolicy,
    QuotedMarket,
    market_from_quotes,
    market_moves,
    moved_message,
    net_price,
    quoted_market,
)

D = Decimal
JUNE = date(2025, 6, 20)
POLICY = MarketMovePolicy()


def occ(kind: str, strike: int, root: str = "SPY") -> str:
    return f"{root:<6}{JUNE:%y%m%d}{'C' if kind == 'call' else 'P'}{strike * 1000:08d}"


def option(
    action: str, kind: str, strike: int, quantity: int = 1, root: str = "SPY"
) -> ResolvedLeg:
    return ResolvedLeg(
        occ(kind, strike, root),
        "Equity Option",
        action,
        D(quantity),
        option_type=kind,
        strike=D(strike),
        expiration=JUNE,
    )


def market(underlying: str | None = None, symbol: str = "SPY", **legs: str) -> QuotedMarket:
    """A market: ``legs`` by keyword ``c600`` / ``p5450`` (call/put and strike)."""
    prices = {occ("call" if k[0] == "c" else "put", int(k[1:])): D(v) for k, v in legs.items()}
    return QuotedMarket(symbol, None if underlying is None else D(underlying), prices)


def spx_market(**legs: str) -> QuotedMarket:
    prices = {occ("put", int(k[1:]), "SPX"): D(v) for k, v in legs.items()}
    return QuotedMarket("SPX", None, prices)


LONG_CALL = (option("Buy to Open", "call", 600, 10),)
# STO 10 SPX 5450/5400 PCS: sell the 5450 put, buy the 5400 put, a credit
PUT_CREDIT_SPREAD = (
    option("Sell to Open", "put", 5450, 10, "SPX"),
    option("Buy to Open", "put", 5400, 10, "SPX"),
)


# --- the net price ---------------------------------------------------------------------------


def test_net_price_is_per_unit_with_buys_positive() -> None:
    # 10 calls are 10 units of one call: the net is the call's price
    assert net_price(LONG_CALL, market(c600="2.00").leg_prices) == D("2.00")


def test_a_credit_spread_nets_negative() -> None:
    # -12.40 + 10.30 = -2.10: a 2.10 credit
    then = spx_market(p5450="12.40", p5400="10.30")
    assert net_price(PUT_CREDIT_SPREAD, then.leg_prices) == D("-2.10")


def test_a_ratio_spread_counts_each_leg_by_its_ratio() -> None:
    # buy 5 600 calls at 3.00, sell 10 610 calls at 1.20: units of 1x2, 3.00 - 2 x 1.20 = 0.60
    legs = (option("Buy to Open", "call", 600, 5), option("Sell to Open", "call", 610, 10))
    assert net_price(legs, market(c600="3.00", c610="1.20").leg_prices) == D("0.60")


def test_a_net_needs_every_leg_priced() -> None:
    assert net_price(PUT_CREDIT_SPREAD, spx_market(p5450="12.40").leg_prices) is None


# --- the net price's allowance: max(10% of the previewed net, 0.05) ----------------------------


def test_a_long_call_may_move_ten_percent_of_its_price() -> None:
    then = market(c600="2.00")  # allowance max(0.20, 0.05) = 0.20

    assert market_moves(LONG_CALL, then, market(c600="2.15"), POLICY) == ()
    assert market_moves(LONG_CALL, then, market(c600="2.20"), POLICY) == ()  # not more than
    assert market_moves(LONG_CALL, then, market(c600="1.80"), POLICY) == ()
    assert market_moves(LONG_CALL, then, market(c600="2.21"), POLICY) == (
        MarketMove(NET, D("2.00"), D("2.21")),
    )
    assert market_moves(LONG_CALL, then, market(c600="1.79"), POLICY) == (
        MarketMove(NET, D("2.00"), D("1.79")),
    )


def test_a_cheap_option_is_held_to_the_five_cent_floor() -> None:
    then = market(c600="0.30")  # 10% is 0.03: the allowance is 0.05

    assert market_moves(LONG_CALL, then, market(c600="0.35"), POLICY) == ()
    assert market_moves(LONG_CALL, then, market(c600="0.36"), POLICY) != ()


def test_a_credit_spread_moves_on_its_credit() -> None:
    then = spx_market(p5450="12.40", p5400="10.30")  # 2.10 credit, allowance 0.21

    # -12.80 + 10.50 = -2.30: 0.20 more credit, inside
    inside = spx_market(p5450="12.80", p5400="10.50")
    assert market_moves(PUT_CREDIT_SPREAD, then, inside, POLICY) == ()
    # -13.00 + 10.55 = -2.45: 0.35 more credit, past it
    richer = spx_market(p5450="13.00", p5400="10.55")
    assert market_moves(PUT_CREDIT_SPREAD, then, richer, POLICY) == (
        MarketMove(NET, D("-2.10"), D("-2.45")),
    )
    # -12.00 + 10.30 = -1.70: the credit shrank by 0.40
    poorer = spx_market(p5450="12.00", p5400="10.30")
    assert market_moves(PUT_CREDIT_SPREAD, then, poorer, POLICY) == (
        MarketMove(NET, D("-2.10"), D("-1.70")),
    )


def test_a_ratio_spread_uses_the_net_not_a_leg() -> None:
    legs = (option("Buy to Open", "call", 600, 5), option("Sell to Open", "call", 610, 10))
    then = market(c600="3.00", c610="1.20")  # 0.60 debit, allowance max(0.06, 0.05) = 0.06

    # both legs up: 3.30 - 2 x 1.35 = 0.60, unchanged although each leg moved 10%
    assert market_moves(legs, then, market(c600="3.30", c610="1.35"), POLICY) == ()
    # 3.10 - 2.40 = 0.70: 0.10 more
    assert market_moves(legs, then, market(c600="3.10", c610="1.20"), POLICY) == (
        MarketMove(NET, D("0.60"), D("0.70")),
    )


def test_stock_is_priced_per_share() -> None:
    legs = (ResolvedLeg("MSFT", "Equity", "Buy to Open", D(100)),)
    then = QuotedMarket("MSFT", D("400.00"), {"MSFT": D("400.00")})
    now = QuotedMarket("MSFT", D("405.00"), {"MSFT": D("405.00")})

    # 5.00 is inside 10% of the price but past 1% of the underlying (4.00)
    assert market_moves(legs, then, now, POLICY) == (MarketMove("MSFT", D("400.00"), D("405.00")),)


# --- the underlying's allowance: 1% ---------------------------------------------------------


def test_the_underlying_may_move_one_percent() -> None:
    then = market("600.10")  # 1% is 6.001

    assert market_moves(LONG_CALL, then, market("606.10"), POLICY) == ()
    assert market_moves(LONG_CALL, then, market("594.10"), POLICY) == ()
    assert market_moves(LONG_CALL, then, market("607.25"), POLICY) == (
        MarketMove("SPY", D("600.10"), D("607.25")),
    )
    assert market_moves(LONG_CALL, then, market("594.05"), POLICY) == (
        MarketMove("SPY", D("600.10"), D("594.05")),
    )


def test_both_moves_are_reported_underlying_first() -> None:
    moves = market_moves(
        LONG_CALL, market("600.10", c600="2.00"), market("607.25", c600="5.00"), POLICY
    )

    assert [move.what for move in moves] == ["SPY", NET]


def test_a_policy_sets_the_thresholds() -> None:
    loose = MarketMovePolicy(underlying_fraction=D("0.05"), net_fraction=D("1"))
    then, now = market("600.10", c600="2.00"), market("607.25", c600="3.50")

    assert market_moves(LONG_CALL, then, now, loose) == ()
    assert len(market_moves(LONG_CALL, then, now, POLICY)) == 2


def test_what_is_missing_on_either_side_is_not_compared() -> None:
    then = market("600.10", c600="2.00")

    assert market_moves(LONG_CALL, then, market(), POLICY) == ()
    assert market_moves(LONG_CALL, market(), market("700", c600="9.00"), POLICY) == ()
    assert market_moves(PUT_CREDIT_SPREAD, spx_market(p5450="12.40"), spx_market(), POLICY) == ()


# --- the message -------------------------------------------------------------------------------


def test_the_message_says_what_moved_from_what_to_what() -> None:
    underlying = MarketMove("SPY", D("600.1"), D("607.25"))
    credit = MarketMove(NET, D("-2.10"), D("-2.45"))

    assert moved_message([underlying]) == (
        "SPY moved from 600.10 to 607.25 since the preview; nothing was sent. "
        "Send the order again for a fresh preview."
    )
    assert moved_message([credit]).startswith(
        "The order's price at the market moved from 2.10 credit to 2.45 credit since the preview"
    )
    assert moved_message([underlying, credit]).startswith(
        "SPY moved from 600.10 to 607.25 and the order's price at the market moved from "
        "2.10 credit to 2.45 credit since the preview; nothing was sent."
    )
    assert "from 0.20 debit to 0.10 credit" in moved_message([MarketMove(NET, D("0.2"), D("-0.1"))])
    # a mark is often a half-cent mid: cents from a dollar up, every digit below
    assert moved_message([MarketMove("SPY", D("613.975"), D("626.2549"))]).startswith(
        "SPY moved from 613.98 to 626.25 since"
    )
    assert "from 0.325 debit to 0.40 debit" in moved_message(
        [MarketMove(NET, D("0.325"), D("0.4"))]
    )


# --- the market kept on the request ------------------------------------------------------------


def _order(*legs: ResolvedLeg) -> ResolvedOrder:
    return ResolvedOrder("5WT00001", "SPY", legs, "Limit", D("2.00"), "Debit", "Day")


def test_the_preview_keeps_the_legs_prices_and_the_underlying_as_json() -> None:
    call = occ("call", 600)
    kept = quoted_market(_order(*LONG_CALL), D("600.10"), {"SPY": D("600.10"), call: D("2.005")})

    assert kept == QuotedMarket("SPY", D("600.10"), {call: D("2.005")})
    assert kept.to_json() == {
        "underlying": "SPY",
        "underlying_price": "600.10",
        "legs": {call: "2.005"},
    }
    assert QuotedMarket.from_json(kept.to_json()) == kept


def test_no_market_data_keeps_nothing() -> None:
    assert quoted_market(_order(*LONG_CALL), None, {}) is None
    for stored in (None, {}, "x", {"underlying": "SPY"}, {"underlying": 3, "legs": {}}):
        assert QuotedMarket.from_json(stored) is None
    broken = {"underlying": "SPY", "underlying_price": "NaN", "legs": {"X": "bad", "Y": 2}}
    assert QuotedMarket.from_json(broken) is None


def test_the_market_now_comes_from_the_quotes_answer() -> None:
    call = occ("call", 600)
    answer = {
        "SPY": Quote("SPY", "Equity", D("600.00"), D("600.20"), D("600.10")),
        call: Quote(call, "Equity Option", D("1.95"), D("2.05"), None),
        occ("put", 600): Quote(occ("put", 600), "Equity Option", None, None, None),
    }

    now = market_from_quotes("SPY", answer)

    assert now.underlying_price == D("600.10")
    assert now.leg_prices == {"SPY": D("600.10"), call: D("2.00")}  # unpriced left out
