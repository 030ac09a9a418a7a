"""Linking a Tastytrade grant to a trader, and forgetting it.

A grant is verified by one real call (listing the accounts) *before* anything is saved; only
then are its secrets stored, encrypted with the natural-key vault purposes of
``services.broker.credentials``, and the listed accounts recorded. Linking the same environment
again replaces the stored grant.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pydantic import SecretStr
from tortoise.transactions import in_transaction

from services.broker.accounts import AccountSummary, list_accounts
from services.broker.client import RetryPolicy
from services.broker.credentials import client_secret_purpose, refresh_token_purpose
from services.broker.routing import BrokerConnection, BrokerRoute, OAuthClient
from services.db.models import (
    BalanceSnapshot,
    BrokerAccount,
    BrokerCredential,
    CredentialKind,
    Position,
    SyncError,
    SyncOnLaunch,
    SyncRun,
    Transaction,
)
from services.environment import Environment
from services.errors import AuthExpiredError, ConfigurationError, ValidationError
from services.linking._errors import GrantRejectedError
from services.linking._oauth import exchange_code
from services.linking._state import PendingAuthorization, discard_pending
from services.traders import existing_trader, trader_for
from services.vault import Vault

log = logging.getLogger(__name__)

MAX_SECRET_CHARS = 4096


@dataclass(frozen=True)
class LinkingContext:
    """What linking needs from the composition root."""

    vault: Vault | None
    route: BrokerRoute
    oauth_clients: Mapping[Environment, OAuthClient] = field(default_factory=dict)
    policy: RetryPolicy | None = None

    def require_vault(self) -> Vault:
        if self.vault is None:
            raise ConfigurationError("Tastybot has no encryption key configured for credentials.")
        return self.vault

    def oauth_client(self, environment: Environment) -> OAuthClient:
        client = self.oauth_clients.get(environment)
        if client is None:
            raise ConfigurationError(
                f"This bot has no Tastytrade OAuth client for {environment.value}; "
                "link a personal grant instead."
            )
        return client


@dataclass(frozen=True)
class LinkResult:
    """A grant that was verified and stored."""

    discord_id: int
    environment: Environment
    kind: CredentialKind
    accounts: tuple[AccountSummary, ...]
    replaced: bool  # an earlier grant for this environment was replaced
    ask_sync_on_launch: bool  # the trader has not been asked yet

    @property
    def account_count(self) -> int:
        return len(self.accounts)


@dataclass(frozen=True)
class LinkedEnvironment:
    environment: Environment
    kind: CredentialKind
    linked_at: datetime
    account_numbers: tuple[str, ...]


@dataclass(frozen=True)
class ForgetResult:
    """What ``forget`` deleted (row counts)."""

    environments: tuple[Environment, ...] = ()
    purged: bool = False
    accounts: int = 0
    positions: int = 0
    balances: int = 0
    transactions: int = 0
    sync_runs: int = 0
    sync_errors: int = 0

    @property
    def nothing(self) -> bool:
        return not self.environments and not self.accounts and not self.sync_runs


def _clean_secret(value: str, what: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ValidationError(f"The {what} is empty.")
    if len(text) > MAX_SECRET_CHARS:
        raise ValidationError(f"The {what} is too long to be a Tastytrade {what}.")
    if any(character.isspace() for character in text) or not text.isprintable():
        raise ValidationError(f"The {what} must be one word with no spaces.")
    return text


async def _verify(connection: BrokerConnection, policy: RetryPolicy | None) -> list[AccountSummary]:
    """The one real call that proves the grant before it is saved."""
    try:
        return await list_accounts(connection, policy)
    except AuthExpiredError:
        environment = connection.environment.value
        raise GrantRejectedError(
            f"Tastytrade did not accept these credentials for {environment}, so nothing was "
            f"saved. Check that the client secret and refresh token come from the same "
            f"{environment} grant (sandbox and production are separate)."
        ) from None


async def _save(
    vault: Vault,
    discord_id: int,
    environment: Environment,
    kind: CredentialKind,
    *,
    refresh_token: str,
    client_secret: str | None,
    scopes: str,
    accounts: list[AccountSummary],
) -> LinkResult:
    trader = await trader_for(discord_id)
    now = datetime.now(UTC)
    refresh_encrypted = vault.encrypt(
        refresh_token, purpose=refresh_token_purpose(discord_id, environment)
    )
    secret_encrypted = (
        None
        if client_secret is None
        else vault.encrypt(client_secret, purpose=client_secret_purpose(discord_id, environment))
    )
    async with in_transaction() as conn:
        existing = await BrokerCredential.get_or_none(
            trader=trader, environment=environment, using_db=conn
        )
        if existing is None:
            await BrokerCredential.create(
                trader=trader,
                environment=environment,
                kind=kind,
                refresh_token_encrypted=refresh_encrypted,
                client_secret_encrypted=secret_encrypted,
                scopes=scopes[:200],
                last_ok_at=now,
                using_db=conn,
            )
        else:
            await (
                BrokerCredential.filter(id=existing.id)
                .using_db(conn)
                .update(
                    kind=kind,
                    refresh_token_encrypted=refresh_encrypted,
                    client_secret_encrypted=secret_encrypted,
                    scopes=scopes[:200],
                    last_ok_at=now,
                    revoked_at=None,
                )
            )
        for account in accounts:
            await BrokerAccount.update_or_create(
                defaults={
                    "nickname": account.nickname[:200],
                    "account_type": account.account_type[:100],
                    "margin_or_cash": account.margin_or_cash[:20],
                    "is_closed": False,
                },
                trader=trader,
                environment=environment,
                account_number=account.account_number,
                using_db=conn,
            )
    log.info(
        "linked %s grant for trader %s (%s, %d accounts)",
        kind.value,
        discord_id,
        environment.value,
        len(accounts),
    )
    return LinkResult(
        discord_id=discord_id,
        environment=environment,
        kind=kind,
        accounts=tuple(accounts),
        replaced=existing is not None,
        ask_sync_on_launch=trader.sync_on_launch is SyncOnLaunch.UNASKED,
    )


async def link_personal_grant(
    context: LinkingContext,
    discord_id: int,
    environment: Environment,
    *,
    client_secret: str,
    refresh_token: str,
) -> LinkResult:
    """Verify a personal grant (client secret + refresh token) with one real call, then store
    both encrypted and record the accounts it reaches."""
    vault = context.require_vault()
    secret = _clean_secret(client_secret, "client secret")
    token = _clean_secret(refresh_token, "refresh token")
    connection = BrokerConnection(
        environment=environment,
        client_secret=SecretStr(secret),
        refresh_token=SecretStr(token),
        route=context.route,
    )
    accounts = await _verify(connection, context.policy)
    return await _save(
        vault,
        discord_id,
        environment,
        CredentialKind.PERSONAL,
        refresh_token=token,
        client_secret=secret,
        scopes="",
        accounts=accounts,
    )


async def complete_oauth_link(
    context: LinkingContext, pending: PendingAuthorization, *, code: str, redirect_uri: str
) -> LinkResult:
    """Exchange the callback's code, verify the refresh token, then store it encrypted (an
    OAuth grant uses the operator's client secret, which is not stored per trader)."""
    vault = context.require_vault()
    client = context.oauth_client(pending.environment)
    grant = await exchange_code(
        pending.environment,
        context.route,
        client,
        code=code,
        redirect_uri=redirect_uri,
        policy=context.policy,
    )
    connection = BrokerConnection(
        environment=pending.environment,
        client_secret=client.client_secret,
        refresh_token=SecretStr(grant.refresh_token),
        route=context.route,
    )
    accounts = await _verify(connection, context.policy)
    return await _save(
        vault,
        pending.discord_id,
        pending.environment,
        CredentialKind.OAUTH,
        refresh_token=grant.refresh_token,
        client_secret=None,
        scopes=grant.scopes,
        accounts=accounts,
    )


