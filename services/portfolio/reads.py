"""Positions and transactions of the acting trader, a page at a time.

Every query starts from the trader's own accounts (``_accounts.trader_accounts``): another
trader's account number reads as not found.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tortoise.expressions import Q

from services.db.models import BrokerAccount, Transaction
from services.errors import ValidationError
from services.portfolio._accounts import current_positions, trader_accounts
from services.portfolio._model import Page, PositionLine, TransactionFilter, TransactionLine

POSITIONS_PER_PAGE = 8
TRANSACTIONS_PER_PAGE = 8
MAX_PAGE = 100_000
MAX_SYMBOL_CHARS = 32
MAX_TYPE_CHARS = 40
_SYMBOL = re.compile(r"[A-Z0-9./ ]{1,32}")
_TYPE = re.compile(r"[a-z ]{1,40}")
BAD_SYMBOL = "That is not a symbol (letters, digits, `.` or `/`, like SPY or /ES)."


def clean_symbol(text: str) -> str:
    """A symbol or underlying typed by the trader, upper-cased; anything else is refused."""
    cleaned = " ".join(text.strip().upper().split())
    if len(cleaned) > MAX_SYMBOL_CHARS or not _SYMBOL.fullmatch(cleaned):
        raise ValidationError(BAD_SYMBOL)
    return cleaned


def clean_type(text: str) -> str:
    """A transaction type like ``trade`` or ``receive deliver`` (matched case-insensitively)."""
    cleaned = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    if len(cleaned) > MAX_TYPE_CHARS or not _TYPE.fullmatch(cleaned):
        raise ValidationError(
            "That is not a transaction type (like `trade`, `receive deliver`, `money movement`)."
        )
    return cleaned


def _page_bounds(page: int, total: int, per_page: int) -> tuple[int, int]:
    pages = max(1, -(-total // per_page))
    if not 1 <= page <= min(pages, MAX_PAGE):
        raise ValidationError(f"Choose a page from 1 to {pages}.")
    return pages, (page - 1) * per_page


def _paged(items: list[PositionLine], page: int) -> Page[PositionLine]:
    pages, offset = _page_bounds(page, len(items), POSITIONS_PER_PAGE)
    items_here = tuple(items[offset : offset + POSITIONS_PER_PAGE])
    return Page(items_here, page, pages, len(items), POSITIONS_PER_PAGE)


async def positions_page(
    discord_id: int, underlying: str | None = None, page: int = 1
) -> Page[PositionLine]:
    """The trader's current positions (of each account's latest sync), largest market value
    first, optionally only those on ``underlying``."""
    accounts = await trader_accounts(discord_id)
    lines = await current_positions(accounts)
    if underlying is not None:
        wanted = clean_symbol(underlying)
        lines = [line for line in lines if wanted in (line.underlying_symbol, line.symbol)]
    lines.sort(
        key=lambda line: (-abs(line.market_value or Decimal(0)), line.symbol, line.account_number)
    )
    return _paged(lines, page)


def _line(row: Transaction, account: BrokerAccount) -> TransactionLine:
    return TransactionLine(
        tastytrade_id=row.tastytrade_id,
        account_number=account.account_number,
        environment=account.environment,
        transaction_type=row.transaction_type,
        transaction_sub_type=row.transaction_sub_type,
        action=row.action,
        symbol=row.symbol,
        underlying_symbol=row.underlying_symbol,
        instrument_type=row.instrument_type,
        quantity=row.quantity,
        price=row.price,
        value=row.value,
        net_value=row.net_value,
        fees=row.fees,
        executed_at=row.executed_at,
        transaction_date=row.transaction_date,
        description=row.description,
    )


async def transactions_page(
    discord_id: int, filters: TransactionFilter | None = None, page: int = 1
) -> Page[TransactionLine]:
    """The trader's transactions, newest first, narrowed by ``filters``."""
    filters = filters or TransactionFilter()
    if filters.since and filters.until and filters.since > filters.until:
        raise ValidationError("`since` must not be after `until`.")
    accounts = await trader_accounts(discord_id, filters.account_number)
    by_id = {account.id: account for account in accounts}
    query = Transaction.filter(account_id__in=list(by_id))
    if filters.symbol is not None:
        symbol = clean_symbol(filters.symbol)
        query = query.filter(Q(symbol=symbol) | Q(underlying_symbol=symbol))
    if filters.transaction_type is not None:
        query = query.filter(transaction_type__iexact=clean_type(filters.transaction_type))
    if filters.since is not None:
        query = query.filter(transaction_date__gte=filters.since)
    if filters.until is not None:
        query = query.filter(transaction_date__lte=filters.until)
    total = await query.count()
    pages, offset = _page_bounds(page, total, TRANSACTIONS_PER_PAGE)
    rows = (
        await query.order_by("-executed_at", "-tastytrade_id")
        .offset(offset)
        .limit(TRANSACTIONS_PER_PAGE)
    )
    lines = tuple(_line(row, by_id[row.account_id]) for row in rows)  # type: ignore[attr-defined]
    return Page(lines, page, pages, total, TRANSACTIONS_PER_PAGE)


async def recent_transactions(accounts: list[BrokerAccount], count: int) -> list[TransactionLine]:
    """The ``count`` newest transactions over ``accounts`` (already the trader's)."""
    by_id = {account.id: account for account in accounts}
    rows = (
        await Transaction.filter(account_id__in=list(by_id))
        .order_by("-executed_at", "-tastytrade_id")
        .limit(count)
    )
    return [_line(row, by_id[row.account_id]) for row in rows]  # type: ignore[attr-defined]


CHOICES = 25  # Discord shows at most 25 autocomplete choices


async def account_choices(discord_id: int, prefix: str = "") -> tuple[str, ...]:
    """The trader's account numbers starting with ``prefix`` (for autocomplete)."""
    wanted = prefix.strip().upper()[:MAX_SYMBOL_CHARS]
    rows = await BrokerAccount.filter(
        trader__discord_id=discord_id, account_number__startswith=wanted
    ).values_list("account_number", flat=True)
    return tuple(sorted({str(number) for number in rows}))[:CHOICES]


async def underlying_choices(discord_id: int, prefix: str = "") -> tuple[str, ...]:
    """Underlyings the trader has traded, starting with ``prefix`` (for autocomplete)."""
    wanted = prefix.strip().upper()[:MAX_SYMBOL_CHARS]
    rows = (
        await Transaction.filter(
            account__trader__discord_id=discord_id, underlying_symbol__startswith=wanted
        )
        .distinct()
        .order_by("underlying_symbol")
        .limit(CHOICES)
        .values_list("underlying_symbol", flat=True)
    )
    return tuple(str(symbol) for symbol in rows if symbol)
