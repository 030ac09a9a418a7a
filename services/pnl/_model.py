"""What the P&L engine reports, as frozen dataclasses of plain values (Decimal money, aware UTC
datetimes, exchange dates). See ``services.pnl`` for the conventions behind every figure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

ZERO = Decimal(0)


class Side(StrEnum):
    """The direction of a lot: bought to open (long) or sold to open (short)."""

    LONG = "long"
    SHORT = "short"


class CloseReason(StrEnum):
    """What closed a lot (or the part of it a ``ClosedLot`` describes)."""

    TRADE = "trade"  # a fill: Sell to Close / Buy to Close (or a futures Buy/Sell)
    DELIVERY = (
        "delivery"  # the stock leg of an assignment or exercise (Receive Deliver at the strike)
    )
    EXPIRATION = "expiration"
    ASSIGNMENT = "assignment"
    EXERCISE = "exercise"
    CASH_SETTLEMENT = "cash_settlement"  # Cash Settled Assignment / Cash Settled Exercise


class CashCategory(StrEnum):
    """Non-trade cash: never part of trade P&L, reported separately."""

    DIVIDEND = "dividend"
    INTEREST = "interest"  # credit interest (positive) and debit/margin interest (negative)
    MONEY_MOVEMENT = "money_movement"  # deposits, withdrawals, transfers
    FEE = "fee"  # account fees not attached to a fill
    OTHER = "other"  # balance adjustments and anything else without a lot


@dataclass(frozen=True, slots=True)
class ClosedLot:
    """A matched open/close pair (quantity is the part of the opening that this close matched).

    ``open_cash_flow`` and ``close_cash_flow`` are the signed ``value`` shares (credit positive,
    debit negative); ``fees`` is what both sides paid, pro-rated by quantity (positive = charged);
    ``realized = open_cash_flow + close_cash_flow - fees``.
    """

    account: str
    symbol: str
    underlying: str
    instrument_type: str | None
    side: Side
    quantity: Decimal
    multiplier: Decimal | None
    opened_at: datetime
    open_date: date
    open_price: Decimal | None
    open_transaction_id: int
    closed_at: datetime
    close_date: date
    close_price: Decimal | None
    close_transaction_id: int
    close_reason: CloseReason
    open_cash_flow: Decimal
    close_cash_flow: Decimal
    open_fees: Decimal
    close_fees: Decimal
    realized: Decimal

    @property
    def fees(self) -> Decimal:
        return self.open_fees + self.close_fees

    @property
    def signed_quantity(self) -> Decimal:
        return self.quantity if self.side is Side.LONG else -self.quantity


@dataclass(frozen=True, slots=True)
class OpenLot:
    """What is left of one opening fill. ``open_cash_flow`` and ``open_fees`` are the remaining
    quantity's shares; ``unrealized`` is ``None`` when no mark (or no multiplier) is known."""

    account: str
    symbol: str
    underlying: str
    instrument_type: str | None
    side: Side
    quantity: Decimal
    multiplier: Decimal | None
    opened_at: datetime
    open_date: date
    open_price: Decimal | None
    open_transaction_id: int
    open_cash_flow: Decimal
    open_fees: Decimal
    mark: Decimal | None = None
    market_value: Decimal | None = None
    unrealized: Decimal | None = None

    @property
    def signed_quantity(self) -> Decimal:
        return self.quantity if self.side is Side.LONG else -self.quantity

    @property
    def net_open_cash_flow(self) -> Decimal:
        """The remaining signed opening cash flow after its fees (the lot's basis, signed)."""
        return self.open_cash_flow - self.open_fees


@dataclass(frozen=True, slots=True)
class CashItem:
    """A dividend, interest, deposit/withdrawal, account fee or adjustment (signed amount)."""

    account: str
    transaction_id: int
    executed_at: datetime
    transaction_date: date
    category: CashCategory
    transaction_type: str
    sub_type: str
    symbol: str | None
    amount: Decimal
    description: str


@dataclass(frozen=True, slots=True)
class Anomaly:
    """A row the engine could not apply as the conventions say (kept out of realized P&L):
    a close with no open lot (history starting after the opening), an unsupported corporate
    action, a split that does not pair. ``cash_flow`` is the row's unapplied net cash."""

    account: str
    transaction_id: int
    symbol: str | None
    quantity: Decimal
    cash_flow: Decimal
    reason: str


def month_key(day: date) -> str:
    """The ``realized_by_month`` key of a day: ``"YYYY-MM"``."""
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class PnLReport:
    """Everything ``compute_pnl`` found. Money is Decimal; ``fees`` are trade fees charged
    (positive); realized figures are net of fees and dated by the closing row's
    ``transaction_date``."""

    realized: Decimal
    unrealized: Decimal
    fees: Decimal
    by_underlying: Mapping[str, Decimal]
    closed_lots: tuple[ClosedLot, ...]
    open_lots: tuple[OpenLot, ...]
    realized_by_day: Mapping[date, Decimal]
    realized_by_month: Mapping[str, Decimal]
    realized_by_year: Mapping[int, Decimal]
    cash_items: tuple[CashItem, ...] = ()
    dividends: Decimal = ZERO
    interest: Decimal = ZERO
    money_movements: Decimal = ZERO
    other_cash: Decimal = ZERO
    by_account: Mapping[str, Decimal] = field(default_factory=dict)
    unmarked_symbols: tuple[str, ...] = ()
    anomalies: tuple[Anomaly, ...] = ()

    def for_period(self, start: date | None = None, end: date | None = None) -> PnLReport:
        """The same report restricted to ``[start, end]`` (inclusive; ``None`` leaves that side
        open): lots closed and cash dated inside, fees charged inside. Open lots and unrealized
        P&L are as of the marks and do not change."""
        from services.pnl._engine import summarize  # the totals are computed in one place

        return summarize(
            self.closed_lots,
            self.open_lots,
            self.cash_items,
            self.anomalies,
            start=start,
            end=end,
        )

    def for_account(self, account: str) -> PnLReport:
        """The same report restricted to one account number."""
        from services.pnl._engine import summarize

        return summarize(
            tuple(lot for lot in self.closed_lots if lot.account == account),
            tuple(lot for lot in self.open_lots if lot.account == account),
            tuple(item for item in self.cash_items if item.account == account),
            tuple(item for item in self.anomalies if item.account == account),
        )
