"""Pure grouping on hand-written Tastytrade rows: wire JSON as Tastytrade sends it (absolute
amounts with their ``*-effect``; the integration tests feed the same rows to the simulator),
read by the SDK, matched by the real P&L engine, grouped by the real planner, and a small
in-memory store that applies each plan as the database would."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from tastytrade.account import Transaction

from services.db.models import GroupOrigin, GroupStatus
from services.environment import Environment
from services.pnl import compute_pnl
from services.strategies._grouping_lots import Opening, TransactionFacts, openings_of
from services.strategies._grouping_plan import (
    GroupingPlan,
    GroupState,
    Membership,
    plan_grouping,
)
from services.strategies._grouping_read import GroupLots, MemberLot
from services.strategies._model import StrategyMatch
from services.strategies.classifier import classify

ACCOUNT = "5WT00001"
ACCOUNT_PK = 1
OPTION_FEES = Decimal("1.14")
Wire = dict[str, Any]  # commission 1.00, clearing 0.10, regulatory 0.04 per contract


def occ(root: str, expiry: date, right: str, strike: Decimal | int | str) -> str:
    """An OCC option symbol, e.g. ``SPY   250620P00450000``."""
    return f"{root:<6}{expiry:%y%m%d}{right}{int(Decimal(strike) * 1000):08d}"


def at(day: date, hour: int = 15, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def _money(row: dict[str, Any], key: str, amount: Decimal) -> None:
    row[key] = str(abs(amount))
    row[f"{key}-effect"] = "Debit" if amount < 0 else "Credit" if amount > 0 else "None"


def row(
    id: int,
    when: datetime,
    symbol: str,
    action: str | None,
    quantity: Decimal | int | str,
    price: Decimal | int | str,
    *,
    order: int | None = None,
    kind: str = "Trade",
    sub_type: str | None = None,
    fees: Decimal | str | None = None,
    account: str = ACCOUNT,
) -> Wire:
    """One fill (or removal/delivery with ``kind="Receive Deliver"``). Options (OCC symbols)
    move 100 shares per contract; ``fees`` default to 1.14 per option contract opened and
    nothing else."""
    quantity, price = Decimal(quantity), Decimal(price)
    option = len(symbol) > 12
    underlying = symbol.split()[0] if option else symbol
    value = quantity * price * (100 if option else 1)
    if action is not None and action.startswith("Buy"):
        value = -value
    if fees is None:
        opening = action is not None and action.endswith("to Open") and kind == "Trade"
        fees = OPTION_FEES * quantity if option and opening else Decimal(0)
    charged = Decimal(fees)
    wire: dict[str, Any] = {
        "id": id,
        "account-number": account,
        "transaction-type": kind,
        "transaction-sub-type": sub_type or action or kind,
        "description": f"row {id}",
        "executed-at": when.isoformat(),
        "transaction-date": when.date().isoformat(),
        "is-estimated-fee": False,
        "symbol": symbol,
        "underlying-symbol": underlying,
        "instrument-type": "Equity Option" if option else "Equity",
        "quantity": str(quantity),
        "price": str(price),
    }
    if action is not None:
        wire["action"] = action
    if order is not None:
        wire["order-id"] = order
    _money(wire, "value", value)
    _money(wire, "net-value", value - charged)
    _money(wire, "commission", -charged)
    return wire


def assigned(id: int, when: datetime, symbol: str, quantity: int, action: str) -> Wire:
    """Tastytrade's removal of an assigned option (no cash)."""
    return row(id, when, symbol, action, quantity, 0, kind="Receive Deliver", sub_type="Assignment")


def expired(id: int, when: datetime, symbol: str, quantity: int, action: str) -> Wire:
    return row(id, when, symbol, action, quantity, 0, kind="Receive Deliver", sub_type="Expiration")


def delivered(
    id: int,
    when: datetime,
    symbol: str,
    action: str,
    quantity: int,
    price: Decimal | int,
    fees: Decimal | str = "0",
) -> Wire:
    """The stock an assignment or exercise delivers, at the strike (no order id)."""
    return row(
        id,
        when,
        symbol,
        action,
        quantity,
        price,
        kind="Receive Deliver",
        sub_type=action,
        fees=fees,
    )


