"""The lot-matching engine behind ``compute_pnl`` (conventions in ``services.pnl``'s docstring)."""

from __future__ import annotations

import gc
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal

from tastytrade.account import Transaction
from tastytrade.order import OrderAction

from services.pnl._model import (
    ZERO,
    Anomaly,
    CashCategory,
    CashItem,
    ClosedLot,
    CloseReason,
    OpenLot,
    PnLReport,
    Side,
    month_key,
)

CENT = Decimal("0.01")
#: the cent rounding of ``value`` bounds the error of a multiplier derived from it
VALUE_ROUNDING = Decimal("0.005")
MULTIPLIER_PLACES = Decimal("0.0001")

RECEIVE_DELIVER = "Receive Deliver"
MONEY_MOVEMENT = "Money Movement"
TRADE = "Trade"

#: Receive Deliver sub-types that remove an option position without saying its direction
REMOVALS: dict[str, CloseReason] = {
    "Expiration": CloseReason.EXPIRATION,
    "Assignment": CloseReason.ASSIGNMENT,
    "Exercise": CloseReason.EXERCISE,
    "Cash Settled Assignment": CloseReason.CASH_SETTLEMENT,
    "Cash Settled Exercise": CloseReason.CASH_SETTLEMENT,
}
#: Receive Deliver sub-types that move open lots onto a new quantity or symbol, not P&L
BASIS_MOVES = frozenset({"Forward Split", "Reverse Split", "Symbol Change"})
NOT_FILLS = BASIS_MOVES | REMOVALS.keys()

OPENS = {OrderAction.BUY_TO_OPEN: Side.LONG, OrderAction.SELL_TO_OPEN: Side.SHORT}
#: a closing action closes lots of this side
CLOSES = {OrderAction.SELL_TO_CLOSE: Side.LONG, OrderAction.BUY_TO_CLOSE: Side.SHORT}
#: futures-style actions: close the opposite side first, then open the rest
NETS = {OrderAction.BUY: Side.LONG, OrderAction.SELL: Side.SHORT}
OPPOSITE = {Side.LONG: Side.SHORT, Side.SHORT: Side.LONG}

FEE_FIELDS = (
    "commission",
    "clearing_fees",
    "regulatory_fees",
    "proprietary_index_option_fees",
    "other_charge",
)

BookKey = tuple[str, str, Side]


@dataclass(slots=True)
class _Lot:
    """The remaining part of one opening fill, while the engine runs (mutable)."""

    account: str
    symbol: str
    underlying: str
    instrument_type: str | None
    side: Side
    quantity: Decimal
    opened_at: datetime
    open_date: date
    open_price: Decimal | None
    open_transaction_id: int
    cash_flow: Decimal
    fees: Decimal


@dataclass(slots=True)
class _Fill:
    """A trade row's remaining quantity, cash flow and fees while it is matched against lots."""

    row: _Row
    quantity: Decimal
    cash_flow: Decimal
    fees: Decimal

    def take(self, quantity: Decimal) -> tuple[Decimal, Decimal]:
        """Remove ``quantity`` and return its (cash flow, fees) share; the last piece takes
        the exact remainder, so shares always add up to the row."""
        if quantity >= self.quantity:
            cash_flow, fees = self.cash_flow, self.fees
            self.quantity = self.cash_flow = self.fees = ZERO
            return cash_flow, fees
        cash_flow, fees = _share(self.cash_flow, self.fees, quantity, self.quantity)
        self.quantity -= quantity
        self.cash_flow -= cash_flow
        self.fees -= fees
        return cash_flow, fees


def _share(
    cash_flow: Decimal, fees: Decimal, part: Decimal, whole: Decimal
) -> tuple[Decimal, Decimal]:
    if part >= whole:
        return cash_flow, fees
    ratio = part / whole
    return (
        (cash_flow * ratio).quantize(CENT, rounding=ROUND_HALF_EVEN),
        (fees * ratio).quantize(CENT, rounding=ROUND_HALF_EVEN),
    )


def fees_charged(row: Transaction) -> Decimal:
    """What the row paid in fees, positive when charged. The SDK signs debits negative; a row
    with no fee field at all falls back to ``value - net_value``."""
    total = ZERO
    seen = False
    for name in FEE_FIELDS:
        amount = getattr(row, name)
        if amount is not None:
            seen = True
            total -= amount
    return total if seen else row.value - row.net_value


