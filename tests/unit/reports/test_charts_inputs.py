"""What a trader types for a chart: periods, years, breakdowns, themes, a typed order with its
price, and the market it is valued in (quoted, given, or assumed and said so)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.environment import Environment
from services.errors import ValidationError
from services.reports.chart_data import (
    CHART_PERIOD_HELP,
    MarketInputs,
    accounts_label,
    breakdown_kind,
    chart_period,
    chart_year,
    group_reference,
    order_position,
    payoff_spec,
    strategy_title,
)
from services.reports.chart_data._payoff import parse_percent, parse_spot
from services.reports.charts import Theme, parse_theme
from services.strategies import LegSide, LegType

TODAY = date(2026, 3, 31)
NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)


class FakeQuotes:
    """A quote source that remembers what it was asked."""

    def __init__(self, inputs: MarketInputs) -> None:
        self.inputs = inputs
        self.asked: list[tuple[int, str]] = []

    async def market_inputs(self, discord_id: int, underlying: str) -> MarketInputs:
        self.asked.append((discord_id, underlying))
        return self.inputs


QUOTED = MarketInputs(spot=Decimal("451.20"), volatility=Decimal("0.1834"), rate=Decimal("0.0425"))


def test_periods_default_to_ytd_and_read_what_pnl_reads() -> None:
    assert chart_period(None, TODAY).label == "year to date"
    assert chart_period("last 30d", TODAY).start == date(2026, 3, 2)
    assert chart_period("2026-02", TODAY).end == date(2026, 2, 28)
    assert chart_period("all", TODAY).start is None


def test_a_range_of_dates_is_a_period_cut_at_today() -> None:
    period = chart_period("2026-01-01..2026-12-31", TODAY)

    assert (period.start, period.end) == (date(2026, 1, 1), TODAY)
    assert period.label == "2026-01-01 to 2026-03-31"
    assert chart_period("2025-01-01 to 2025-03-31", TODAY).end == date(2025, 3, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fortnight", "or a range like `2026-01-01..2026-03-31`"),
        ("9" * 200, "or a range like"),
        ("ytd ünïcode", "or a range like"),
        ("2026-03-31..2026-01-01", "end comes before its start"),
        ("2026-05-01..2026-06-01", "has started"),
        ("2026-02-30..2026-03-01", "real date"),
        ("2099", "Choose a year"),
    ],
)
def test_malformed_periods_are_refused_with_what_works(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        chart_period(text, TODAY)
    assert "range" in CHART_PERIOD_HELP


def test_the_calendar_takes_a_year() -> None:
    assert chart_year(None, TODAY) == 2026
    assert chart_year("year 2024", TODAY) == 2024
    assert chart_year("ytd", TODAY) == 2026
    for bad in ("2027", "1999", "march", "2026-03", "1" * 100):
        with pytest.raises(ValidationError):
            chart_year(bad, TODAY)


def test_breakdowns_and_themes() -> None:
    assert breakdown_kind(None) == "underlying"
    assert breakdown_kind("by Strategy") == "strategy"
    assert parse_theme(None) is Theme.DARK and parse_theme(" LIGHT ") is Theme.LIGHT
    with pytest.raises(ValidationError, match="underlying"):
        breakdown_kind("sector")
    with pytest.raises(ValidationError, match="dark"):
        parse_theme("neon" * 10)


def test_the_accounts_of_a_title() -> None:
    assert accounts_label(Environment.PRODUCTION, ["5WT00001"]) == "production · 5WT00001"
    many = [f"5WT0000{n}" for n in range(5)]
    assert accounts_label(Environment.SANDBOX, many) == "sandbox · 5 accounts"


@pytest.mark.parametrize(
    ("text", "expected"), [("452.10", "452.10"), ("$4,512", "4512"), (" 7 ", "7"), (None, None)]
)
def test_a_given_spot(text: str | None, expected: str | None) -> None:
    assert parse_spot(text) == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize("text", ["0", "-3", "abc", "nan", "inf", "1e999", "9" * 40, "2,000,000"])
def test_a_bad_spot_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="price as a number"):
        parse_spot(text)


def test_percentages_for_volatility_and_rate() -> None:
    bounds = (Decimal(1), Decimal(500))
    assert parse_percent("25", "volatility", bounds) == Decimal("0.25")
    assert parse_percent("18.5%", "volatility", bounds) == Decimal("0.185")
    assert parse_percent("", "volatility", bounds) is None
    for bad in ("0", "501", "NaN", "-inf", "x" * 50):
        with pytest.raises(ValidationError, match="percentage from 1 to 500"):
            parse_percent(bad, "volatility", bounds)


def test_an_order_becomes_legs_and_a_cash_flow() -> None:
    vertical = order_position("STO 2 SPY 12/18 445/450 PCS @ 1.60", today=NOW)
    single = order_position("BTO SPY 12/18 450C @ 2.15", today=NOW)
    shares = order_position("buy 100 shares of MSFT at 410", today=NOW)

    assert vertical.underlying == "SPY" and vertical.entry_cash_flow == Decimal("320.00")
    assert [(leg.side, leg.type, leg.strike) for leg in vertical.legs] == [
        (LegSide.LONG, LegType.PUT, Decimal(445)),
        (LegSide.SHORT, LegType.PUT, Decimal(450)),
    ]
    assert vertical.legs[0].expiration == date(2026, 12, 18)
    assert single.entry_cash_flow == Decimal("-215.00")
    assert shares.entry_cash_flow == Decimal("-41000")
    assert "SPY" in vertical.reading


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("anyone buying SPY calls?", "not an order I can draw"),
        ("STC 5 TSLA 250p 1/15 @3.40", "closes a position"),
        ("STO 1 SPX 4500/4490 PCS @ 2.10", "lacks expiration"),
        ("BTO SPY 12/18 450C @ 2.15 " + "x" * 400, "too long"),
        ("<@&1> @everyone", "not an order"),
    ],
)
def test_orders_that_cannot_be_drawn_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        order_position(text, today=NOW)


def test_a_group_is_named_by_its_number() -> None:
    assert group_reference("12") == 12 and group_reference(" #7 ") == 7
    assert group_reference("# 3") == 3
    for order in ("BTO SPY 12/18 450C", "12c", "-4", "1" * 11, ""):
        assert group_reference(order) is None


def test_a_strategy_is_named_from_the_catalog() -> None:
    condor = order_position("sell 1 SPY 12/18 440/445/460/465 iron condor @ 1.50", today=NOW)

    assert strategy_title(condor.legs) == "Iron condor"
    assert strategy_title(()) == "Custom position"


async def test_the_payoff_is_valued_in_the_quoted_market() -> None:
    quotes = FakeQuotes(QUOTED)

    spec = await payoff_spec(7, "BTO SPY 12/18 450C @ 2.15", quotes=quotes, now=NOW)

    assert quotes.asked == [(7, "SPY")]
    assert (spec.spot, spec.volatility, spec.rate) == (QUOTED.spot, QUOTED.volatility, QUOTED.rate)
    assert spec.entry_cash_flow == Decimal("-215.00") and spec.title == "Long call"
    assert spec.notes == ("Read as: Buy to open 1 SPY 2026-12-18 450 call @ 2.15 debit",)


async def test_what_the_trader_gives_wins_and_quotes_are_not_asked() -> None:
    quotes = FakeQuotes(QUOTED)

    spec = await payoff_spec(
        7,
        "BTO SPY 12/18 450C @ 2.15",
        quotes=quotes,
        now=NOW,
        spot="449",
        volatility="22",
        rate="0",
    )

    assert quotes.asked == []
    assert (spec.spot, spec.volatility, spec.rate) == (Decimal(449), Decimal("0.22"), Decimal(0))


async def test_without_a_quote_the_spot_is_asked_for_and_assumptions_are_said() -> None:
    nothing = FakeQuotes(MarketInputs())

    with pytest.raises(ValidationError, match="no price for SPY"):
        await payoff_spec(7, "BTO SPY 12/18 450C @ 2.15", quotes=nothing, now=NOW)
    spec = await payoff_spec(
        7, "buy 100 shares of MSFT at market", quotes=None, now=NOW, spot="410"
    )

    assert spec.volatility == Decimal("0.30") and spec.rate == Decimal("0.04")
    assert any("IV assumed 30%" in note for note in spec.notes)
    assert any("model price" in note for note in spec.notes)
