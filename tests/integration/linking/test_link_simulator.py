"""Linking against the simulator with the real SDK: a grant is verified by one real call before
it is saved, its secrets are stored only encrypted, relinking replaces, and forget (with or
without purge) deletes exactly what it reports."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from pydantic import SecretStr
from tortoise import Tortoise

from services.broker import Environment, broker_route
from services.broker.accounts import list_accounts
from services.broker.client import RetryPolicy
from services.broker.credentials import load_connection
from services.broker.routing import OAuthClient
from services.db.models import (
    BalanceSnapshot,
    BrokerAccount,
    BrokerCredential,
    CredentialKind,
    Position,
    SyncError,
    SyncRun,
    Trader,
    Transaction,
)
from services.errors import BrokerUnavailableError, ConfigurationError, ValidationError
from services.linking import (
    AuthorizationCodeRejectedError,
    GrantRejectedError,
    LinkingContext,
    begin_authorization,
    complete_oauth_link,
    consume_state,
    create_start_link,
    forget,
    link_personal_grant,
    linked_environments,
)
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator

FAST = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=3)
ALICE, BOB = 1001, 2002
CALLBACK = "http://127.0.0.1:9/oauth/tastytrade/callback"


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, history=False, redirect_uris=[CALLBACK]) as s:
        yield s


@pytest.fixture
def vault() -> Vault:
    return Vault([generate_key()])


def context(sim: RunningSimulator, vault: Vault, **oauth: OAuthClient) -> LinkingContext:
    return LinkingContext(
        vault=vault,
        route=broker_route(str(sim.url), demo_mode=True),
        oauth_clients={Environment(name): client for name, client in oauth.items()},
        policy=FAST,
    )


def oauth_client(sim: RunningSimulator, env: str) -> OAuthClient:
    creds = sim.credentials()[env]
    return OAuthClient(creds["oauth_client_id"], SecretStr(creds["client_secret"]))


async def all_stored_text() -> str:
    """Every row of every table, as text (what a database dump would show)."""
    connection = Tortoise.get_connection("default")
    tables = [model._meta.db_table for model in Tortoise.apps["models"].values()]
    dump: list[str] = []
    for table in tables:
        _count, rows = await connection.execute_query(f'SELECT * FROM "{table}"')
        dump.extend(repr(dict(row)) for row in rows)
    return "\n".join(dump)


def sqlite_bytes(db_url: str) -> bytes:
    if not db_url.startswith("sqlite://"):
        return b""
    path = Path(db_url.removeprefix("sqlite://"))
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


async def test_personal_grant_is_verified_and_stored_only_encrypted(
    database: str, sim: RunningSimulator, vault: Vault
) -> None:
    creds = sim.credentials()["sandbox"]
    ctx = context(sim, vault)

    result = await link_personal_grant(
        ctx,
        ALICE,
        Environment.SANDBOX,
        client_secret=creds["client_secret"],
        refresh_token=creds["refresh_token"],
    )

    expected = {
        account.account_number
        for account in await list_accounts(
            await load_connection(vault, ALICE, Environment.SANDBOX, ctx.route)
        )
    }
    assert {a.account_number for a in result.accounts} == expected and expected
    assert result.kind is CredentialKind.PERSONAL and not result.replaced
    assert result.ask_sync_on_launch
    stored = await BrokerAccount.filter(trader__discord_id=ALICE).values_list(
        "account_number", flat=True
    )
    assert set(stored) == expected
    dump = await all_stored_text()
    raw = sqlite_bytes(database)
    for secret in (creds["client_secret"], creds["refresh_token"]):
        assert secret not in dump
        assert secret.encode() not in raw
    credential = await BrokerCredential.get(trader__discord_id=ALICE)
    assert credential.client_secret_encrypted and credential.refresh_token_encrypted
    assert credential.last_ok_at is not None


async def test_a_refused_grant_saves_nothing(
    database: str, sim: RunningSimulator, vault: Vault
) -> None:
    creds = sim.credentials()

    with pytest.raises(GrantRejectedError) as caught:
        await link_personal_grant(
            context(sim, vault),
            ALICE,
            Environment.PRODUCTION,  # a sandbox grant used on production
            client_secret=creds["sandbox"]["client_secret"],
            refresh_token=creds["sandbox"]["refresh_token"],
        )

    assert "production" in caught.value.user_message
    assert creds["sandbox"]["refresh_token"] not in caught.value.user_message
    assert await BrokerCredential.all().count() == 0
    assert await BrokerAccount.all().count() == 0


@pytest.mark.parametrize(
    ("secret", "token"),
    [("", "x" * 20), ("abc def", "x" * 20), ("a" * 40, "t" * 5000), ("a" * 40, "bad\x00tok")],
)
async def test_malformed_secrets_are_refused_before_any_call(
    database: str, sim: RunningSimulator, vault: Vault, secret: str, token: str
) -> None:
    with pytest.raises(ValidationError):
        await link_personal_grant(
            context(sim, vault),
            ALICE,
            Environment.SANDBOX,
            client_secret=secret,
            refresh_token=token,
        )
    assert await BrokerCredential.all().count() == 0


async def test_an_unreachable_tastytrade_saves_nothing(database: str, vault: Vault) -> None:
    async with run_simulator(seed=7, market_tick=0, history=False) as sim:
        creds = sim.credentials()["sandbox"]
        ctx = context(sim, vault)
    with pytest.raises(BrokerUnavailableError):  # the simulator has stopped
        await link_personal_grant(
            ctx,
            ALICE,
            Environment.SANDBOX,
            client_secret=creds["client_secret"],
            refresh_token=creds["refresh_token"],
        )
    assert await BrokerCredential.all().count() == 0


async def test_relinking_replaces_the_grant(
    database: str, sim: RunningSimulator, vault: Vault
) -> None:
    creds = sim.credentials()["sandbox"]
    ctx = context(sim, vault, sandbox=oauth_client(sim, "sandbox"))
    await link_personal_grant(
        ctx,
        ALICE,
        Environment.SANDBOX,
        client_secret=creds["client_secret"],
        refresh_token=creds["refresh_token"],
    )
    first = await BrokerCredential.get(trader__discord_id=ALICE)

    result = await oauth_link(sim, ctx, ALICE, "sandbox")

    assert result.replaced and result.kind is CredentialKind.OAUTH
    rows = await BrokerCredential.filter(trader__discord_id=ALICE)
    assert len(rows) == 1 and rows[0].id == first.id
    assert rows[0].kind is CredentialKind.OAUTH and rows[0].client_secret_encrypted is None
    assert rows[0].refresh_token_encrypted != first.refresh_token_encrypted
    # the new grant works through the normal loader (operator's client secret)
    connection = await load_connection(
        vault, ALICE, Environment.SANDBOX, ctx.route, dict(ctx.oauth_clients)
    )
    assert connection.refresh_token.get_secret_value() != creds["refresh_token"]
    assert await list_accounts(connection, FAST)
    assert await BrokerAccount.filter(trader__discord_id=ALICE).count() == len(result.accounts)


async def authorize(sim: RunningSimulator, env: str, state: str) -> dict[str, list[str]]:
    """What a person does on the simulator's consent page (sign in, approve), without a
    browser: returns the query of the redirect to our callback."""
    creds = sim.credentials()[env]
    prefix = "/sandbox" if env == "sandbox" else ""
    form = {
        "client_id": creds["oauth_client_id"],
        "redirect_uri": CALLBACK,
        "response_type": "code",
        "scope": "read trade",
        "state": state,
        "username": creds["username"],
        "password": creds["password"],
        "approve": "yes",
    }
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{sim.url}{prefix}/auth.html", data=form, allow_redirects=False) as resp,
    ):
        assert resp.status == 302
        return parse_qs(urlsplit(resp.headers["Location"]).query)


async def oauth_link(sim: RunningSimulator, ctx: LinkingContext, discord_id: int, env: str) -> Any:
    link = await create_start_link(discord_id, Environment(env))
    pending = await begin_authorization(link.token)
    query = await authorize(sim, env, pending.state)
    assert query["state"] == [pending.state]
    consumed = await consume_state(query["state"][0], discord_id=discord_id)
    return await complete_oauth_link(ctx, consumed, code=query["code"][0], redirect_uri=CALLBACK)


@pytest.mark.parametrize("env", ["sandbox", "production"])
async def test_oauth_code_is_exchanged_verified_and_stored(
    database: str, sim: RunningSimulator, vault: Vault, env: str
) -> None:
    ctx = context(sim, vault, **{env: oauth_client(sim, env)})

    result = await oauth_link(sim, ctx, ALICE, env)

    assert result.environment is Environment(env) and result.account_count > 0
    credential = await BrokerCredential.get(trader__discord_id=ALICE)
    assert credential.kind is CredentialKind.OAUTH and credential.scopes == "read trade"
    dump = await all_stored_text()
    assert sim.credentials()[env]["client_secret"] not in dump


async def test_a_used_code_is_refused_and_nothing_saved(
    database: str, sim: RunningSimulator, vault: Vault
) -> None:
    ctx = context(sim, vault, sandbox=oauth_client(sim, "sandbox"))
    link = await create_start_link(ALICE, Environment.SANDBOX)
    pending = await begin_authorization(link.token)
    query = await authorize(sim, "sandbox", pending.state)
    await complete_oauth_link(ctx, pending, code=query["code"][0], redirect_uri=CALLBACK)
    await forget(ALICE)

    with pytest.raises(AuthorizationCodeRejectedError):
        await complete_oauth_link(ctx, pending, code=query["code"][0], redirect_uri=CALLBACK)
    assert await BrokerCredential.all().count() == 0


async def test_a_wrong_operator_client_is_a_configuration_error(
    database: str, sim: RunningSimulator, vault: Vault
) -> None:
    client = oauth_client(sim, "sandbox")
    ctx = context(sim, vault, sandbox=OAuthClient(client.client_id, SecretStr("0" * 40)))
    link = await create_start_link(ALICE, Environment.SANDBOX)
    pending = await begin_authorization(link.token)
    query = await authorize(sim, "sandbox", pending.state)

    with pytest.raises(ConfigurationError):
        await complete_oauth_link(ctx, pending, code=query["code"][0], redirect_uri=CALLBACK)
    assert await BrokerCredential.all().count() == 0


async def test_no_oauth_client_for_the_environment_is_refused(
    database: str, sim: RunningSimulator, vault: Vault
) -> None:
    link = await create_start_link(ALICE, Environment.PRODUCTION)
    pending = await begin_authorization(link.token)
    with pytest.raises(ConfigurationError):
        await complete_oauth_link(
            context(sim, vault), pending, code="c" * 20, redirect_uri=CALLBACK
        )


async def seed_synced_rows(discord_id: int, env: Environment) -> None:
    """Rows a sync would have written for the trader's accounts in ``env``."""
    now = datetime.now(UTC)
    trader = await Trader.get(discord_id=discord_id)
    run = await SyncRun.create(trader=trader, trigger="manual", started_at=now)
    for account in await BrokerAccount.filter(trader=trader, environment=env):
        await Position.create(
            account=account,
            sync_run=run,
            symbol="SPY",
            underlying_symbol="SPY",
            instrument_type="Equity",
            quantity=Decimal(1),
            as_of=now,
            payload={},
        )
        await BalanceSnapshot.create(
            account=account,
            as_of=now,
            cash_balance=Decimal(1),
            net_liquidating_value=Decimal(1),
            payload={},
        )
        for tastytrade_id in (1, 2):
            await Transaction.create(
                account=account,
                tastytrade_id=tastytrade_id,
                transaction_type="Trade",
                transaction_sub_type="Buy",
                value=Decimal(1),
                net_value=Decimal(1),
                executed_at=now,
                transaction_date=date.today(),
                payload={},
            )
        await SyncError.create(
            sync_run=run, stage="positions", account_number=account.account_number, message="x"
        )