def transactions(rows: list[Wire]) -> list[Transaction]:
    """The SDK's reading of wire rows (signs applied as Tastytrade's effects say)."""
    return [Transaction.model_validate(item) for item in rows]


def openings(rows: list[Wire], account_pk: int = ACCOUNT_PK) -> tuple[Opening, ...]:
    """The lots of ``rows`` (one account); a row's database id is its Tastytrade id."""
    models = transactions(rows)
    report = compute_pnl(models)
    facts = {
        item.id: TransactionFacts(
            pk=item.id,
            tastytrade_id=item.id,
            order_id=item.order_id,
            transaction_type=item.transaction_type,
            executed_at=item.executed_at,
        )
        for item in models
    }
    return openings_of(report, facts, account_pk=account_pk, account_number=ACCOUNT)


def real_classify(legs: Any, account_kind: str | None) -> StrategyMatch:
    return classify(legs, account_kind=account_kind)


@dataclass
class GroupStore:
    """The database side of grouping, in memory: applies plans like ``write_plan``."""

    kind: str = "Individual Margin"
    groups: dict[int, GroupState] = field(default_factory=dict)
    members: dict[int, Membership] = field(default_factory=dict)
    next_id: int = 1
    plans: list[GroupingPlan] = field(default_factory=list)

    def refresh(self, rows: list[Wire]) -> GroupingPlan:
        plan = plan_grouping(
            openings(rows),
            list(self.groups.values()),
            dict(self.members),
            account_kinds={ACCOUNT_PK: self.kind},
            classify=real_classify,
        )
        self.apply(plan)
        self.plans.append(plan)
        return plan

    def apply(self, plan: GroupingPlan) -> None:
        ids: dict[int, int] = {}
        for planned in plan.new_groups:
            ids[planned.ref] = self.next_id
            self.groups[self.next_id] = GroupState(
                id=self.next_id,
                account_pk=planned.account_pk,
                underlying=planned.underlying,
                strategy_key=planned.fields.strategy_key,
                status=planned.fields.status,
                origin=GroupOrigin.SYSTEM,
                user_edited=False,
                archived=False,
                rolled_from=None
                if planned.rolled_from is None
                else ids.get(planned.rolled_from, planned.rolled_from),
                campaign=planned.fields.campaign,
                opened_at=planned.fields.opened_at,
                closed_at=planned.fields.closed_at,
            )
            self.next_id += 1
        for pk in plan.stale_members:
            del self.members[pk]
        for pk, ref in plan.new_members:
            self.members[pk] = Membership(ids.get(ref, ref), GroupOrigin.SYSTEM)
        for group_id, changes in plan.updates.items():
            self.groups[group_id] = replace(self.groups[group_id], **changes)  # type: ignore[arg-type]
        for group_id in plan.deleted_groups:
            del self.groups[group_id]

    def group_lots(self, rows: list[Wire]) -> dict[int, GroupLots]:
        """The groups with their lots, as the read models see them."""
        lots: dict[int, list[MemberLot]] = {}
        for opening in openings(rows):
            member = self.members.get(opening.pk)
            if member is not None:
                lots.setdefault(member.group_id, []).append(MemberLot(opening, member.origin))
        return {
            group_id: GroupLots(
                state=state,
                name="",
                user_type=None,
                account_number=ACCOUNT,
                environment=Environment.PRODUCTION,
                lots=tuple(lots.get(group_id, ())),
            )
            for group_id, state in self.groups.items()
        }

    def group_of(self, transaction_id: int) -> GroupState:
        return self.groups[self.members[transaction_id].group_id]

    def lots_of(self, group_id: int) -> set[int]:
        return {pk for pk, member in self.members.items() if member.group_id == group_id}

    def edit(self, group_id: int, **changes: Any) -> None:
        """What the trader's edit does to a group (``user_edited`` and the change)."""
        self.groups[group_id] = replace(self.groups[group_id], user_edited=True, **changes)

    def move(self, transaction_id: int, group_id: int) -> None:
        """The trader moves a lot into another group."""
        self.members[transaction_id] = Membership(group_id, GroupOrigin.USER)
        self.edit(group_id)


OPEN, CLOSED = GroupStatus.OPEN, GroupStatus.CLOSED
