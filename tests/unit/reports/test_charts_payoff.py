"""Payoff figures checked by hand: break-evens, max profit and loss (unbounded said so) of
verticals, an iron condor, single options, shares and a covered call; calendars searched
numerically; an order without a price entered at the model value; what cannot be drawn."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.errors import ValidationError
from services.reports.charts import PayoffSpec, analyze_payoff
from services.reports.charts._payoff_math import horizon, payoff_curves, position_value
from services.strategies import Leg, LegSide, LegType

NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)
EXPIRY = date(2026, 4, 17)
LATER = date(2026, 5, 15)
LONG, SHORT = LegSide.LONG, LegSide.SHORT
CALL, PUT, EQUITY = LegType.CALL, LegType.PUT, LegType.EQUITY


def leg(
    kind: LegType,
    side: LegSide,
    strike: int | None,
    quantity: int = 1,
    expiry: date | None = EXPIRY,
) -> Leg:
    if kind is EQUITY:
        return Leg(kind, side, Decimal(quantity))
    return Leg(kind, side, Decimal(quantity), Decimal(strike), expiry)


def spec(legs: tuple[Leg, ...], entry: str | None, spot: str = "452") -> PayoffSpec:
    return PayoffSpec(
        underlying="SPY",
        legs=legs,
        entry_cash_flow=None if entry is None else Decimal(entry),
        spot=Decimal(spot),
        volatility=Decimal("0.2"),
        rate=Decimal("0.04"),
        now=NOW,
    )


def test_bull_call_vertical() -> None:
    # buy the 450 call, sell the 455 call for 2.85: risk 285, reward 500 - 285 = 215
    result = analyze_payoff(spec((leg(CALL, LONG, 450), leg(CALL, SHORT, 455)), "-285"))

    assert result.break_evens == (Decimal("452.85"),)
    assert result.max_profit == Decimal("215.00")
    assert result.max_loss == Decimal("-285.00")
    assert result.exact and result.expiration == EXPIRY


def test_bull_put_credit_vertical_of_two_units() -> None:
    # sell 2 of the 450/445 put spread for 1.60: credit 320, risk 2 x 500 - 320 = 680
    legs = (leg(PUT, SHORT, 450, 2), leg(PUT, LONG, 445, 2))

    result = analyze_payoff(spec(legs, "320"))

    assert result.break_evens == (Decimal("448.40"),)
    assert (result.max_profit, result.max_loss) == (Decimal("320.00"), Decimal("-680.00"))


def test_iron_condor() -> None:
    # 440/445 puts and 460/465 calls for a 1.50 credit: break-evens 445 - 1.50 and 460 + 1.50
    legs = (
        leg(PUT, LONG, 440),
        leg(PUT, SHORT, 445),
        leg(CALL, SHORT, 460),
        leg(CALL, LONG, 465),
    )

    result = analyze_payoff(spec(legs, "150"))

    assert result.break_evens == (Decimal("443.50"), Decimal("461.50"))
    assert result.max_profit == Decimal("150.00")
    assert result.max_loss == Decimal("-350.00")


def test_long_call_profit_is_unbounded() -> None:
    result = analyze_payoff(spec((leg(CALL, LONG, 450),), "-215"))

    assert result.break_evens == (Decimal("452.15"),)
    assert result.max_profit is None and result.max_loss == Decimal("-215.00")


def test_short_call_loss_is_unbounded() -> None:
    result = analyze_payoff(spec((leg(CALL, SHORT, 460),), "300"))

    assert result.break_evens == (Decimal("463.00"),)
    assert result.max_profit == Decimal("300.00") and result.max_loss is None


def test_short_put_loses_at_most_the_strike_less_the_credit() -> None:
    result = analyze_payoff(spec((leg(PUT, SHORT, 190, 2),), "270", spot="195"))

    assert result.break_evens == (Decimal("188.65"),)
    assert result.max_profit == Decimal("270.00")
    assert result.max_loss == Decimal("-37730.00")  # (190 - 1.35) x 200, if the stock goes to 0


def test_shares_and_a_covered_call() -> None:
    shares = analyze_payoff(spec((leg(EQUITY, LONG, None, 100),), "-40000", spot="400"))
    covered = analyze_payoff(
        spec((leg(EQUITY, LONG, None, 100), leg(CALL, SHORT, 410)), "-39500", spot="400")
    )

    assert shares.break_evens == (Decimal("400.00"),) and shares.expiration is None
    assert shares.max_profit is None and shares.max_loss == Decimal("-40000.00")
    assert covered.break_evens == (Decimal("395.00"),)
    assert covered.max_profit == Decimal("1500.00") and covered.max_loss == Decimal("-39500.00")


def test_a_calendar_is_searched_and_its_break_evens_are_zeros_of_the_curve() -> None:
    legs = (leg(CALL, SHORT, 450), leg(CALL, LONG, 450, expiry=LATER))
    calendar = spec(legs, "-350")

    result = analyze_payoff(calendar)

    assert not result.exact and len(result.break_evens) == 2
    low, high = result.break_evens
    assert low < Decimal(450) < high
    for price in result.break_evens:
        pnl = -350 + position_value(calendar, float(price), horizon(calendar))
        assert abs(pnl) < 1.0  # within a cent of the price, a dollar of P&L at most
    assert result.max_profit is not None and result.max_profit > 0
    assert result.max_loss == Decimal("-350.00")  # far from the strike both calls are worth ~0


def test_no_price_enters_at_the_model_value() -> None:
    result = analyze_payoff(spec((leg(CALL, LONG, 450), leg(CALL, SHORT, 455)), None))

    assert result.entry_is_model and result.entry_cash_flow < 0
    assert result.pnl_now == Decimal("0.00")


def test_the_curves_cover_the_strikes_and_today_meets_the_spot() -> None:
    vertical = spec((leg(CALL, LONG, 450), leg(CALL, SHORT, 455)), "-285")
    result = analyze_payoff(vertical)

    curves = payoff_curves(vertical, result)

    assert {450.0, 455.0} <= set(curves.prices)
    assert curves.prices[0] < 450 and curves.prices[-1] > 455
    assert min(curves.at_expiration) == pytest.approx(-285)
    assert max(curves.at_expiration) == pytest.approx(215)
    assert all(-285 <= value <= 215 for value in curves.today)  # a vertical stays inside


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"legs": ()}, "no leg"),
        ({"legs": (Leg(CALL, LONG, Decimal(1), Decimal(450)),)}, "strike and an expiration"),
        ({"legs": (Leg(CALL, LONG, Decimal(0), Decimal(450), EXPIRY),)}, "quantity"),
        ({"legs": (Leg(PUT, LONG, Decimal(1), Decimal(-5), EXPIRY),)}, "above zero"),
        ({"legs": tuple(leg(CALL, LONG, 400 + n) for n in range(9))}, "at most 8 legs"),
        ({"spot": Decimal(0)}, "price must be above zero"),
        ({"volatility": Decimal(0)}, "volatility"),
        ({"volatility": Decimal(6)}, "volatility"),
        ({"rate": Decimal("0.5")}, "interest rate"),
    ],
)
def test_what_cannot_be_drawn_is_refused(changes: dict[str, object], message: str) -> None:
    base = spec((leg(CALL, LONG, 450),), "-215")
    fields = {name: getattr(base, name) for name in base.__dataclass_fields__}
    fields.update(changes)

    with pytest.raises(ValidationError, match=message):
        analyze_payoff(PayoffSpec(**fields))  # type: ignore[arg-type]
