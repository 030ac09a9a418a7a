"""What the portfolio reads return: plain frozen values, nothing from the ORM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Generic, TypeVar

from services.environment import Environment

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list; ``page`` is 1-based and ``pages`` is at least 1."""

    items: tuple[T, ...]
    page: int
    pages: int
    total: int
    per_page: int

    def number(self, index: int) -> int:
        """The 1-based position in the whole list of the page's item ``index``."""
        return (self.page - 1) * self.per_page + index + 1


@dataclass(frozen=True)
class PositionLine:
    """A position as of the account's latest sync; quantity is negative for short positions."""

    account_number: str
    environment: Environment
    symbol: str
    underlying_symbol: str
    instrument_type: str
    quantity: Decimal
    multiplier: int
    average_open_price: Decimal | None
    mark: Decimal | None
    close_price: Decimal | None
    expires_at: datetime | None
    as_of: datetime

    @property
    def market_value(self) -> Decimal | None:
        """Signed value at the mark (negative for short positions)."""
        if self.mark is None:
            return None
        return self.quantity * self.mark * self.multiplier

    @property
    def cost_basis(self) -> Decimal | None:
        """What opening cost at the average open price (negative: credit received)."""
        if self.average_open_price is None:
            return None
        return self.quantity * self.average_open_price * self.multiplier

    @property
    def open_gain(self) -> Decimal | None:
        """Mark against average open price, before fees."""
        value, cost = self.market_value, self.cost_basis
        return None if value is None or cost is None else value - cost


@dataclass(frozen=True)
class TransactionLine:
    """A stored transaction; amounts are signed as Tastytrade's effects say (debit < 0)."""

    tastytrade_id: int
    account_number: str
    environment: Environment
    transaction_type: str
    transaction_sub_type: str
    action: str | None
    symbol: str | None
    underlying_symbol: str | None
    instrument_type: str | None
    quantity: Decimal | None
    price: Decimal | None
    value: Decimal
    net_value: Decimal
    fees: Decimal
    executed_at: datetime
    transaction_date: date
    description: str


@dataclass(frozen=True)
class TransactionFilter:
    """What ``/transactions`` narrows by; every field is optional."""

    account_number: str | None = None
    symbol: str | None = None  # matches the symbol or the underlying
    transaction_type: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class RealizedFigures:
    """Realized P&L (after fees) for today, month to date and year to date, plus unrealized
    P&L at the latest marks; None where the engine has nothing to say (no marks)."""

    today: Decimal
    month_to_date: Decimal
    year_to_date: Decimal
    unrealized: Decimal | None
    unmarked_symbols: tuple[str, ...] = ()  # open symbols without a mark (not in unrealized)


@dataclass(frozen=True)
class AccountSummary:
    """One account on the dashboard."""

    account_number: str
    environment: Environment
    nickname: str
    is_closed: bool
    net_liquidating_value: Decimal | None
    buying_power: Decimal | None
    day_change: Decimal | None  # None: no balance from before today to compare with
    balance_as_of: datetime | None
    last_synced_at: datetime | None
    pnl: RealizedFigures | None


@dataclass(frozen=True)
class Totals:
    """The sum over one environment's accounts (sandbox money is never added to real money)."""

    environment: Environment
    accounts: int
    net_liquidating_value: Decimal
    buying_power: Decimal
    day_change: Decimal | None  # None when no account has a figure from before today
    pnl: RealizedFigures | None


@dataclass(frozen=True)
class Dashboard:
    today: date
    accounts: tuple[AccountSummary, ...]
    totals: tuple[Totals, ...]
    largest_positions: tuple[PositionLine, ...]
    recent_transactions: tuple[TransactionLine, ...]
    last_synced_at: datetime | None
