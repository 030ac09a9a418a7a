"""Planning one edit: the groups it may touch, the lots it moves between them and the fields
it sets, turned into the operations (``_edit_ops``) to apply and record.

After a split, merge or move, a group that still holds lots gets what the grouping engine
would derive from them (``_derived``, the engine's rules): open while any lot is open, the
strategy key of its open legs (or of the legs it held at its fullest once closed), opened and
closed dates. A group left with no lots is archived. The lots come from the P&L engine, read
before the edit takes the trader's lock (they depend on transactions only, which edits never
change).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from services.db.models import BrokerAccount, GroupMember, GroupOrigin, GroupStatus, StrategyGroup
from services.strategies._edit_input import checked
from services.strategies._edit_ops import (
    GroupChange,
    LotMove,
    Operation,
    encode_field,
    group_fields,
)
from services.strategies._grouping_lots import Opening, legs_of
from services.strategies._grouping_plan import fullest_legs
from services.strategies._grouping_store import account_kind, load_books
from services.strategies.catalog import CUSTOM
from services.strategies.classifier import classify


def group_of(member: GroupMember) -> int:
    group_id: int = member.group_id  # type: ignore[attr-defined]
    return group_id


def lot_of(member: GroupMember) -> int:
    """The opening transaction row that names a lot in operations (a member row may be made
    again by the grouping engine; the lot's transaction never is)."""
    lot: int = member.opening_transaction_id  # type: ignore[attr-defined]
    return lot


def reference(group: StrategyGroup, name: str) -> int | None:
    """``account``, ``user_type`` or ``rolled_from`` of a group, as an id."""
    found: int | None = getattr(group, f"{name}_id")
    return found


# What a group's lots say


@dataclass(frozen=True)
class Lots:
    """The P&L engine's lots of one account, by opening transaction row id, and the account's
    kind (which ``classify`` reads for cash-secured puts)."""

    by_transaction: Mapping[int, Opening]
    kind: str | None


NO_LOTS = Lots({}, None)


async def _lots_of_account(discord_id: int, account_id: int | None) -> Lots:
    """Read before an edit takes the trader's lock (lots come from transactions, which edits
    never change): the lots of the account an edit's groups are in."""
    if account_id is None:
        return NO_LOTS
    account = await BrokerAccount.get_or_none(id=account_id, trader__discord_id=discord_id)
    if account is None:
        return NO_LOTS
    books = await load_books(discord_id, [account])
    openings = {opening.pk: opening for book in books for opening in book.openings}
    return Lots(openings, account_kind(account))


async def lots_for_group(discord_id: int, group_id: int) -> Lots:
    found = await StrategyGroup.filter(
        id=checked(group_id, "group"), trader__discord_id=discord_id
    ).values("account_id")
    return await _lots_of_account(discord_id, found[0]["account_id"] if found else None)


async def lots_for_lot(discord_id: int, lot_id: int) -> Lots:
    found = await GroupMember.filter(
        id=checked(lot_id, "lot"), group__trader__discord_id=discord_id
    ).values("group__account_id")
    return await _lots_of_account(discord_id, found[0]["group__account_id"] if found else None)


def _derived(openings: Sequence[Opening], kind: str | None) -> dict[str, Any]:
    """What the grouping engine derives for a group of these lots: open while any lot is;
    the key of its open legs, or of the legs it held at its fullest once closed."""
    still_open = any(opening.is_open for opening in openings)
    legs = legs_of(openings, open_only=True) if still_open else fullest_legs(openings)
    try:
        key = classify(legs, account_kind=kind).key if legs else CUSTOM
    except ValueError:  # legs classify refuses (an absurd quantity) are custom, as grouping has
        key = CUSTOM
    closes = [opening.closed_at for opening in openings if opening.closed_at is not None]
    return {
        "strategy_key": key,
        "status": GroupStatus.OPEN if still_open else GroupStatus.CLOSED,
        "opened_at": min(opening.executed_at for opening in openings),
        "closed_at": None if still_open or not closes else max(closes),
    }


# Planning an edit


class Draft:
    """An edit being planned over the groups it may touch: lots moved between them and fields
    set; ``operations()`` turns it into the operations to apply and record."""

    def __init__(
        self,
        groups: Iterable[StrategyGroup],
        members: Iterable[GroupMember],
        lots: Lots = NO_LOTS,
    ) -> None:
        self.groups = {group.id: group for group in groups}
        self.book = lots
        self.lots: dict[int, list[GroupMember]] = {group_id: [] for group_id in self.groups}
        for member in members:
            self.lots[group_of(member)].append(member)
        self.moves: list[LotMove] = []
        self.values: dict[int, dict[str, Any]] = {}
        self.regrouped: set[int] = set()
        self.touched: set[int] = set()

    def move(self, member: GroupMember, target: int) -> None:
        source = group_of(member)
        self.lots[source].remove(member)
        self.lots[target].append(member)
        self.moves.append(
            LotMove(
                lot_of(member),
                source,
                target,
                GroupOrigin(member.origin),
                GroupOrigin.USER,
            )
        )
        self.regrouped |= {source, target}
        self.touched |= {source, target}

    def set(self, group_id: int, *, edited: bool = True, **values: Any) -> None:
        """Set fields of a group; ``edited`` marks it as the trader's (a roll pointer
        following a merge does not)."""
        self.values.setdefault(group_id, {}).update(values)
        if edited:
            self.touched.add(group_id)

    def operations(self) -> list[Operation]:
        changes: list[Operation] = []
        for group_id, group in self.groups.items():
            if group_id not in self.touched and group_id not in self.values:
                continue
            before = group_fields(group)
            after = dict(before)
            if group_id in self.touched:
                after["user_edited"] = True
            if group_id in self.regrouped:
                members = self.lots[group_id]
                after["archived"] = not members
                known = self.book.by_transaction
                openings = [known[lot_of(m)] for m in members if lot_of(m) in known]
                if openings:  # lots the P&L does not know keep the group's key and status
                    derived = _derived(openings, self.book.kind)
                    after.update({k: encode_field(k, v) for k, v in derived.items()})
            for name, value in self.values.get(group_id, {}).items():
                after[name] = encode_field(name, value)
            changed = [name for name in after if after[name] != before[name]]
            if changed:
                changes.append(
                    GroupChange(
                        group_id,
                        {name: before[name] for name in changed},
                        {name: after[name] for name in changed},
                    )
                )
        return [*changes, *self.moves]
