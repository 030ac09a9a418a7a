"""The real database (Postgres in CI, SQLite otherwise): migrations, constraints, health."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from tortoise import connections
from tortoise.backends.base_postgres.client import BasePostgresClient
from tortoise.exceptions import IntegrityError
from tortoise.migrations.autodetector import MigrationAutodetector

from services.db import apply_migrations, close_db, db_is_reachable, init_db, tortoise_config
from services.db.models import BrokerAccount, Environment, Trader, Transaction
from services.traders import trader_for

pytestmark = pytest.mark.db


async def test_checked_in_migrations_match_the_models() -> None:
    from tortoise.cli.cli import tortoise_cli_context

    config = tortoise_config("sqlite://:memory:")
    async with tortoise_cli_context(config) as ctx:
        changes = await MigrationAutodetector(ctx.apps, config["apps"]).changes()

    assert changes == [], "models changed without a migration (see README: Development)"


async def test_migrations_apply_to_an_empty_database_and_are_idempotent(
    empty_db_url: str,
) -> None:
    await apply_migrations(empty_db_url)
    await close_db()
    await init_db(empty_db_url)  # applies nothing new, connects
    try:
        assert await Trader.all().count() == 0
        assert await db_is_reachable()
    finally:
        await close_db()


async def _account() -> BrokerAccount:
    trader = await Trader.create(discord_id=1234567890123)
    return await BrokerAccount.create(
        trader=trader, environment=Environment.SANDBOX, account_number="5WZ00001"
    )


def _transaction(account: BrokerAccount, tastytrade_id: int) -> Transaction:
    return Transaction(
        account=account,
        tastytrade_id=tastytrade_id,
        transaction_type="Trade",
        transaction_sub_type="Buy to Open",
        value=Decimal("-215.00"),
        net_value=Decimal("-216.14"),
        fees=Decimal("1.14"),
        executed_at=datetime(2026, 11, 20, 15, 30, tzinfo=UTC),
        transaction_date=date(2026, 11, 20),
        payload={"id": tastytrade_id},
    )


async def test_a_transaction_cannot_be_stored_twice(database: str) -> None:
    account = await _account()
    await _transaction(account, 42).save()

    with pytest.raises(IntegrityError):
        await _transaction(account, 42).save()

    assert await Transaction.filter(account=account).count() == 1


async def test_money_round_trips_to_the_cent_as_decimal(database: str) -> None:
    account = await _account()
    await _transaction(account, 7).save()

    stored = await Transaction.get(account=account, tastytrade_id=7)

    assert stored.net_value == Decimal("-216.14")
    assert isinstance(stored.net_value, Decimal)
    assert stored.executed_at.tzinfo is not None


async def test_one_discord_user_is_one_trader(database: str) -> None:
    await Trader.create(discord_id=1)

    with pytest.raises(IntegrityError):
        await Trader.create(discord_id=1)


async def test_health_check_reports_an_unreachable_database() -> None:
    await close_db()  # nothing connected

    assert await db_is_reachable() is False


async def test_the_orm_can_move_from_sqlite_to_another_database_in_one_process(
    db_url: str, tmp_path: Path
) -> None:
    """Tortoise caches prepared INSERTs per connection name; reconnecting `default` to another
    kind of database must not reuse the first one's SQL (`?` placeholders on Postgres)."""
    await init_db(f"sqlite://{tmp_path / 'first.sqlite3'}")
    await Trader.create(discord_id=1)
    await close_db()

    await init_db(db_url)
    try:
        await Trader.create(discord_id=2)
        assert await Trader.filter(discord_id=2).count() == 1
    finally:
        await close_db()


async def test_a_pooled_connection_released_mid_transaction_comes_back_clean(
    database: str,
) -> None:
    # the pool skips asyncpg's per-release reset statement (keep_session_state); what it must
    # still get right is a transaction left open, which asyncpg rolls back before the reset
    client = connections.get("default")
    if not isinstance(client, BasePostgresClient):
        pytest.skip("the pool's reset is Postgres's")
    trader = await trader_for(41)
    pool = client._pool
    assert pool is not None
    async with pool.acquire() as first:
        await first.execute("BEGIN")
        await first.execute(
            "UPDATE trader SET default_account_number = 'X' WHERE id = $1", trader.id
        )
        assert first.is_in_transaction()
    async with pool.acquire() as again:
        assert not again.is_in_transaction()
        assert await again.fetchval("SELECT 1") == 1
    await trader.refresh_from_db()
    assert trader.default_account_number is None