def _cash_category(row: _Row) -> CashCategory:
    sub_type = row.transaction_sub_type.lower()
    if "dividend" in sub_type:
        return CashCategory.DIVIDEND
    if "interest" in sub_type:
        return CashCategory.INTEREST
    if any(word in sub_type for word in ("deposit", "withdrawal", "transfer", "ach", "wire")):
        return CashCategory.MONEY_MOVEMENT
    if "fee" in sub_type:
        return CashCategory.FEE
    return CashCategory.OTHER


def _is_trade_row(row: Transaction) -> bool:
    if row.transaction_type == MONEY_MOVEMENT or not row.symbol or not row.quantity:
        return False
    return row.action is not None or row.transaction_type in (TRADE, RECEIVE_DELIVER)


@dataclass(slots=True)
class _Row:
    """The fields of one SDK ``Transaction`` the engine reads, taken once: the models are
    large and scattered in memory, so every later pass reads these compact rows instead."""

    account_number: str
    id: int
    transaction_type: str
    transaction_sub_type: str
    description: str
    executed_at: datetime
    transaction_date: date
    value: Decimal
    net_value: Decimal
    fees: Decimal
    symbol: str | None
    underlying_symbol: str | None
    instrument_type: str | None
    action: OrderAction | None
    quantity: Decimal  # absolute; 0 when the row has none
    price: Decimal | None
    reverses_id: int | None
    trade: bool


def _extract(row: Transaction) -> _Row:
    quantity = row.quantity
    return _Row(
        account_number=row.account_number,
        id=row.id,
        transaction_type=row.transaction_type,
        transaction_sub_type=row.transaction_sub_type,
        description=row.description,
        executed_at=row.executed_at,
        transaction_date=row.transaction_date,
        value=row.value,
        net_value=row.net_value,
        fees=fees_charged(row),
        symbol=row.symbol,
        underlying_symbol=row.underlying_symbol,
        instrument_type=row.instrument_type.value if row.instrument_type else None,
        action=row.action,
        quantity=abs(quantity) if quantity else ZERO,
        price=row.price,
        reverses_id=row.reverses_id,
        trade=_is_trade_row(row),
    )


def derive_multipliers(rows: Iterable[_Row]) -> dict[str, Decimal]:
    """Per symbol, ``|value| / (quantity x price)`` from the fill where ``|value|`` is largest
    (the cent rounding of ``value`` matters least there), snapped to the integer it rounds
    from when it is within that rounding. Removal and split rows are skipped: their price is
    not a fill price (a cash settlement carries the strike)."""
    best: dict[str, tuple[Decimal, _Row]] = {}
    for row in rows:
        value = row.value
        if value and row.price and row.symbol and row.transaction_sub_type not in NOT_FILLS:
            if value < 0:
                value = -value
            held = best.get(row.symbol)
            if held is None or value > held[0]:
                best[row.symbol] = (value, row)
    multipliers: dict[str, Decimal] = {}
    for symbol, (_, row) in best.items():
        assert row.quantity is not None and row.price is not None
        notional = abs(row.quantity * row.price)
        raw = abs(row.value) / notional
        whole = raw.to_integral_value()
        if whole > 0 and abs(raw - whole) <= VALUE_ROUNDING / notional:
            multipliers[symbol] = whole
        else:
            multipliers[symbol] = raw.quantize(MULTIPLIER_PLACES)
    return multipliers


