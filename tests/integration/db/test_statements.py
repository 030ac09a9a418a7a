"""The hand-written reads (`services.db.statements`) against the ORM queries they stand for,
on the real database (Postgres in CI, SQLite otherwise)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from tortoise.transactions import in_transaction

from services.broker.pool import live_grants
from services.db.models import BrokerAccount, BrokerCredential, OrderRequest, TestResult, Trader
from services.db.statements import Statement, fetch_models, fetch_rows
from services.environment import Environment
from services.errors import NotFoundError
from services.orders.accounts import open_accounts
from services.orders.confirmation import owned_request
from services.orders.qualify import KIND, QUALIFICATION_DAYS, is_qualified
from services.traders import existing_trader

pytestmark = pytest.mark.usefixtures("database")

BOTH = (Environment.PRODUCTION, Environment.SANDBOX)
NOW = datetime(2026, 12, 4, 15, 30, 0, 123456, tzinfo=UTC)


def test_placeholders_are_numbered_for_postgres_only() -> None:
    statement = Statement("SELECT *\n  FROM trader WHERE id = ? AND discord_id = ?")

    assert statement.sql == "SELECT * FROM trader WHERE id = ? AND discord_id = ?"

    class Dialect:
        def __init__(self, name: str) -> None:
            self.capabilities = type("Capabilities", (), {"dialect": name})()

    assert statement.text(Dialect("sqlite")) == statement.sql  # type: ignore[arg-type]
    assert statement.text(Dialect("postgres")) == (  # type: ignore[arg-type]
        "SELECT * FROM trader WHERE id = $1 AND discord_id = $2"
    )


async def _credential(trader: Trader, environment: Environment, token: str) -> BrokerCredential:
    return await BrokerCredential.create(
        trader=trader, environment=environment, kind="personal", refresh_token_encrypted=token
    )


async def _orm_grants(discord_id: int, environments: tuple[Environment, ...]) -> dict:
    rows = await BrokerCredential.filter(
        trader__discord_id=discord_id, environment__in=environments, revoked_at=None
    ).values_list("environment", "id", "refresh_token_encrypted")
    return {Environment(env): (credential_id, token) for env, credential_id, token in rows}


async def test_live_grants_match_the_orm_query() -> None:
    trader = await Trader.create(discord_id=2**53 + 7)  # beyond a double: a BIGINT
    other = await Trader.create(discord_id=99)
    production = await _credential(trader, Environment.PRODUCTION, "prod-ciphertext")
    await _credential(trader, Environment.SANDBOX, "sandbox-ciphertext")
    await _credential(other, Environment.PRODUCTION, "someone-else's")

    for wanted in (BOTH, (Environment.SANDBOX,), (Environment.PRODUCTION,)):
        assert await live_grants(trader.discord_id, wanted) == await _orm_grants(
            trader.discord_id, wanted
        )
    assert await live_grants(trader.discord_id, (Environment.PRODUCTION,)) == {
        Environment.PRODUCTION: (production.id, "prod-ciphertext")
    }

    production.revoked_at = NOW
    await production.save()
    assert await live_grants(trader.discord_id, BOTH) == await _orm_grants(trader.discord_id, BOTH)
    assert set(await live_grants(trader.discord_id, BOTH)) == {Environment.SANDBOX}
    assert await live_grants(12345, BOTH) == {}  # no such trader


async def test_hostile_text_is_bound_not_spliced() -> None:
    await Trader.create(discord_id=5)
    hostile = Statement("SELECT * FROM trader WHERE email = ?")

    assert await fetch_models(Trader, hostile, "x' OR '1'='1") == []
    assert await fetch_rows(Trader, hostile, "?; DROP TABLE trader; --") == []
    assert await Trader.all().count() == 1


async def _qualification(trader: Trader, order_type: str, passed: bool, at: datetime) -> None:
    row = await TestResult.create(
        trader=trader, kind=KIND, order_type=order_type, checks=[], timings={}, passed=passed
    )
    await TestResult.filter(id=row.id).update(created_at=at)


async def _orm_qualified(trader_id: int, order_type: str, now: datetime) -> bool:
    since = now - timedelta(days=QUALIFICATION_DAYS)
    latest = (
        await TestResult.filter(
            trader_id=trader_id, kind=KIND, order_type=order_type, created_at__gte=since
        )
        .order_by("-created_at", "-id")
        .limit(1)
        .values_list("passed", flat=True)
    )
    return bool(latest and latest[0])


async def test_qualification_reads_the_latest_in_the_window_as_the_orm_does() -> None:
    trader = await Trader.create(discord_id=7)
    other = await Trader.create(discord_id=8)
    window = timedelta(days=QUALIFICATION_DAYS)
    # vertical: passed, then failed later (locked); iron condor: passed, the same instant as a
    # failure written after it (the higher id wins); single: passed just inside the window
    await _qualification(trader, "vertical_limit", True, NOW - timedelta(days=3))
    await _qualification(trader, "vertical_limit", False, NOW - timedelta(days=1))
    await _qualification(trader, "iron_condor_limit", True, NOW - timedelta(days=2))
    await _qualification(trader, "iron_condor_limit", False, NOW - timedelta(days=2))
    await _qualification(trader, "single_option_limit", True, NOW - window + timedelta(seconds=1))
    await _qualification(trader, "equity_limit", True, NOW - window - timedelta(seconds=1))
    await _qualification(other, "equity_market", True, NOW)

    expected = {
        "vertical_limit": False,
        "iron_condor_limit": False,
        "single_option_limit": True,
        "equity_limit": False,  # outside the window
        "equity_market": False,  # someone else's
        "cancel": False,  # never run
    }
    # the same instant given in another time zone reads the same
    for now in (NOW, NOW.astimezone(timezone(timedelta(hours=-5)))):
        for order_type, qualified in expected.items():
            assert await is_qualified(trader.id, order_type, now=now) is qualified, order_type
            assert await _orm_qualified(trader.id, order_type, NOW) is qualified, order_type


async def test_trader_and_request_reads_build_the_orms_instances() -> None:
    trader = await Trader.create(discord_id=2**53 + 11, max_contracts=4, email="t@example.com")
    other = await Trader.create(discord_id=12)
    request = await OrderRequest.create(
        trader=trader,
        source="chat",
        raw_text="buy 1 SPY 450c 12/18 @ 1.20 — über",
        parsed={"today": "2026-12-04", "answers": [["reading", "1"]]},
        legs=[{"symbol": "SPY   261218C00450000", "quantity": "1"}],
        price="1.20",
        state="previewed",
        environment=Environment.PRODUCTION,
        external_identifier="tb-statements",
        preview_expires_at=NOW,
        dry_run={"fees": "1.14", "warnings": []},
    )

    read = await existing_trader(trader.discord_id)
    assert read is not None
    orm = await Trader.get(id=trader.id)
    trader_fields = Trader._meta.db_fields
    assert {f: getattr(read, f) for f in trader_fields} == {
        f: getattr(orm, f) for f in trader_fields
    }
    assert await existing_trader(404) is None

    mine = await owned_request(trader.discord_id, request.id)
    orm_request = await OrderRequest.get(id=request.id)
    fields = OrderRequest._meta.db_fields
    assert {f: getattr(mine, f) for f in fields} == {f: getattr(orm_request, f) for f in fields}
    assert (await mine.trader).discord_id == trader.discord_id  # it came with the request
    with pytest.raises(NotFoundError):
        await owned_request(other.discord_id, request.id)  # not theirs
    with pytest.raises(NotFoundError):
        await owned_request(404, request.id)  # no such trader

    # a read request saves like an ORM-read one
    mine.state = "confirmed"
    await mine.save(update_fields=["state", "updated_at"])
    assert (await OrderRequest.get(id=request.id)).state == "confirmed"


async def test_reads_inside_a_transaction_see_its_writes() -> None:
    async with in_transaction():
        trader = await Trader.create(discord_id=31)
        read = await existing_trader(31)
        assert read is not None
        assert read.id == trader.id


async def test_open_accounts_match_the_orm_query() -> None:
    trader = await Trader.create(discord_id=41)
    other = await Trader.create(discord_id=42)
    for number, environment, closed, owner in (
        ("5WZ2", Environment.PRODUCTION, False, trader),
        ("5WZ1", Environment.SANDBOX, False, trader),
        ("5WZ3", Environment.PRODUCTION, True, trader),
        ("5WZ0", Environment.PRODUCTION, False, other),
    ):
        await BrokerAccount.create(
            trader=owner, account_number=number, environment=environment, is_closed=closed
        )

    read = await open_accounts(trader.id)
    orm = await BrokerAccount.filter(trader_id=trader.id, is_closed=False).order_by(
        "account_number"
    )
    assert [(row.account_number, row.environment, row.is_closed) for row in read] == [
        ("5WZ1", Environment.SANDBOX, False),
        ("5WZ2", Environment.PRODUCTION, False),
    ]
    assert [row.id for row in read] == [row.id for row in orm]
    assert await open_accounts(404) == []
