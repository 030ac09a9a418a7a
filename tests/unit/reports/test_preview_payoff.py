"""The payoff a preview shows: a resolved order as the legs it opens and what it pays or
receives at its limit; orders that close a position are not drawn."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from services.orders._model import ResolvedLeg, ResolvedOrder
from services.reports.chart_data import MarketInputs, order_payoff_chart
from services.reports.chart_data._payoff import resolved_position
from services.strategies import LegSide, LegType

EXPIRY = date(2027, 1, 15)
NOW = datetime(2026, 12, 2, 16, tzinfo=UTC)


def leg(action: str, quantity: int, kind: str | None, strike: str | None) -> ResolvedLeg:
    if kind is None:
        return ResolvedLeg("SPY", "Equity", action, Decimal(quantity))
    symbol = f"SPY   270115{kind[0].upper()}{int(Decimal(strike or 0) * 1000):08d}"
    return ResolvedLeg(
        symbol, "Equity Option", action, Decimal(quantity), kind, Decimal(strike or 0), EXPIRY
    )


def order(
    *legs: ResolvedLeg, price: str | None = "1.00", effect: str | None = "Debit"
) -> ResolvedOrder:
    return ResolvedOrder(
        account_number="5WT00001",
        underlying="SPY",
        legs=legs,
        order_type="Limit" if price else "Market",
        price=Decimal(price) if price else None,
        price_effect=effect,
        time_in_force="Day",
    )


def test_a_long_call_pays_its_debit_per_contract() -> None:
    position = resolved_position(order(leg("Buy to Open", 10, "call", "600")))

    assert position is not None
    [only] = position.legs
    assert (only.type, only.side, only.quantity, only.strike) == (
        LegType.CALL,
        LegSide.LONG,
        Decimal(10),
        Decimal(600),
    )
    assert only.expiration == EXPIRY
    assert position.entry_cash_flow == Decimal("-1000.00")
    assert position.reading == "Buy to Open 10 × SPY 15 Jan 2027 600 call"


def test_a_credit_spread_receives_its_credit_once_per_spread() -> None:
    spread = order(
        leg("Sell to Open", 3, "put", "580"),
        leg("Buy to Open", 3, "put", "570"),
        price="2.10",
        effect="Credit",
    )

    position = resolved_position(spread)

    assert position is not None
    assert [(p.side, p.strike) for p in position.legs] == [
        (LegSide.SHORT, Decimal(580)),
        (LegSide.LONG, Decimal(570)),
    ]
    assert position.entry_cash_flow == Decimal("630.00")


def test_shares_pay_per_share_and_a_market_order_has_no_entry_price() -> None:
    shares = resolved_position(order(leg("Buy to Open", 100, None, None), price="601.50"))
    market = resolved_position(order(leg("Buy to Open", 1, "call", "600"), price=None, effect=None))

    assert shares is not None and shares.entry_cash_flow == Decimal("-60150.00")
    assert shares.legs[0].type is LegType.EQUITY
    assert market is not None and market.entry_cash_flow is None


def test_an_order_that_closes_a_position_is_not_drawn() -> None:
    assert resolved_position(order(leg("Sell to Close", 1, "call", "600"))) is None


class Quotes:
    async def market_inputs(self, discord_id: int, underlying: str) -> MarketInputs:
        return MarketInputs(spot=Decimal("601.20"), volatility=Decimal("0.18"))


async def test_the_preview_chart_is_a_png_named_after_the_strategy() -> None:
    spread = order(leg("Buy to Open", 1, "call", "600"), leg("Sell to Open", 1, "call", "610"))

    chart = await order_payoff_chart(7, spread, quotes=Quotes(), now=NOW)

    assert chart is not None
    assert chart.png.startswith(b"\x89PNG")
    assert "call spread" in chart.summary.lower()
    assert (
        await order_payoff_chart(
            7, order(leg("Sell to Close", 1, "call", "600")), quotes=Quotes(), now=NOW
        )
        is None
    )