class _Engine:
    def __init__(self, multipliers: dict[str, Decimal]) -> None:
        self.multipliers = multipliers
        self.books: dict[BookKey, deque[_Lot]] = defaultdict(deque)
        self.closed: list[ClosedLot] = []
        self.cash: list[CashItem] = []
        self.anomalies: list[Anomaly] = []

    # -- trades ---------------------------------------------------------------------------

    def apply_trade(self, row: _Row) -> None:
        assert row.symbol is not None and row.quantity is not None
        fill = _Fill(row, row.quantity, row.value, row.fees)
        account, symbol = row.account_number, row.symbol
        action = row.action
        reason = self._close_reason(row)
        if action in OPENS:
            self._open(fill, OPENS[action])
        elif action in CLOSES:
            self._close(fill, CLOSES[action], reason)
        elif action in NETS:
            side = NETS[action]
            self._close(fill, OPPOSITE[side], reason)
            self._open(fill, side)
        elif row.transaction_sub_type in REMOVALS:
            # expiration/assignment/exercise rows without an action: the open position says
            # which side they close
            if self.books.get((account, symbol, Side.SHORT)) and not self.books.get(
                (account, symbol, Side.LONG)
            ):
                self._close(fill, Side.SHORT, reason)
            else:
                self._close(fill, Side.LONG, reason)
        elif row.value:
            # a delivery without an action: a debit buys, a credit sells
            side = Side.LONG if row.value < 0 else Side.SHORT
            self._close(fill, OPPOSITE[side], reason)
            self._open(fill, side)
        else:
            self._anomaly(fill, f"unsupported {row.transaction_type} / {row.transaction_sub_type}")
            return
        if fill.quantity > 0:
            self._anomaly(fill, "close without a matching open lot")

    def _close_reason(self, row: _Row) -> CloseReason:
        if row.transaction_type != RECEIVE_DELIVER:
            return CloseReason.TRADE
        return REMOVALS.get(row.transaction_sub_type, CloseReason.DELIVERY)

    def _open(self, fill: _Fill, side: Side) -> None:
        if fill.quantity <= 0:
            return
        row = fill.row
        assert row.symbol is not None
        quantity = fill.quantity
        cash_flow, fees = fill.take(quantity)
        self.books[(row.account_number, row.symbol, side)].append(
            _Lot(
                account=row.account_number,
                symbol=row.symbol,
                underlying=row.underlying_symbol or row.symbol,
                instrument_type=row.instrument_type,
                side=side,
                quantity=quantity,
                opened_at=row.executed_at,
                open_date=row.transaction_date,
                open_price=self._price(row),
                open_transaction_id=row.id,
                cash_flow=cash_flow,
                fees=fees,
            )
        )

    def _close(self, fill: _Fill, side: Side, reason: CloseReason) -> None:
        """Match ``fill`` FIFO against the open lots of ``side``; what cannot be matched stays
        in ``fill`` (the caller opens it or reports it)."""
        row = fill.row
        assert row.symbol is not None
        book = self.books.get((row.account_number, row.symbol, side))
        close_price = self._price(row)
        multiplier = self.multipliers.get(row.symbol)
        while book and fill.quantity > 0:
            lot = book[0]
            whole_lot = lot.quantity <= fill.quantity
            quantity = lot.quantity if whole_lot else fill.quantity
            if whole_lot:
                open_cash_flow, open_fees = lot.cash_flow, lot.fees
            else:
                open_cash_flow, open_fees = _share(lot.cash_flow, lot.fees, quantity, lot.quantity)
            close_cash_flow, close_fees = fill.take(quantity)
            self.closed.append(
                ClosedLot(
                    account=lot.account,
                    symbol=lot.symbol,
                    underlying=lot.underlying,
                    instrument_type=lot.instrument_type,
                    side=side,
                    quantity=quantity,
                    multiplier=multiplier,
                    opened_at=lot.opened_at,
                    open_date=lot.open_date,
                    open_price=lot.open_price,
                    open_transaction_id=lot.open_transaction_id,
                    closed_at=row.executed_at,
                    close_date=row.transaction_date,
                    close_price=close_price,
                    close_transaction_id=row.id,
                    close_reason=reason,
                    open_cash_flow=open_cash_flow,
                    close_cash_flow=close_cash_flow,
                    open_fees=open_fees,
                    close_fees=close_fees,
                    realized=open_cash_flow + close_cash_flow - open_fees - close_fees,
                )
            )
            if whole_lot:
                book.popleft()
            else:
                lot.quantity -= quantity
                lot.cash_flow -= open_cash_flow
                lot.fees -= open_fees

    def _price(self, row: _Row) -> Decimal | None:
        """The row's fill price; for a removal (expiration, assignment, exercise, cash
        settlement) or a row without a price, the cash per unit: 0 without cash, ``None`` when
        the multiplier is unknown (a cash settlement's own price is the strike)."""
        if row.price is not None and row.transaction_sub_type not in REMOVALS:
            return row.price
        if not row.value:
            return ZERO
        multiplier = self.multipliers.get(row.symbol or "")
        if multiplier is None or not row.quantity:
            return None
        return abs(row.value) / (abs(row.quantity) * multiplier)

    def _anomaly(self, fill: _Fill, reason: str) -> None:
        row = fill.row
        self.anomalies.append(
            Anomaly(
                account=row.account_number,
                transaction_id=row.id,
                symbol=row.symbol,
                quantity=fill.quantity,
                cash_flow=fill.cash_flow - fill.fees,
                reason=reason,
            )
        )

    # -- splits and symbol changes ------------------------------------------------------

    def apply_basis_move(self, rows: list[_Row]) -> None:
        """A split (or symbol change) group: pair each removal with its addition and move the
        removed lots onto the added quantity, keeping their dates, cash flows and fees."""
        removals: list[_Row] = []
        additions: list[_Row] = []
        for row in rows:
            (removals if self._is_removal(row, rows) else additions).append(row)
        for removal, addition in self._pair(removals, additions):
            self._move(removal, addition)

    def _open_side(self, account: str, symbol: str) -> Side | None:
        for side in (Side.LONG, Side.SHORT):
            if self.books.get((account, symbol, side)):
                return side
        return None

    def _open_quantity(self, account: str, symbol: str) -> Decimal:
        return sum(
            (
                lot.quantity
                for side in (Side.LONG, Side.SHORT)
                for lot in self.books.get((account, symbol, side), ())
            ),
            start=ZERO,
        )

    def _is_removal(self, row: _Row, group: list[_Row]) -> bool:
        if row.action is not None:
            return row.action in CLOSES
        assert row.symbol is not None
        side = self._open_side(row.account_number, row.symbol)
        if sum(1 for other in group if other.symbol == row.symbol) == 1:
            # the symbol changes: the old one is the one that is open
            return side is not None
        if row.value and side is not None:
            # removing a long position credits it, adding one debits it (and the reverse short)
            return (row.value > 0) == (side is Side.LONG)
        held = self._open_quantity(row.account_number, row.symbol)
        return row.quantity is not None and abs(row.quantity) == held

    def _pair(self, removals: list[_Row], additions: list[_Row]) -> list[tuple[_Row, _Row]]:
        if len(removals) == 1 and len(additions) == 1:
            return [(removals[0], additions[0])]
        pairs: list[tuple[_Row, _Row]] = []
        free = list(additions)
        for removal in removals:
            match = next(
                (
                    addition
                    for addition in sorted(free, key=lambda a: abs(a.id - removal.id))
                    if abs(addition.value) == abs(removal.value)
                ),
                None,
            )
            if match is None:
                self._unpaired(removal)
                continue
            free.remove(match)
            pairs.append((removal, match))
        for addition in free:
            self._unpaired(addition)
        return pairs

    def _unpaired(self, row: _Row, reason: str = "split row without its pair") -> None:
        self._anomaly(_Fill(row, row.quantity, ZERO, ZERO), reason)

    def _move(self, removal: _Row, addition: _Row) -> None:
        assert removal.symbol and addition.symbol and removal.quantity and addition.quantity
        account = removal.account_number
        side = self._open_side(account, removal.symbol)
        if side is None:
            self._unpaired(removal, "split of a position that is not open")
            return
        old_quantity, new_quantity = abs(removal.quantity), abs(addition.quantity)
        ratio = new_quantity / old_quantity
        book = self.books[(account, removal.symbol, side)]
        moved: list[_Lot] = []
        left = old_quantity
        while book and left > 0:
            lot = book[0]
            quantity = min(lot.quantity, left)
            cash_flow, fees = _share(lot.cash_flow, lot.fees, quantity, lot.quantity)
            moved.append(
                _Lot(
                    account=account,
                    symbol=addition.symbol,
                    underlying=addition.underlying_symbol or lot.underlying,
                    instrument_type=lot.instrument_type,
                    side=side,
                    quantity=quantity,
                    opened_at=lot.opened_at,
                    open_date=lot.open_date,
                    open_price=lot.open_price,
                    open_transaction_id=lot.open_transaction_id,
                    cash_flow=cash_flow,
                    fees=fees,
                )
            )
            lot.quantity -= quantity
            lot.cash_flow -= cash_flow
            lot.fees -= fees
            left -= quantity
            if lot.quantity == 0:
                book.popleft()
        if left > 0:
            self._anomaly(_Fill(removal, left, ZERO, ZERO), "split of more than is open")
        # the new quantities follow the ratio; the last lot takes the exact remainder
        target = (old_quantity - left) * ratio
        for index, lot in enumerate(moved):
            scaled = target if index == len(moved) - 1 else lot.quantity * ratio
            target -= scaled
            lot.quantity = scaled
            if lot.open_price is not None and ratio:
                lot.open_price = lot.open_price / ratio
        if addition.symbol != removal.symbol and addition.symbol not in self.multipliers:
            old = self.multipliers.get(removal.symbol)
            if old is not None:
                self.multipliers[addition.symbol] = old
        self.books[(account, addition.symbol, side)].extend(moved)

    # -- cash ---------------------------------------------------------------------------

    def apply_cash(self, row: _Row) -> None:
        self.cash.append(
            CashItem(
                account=row.account_number,
                transaction_id=row.id,
                executed_at=row.executed_at,
                transaction_date=row.transaction_date,
                category=_cash_category(row),
                transaction_type=row.transaction_type,
                sub_type=row.transaction_sub_type,
                symbol=row.symbol,
                amount=row.net_value,
                description=row.description,
            )
        )

    # -- the end --------------------------------------------------------------------------

    def open_lots(self, marks: Mapping[str, Decimal]) -> list[OpenLot]:
        out: list[OpenLot] = []
        for book in self.books.values():
            for lot in book:
                multiplier = self.multipliers.get(lot.symbol)
                mark = marks.get(lot.symbol)
                market_value: Decimal | None = None
                unrealized: Decimal | None = None
                if mark is not None and multiplier is not None:
                    sign = 1 if lot.side is Side.LONG else -1
                    market_value = mark * lot.quantity * multiplier * sign
                    unrealized = market_value + lot.cash_flow - lot.fees
                out.append(
                    OpenLot(
                        account=lot.account,
                        symbol=lot.symbol,
                        underlying=lot.underlying,
                        instrument_type=lot.instrument_type,
                        side=lot.side,
                        quantity=lot.quantity,
                        multiplier=multiplier,
                        opened_at=lot.opened_at,
                        open_date=lot.open_date,
                        open_price=lot.open_price,
                        open_transaction_id=lot.open_transaction_id,
                        open_cash_flow=lot.cash_flow,
                        open_fees=lot.fees,
                        mark=mark,
                        market_value=market_value,
                        unrealized=unrealized,
                    )
                )
        out.sort(key=lambda lot: (lot.account, lot.symbol, lot.opened_at, lot.open_transaction_id))
        return out


