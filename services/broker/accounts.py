"""Reading a trader's Tastytrade accounts through the SDK, behind plain values."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tastytrade import Account

from services.broker.client import RetryPolicy, broker_client
from services.broker.routing import BrokerConnection


@dataclass(frozen=True)
class AccountSummary:
    account_number: str
    nickname: str
    account_type: str
    margin_or_cash: str
    net_liquidating_value: Decimal
    cash_balance: Decimal


async def list_accounts(
    connection: BrokerConnection, policy: RetryPolicy | None = None
) -> list[AccountSummary]:
    """The grant's open accounts with their current net liquidating value and cash (one real
    call each: this is also how a new grant is verified before it is saved)."""
    async with broker_client(connection, policy) as client:
        accounts = await client.call(Account.get)
        summaries = []
        for account in accounts:
            balances = await client.call(account.get_balances)
            summaries.append(
                AccountSummary(
                    account_number=account.account_number,
                    nickname=account.nickname,
                    account_type=account.account_type_name,
                    margin_or_cash=account.margin_or_cash,
                    net_liquidating_value=balances.net_liquidating_value,
                    cash_balance=balances.cash_balance,
                )
            )
    return summaries