async def link_both(sim: RunningSimulator, vault: Vault, discord_id: int) -> None:
    creds = sim.credentials()
    for env in Environment:
        await link_personal_grant(
            context(sim, vault),
            discord_id,
            env,
            client_secret=creds[env.value]["client_secret"],
            refresh_token=creds[env.value]["refresh_token"],
        )
        await seed_synced_rows(discord_id, env)


async def test_forget_deletes_credentials_and_keeps_synced_rows(
    database: str, sim: RunningSimulator, vault: Vault
) -> None:
    await link_both(sim, vault, ALICE)
    accounts_before = await BrokerAccount.all().count()

    result = await forget(ALICE, Environment.SANDBOX)

    assert result.environments == (Environment.SANDBOX,) and not result.purged
    assert result.accounts == 0
    remaining = await linked_environments(ALICE)
    assert [link.environment for link in remaining] == [Environment.PRODUCTION]
    assert await BrokerAccount.all().count() == accounts_before


async def test_forget_with_purge_deletes_every_synced_row_and_only_the_traders(
    database: str, sim: RunningSimulator, vault: Vault
) -> None:
    await link_both(sim, vault, ALICE)
    await link_both(sim, vault, BOB)
    bob_rows = {
        model.__name__: await model.filter(**{path: BOB}).count()
        for model, path in (
            (BrokerAccount, "trader__discord_id"),
            (Position, "account__trader__discord_id"),
            (Transaction, "account__trader__discord_id"),
            (SyncRun, "trader__discord_id"),
        )
    }
    alice_accounts = await BrokerAccount.filter(trader__discord_id=ALICE).count()

    result = await forget(ALICE, None, purge=True)

    assert set(result.environments) == set(Environment) and result.purged
    assert result.accounts == alice_accounts
    assert result.positions == alice_accounts and result.balances == alice_accounts
    assert result.transactions == 2 * alice_accounts
    assert result.sync_runs == 2 and result.sync_errors == alice_accounts
    assert await BrokerCredential.filter(trader__discord_id=ALICE).count() == 0
    assert await BrokerAccount.filter(trader__discord_id=ALICE).count() == 0
    assert await Transaction.filter(account__trader__discord_id=ALICE).count() == 0
    assert await SyncRun.filter(trader__discord_id=ALICE).count() == 0
    for model, path in (
        (BrokerAccount, "trader__discord_id"),
        (Position, "account__trader__discord_id"),
        (Transaction, "account__trader__discord_id"),
        (SyncRun, "trader__discord_id"),
    ):
        assert await model.filter(**{path: BOB}).count() == bob_rows[model.__name__]
    assert await BrokerCredential.filter(trader__discord_id=BOB).count() == 2


async def test_purging_one_environment_keeps_the_other(
    database: str, sim: RunningSimulator, vault: Vault
) -> None:
    await link_both(sim, vault, ALICE)
    production = await BrokerAccount.filter(environment=Environment.PRODUCTION).count()

    result = await forget(ALICE, Environment.SANDBOX, purge=True)

    assert result.environments == (Environment.SANDBOX,)
    assert await BrokerAccount.filter(environment=Environment.SANDBOX).count() == 0
    assert await BrokerAccount.filter(environment=Environment.PRODUCTION).count() == production
    assert result.sync_runs == 0  # runs span environments; production's rows still need them
    assert await SyncError.all().count() == production


async def test_forgetting_a_stranger_deletes_nothing(database: str) -> None:
    result = await forget(4242, None, purge=True)
    assert result.nothing and await Trader.all().count() == 0