def _order(row: _Row) -> tuple[datetime, int]:
    return (row.executed_at, row.id)


def _split_group(row: _Row) -> tuple[str, date, str, str]:
    return (
        row.account_number,
        row.transaction_date,
        row.transaction_sub_type,
        row.underlying_symbol or row.symbol or "",
    )


def compute_pnl(
    transactions: Iterable[Transaction], marks: Mapping[str, Decimal] | None = None
) -> PnLReport:
    """Match the trades of ``transactions`` (any order, any accounts) into lots and report
    realized and unrealized P&L, fees, and the non-trade cash; ``marks`` maps a position
    symbol to its mark price. Pure: no I/O, no clock."""
    with _cycle_collection_paused():
        return _compute(transactions, marks or {})


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the engine allocates its lots. The engine makes no
    reference cycles (refcounting frees everything it drops), but with 100,000 SDK models
    alive each automatic full collection walks all of them: half the run time on large
    histories (bench/pnl.py). The previous state is restored, so nested or concurrent calls
    leave the collector as they found it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compute(transactions: Iterable[Transaction], marks: Mapping[str, Decimal]) -> PnLReport:
    rows = _distinct(transactions)
    rows.sort(key=_order)
    groups: dict[tuple[str, date, str, str], list[_Row]] = defaultdict(list)
    for row in rows:
        if row.trade and row.transaction_sub_type in BASIS_MOVES:
            groups[_split_group(row)].append(row)
    engine = _Engine(derive_multipliers(row for row in rows if row.trade))
    for row in rows:
        if not row.trade:
            engine.apply_cash(row)
        elif row.transaction_sub_type in BASIS_MOVES:
            group = groups.pop(_split_group(row), None)
            if group is not None:  # the group runs once, at its first row
                engine.apply_basis_move(group)
        else:
            engine.apply_trade(row)
    return summarize(
        tuple(engine.closed),
        tuple(engine.open_lots(marks)),
        tuple(engine.cash),
        tuple(engine.anomalies),
    )


