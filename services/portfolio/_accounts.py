"""The acting trader's accounts: the one place every portfolio query starts from."""

from __future__ import annotations

import re

from services.db.models import BrokerAccount, Position
from services.errors import NotFoundError, ValidationError
from services.pnl import NOT_SYNCED
from services.portfolio._model import PositionLine

MAX_ACCOUNT_CHARS = 32
_ACCOUNT_NUMBER = re.compile(r"[A-Z0-9]{1,32}")
NOT_LINKED = NOT_SYNCED


def clean_account(text: str) -> str:
    """An account number typed by the trader, upper-cased; anything else is refused."""
    cleaned = text.strip().upper()
    if len(cleaned) > MAX_ACCOUNT_CHARS or not _ACCOUNT_NUMBER.fullmatch(cleaned):
        raise ValidationError("That is not an account number (letters and digits, like 5WT00001).")
    return cleaned


async def trader_accounts(
    discord_id: int, account_number: str | None = None
) -> list[BrokerAccount]:
    """The trader's accounts (production first), or only ``account_number``; none at all
    raises ``NotFoundError`` telling them to link and sync."""
    query = BrokerAccount.filter(trader__discord_id=discord_id)
    if account_number is not None:
        rows = await query.filter(account_number=clean_account(account_number)).order_by(
            "environment", "account_number"
        )
        if not rows:
            raise NotFoundError(f"You have no synced account {clean_account(account_number)}.")
        return _production_first(rows)
    rows = await query.order_by("environment", "account_number")
    if not rows:
        raise NotFoundError(NOT_LINKED)
    return _production_first(rows)


def _production_first(rows: list[BrokerAccount]) -> list[BrokerAccount]:
    return sorted(rows, key=lambda row: (row.environment.value != "production", row.account_number))


async def current_positions(accounts: list[BrokerAccount]) -> list[PositionLine]:
    """The positions of each account's latest sync (its snapshot at ``last_synced_at``)."""
    lines: list[PositionLine] = []
    for account in accounts:
        if account.last_synced_at is None:
            continue
        rows = await Position.filter(account_id=account.id, as_of=account.last_synced_at)
        lines += [
            PositionLine(
                account_number=account.account_number,
                environment=account.environment,
                symbol=row.symbol,
                underlying_symbol=row.underlying_symbol,
                instrument_type=row.instrument_type,
                quantity=row.quantity,
                multiplier=row.multiplier,
                average_open_price=row.average_open_price,
                mark=row.mark,
                close_price=row.close_price,
                expires_at=row.expires_at,
                as_of=row.as_of,
            )
            for row in rows
        ]
    return lines
