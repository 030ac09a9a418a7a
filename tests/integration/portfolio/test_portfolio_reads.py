"""The portfolio read model against hand-built rows (figures worked out in each docstring) and
against a trader synced from the simulator (compared with the simulator's ground truth)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from integration.portfolio.rows import (
    OTHER,
    TRADER,
    account_of,
    balance,
    position,
    store,
    wire_trade,
)

from services.db.models import BrokerAccount, Position
from services.environment import Environment
from services.errors import NotFoundError, ValidationError
from services.portfolio import (
    NOT_LINKED,
    STRATEGY_LATER,
    TransactionFilter,
    closed_trades,
    dashboard,
    pnl_summary,
    positions_page,
    transactions_page,
)
from services.portfolio.reads import TRANSACTIONS_PER_PAGE
from simulator.server import RunningSimulator

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)  # 10:00 in New York
TODAY = date(2026, 11, 18)


def at(day: str, hour: int = 15) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@pytest.fixture
async def book(database: str) -> dict[str, BrokerAccount]:
    """Two production accounts and a sandbox one for TRADER.

    P1 trades (commission $1.00 a fill):
      2025-06-01 buy 1 IBM @100, 2025-07-01 sell @120: +20 - 2 = +18.00 (2025)
      2026-01-05 buy 1 MSFT @300, 2026-02-10 sell @290: -10 - 2 = -12.00 (February)
      2026-10-01 buy 10 AAPL @100 (fee 1.00, 0.10 a share)
      2026-11-03 sell 2 AAPL @105: +10 - 0.20 - 1.00 = +8.80
      2026-11-18 sell 4 AAPL @110: +40 - 0.40 - 1.00 = +38.60 (today)
    So today +38.60, month to date +47.40, year to date +35.40; 4 AAPL stay open at a mark
    of 120: unrealized = 4 x 120 - (400 + 0.40) = +79.60.
    P1 balances: 10,000 (Nov 17), 10,100 at 04:30 UTC Nov 18 (23:30 Nov 17 in New York, so
    still yesterday), 10,250 now: day change +150. P2 has only today's balance (n/a).
    """
    p1 = await account_of(TRADER, "5WT00001", Environment.PRODUCTION)
    p2 = await account_of(TRADER, "5WT00002", Environment.PRODUCTION)
    s1 = await account_of(TRADER, "5WZ00001", Environment.SANDBOX)
    fills = [
        (1, "Buy to Open", "IBM", "1", "100", at("2025-06-01")),
        (2, "Sell to Close", "IBM", "1", "120", at("2025-07-01")),
        (3, "Buy to Open", "MSFT", "1", "300", at("2026-01-05")),
        (4, "Sell to Close", "MSFT", "1", "290", at("2026-02-10")),
        (5, "Buy to Open", "AAPL", "10", "100", at("2026-10-01")),
        (6, "Sell to Close", "AAPL", "2", "105", at("2026-11-03")),
        (7, "Sell to Close", "AAPL", "4", "110", at("2026-11-18", 14)),
    ]
    for tastytrade_id, action, symbol, quantity, price, when in fills:
        await store(
            p1, wire_trade(tastytrade_id, "5WT00001", action, symbol, quantity, price, when)
        )
    await store(s1, wire_trade(1, "5WZ00001", "Buy to Open", "TSLA", "1", "200", at("2026-11-01")))
    await store(
        s1, wire_trade(2, "5WZ00001", "Sell to Close", "TSLA", "1", "900", at("2026-11-18", 13))
    )
    await balance(p1, at("2026-11-17", 20), "10000")
    await balance(p1, datetime(2026, 11, 18, 4, 30, tzinfo=UTC), "10100")
    await balance(p1, at("2026-11-18", 14), "10250")
    await balance(p2, at("2026-11-18", 14), "5000")
    await balance(s1, at("2026-11-18", 14), "100000")
    await position(p1, "AAPL", "4", "100", "120")
    await position(p2, "SPY   261218P00600000", "-1", "4", "5", multiplier=100)
    stale = NOW - timedelta(days=2)
    await position(p1, "TSLA", "3", "1", "1")  # current, then moved to an older snapshot
    await Position.filter(account=p1, symbol="TSLA").update(as_of=stale)
    return {"p1": p1, "p2": p2, "s1": s1}


async def test_dashboard_figures_per_account_and_totals(book: dict[str, BrokerAccount]) -> None:
    board = await dashboard(TRADER, now=NOW)

    p1, p2, s1 = board.accounts
    assert (p1.account_number, p2.account_number, s1.account_number) == (
        "5WT00001",
        "5WT00002",
        "5WZ00001",
    )
    assert p1.net_liquidating_value == Decimal("10250") and p1.buying_power == Decimal("5125")
    assert p1.day_change == Decimal("150")
    assert p2.day_change is None  # no balance before today: n/a, not a guess
    assert p1.pnl is not None
    assert (p1.pnl.today, p1.pnl.month_to_date, p1.pnl.year_to_date) == (
        Decimal("38.60"),
        Decimal("47.40"),
        Decimal("35.40"),
    )
    assert p1.pnl.unrealized == Decimal("79.60")
    production, sandbox = board.totals
    assert production.environment is Environment.PRODUCTION and production.accounts == 2
    assert production.net_liquidating_value == Decimal("15250")
    assert production.day_change == Decimal("150")
    assert production.pnl is not None and production.pnl.today == Decimal("38.60")
    assert sandbox.net_liquidating_value == Decimal("100000")  # never added to real money
    assert sandbox.pnl is not None and sandbox.pnl.today == Decimal("698.00")
    assert [line.symbol for line in board.largest_positions] == [
        "SPY   261218P00600000",
        "AAPL",
    ]  # |-500| before |480|; the stale TSLA snapshot is not current
    assert [(line.account_number, line.tastytrade_id) for line in board.recent_transactions] == [
        ("5WT00001", 7),  # Nov 18, 14:00
        ("5WZ00001", 2),  # Nov 18, 13:00
        ("5WT00001", 6),  # Nov 3
        ("5WZ00001", 1),  # Nov 1
        ("5WT00001", 5),  # Oct 1
    ]
    assert board.last_synced_at == book["p1"].last_synced_at


async def test_day_change_is_na_everywhere_without_an_earlier_balance(database: str) -> None:
    account = await account_of(TRADER, "5WT00001", Environment.PRODUCTION)
    await balance(account, at("2026-11-18", 14), "1000")

    board = await dashboard(TRADER, now=NOW)

    assert board.accounts[0].day_change is None and board.totals[0].day_change is None
    assert board.recent_transactions == () and board.largest_positions == ()


async def test_closed_trades_by_period(book: dict[str, BrokerAccount]) -> None:
    today = await closed_trades(TRADER, "today", today=TODAY)
    everything = await closed_trades(TRADER, "all", today=TODAY)
    last_year = await closed_trades(TRADER, "year 2025", today=TODAY)

    assert [(lot.symbol, lot.quantity, lot.realized) for lot in today.lots] == [
        ("AAPL", Decimal("4"), Decimal("38.60"))
    ]
    assert today.scope.environment is Environment.PRODUCTION  # the sandbox TSLA is not mixed in
    assert [lot.close_transaction_id for lot in everything.lots] == [7, 6, 4, 2]
    assert everything.realized == Decimal("53.40")
    assert [lot.symbol for lot in last_year.lots] == ["IBM"]
    page = everything.page(1)
    assert page.total == 4 and page.pages == 1
    with pytest.raises(ValidationError):
        everything.page(2)


async def test_sandbox_trades_when_asked_by_account(book: dict[str, BrokerAccount]) -> None:
    sandbox = await closed_trades(TRADER, "month", today=TODAY, account="5wz00001")

    assert sandbox.scope.environment is Environment.SANDBOX
    assert [(lot.symbol, lot.realized) for lot in sandbox.lots] == [("TSLA", Decimal("698.00"))]


async def test_pnl_by_underlying_and_by_month(book: dict[str, BrokerAccount]) -> None:
    by_underlying = await pnl_summary(TRADER, "ytd", "underlying", today=TODAY)
    by_month = await pnl_summary(TRADER, "all", "by month", today=TODAY)

    assert by_underlying.realized == Decimal("35.40")
    assert by_underlying.groups == (("AAPL", Decimal("47.40")), ("MSFT", Decimal("-12.00")))
    assert (by_underlying.winners, by_underlying.losers, by_underlying.closed_lots) == (2, 1, 3)
    assert by_underlying.fees == Decimal("5.00")  # every 2026 fill's commission, open or closed
    assert by_underlying.unrealized == Decimal("79.60")
    assert by_month.groups == (
        ("2025-07", Decimal("18.00")),
        ("2026-02", Decimal("-12.00")),
        ("2026-11", Decimal("47.40")),
    )


async def test_pnl_by_strategy_says_it_is_not_there_yet(book: dict[str, BrokerAccount]) -> None:
    with pytest.raises(ValidationError) as refused:
        await pnl_summary(TRADER, "ytd", "strategy", today=TODAY)

    assert refused.value.user_message == STRATEGY_LATER
    with pytest.raises(ValidationError, match="Group by"):
        await pnl_summary(TRADER, "ytd", "sector", today=TODAY)


async def test_positions_filter_sort_and_refuse_hostile_symbols(
    book: dict[str, BrokerAccount],
) -> None:
    every = await positions_page(TRADER)
    spy = await positions_page(TRADER, "spy")

    assert [line.symbol for line in every.items] == ["SPY   261218P00600000", "AAPL"]
    assert every.items[1].open_gain == Decimal("80")  # 4 x (120 - 100), before fees
    assert [line.account_number for line in spy.items] == ["5WT00002"]
    assert (await positions_page(TRADER, "NVDA")).items == ()
    for hostile in ("<@&1>", "SPY; DROP", "x" * 40, "@everyone"):
        with pytest.raises(ValidationError):
            await positions_page(TRADER, hostile)
    with pytest.raises(ValidationError, match="page from 1 to 1"):
        await positions_page(TRADER, page=2)


async def test_transactions_filters(book: dict[str, BrokerAccount]) -> None:
    aapl = await transactions_page(TRADER, TransactionFilter(symbol="aapl"))
    sandbox = await transactions_page(TRADER, TransactionFilter(account_number="5WZ00001"))
    window = await transactions_page(
        TRADER, TransactionFilter(since=date(2026, 1, 1), until=date(2026, 2, 28))
    )
    trades = await transactions_page(TRADER, TransactionFilter(transaction_type="TRADE"))
    movements = await transactions_page(
        TRADER, TransactionFilter(transaction_type="money-movement")
    )

    assert [line.tastytrade_id for line in aapl.items] == [7, 6, 5]
    assert {line.account_number for line in sandbox.items} == {"5WZ00001"}
    assert [line.tastytrade_id for line in window.items] == [4, 3]
    assert trades.total == 9 and movements.total == 0
    with pytest.raises(ValidationError, match="since"):
        await transactions_page(
            TRADER, TransactionFilter(since=date(2026, 3, 1), until=date(2026, 2, 1))
        )
    with pytest.raises(NotFoundError, match="no synced account 5WT99999"):
        await transactions_page(TRADER, TransactionFilter(account_number="5WT99999"))
    with pytest.raises(ValidationError):
        await transactions_page(TRADER, TransactionFilter(transaction_type="trade'; --"))


async def test_a_trader_without_accounts_is_told_to_link(database: str) -> None:
    for read in (
        dashboard(OTHER, now=NOW),
        positions_page(OTHER),
        transactions_page(OTHER),
        closed_trades(OTHER, "ytd", today=TODAY),
        pnl_summary(OTHER, "ytd", today=TODAY),
    ):
        with pytest.raises(NotFoundError) as refused:
            await read
        assert refused.value.user_message == NOT_LINKED


async def test_another_trader_reads_nothing_of_the_first(book: dict[str, BrokerAccount]) -> None:
    mine = await account_of(OTHER, "5WT00009", Environment.PRODUCTION)
    await balance(mine, at("2026-11-18", 14), "777")

    board = await dashboard(OTHER, now=NOW)
    assert [item.account_number for item in board.accounts] == ["5WT00009"]
    assert board.recent_transactions == () and board.largest_positions == ()
    assert (await positions_page(OTHER)).total == 0
    assert (await transactions_page(OTHER)).total == 0
    assert (await closed_trades(OTHER, "all", today=TODAY)).lots == ()
    assert (await pnl_summary(OTHER, "all", today=TODAY)).groups == ()
    for number in ("5WT00001", "5WZ00001"):  # the first trader's accounts read as not found
        with pytest.raises(NotFoundError):
            await transactions_page(OTHER, TransactionFilter(account_number=number))
        with pytest.raises(NotFoundError):
            await closed_trades(OTHER, "all", today=TODAY, account=number)
        with pytest.raises(NotFoundError):
            await pnl_summary(OTHER, "all", today=TODAY, account=number)


# against the simulator ---------------------------------------------------------------------


async def test_positions_match_the_simulator(synced: int, sim: RunningSimulator) -> None:
    from support.sync_world import sim_state

    state = await sim_state(sim)
    expected = set()
    for environment, env in (("production", sim.production), ("sandbox", sim.sandbox)):
        mine = next(iter(env.users.values())).accounts  # the linked user's, not the others'
        for number, account in state["environments"][environment]["accounts"].items():
            if number not in mine:
                continue
            for symbol, item in account["positions"].items():
                quantity = Decimal(str(item["quantity"]))
                if quantity:
                    sign = -1 if item["direction"] == "Short" else 1
                    expected.add((environment, number, symbol, quantity * sign))

    first = await positions_page(synced)
    lines = list(first.items)
    for number in range(2, first.pages + 1):
        lines += (await positions_page(synced, page=number)).items

    assert {
        (line.environment.value, line.account_number, line.symbol, line.quantity) for line in lines
    } == expected
    assert len(lines) == first.total == len(expected)


async def test_transactions_match_the_simulator_page_by_page(
    synced: int, sim: RunningSimulator
) -> None:
    user = next(iter(sim.production.users.values()))
    wire = user.accounts["5WT00001"].transactions
    since = date(2026, 6, 1)
    expected = {
        int(row["id"])
        for row in wire
        if "SPY" in (row.get("symbol"), row.get("underlying-symbol"))
        and date.fromisoformat(row["transaction-date"]) >= since
    }
    wanted = TransactionFilter(account_number="5WT00001", symbol="SPY", since=since)

    first = await transactions_page(synced, wanted)
    seen = list(first.items)
    for number in range(2, first.pages + 1):
        seen += (await transactions_page(synced, wanted, number)).items

    assert expected and {line.tastytrade_id for line in seen} == expected
    assert len(seen) == first.total == len(expected)
    assert first.pages == -(-len(expected) // TRANSACTIONS_PER_PAGE)
    moments = [line.executed_at for line in seen]
    assert moments == sorted(moments, reverse=True)
