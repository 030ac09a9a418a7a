"""Notices a sync sends (expiring options, assignments), sync on launch, the lock held from
another connection, and reads scoped by trader."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal

import pytest
from support.sync_world import compare, link_grant

from services.broker import broker_route
from services.db.models import SyncOnLaunch, SyncRun, Trader
from services.environment import Environment
from services.errors import NotFoundError, SyncInProgressError
from services.preferences import set_expiry_warning_days
from services.sync import SyncStatus
from services.sync import _engine as sync_engine
from services.sync._engine import EXCHANGE_TIME
from services.sync._lock import trader_sync_lock
from services.sync.launch import sync_on_launch, traders_syncing_on_launch
from services.sync.reports import account_statuses, run_errors, sync_history
from services.vault import Vault, generate_key
from simulator.ledger import parse_occ
from simulator.server import RunningSimulator

from .conftest import FAST, OTHER, TRADER, RecordingNotifier, SyncOnce


async def test_options_expiring_soon_are_told_once_per_position(
    sim: RunningSimulator,
    linked: int,
    sync_once: SyncOnce,
    notifier: RecordingNotifier,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await set_expiry_warning_days(TRADER, 30)
    today = sim.production.market.today
    # the sync runs on the simulator's day (its seeded history ends there), not the test's
    at_close = datetime.combine(today, time(16), EXCHANGE_TIME)
    monkeypatch.setattr(sync_engine, "_now", lambda: at_close.astimezone(UTC))
    expected = set()
    for acct in next(iter(sim.production.users.values())).accounts.values():
        for symbol in acct.positions:
            occ = parse_occ(symbol)
            if occ is not None and 0 <= (occ.expiration - today).days <= 30:
                expected.add(f"expiry:production:{acct.number}:{symbol}:{occ.expiration}")
    assert expected, "the seeded history should hold options expiring within 30 days"

    await sync_once()

    keys = {n.dedupe_key for n in notifier.notices if n.event.value == "options_expiring"}
    assert keys == expected


async def test_an_assignment_at_the_broker_is_told_after_the_next_sync(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce, notifier: RecordingNotifier
) -> None:
    await sync_once()
    env = sim.production
    acct = next(iter(env.users.values())).accounts["5WT00001"]
    symbol, position = next(
        (symbol, position)
        for symbol, position in acct.positions.items()
        if parse_occ(symbol) is not None and position["quantity-direction"] == "Short"
    )
    spot = Decimal(str(env.market.spot(position["underlying-symbol"])))
    booked = env.ledger.assign(acct, symbol, datetime.now(UTC), settlement_price=spot)
    notifier.notices.clear()

    await sync_once()

    assigned = [n for n in notifier.notices if n.event.value == "assignment"]
    removal = next(t for t in booked if t["transaction-sub-type"].endswith("Assignment"))
    assert [n.dedupe_key for n in assigned] == [f"assignment:production:5WT00001:{removal['id']}"]
    assert (await compare(sim, TRADER)).equal


async def test_a_lock_held_on_another_connection_refuses_the_sync(
    linked: int, sync_once: SyncOnce
) -> None:
    async with trader_sync_lock(TRADER):  # Postgres: a separate session, as another process
        with pytest.raises(SyncInProgressError):
            await sync_once()
    assert await SyncRun.all().count() == 0
    assert (await sync_once()).status is SyncStatus.SUCCEEDED


async def test_sync_on_launch_syncs_only_traders_who_said_yes(
    sim: RunningSimulator, linked: int, vault: Vault, notifier: RecordingNotifier
) -> None:
    await link_grant(vault, OTHER, sim, Environment.PRODUCTION)
    await Trader.filter(discord_id=TRADER).update(sync_on_launch=SyncOnLaunch.YES)
    await Trader.filter(discord_id=OTHER).update(sync_on_launch=SyncOnLaunch.NO)

    assert await traders_syncing_on_launch() == [TRADER]
    report = await sync_on_launch(
        vault=vault,
        route=broker_route(sim.url, demo_mode=True),
        oauth_clients=None,
        notifier=notifier,
        concurrency=1,
        policy=FAST,
    )

    assert report.outcomes == {TRADER: "succeeded"}
    run = await SyncRun.get().prefetch_related("trader")
    assert (run.trigger, run.trader.discord_id) == ("launch", TRADER)
    assert (await compare(sim, TRADER)).equal


async def test_sync_on_launch_that_cannot_start_is_told(
    sim: RunningSimulator, linked: int, notifier: RecordingNotifier
) -> None:
    await Trader.filter(discord_id=TRADER).update(sync_on_launch=SyncOnLaunch.YES)
    wrong_vault = Vault([generate_key()])  # the stored grant does not open with this key

    report = await sync_on_launch(
        vault=wrong_vault,
        route=broker_route(sim.url, demo_mode=True),
        oauth_clients=None,
        notifier=notifier,
        concurrency=2,
        policy=FAST,
    )

    assert report.outcomes == {TRADER: "failed"}
    assert "sync_failed" in notifier.events()


async def test_reads_are_scoped_to_the_asking_trader(
    sim: RunningSimulator, linked: int, sync_once: SyncOnce, vault: Vault
) -> None:
    result = await sync_once()
    await link_grant(vault, OTHER, sim, Environment.SANDBOX)

    assert await account_statuses(OTHER) == ()
    assert (await sync_history(OTHER)).runs == ()
    with pytest.raises(NotFoundError):
        await run_errors(OTHER, result.run_id)
    mine = await account_statuses(TRADER)
    assert len(mine) == 6 and all(a.last_sync_status == "succeeded" for a in mine)
