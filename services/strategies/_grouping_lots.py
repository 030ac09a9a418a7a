"""What grouping knows of one lot: its opening transaction, what is left of it, how and when
it was closed and what it made, taken from the P&L engine's lots (pure: no I/O, no clock).

A lot is what one opening fill opened, so an ``Opening`` stands for both the lot and the
Transaction row a ``GroupMember`` points at. The P&L engine names a lot by the Tastytrade id of
its opening row (``open_transaction_id``); ``openings_of`` joins it to the stored row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from services.option_symbols import OptionContract as OptionContract
from services.option_symbols import parse_option_symbol
from services.pnl import CloseReason, PnLReport, Side
from services.strategies._model import Leg, LegSide, LegType

ZERO = Decimal(0)
#: shares one equity option contract delivers when the fills do not tell (the catalog's ratio)
SHARES_PER_CONTRACT = Decimal(100)
RECEIVE_DELIVER = "Receive Deliver"
EQUITY_INSTRUMENTS = frozenset({"Equity"})

_SIDES = {Side.LONG: LegSide.LONG, Side.SHORT: LegSide.SHORT}


@dataclass(frozen=True, slots=True)
class TransactionFacts:
    """The columns of a stored Transaction row grouping reads (never its payload)."""

    pk: int
    tastytrade_id: int
    order_id: int | None
    transaction_type: str
    executed_at: datetime


@dataclass(frozen=True, slots=True)
class LotClose:
    """One close of (part of) a lot: the P&L engine's ``ClosedLot`` with the closing row's
    order id (a roll closes and opens under one order)."""

    closed_at: datetime
    close_date: date
    quantity: Decimal
    reason: CloseReason
    close_transaction_id: int  # Tastytrade id of the closing row
    close_order_id: int | None
    realized: Decimal
    fees: Decimal


@dataclass(frozen=True, slots=True)
class Opening:
    """One lot and its opening Transaction row (``pk`` is the row's database id).

    ``quantity`` is what the fill opened (contracts, or shares for stock), ``open_quantity`` what
    is still open; ``realized`` sums its closes, ``unrealized`` is the open rest at the latest
    mark (``None`` when open and unmarked, 0 when closed); ``open_basis`` is the open rest's
    signed opening cash flow net of fees (a debit negative)."""

    pk: int
    tastytrade_id: int
    account_pk: int
    account_number: str
    order_id: int | None
    delivered: bool  # opened by a Receive Deliver row (stock of an assignment or exercise)
    executed_at: datetime
    underlying: str
    symbol: str
    instrument_type: str | None
    side: Side
    option: OptionContract | None
    open_price: Decimal | None
    quantity: Decimal
    open_quantity: Decimal
    multiplier: Decimal | None
    closes: tuple[LotClose, ...]
    realized: Decimal
    unrealized: Decimal | None
    open_basis: Decimal

    @property
    def is_open(self) -> bool:
        return self.open_quantity > 0

    @property
    def is_stock(self) -> bool:
        return self.option is None and self.instrument_type in EQUITY_INSTRUMENTS

    @property
    def is_short_call(self) -> bool:
        return (
            self.option is not None and self.option.type is LegType.CALL and self.side is Side.SHORT
        )

    @property
    def is_short_put(self) -> bool:
        return (
            self.option is not None and self.option.type is LegType.PUT and self.side is Side.SHORT
        )

    @property
    def closed_at(self) -> datetime | None:
        """When the last of the lot was closed (``None`` while any of it is open)."""
        if self.is_open or not self.closes:
            return None
        return max(close.closed_at for close in self.closes)

    @property
    def shares_per_contract(self) -> Decimal:
        """Shares an option of this lot delivers (its multiplier when the fills gave one)."""
        return self.multiplier or SHARES_PER_CONTRACT

    def held_at(self, moment: datetime) -> Decimal:
        """The quantity of this lot open just after ``moment`` (closes at ``moment`` count)."""
        if self.executed_at > moment:
            return ZERO
        closed = sum(
            (close.quantity for close in self.closes if close.closed_at <= moment), start=ZERO
        )
        return max(self.quantity - closed, ZERO)

    def leg(self, quantity: Decimal) -> Leg | None:
        """This lot as a catalog ``Leg`` of ``quantity``; ``None`` for an instrument the
        catalog cannot describe (futures, futures options, crypto)."""
        side = _SIDES[self.side]
        if self.option is not None:
            return Leg(
                type=self.option.type,
                side=side,
                quantity=quantity,
                strike=self.option.strike,
                expiration=self.option.expiration,
            )
        if self.is_stock:
            return Leg(type=LegType.EQUITY, side=side, quantity=quantity)
        return None


def openings_of(
    report: PnLReport,
    rows: Mapping[int, TransactionFacts],
    *,
    account_pk: int,
    account_number: str,
) -> tuple[Opening, ...]:
    """The lots of one account's ``report`` as ``Opening``s, in opening order. ``rows`` maps
    the account's Tastytrade transaction ids to their stored rows; a lot whose opening row is
    not stored (it cannot happen after a sync) is left out."""
    closes: dict[int, list[LotClose]] = defaultdict(list)
    first: dict[int, _LotHead] = {}
    for closed in report.closed_lots:
        if closed.account != account_number:
            continue
        closing = rows.get(closed.close_transaction_id)
        closes[closed.open_transaction_id].append(
            LotClose(
                closed_at=closed.closed_at,
                close_date=closed.close_date,
                quantity=closed.quantity,
                reason=closed.close_reason,
                close_transaction_id=closed.close_transaction_id,
                close_order_id=closing.order_id if closing else None,
                realized=closed.realized,
                fees=closed.fees,
            )
        )
        first.setdefault(
            closed.open_transaction_id,
            _LotHead(
                closed.symbol,
                closed.underlying,
                closed.instrument_type,
                closed.side,
                closed.opened_at,
                closed.multiplier,
                closed.open_price,
            ),
        )
    open_quantity: dict[int, Decimal] = defaultdict(Decimal)
    unrealized: dict[int, Decimal | None] = {}
    basis: dict[int, Decimal] = defaultdict(Decimal)
    for lot in report.open_lots:
        if lot.account != account_number:
            continue
        key = lot.open_transaction_id
        open_quantity[key] += lot.quantity
        basis[key] += lot.net_open_cash_flow
        known = unrealized.get(key, ZERO)
        unrealized[key] = (
            None if known is None or lot.unrealized is None else known + lot.unrealized
        )
        # an open lot names the symbol the position has now (after a split or symbol change)
        first[key] = _LotHead(
            lot.symbol,
            lot.underlying,
            lot.instrument_type,
            lot.side,
            lot.opened_at,
            lot.multiplier,
            lot.open_price,
        )
    out: list[Opening] = []
    for tastytrade_id, head in first.items():
        row = rows.get(tastytrade_id)
        if row is None:
            continue
        lot_closes = tuple(sorted(closes.get(tastytrade_id, ()), key=lambda c: c.closed_at))
        still_open = open_quantity.get(tastytrade_id, ZERO)
        out.append(
            Opening(
                pk=row.pk,
                tastytrade_id=tastytrade_id,
                account_pk=account_pk,
                account_number=account_number,
                order_id=row.order_id,
                delivered=row.transaction_type == RECEIVE_DELIVER,
                executed_at=head.opened_at,
                underlying=head.underlying,
                symbol=head.symbol,
                instrument_type=head.instrument_type,
                side=head.side,
                option=parse_option_symbol(head.symbol),
                open_price=head.open_price,
                quantity=still_open + sum((c.quantity for c in lot_closes), start=ZERO),
                open_quantity=still_open,
                multiplier=head.multiplier,
                closes=lot_closes,
                realized=sum((c.realized for c in lot_closes), start=ZERO),
                unrealized=unrealized.get(tastytrade_id, ZERO) if still_open else ZERO,
                open_basis=basis.get(tastytrade_id, ZERO),
            )
        )
    out.sort(key=lambda opening: (opening.executed_at, opening.tastytrade_id))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _LotHead:
    symbol: str
    underlying: str
    instrument_type: str | None
    side: Side
    opened_at: datetime
    multiplier: Decimal | None
    open_price: Decimal | None


def legs_of(openings: Iterable[Opening], *, open_only: bool) -> tuple[Leg, ...] | None:
    """The legs of ``openings`` for ``classify``: the open quantities (``open_only``) or the
    opened ones, lots of one contract (same type, side, strike, expiration) added up. ``None``
    when a lot is of an instrument the catalog cannot describe."""
    totals: dict[tuple[LegType, LegSide, Decimal | None, date | None], Decimal] = defaultdict(
        Decimal
    )
    for opening in openings:
        quantity = opening.open_quantity if open_only else opening.quantity
        if quantity <= 0:
            continue
        leg = opening.leg(quantity)
        if leg is None:
            return None
        totals[(leg.type, leg.side, leg.strike, leg.expiration)] += quantity
    return tuple(
        Leg(type=kind, side=side, quantity=quantity, strike=strike, expiration=expiration)
        for (kind, side, strike, expiration), quantity in sorted(totals.items(), key=_leg_order)
    )


def _leg_order(
    item: tuple[tuple[LegType, LegSide, Decimal | None, date | None], Decimal],
) -> tuple[str, str, Decimal, date]:
    (kind, side, strike, expiration), _ = item
    return (kind.value, side.value, strike or ZERO, expiration or date.min)
