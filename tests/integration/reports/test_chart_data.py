"""The charts' loaders on a real database: a trader synced from the simulator (figures agree
with the P&L engine), hand-built balances (periods on New York dates, one point per day past
the limit), scope and tenant isolation, and quotes read with the trader's own grant."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from integration.portfolio.rows import account_of, balance
from integration.reports.conftest import OTHER, TRADER

from services.broker import broker_route
from services.db.models import BrokerAccount
from services.environment import Environment
from services.errors import NotFoundError
from services.parsing import exchange_today
from services.pnl import account_reports
from services.reports import chart_data
from services.reports.chart_data import (
    BrokerQuotes,
    breakdown_data,
    calendar_data,
    cumulative_pnl_data,
    equity_curve_data,
    group_position,
    payoff_chart,
    payoff_spec,
    pnl_chart,
)
from services.strategies.grouping import refresh_groups
from services.strategies.reports import group_detail, group_legs, list_groups
from services.vault import Vault
from simulator.server import RunningSimulator

TODAY = date(2026, 12, 2)


async def realized_in(discord_id: int, start: date | None, end: date) -> Decimal:
    reports = await account_reports(discord_id)
    return sum((item.report.for_period(start, end).realized for item in reports), start=Decimal(0))


async def test_cumulative_pnl_is_the_engines_realized_pnl_per_account(synced: int) -> None:
    data = await cumulative_pnl_data(synced, "all", today=TODAY)

    total = sum((sum(daily.values()) for daily in data.daily_by_account.values()), Decimal(0))
    assert total == await realized_in(synced, None, TODAY)
    assert set(data.daily_by_account) <= {"5WT00001", "5WT00002", "5WT00003"}
    assert data.scope.period_label == "all time"
    assert data.scope.accounts_label == "production · 5WT00001, 5WT00002, 5WT00003"


async def test_breakdown_and_calendar_add_up_to_the_same_pnl(synced: int) -> None:
    bars = await breakdown_data(synced, "all", today=TODAY)
    closed_days = (await cumulative_pnl_data(synced, "all", today=TODAY)).daily_by_account
    year = max(day.year for daily in closed_days.values() for day in daily)
    year_end = min(date(year, 12, 31), TODAY)

    calendar = await calendar_data(synced, str(year), today=TODAY)

    assert sum((amount for _, amount in bars.rows), Decimal(0)) == await realized_in(
        synced, None, TODAY
    )
    assert sum(calendar.daily.values(), Decimal(0)) == await realized_in(
        synced, date(year, 1, 1), year_end
    )
    assert all(day.year == year for day in calendar.daily)


async def test_one_account_and_a_range_narrow_the_chart(synced: int) -> None:
    data = await cumulative_pnl_data(synced, "all", today=TODAY, account="5wt00002")
    days = sorted(day for daily in data.daily_by_account.values() for day in daily)
    start, end = days[0], days[-1]

    ranged = await cumulative_pnl_data(
        synced, f"{start:%Y-%m-%d}..{start:%Y-%m-%d}", today=TODAY, account="5WT00002"
    )

    assert list(data.daily_by_account) == ["5WT00002"]
    assert data.scope.accounts_label == "production · 5WT00002"
    assert ranged.start == ranged.end == start and end >= start
    assert list(ranged.daily_by_account["5WT00002"]) == [start]


async def test_the_charts_render_from_the_synced_history(synced: int) -> None:
    chart = await pnl_chart(synced, "all", today=TODAY)

    assert chart.png.startswith(b"\x89PNG") and chart.summary.startswith("Cumulative realized")


async def test_equity_is_read_from_the_balance_snapshots_of_each_sync(synced: int) -> None:
    account = await BrokerAccount.get(
        trader__discord_id=synced, environment=Environment.PRODUCTION, account_number="5WT00001"
    )
    assert account.last_synced_at is not None
    await balance(account, account.last_synced_at - timedelta(days=2), "1000")

    # the sync stamps its balances with the time it ran: "all" reaches that day
    data = await equity_curve_data(synced, "all", today=exchange_today(account.last_synced_at))

    assert set(data.by_account) == {"5WT00001", "5WT00002", "5WT00003"}
    first, latest = data.by_account["5WT00001"]
    assert first[1] == Decimal("1000") and latest[0] == account.last_synced_at


async def test_balances_count_by_their_new_york_date(database: str) -> None:
    account = await account_of(TRADER, "5WT00001", Environment.PRODUCTION)
    await balance(account, datetime(2026, 3, 1, 3, 0, tzinfo=UTC), "100")  # Feb 28 in New York
    await balance(account, datetime(2026, 3, 2, 21, 0, tzinfo=UTC), "110")
    await balance(account, datetime(2026, 3, 31, 21, 0, tzinfo=UTC), "120")
    await balance(account, datetime(2026, 4, 1, 3, 0, tzinfo=UTC), "130")  # Mar 31 in New York

    data = await equity_curve_data(TRADER, "2026-03", today=TODAY)

    assert [value for _, value in data.by_account["5WT00001"]] == [
        Decimal(110),
        Decimal(120),
        Decimal(130),
    ]


async def test_past_the_limit_each_day_keeps_its_last_balance(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chart_data._history, "MAX_POINTS_PER_ACCOUNT", 3)
    account = await account_of(TRADER, "5WT00001", Environment.PRODUCTION)
    for day, hours in ((2, (15, 18, 21)), (3, (15, 21))):
        for hour in hours:
            await balance(account, datetime(2026, 3, day, hour, tzinfo=UTC), f"{day}{hour}")

    data = await equity_curve_data(TRADER, "2026-03", today=TODAY)

    assert [value for _, value in data.by_account["5WT00001"]] == [Decimal(221), Decimal(321)]


async def test_nothing_to_chart_says_so(database: str) -> None:
    await account_of(TRADER, "5WT00001", Environment.PRODUCTION)

    with pytest.raises(NotFoundError, match="No closed trades in year to date yet"):
        await cumulative_pnl_data(TRADER, "ytd", today=TODAY)
    with pytest.raises(NotFoundError, match="No closed trades in 2025 yet"):
        await calendar_data(TRADER, "2025", today=TODAY)
    with pytest.raises(NotFoundError, match="Fewer than two balances"):
        await equity_curve_data(TRADER, "ytd", today=TODAY)


async def test_a_sandbox_only_trader_charts_the_sandbox(database: str) -> None:
    account = await account_of(TRADER, "5WZ00001", Environment.SANDBOX)
    await balance(account, datetime(2026, 3, 2, 21, tzinfo=UTC), "100")
    await balance(account, datetime(2026, 3, 3, 21, tzinfo=UTC), "101")

    data = await equity_curve_data(TRADER, "2026-03", today=TODAY)

    assert data.scope.accounts_label == "sandbox · 5WZ00001"


async def test_another_trader_reads_nothing(synced: int) -> None:
    for load in (cumulative_pnl_data, equity_curve_data, breakdown_data):
        with pytest.raises(NotFoundError, match="no synced accounts yet"):
            await load(OTHER, "all", today=TODAY)
        with pytest.raises(NotFoundError, match="no synced account 5WT00001"):
            await load(OTHER, "all", today=TODAY, account="5WT00001")


async def test_quotes_come_through_the_traders_own_grant(
    synced: int, vault: Vault, sim: RunningSimulator
) -> None:
    quotes = BrokerQuotes(vault, broker_route(sim.url, demo_mode=True))

    spy = await quotes.market_inputs(synced, "spy")
    unknown = await quotes.market_inputs(synced, "ZZZZ")
    future = await quotes.market_inputs(synced, "/ES")
    stranger = await quotes.market_inputs(OTHER, "SPY")

    assert spy.spot is not None and spy.spot > 0
    assert spy.volatility is not None and 0 < spy.volatility < 5
    assert spy.rate is not None and 0 <= spy.rate < 1
    assert unknown.spot is None and future.spot is None and stranger.spot is None


async def test_a_payoff_is_drawn_in_the_quoted_market(
    synced: int, vault: Vault, sim: RunningSimulator
) -> None:
    quotes = BrokerQuotes(vault, broker_route(sim.url, demo_mode=True))
    now = datetime(2026, 12, 2, 15, tzinfo=UTC)

    chart = await payoff_chart(synced, "STO 2 SPY 12/18 445/450 PCS @ 1.60", quotes=quotes, now=now)

    assert chart.png.startswith(b"\x89PNG")
    assert chart.summary.startswith("Bull put spread on SPY at 2026-12-18 expiration")
    assert "max profit +$320.00" in chart.summary and "max loss -$680.00" in chart.summary


async def test_pnl_by_strategy_adds_up_to_the_engines_realized_pnl(synced: int) -> None:
    await refresh_groups(synced)

    data = await breakdown_data(synced, "all", "strategy", today=TODAY)

    assert data.what == "strategy"
    assert data.scope.accounts_label == "production · 5WT00001, 5WT00002, 5WT00003"
    assert sum((amount for _, amount in data.rows), Decimal(0)) == await realized_in(
        synced, None, TODAY
    )
    assert len(data.rows) > 1


async def test_a_groups_payoff_holds_its_open_legs_at_their_fill_prices(
    synced: int, vault: Vault, sim: RunningSimulator
) -> None:
    await refresh_groups(synced)
    drawable = [
        summary
        for summary in await list_groups(synced, status="open")
        if await group_legs(synced, summary.id)
    ]
    group = drawable[0]
    detail = await group_detail(synced, group.id)
    expected = Decimal(0)
    for lot in detail.lots:
        if lot.open_quantity > 0:
            assert lot.open_price is not None
            size = 1 if lot.symbol == group.underlying else 100
            sign = -1 if lot.side.value == "long" else 1
            expected += sign * lot.open_quantity * lot.open_price * size
    quotes = BrokerQuotes(vault, broker_route(sim.url, demo_mode=True))

    position = await group_position(synced, group.id)
    spec = await payoff_spec(synced, f"#{group.id}", quotes=quotes, now=datetime.now(UTC))

    assert position.legs == detail.open_legs and position.entry_cash_flow == expected
    assert spec.legs == detail.open_legs and spec.spot > 0
    assert spec.title == (group.name or group.user_type or group.strategy_name)
    with pytest.raises(NotFoundError, match=f"no strategy group #{group.id}"):
        await group_position(OTHER, group.id)
