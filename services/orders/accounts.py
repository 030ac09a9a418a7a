"""Which account an order step uses: the trader's sandbox account for rehearsals and
qualification runs."""

from __future__ import annotations

from collections.abc import Sequence

from tastytrade import Account

from services.broker.client import BrokerClient
from services.db.models import BrokerAccount
from services.db.statements import Statement, fetch_models
from services.environment import Environment
from services.errors import NotLinkedError


class SandboxRequiredError(NotLinkedError):
    user_message = (
        "Every order is rehearsed in the Tastytrade sandbox before production: link a sandbox "
        "account first (`/link sandbox`)."
    )


# every order reads them (hand-written: see services.db.statements)
_OPEN_ACCOUNTS = Statement(
    "SELECT * FROM broker_account WHERE trader_id = ? AND is_closed = ? ORDER BY account_number"
)


async def open_accounts(trader_id: int) -> list[BrokerAccount]:
    """The trader's open accounts of both environments, by account number (one read)."""
    return await fetch_models(BrokerAccount, _OPEN_ACCOUNTS, trader_id, False)


def stored_sandbox_account(stored: Sequence[str]) -> str | None:
    """Which of the trader's stored sandbox accounts rehearses their orders (the lowest
    number, so every step picks the same one); ``None`` when none is stored."""
    return min(stored) if stored else None


async def sandbox_account(
    trader_id: int, client: BrokerClient, *, stored: Sequence[str] | None = None
) -> str:
    """The trader's first open sandbox account a sync stored (``stored``: their numbers, when
    the caller has read them), else the first one the sandbox login lists (one read, only
    before the first sync)."""
    if stored is None:
        stored = [
            str(number)
            for number in await BrokerAccount.filter(
                trader_id=trader_id, environment=Environment.SANDBOX, is_closed=False
            )
            .order_by("account_number")
            .limit(1)
            .values_list("account_number", flat=True)
        ]
    if stored:
        return str(stored_sandbox_account(stored))
    accounts = await client.call(Account.get)
    if not accounts:
        raise SandboxRequiredError("Your sandbox login has no account to rehearse orders in.")
    return str(accounts[0].account_number)
