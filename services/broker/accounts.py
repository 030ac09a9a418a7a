"""Reading a trader's Tastytrade accounts through the SDK, behind plain values."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal

import httpx2
from tastytrade import Account, Session
from tastytrade.utils import TastytradeError

from services.broker.routing import BrokerConnection, build_session
from services.broker.transport import close_sdk_session
from services.errors import BrokerError, BrokerUnavailableError
from services.redaction import redact

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccountSummary:
    account_number: str
    nickname: str
    account_type: str
    margin_or_cash: str
    net_liquidating_value: Decimal
    cash_balance: Decimal


@asynccontextmanager
async def open_session(connection: BrokerConnection) -> AsyncIterator[Session]:
    """An SDK session for the connection; errors become our BrokerError types."""
    session = build_session(connection)
    try:
        yield session
    except TastytradeError as exc:
        log.warning("tastytrade refused a request: %s", exc)
        raise BrokerError(f"Tastytrade said: {redact(str(exc).strip()[:300])}") from None
    except (httpx2.TimeoutException, httpx2.TransportError) as exc:
        log.warning("tastytrade unreachable: %s", type(exc).__name__)
        raise BrokerUnavailableError() from None
    finally:
        await close_sdk_session(session)


async def list_accounts(connection: BrokerConnection) -> list[AccountSummary]:
    """The grant's open accounts with their current net liquidating value and cash."""
    async with open_session(connection) as session:
        accounts = await Account.get(session)
        summaries = []
        for account in accounts:
            balances = await account.get_balances(session)
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