def _distinct(transactions: Iterable[Transaction]) -> list[_Row]:
    """One row per (account, id), without reversed rows and the reversals that cancel them."""
    seen: dict[tuple[str, int], _Row] = {}
    for model in transactions:
        key = (model.account_number, model.id)
        if key not in seen:
            seen[key] = _extract(model)
    reversals = [row for row in seen.values() if row.reverses_id is not None]
    for row in reversals:
        reversed_key = (row.account_number, row.reverses_id)
        if (row.account_number, row.id) in seen and reversed_key in seen:
            del seen[reversed_key]
            del seen[(row.account_number, row.id)]
    return list(seen.values())


def summarize(
    closed: tuple[ClosedLot, ...],
    open_lots: tuple[OpenLot, ...],
    cash: tuple[CashItem, ...],
    anomalies: tuple[Anomaly, ...],
    *,
    start: date | None = None,
    end: date | None = None,
) -> PnLReport:
    """The report's totals from its lots and cash items, for closes, cash and fees dated in
    ``[start, end]`` (inclusive, open-ended when ``None``)."""

    def inside(day: date) -> bool:
        return (start is None or day >= start) and (end is None or day <= end)

    fees = ZERO
    for lot in closed:
        if inside(lot.open_date):
            fees += lot.open_fees
        if inside(lot.close_date):
            fees += lot.close_fees
    for open_lot in open_lots:
        if inside(open_lot.open_date):
            fees += open_lot.open_fees
    kept = tuple(
        sorted(
            (lot for lot in closed if inside(lot.close_date)),
            key=lambda lot: (lot.closed_at, lot.close_transaction_id, lot.open_transaction_id),
        )
    )
    kept_cash = tuple(
        sorted(
            (item for item in cash if inside(item.transaction_date)),
            key=lambda item: (item.executed_at, item.transaction_id),
        )
    )
    realized = ZERO
    by_underlying: dict[str, Decimal] = defaultdict(Decimal)
    by_account: dict[str, Decimal] = defaultdict(Decimal)
    by_day: dict[date, Decimal] = defaultdict(Decimal)
    for lot in kept:
        realized += lot.realized
        by_underlying[lot.underlying] += lot.realized
        by_account[lot.account] += lot.realized
        by_day[lot.close_date] += lot.realized
    by_month: dict[str, Decimal] = defaultdict(Decimal)
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    for day, amount in by_day.items():
        by_month[month_key(day)] += amount
        by_year[day.year] += amount
    totals = dict.fromkeys(CashCategory, ZERO)
    for item in kept_cash:
        totals[item.category] += item.amount
    unrealized = sum(
        (lot.unrealized for lot in open_lots if lot.unrealized is not None), start=ZERO
    )
    return PnLReport(
        realized=realized,
        unrealized=unrealized,
        fees=fees,
        by_underlying=dict(sorted(by_underlying.items())),
        closed_lots=kept,
        open_lots=open_lots,
        realized_by_day=dict(sorted(by_day.items())),
        realized_by_month=dict(sorted(by_month.items())),
        realized_by_year=dict(sorted(by_year.items())),
        cash_items=kept_cash,
        dividends=totals[CashCategory.DIVIDEND],
        interest=totals[CashCategory.INTEREST],
        money_movements=totals[CashCategory.MONEY_MOVEMENT],
        other_cash=totals[CashCategory.FEE] + totals[CashCategory.OTHER],
        by_account=dict(sorted(by_account.items())),
        unmarked_symbols=tuple(sorted({lot.symbol for lot in open_lots if lot.unrealized is None})),
        anomalies=anomalies,
    )