async def linked_environments(discord_id: int) -> list[LinkedEnvironment]:
    """The trader's stored grants (no secrets), production first."""
    trader = await existing_trader(discord_id)
    if trader is None:
        return []
    result = []
    credentials = await BrokerCredential.filter(trader=trader, revoked_at=None)
    for credential in credentials:
        numbers = await BrokerAccount.filter(
            trader=trader, environment=credential.environment, is_closed=False
        ).values_list("account_number", flat=True)
        result.append(
            LinkedEnvironment(
                environment=Environment(credential.environment),
                kind=CredentialKind(credential.kind),
                linked_at=credential.created_at,
                account_numbers=tuple(sorted(str(number) for number in numbers)),
            )
        )
    return sorted(result, key=lambda link: link.environment is not Environment.PRODUCTION)


async def forget(
    discord_id: int, environment: Environment | None = None, *, purge: bool = False
) -> ForgetResult:
    """Delete the trader's credentials for ``environment`` (None: every environment) and any
    unfinished links. With ``purge`` also every synced row: the accounts of those environments
    with their positions, balances and transactions, and the sync errors that name them; the
    sync runs too once the trader has no account left. Returns what was deleted."""
    trader = await existing_trader(discord_id)
    await discard_pending(discord_id, environment)
    if trader is None:
        return ForgetResult(purged=purge)
    async with in_transaction() as conn:
        credentials = BrokerCredential.filter(trader=trader)
        if environment is not None:
            credentials = credentials.filter(environment=environment)
        environments = await credentials.using_db(conn).values_list("environment", flat=True)
        await credentials.using_db(conn).delete()
        forgotten = tuple(sorted({Environment(str(value)) for value in environments}))
        if not purge:
            return ForgetResult(environments=forgotten)
        accounts = BrokerAccount.filter(trader=trader)
        if environment is not None:
            accounts = accounts.filter(environment=environment)
        account_ids = await accounts.using_db(conn).values_list("id", flat=True)
        numbers = await accounts.using_db(conn).values_list("account_number", flat=True)
        positions = await Position.filter(account_id__in=account_ids).using_db(conn).count()
        balances = await BalanceSnapshot.filter(account_id__in=account_ids).using_db(conn).count()
        transactions = await Transaction.filter(account_id__in=account_ids).using_db(conn).count()
        runs = SyncRun.filter(trader=trader)
        run_ids = await runs.using_db(conn).values_list("id", flat=True)
        remaining = await BrokerAccount.filter(trader=trader).using_db(conn).count() - len(
            account_ids
        )
        if remaining == 0:
            errors = SyncError.filter(sync_run_id__in=run_ids)
        else:
            errors = SyncError.filter(sync_run_id__in=run_ids, account_number__in=list(numbers))
        sync_errors = await errors.using_db(conn).count()
        await errors.using_db(conn).delete()
        sync_runs = 0
        if remaining == 0:
            sync_runs = await runs.using_db(conn).count()
            await runs.using_db(conn).delete()
        # Positions, balances and transactions go with their accounts (ON DELETE CASCADE);
        # they are deleted explicitly so the counts above are exactly what went.
        await Position.filter(account_id__in=account_ids).using_db(conn).delete()
        await BalanceSnapshot.filter(account_id__in=account_ids).using_db(conn).delete()
        await Transaction.filter(account_id__in=account_ids).using_db(conn).delete()
        await BrokerAccount.filter(id__in=account_ids).using_db(conn).delete()
    log.info("trader %s forgot %s (purge=%s)", discord_id, environment or "everything", purge)
    return ForgetResult(
        environments=forgotten,
        purged=True,
        accounts=len(account_ids),
        positions=positions,
        balances=balances,
        transactions=transactions,
        sync_runs=sync_runs,
        sync_errors=sync_errors,
    )
