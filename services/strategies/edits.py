"""A trader's edits of their strategy groups, with undo and redo that survive a restart.

The grouping engine infers groups from transactions; the trader corrects it here: add a
strategy type of their own, make a group from lots, split a group, merge groups, move a lot,
rename or retype a group. Each edit is one :class:`~services.db.models.EditEvent` with its
operations forward and inverse (``_edit_ops``), written in the same database transaction as
the change itself, so an edit and its record exist together or not at all.

* **Undo and redo** live only in the database: ``undo`` applies the inverse of the trader's
  latest applied edit, ``redo`` the forward of the oldest undone one; a new edit after an undo
  marks the undone edits ``discarded`` (the redo branch is gone). A restart changes nothing.
* **A trader's edit wins**: every group an edit touches is marked ``user_edited`` and every lot
  it moves gets origin ``user``; the grouping engine leaves both alone. Undo restores the flags
  too, giving the groups back to the engine exactly as they were.
* **Nothing is deleted**: a group an edit empties is archived, so undo brings it back; a group
  an edit makes is archived again by its undo.
* **Strategy keys follow the legs**: after a split, merge or move the touched groups are
  classified again from their lots' opening legs (a trader's own type, ``user_type``, stays).
* **One edit at a time per trader**: each edit, undo and redo runs in one database transaction
  that first locks the trader's row (``SELECT ... FOR UPDATE``). On Postgres that serialises a
  trader's edits across every bot process, and the second edit reads what the first committed;
  other traders are not held up. SQLite serves one process and runs one transaction at a time
  on its single connection, so the same code is serialised there by the transaction itself.
* **Scoped to the trader**: a group, lot or type of another trader reads exactly like one that
  does not exist.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from services.db.models import (
    BrokerAccount,
    EditEvent,
    EditState,
    GroupMember,
    GroupOrigin,
    GroupStatus,
    StrategyGroup,
    Trader,
    UserStrategyType,
)
from services.errors import NotFoundError, ValidationError
from services.strategies._edit_ops import (
    DamagedRecord,
    EditConflict,
    GroupChange,
    LotMove,
    Operation,
    TypeChange,
    TypeValues,
    apply,
    encode_field,
    from_json,
    group_fields,
    inverse_of,
    to_json,
)
from services.strategies._grouping_lots import Opening, legs_of
from services.strategies._grouping_plan import _fullest_legs
from services.strategies._grouping_store import account_kind, load_books
from services.strategies.catalog import CATALOG_KEYS, CUSTOM, display_name
from services.strategies.classifier import classify
from services.traders import existing_trader, trader_for

__all__ = [
    "EditKind",
    "EditOutcome",
    "EditState",
    "GroupChoice",
    "HistoryEntry",
    "add_user_type",
    "create_group",
    "group_choices",
    "history",
    "merge_groups",
    "move_lot",
    "parse_id",
    "parse_ids",
    "redo",
    "rename_group",
    "retype_group",
    "split_group",
    "type_choices",
    "undo",
]

MAX_GROUP_NAME_CHARS = 80
MAX_TYPE_NAME_CHARS = 40
MAX_USER_TYPES = 100
MAX_MERGE_GROUPS = 10
MAX_LOTS_PER_EDIT = 100
MAX_HISTORY = 50
MAX_CHOICES = 25  # Discord shows at most 25 autocomplete choices
MAX_ID = 2**31 - 1
MAX_ID_DIGITS = 10
SUMMARY_CHARS = 300  # EditEvent.summary
LOTS_NAMED_IN_SUMMARY = 8
# A name is text people read in lists: letters, digits, spaces and a little punctuation.
# No markdown, mentions, emoji, control or invisible characters.
NAME_PUNCTUATION = frozenset(" -.,'&()/+:!?%$")
NAME_RULE = "letters, digits, spaces and - . , ' & ( ) / + : ! ? % $"
_ID_SEPARATORS = re.compile(r"[\s,;]+")

NOTHING_TO_UNDO = "Nothing to undo: you have no strategy edits left to take back."
NOTHING_TO_REDO = "Nothing to redo: redo brings back an edit you undid, before any new edit."


class EditKind(StrEnum):
    ADD_TYPE = "add_type"
    CREATE = "create"
    SPLIT = "split"
    MERGE = "merge"
    MOVE = "move"
    RENAME = "rename"
    RETYPE = "retype"


@dataclass(frozen=True)
class EditOutcome:
    """What an edit, undo or redo did: the edit's number in the trader's history, its kind
    and summary, the group it made or kept (split: the new group; merge: the merged group;
    None for a type) and every group it touched."""

    seq: int
    kind: EditKind
    summary: str
    group_id: int | None
    groups: tuple[int, ...]


@dataclass(frozen=True)
class HistoryEntry:
    seq: int
    kind: EditKind
    summary: str
    state: EditState
    created_at: datetime


@dataclass(frozen=True)
class GroupChoice:
    """A group offered by autocomplete: ``label`` reads like ``#12 SPY Iron condor (open)``."""

    group_id: int
    label: str


# Reading the trader's input


def _unknown_group(group_id: int) -> NotFoundError:
    # the same words whether the group never existed, was archived or is someone else's
    return NotFoundError(f"You have no strategy group #{group_id}. `/strategies` lists yours.")


def _unknown_lot(lot_id: int) -> NotFoundError:
    return NotFoundError(f"You have no lot #{lot_id}. `/strategy show <group>` lists its lots.")


def _checked(number: int, what: str) -> int:
    """A group or lot number that can exist; any other reads as one the trader does not have
    (and never reaches the database, whose id columns it would overflow)."""
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number <= MAX_ID:
        raise _unknown_group(number) if what == "group" else _unknown_lot(number)
    return number


def parse_id(text: str, what: str = "group") -> int:
    """A group or lot number typed by the trader (``12`` or ``#12``)."""
    cleaned = text.strip().removeprefix("#")
    if (
        not cleaned.isascii()
        or not cleaned.isdigit()
        or len(cleaned) > MAX_ID_DIGITS
        or not 0 < int(cleaned) <= MAX_ID
    ):
        raise ValidationError(
            f"That is not a {what} number: use the number `/strategies` shows, like `12`."
        )
    return int(cleaned)


def parse_ids(text: str, what: str = "lot", *, limit: int = MAX_LOTS_PER_EDIT) -> tuple[int, ...]:
    """Numbers separated by spaces or commas (``57, 58`` or ``#57 #58``), each once, in the
    order given; at most ``limit`` of them."""
    if len(text) > limit * (MAX_ID_DIGITS + 2):
        raise ValidationError(f"That is more than {limit} {what}s.")
    parts = [part for part in _ID_SEPARATORS.split(text) if part]
    numbers = tuple(dict.fromkeys(parse_id(part, what) for part in parts))
    if len(numbers) > limit:
        raise ValidationError(f"That is more than {limit} {what}s.")
    return numbers


def clean_name(text: str, *, what: str, limit: int) -> str:
    """A name for a group or type: whitespace collapsed, at most ``limit`` characters of
    :data:`NAME_RULE`; anything else (markdown, mentions, emoji) is refused, not altered."""
    if len(text) > limit * 4:  # refuse an oversized argument before normalising it
        raise ValidationError(f"A {what} name is at most {limit} characters.")
    cleaned = " ".join(unicodedata.normalize("NFKC", text).split())
    if not cleaned:
        raise ValidationError(f"Give the {what} a name.")
    if len(cleaned) > limit:
        raise ValidationError(f"A {what} name is at most {limit} characters.")
    if not all(char.isalnum() or char in NAME_PUNCTUATION for char in cleaned):
        raise ValidationError(
            f"A {what} name may use {NAME_RULE} only (no markdown, mentions or emoji)."
        )
    return cleaned


def _name_key(name: str) -> str:
    return name.casefold()


def _catalog_key(text: str) -> str | None:
    """The catalog key ``text`` names, as a key (``iron_condor``) or its display name."""
    cleaned = " ".join(text.strip().split())
    as_key = cleaned.lower().replace(" ", "_").replace("-", "_")
    if as_key in CATALOG_KEYS:
        return as_key
    folded = cleaned.casefold()
    return next((key for key in CATALOG_KEYS if display_name(key).casefold() == folded), None)


# Foreign keys (Tortoise adds the ``<name>_id`` attributes at run time)


def _group_of(member: GroupMember) -> int:
    group_id: int = member.group_id  # type: ignore[attr-defined]
    return group_id


def _lot_of(member: GroupMember) -> int:
    """The opening transaction row that names a lot in operations (a member row may be made
    again by the grouping engine; the lot's transaction never is)."""
    lot: int = member.opening_transaction_id  # type: ignore[attr-defined]
    return lot


def _reference(group: StrategyGroup, name: str) -> int | None:
    """``account``, ``user_type`` or ``rolled_from`` of a group, as an id."""
    found: int | None = getattr(group, f"{name}_id")
    return found


# What a group's lots say


@dataclass(frozen=True)
class _Lots:
    """The P&L engine's lots of one account, by opening transaction row id, and the account's
    kind (which ``classify`` reads for cash-secured puts)."""

    by_transaction: Mapping[int, Opening]
    kind: str | None


NO_LOTS = _Lots({}, None)


async def _lots_of_account(discord_id: int, account_id: int | None) -> _Lots:
    """Read before an edit takes the trader's lock (lots come from transactions, which edits
    never change): the lots of the account an edit's groups are in."""
    if account_id is None:
        return NO_LOTS
    account = await BrokerAccount.get_or_none(id=account_id, trader__discord_id=discord_id)
    if account is None:
        return NO_LOTS
    books = await load_books(discord_id, [account])
    openings = {opening.pk: opening for book in books for opening in book.openings}
    return _Lots(openings, account_kind(account))


async def _lots_for_group(discord_id: int, group_id: int) -> _Lots:
    found = await StrategyGroup.filter(
        id=_checked(group_id, "group"), trader__discord_id=discord_id
    ).values("account_id")
    return await _lots_of_account(discord_id, found[0]["account_id"] if found else None)


async def _lots_for_lot(discord_id: int, lot_id: int) -> _Lots:
    found = await GroupMember.filter(
        id=_checked(lot_id, "lot"), group__trader__discord_id=discord_id
    ).values("group__account_id")
    return await _lots_of_account(discord_id, found[0]["group__account_id"] if found else None)


def _derived(openings: Sequence[Opening], kind: str | None) -> dict[str, Any]:
    """What the grouping engine derives for a group of these lots: open while any lot is;
    the key of its open legs, or of the legs it held at its fullest once closed."""
    still_open = any(opening.is_open for opening in openings)
    legs = legs_of(openings, open_only=True) if still_open else _fullest_legs(openings)
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


# Building an edit


class _Draft:
    """An edit being planned over the groups it may touch: lots moved between them and fields
    set; ``operations()`` turns it into the operations to apply and record."""

    def __init__(
        self,
        groups: Iterable[StrategyGroup],
        members: Iterable[GroupMember],
        lots: _Lots = NO_LOTS,
    ) -> None:
        self.groups = {group.id: group for group in groups}
        self.book = lots
        self.lots: dict[int, list[GroupMember]] = {group_id: [] for group_id in self.groups}
        for member in members:
            self.lots[_group_of(member)].append(member)
        self.moves: list[LotMove] = []
        self.values: dict[int, dict[str, Any]] = {}
        self.regrouped: set[int] = set()
        self.touched: set[int] = set()

    def move(self, member: GroupMember, target: int) -> None:
        source = _group_of(member)
        self.lots[source].remove(member)
        self.lots[target].append(member)
        self.moves.append(
            LotMove(
                _lot_of(member),
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
                openings = [known[_lot_of(m)] for m in members if _lot_of(m) in known]
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


def _lots_text(members: Sequence[GroupMember]) -> str:
    shown = ", ".join(f"#{member.id}" for member in members[:LOTS_NAMED_IN_SUMMARY])
    rest = len(members) - LOTS_NAMED_IN_SUMMARY
    return f"{shown} and {rest} more" if rest > 0 else shown


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class _Session:
    """One locked transaction of one trader's edits."""

    def __init__(self, trader_id: int, connection: BaseDBAsyncClient) -> None:
        self.trader_id = trader_id
        self.connection = connection

    async def group(self, group_id: int) -> StrategyGroup:
        """The trader's live (not archived) group, else the unknown-group error."""
        group = (
            await StrategyGroup.filter(id=group_id, trader_id=self.trader_id, archived=False)
            .select_related("account")
            .using_db(self.connection)
            .first()
        )
        if group is None:
            raise _unknown_group(group_id)
        return group

    async def groups(self, group_ids: Iterable[int]) -> list[StrategyGroup]:
        return [await self.group(group_id) for group_id in group_ids]

    async def members(self, group_ids: Iterable[int]) -> list[GroupMember]:
        return (
            await GroupMember.filter(group_id__in=list(group_ids))
            .using_db(self.connection)
            .order_by("id")
        )

    async def member(self, lot_id: int) -> GroupMember:
        member = (
            await GroupMember.filter(
                id=lot_id, group__trader_id=self.trader_id, group__archived=False
            )
            .using_db(self.connection)
            .first()
        )
        if member is None:
            raise _unknown_lot(lot_id)
        return member

    async def new_group(self, like: StrategyGroup) -> StrategyGroup:
        """A group for lots an edit moves, archived until the edit's operations open it (so
        that its undo archives it again and its redo opens the same row)."""
        return await StrategyGroup.create(
            trader_id=self.trader_id,
            account_id=_reference(like, "account"),
            underlying=like.underlying,
            strategy_key=like.strategy_key,
            status=like.status,
            origin=GroupOrigin.USER,
            user_edited=True,
            campaign=like.campaign,
            archived=True,
            using_db=self.connection,
        )

    async def record(
        self,
        kind: EditKind,
        summary: str,
        operations: Sequence[Operation],
        group_id: int | None = None,
        *,
        applied: bool = False,
    ) -> EditOutcome:
        """Apply the edit (unless ``applied`` already), forget the redo branch and append its
        EditEvent."""
        if not applied:
            await apply(operations, self.trader_id, self.connection)
        await (
            EditEvent.filter(trader_id=self.trader_id, state=EditState.UNDONE)
            .using_db(self.connection)
            .update(state=EditState.DISCARDED)
        )
        latest = (
            await EditEvent.filter(trader_id=self.trader_id)
            .using_db(self.connection)
            .order_by("-seq")
            .first()
        )
        seq = 1 if latest is None else latest.seq + 1
        summary = summary if len(summary) <= SUMMARY_CHARS else summary[: SUMMARY_CHARS - 1] + "…"
        await EditEvent.create(
            trader_id=self.trader_id,
            seq=seq,
            kind=kind.value,
            summary=summary,
            forward=to_json(operations),
            inverse=to_json(inverse_of(operations)),
            using_db=self.connection,
        )
        return EditOutcome(seq, kind, summary, group_id, _groups_of(operations))


def _groups_of(operations: Iterable[Operation]) -> tuple[int, ...]:
    found: dict[int, None] = {}
    for operation in operations:
        if isinstance(operation, GroupChange):
            found[operation.group_id] = None
        elif isinstance(operation, LotMove):
            found[operation.source] = found[operation.target] = None
    return tuple(found)


@asynccontextmanager
async def _locked(trader_id: int) -> AsyncIterator[_Session]:
    """A transaction holding the trader's row lock: one edit, undo or redo at a time."""
    async with in_transaction() as connection:
        await Trader.filter(id=trader_id).select_for_update().using_db(connection).first()
        yield _Session(trader_id, connection)


def _same_place(groups: Sequence[StrategyGroup], doing: str) -> None:
    """Lots of one group share an account and an underlying: refuse to mix them."""
    first = groups[0]
    for other in groups[1:]:
        if other.underlying != first.underlying:
            raise ValidationError(
                f"Group #{first.id} is on {first.underlying} and #{other.id} on "
                f"{other.underlying}: only legs on one underlying can be {doing}."
            )
        if _reference(other, "account") != _reference(first, "account"):
            raise ValidationError(
                f"Groups #{first.id} and #{other.id} are in different accounts: only legs "
                f"of one account can be {doing}."
            )


# Edits


async def add_user_type(discord_id: int, name: str) -> EditOutcome:
    """Add a strategy type of the trader's own ("Wheel"), usable by ``retype_group``."""
    cleaned = clean_name(name, what="strategy type", limit=MAX_TYPE_NAME_CHARS)
    if (key := _catalog_key(cleaned)) is not None:
        raise ValidationError(
            f"{display_name(key)} is in the strategy catalog already: retype a group to "
            f"`{key}` instead."
        )
    trader = await trader_for(discord_id)
    async with _locked(trader.id) as session:
        mine = UserStrategyType.filter(trader_id=trader.id).using_db(session.connection)
        if await mine.filter(name_key=_name_key(cleaned)).exists():
            raise ValidationError(f"You have a strategy type called {cleaned} already.")
        if await mine.count() >= MAX_USER_TYPES:
            raise ValidationError(f"You have {MAX_USER_TYPES} strategy types, the most allowed.")
        row = await UserStrategyType.create(
            trader_id=trader.id,
            name=cleaned,
            name_key=_name_key(cleaned),
            using_db=session.connection,
        )
        creation = TypeChange(row.id, None, TypeValues(row.name, row.name_key))
        summary = f"Added the strategy type {cleaned}"
        return await session.record(EditKind.ADD_TYPE, summary, [creation], applied=True)


async def create_group(
    discord_id: int,
    lot_ids: Sequence[int],
    *,
    name: str | None = None,
    type_name: str | None = None,
) -> EditOutcome:
    """Make a new group of the given lots (from any of the trader's groups on one account and
    underlying), optionally named and typed; groups left empty are archived."""
    lots = tuple(dict.fromkeys(lot_ids))
    if not lots:
        raise ValidationError("Choose at least one lot for the new group.")
    if len(lots) > MAX_LOTS_PER_EDIT:
        raise ValidationError(f"Choose at most {MAX_LOTS_PER_EDIT} lots.")
    cleaned = None if name is None else clean_name(name, what="group", limit=MAX_GROUP_NAME_CHARS)
    trader = await trader_for(discord_id)
    book = await _lots_for_lot(discord_id, lots[0])
    async with _locked(trader.id) as session:
        picked = [await session.member(lot) for lot in lots]
        sources = await session.groups(dict.fromkeys(_group_of(member) for member in picked))
        _same_place(sources, "grouped")
        typed = await _resolved_type(session, type_name) if type_name is not None else None
        group = await session.new_group(sources[0])
        draft = _Draft([*sources, group], await session.members(g.id for g in sources), book)
        chosen = {member.id for member in picked}
        for member in [m for lots_ in draft.lots.values() for m in lots_ if m.id in chosen]:
            draft.move(member, group.id)
        if cleaned is not None:
            draft.set(group.id, name=cleaned)
        if typed is not None:
            draft.set(group.id, **typed.values)
        summary = f"Made group #{group.id} from {_plural(len(picked), 'lot')}: {_lots_text(picked)}"
        return await session.record(EditKind.CREATE, summary, draft.operations(), group.id)


async def split_group(discord_id: int, group_id: int, lot_ids: Sequence[int]) -> EditOutcome:
    """Move some of a group's lots out into a new group (of the same account, underlying and
    status); the outcome's ``group_id`` is the new group."""
    lots = tuple(dict.fromkeys(lot_ids))
    if not lots:
        raise ValidationError("Choose the lots to split out of the group (see `/strategy show`).")
    trader = await trader_for(discord_id)
    book = await _lots_for_group(discord_id, group_id)
    async with _locked(trader.id) as session:
        source = await session.group(group_id)
        members = await session.members([source.id])
        by_id = {member.id: member for member in members}
        if missing := [lot for lot in lots if lot not in by_id]:
            raise ValidationError(
                f"Lot #{missing[0]} is not in group #{group_id} (`/strategy show {group_id}` "
                "lists its lots)."
            )
        if len(lots) == len(members):
            raise ValidationError(
                "A split leaves lots in both groups: choose some of the group's lots, not all."
            )
        group = await session.new_group(source)
        draft = _Draft([source, group], members, book)
        moved = [by_id[lot] for lot in lots]
        for member in moved:
            draft.move(member, group.id)
        summary = (
            f"Split {_plural(len(moved), 'lot')} ({_lots_text(moved)}) out of group "
            f"#{source.id} into new group #{group.id}"
        )
        return await session.record(EditKind.SPLIT, summary, draft.operations(), group.id)


async def merge_groups(discord_id: int, group_ids: Sequence[int]) -> EditOutcome:
    """Merge groups into the first one given (same account and underlying); the others are
    archived and roll chains that pointed at them point at the merged group."""
    wanted = tuple(dict.fromkeys(group_ids))
    if len(wanted) < 2:
        raise ValidationError("Merging needs at least two different groups, like `12 15`.")
    if len(wanted) > MAX_MERGE_GROUPS:
        raise ValidationError(f"Merge at most {MAX_MERGE_GROUPS} groups at once.")
    trader = await trader_for(discord_id)
    book = await _lots_for_group(discord_id, wanted[0])
    async with _locked(trader.id) as session:
        groups = await session.groups(wanted)
        _same_place(groups, "merged")
        target, others = groups[0], groups[1:]
        merged = set(wanted)
        followers = [
            group
            for group in await StrategyGroup.filter(
                trader_id=trader.id, rolled_from_id__in=list(wanted[1:])
            ).using_db(session.connection)
            if group.id not in merged
        ]
        draft = _Draft([*groups, *followers], await session.members(wanted), book)
        for other in others:
            for member in list(draft.lots[other.id]):
                draft.move(member, target.id)
        chains = [_reference(group, "rolled_from") for group in groups]
        rolled_from = next((g for g in chains if g is not None and g not in merged), None)
        draft.set(
            target.id,
            name=target.name or next((g.name for g in others if g.name), ""),
            user_type_id=next(
                (t for g in groups if (t := _reference(g, "user_type")) is not None), None
            ),
            campaign=target.campaign or next((g.campaign for g in others if g.campaign), None),
            rolled_from_id=rolled_from,
        )
        for follower in followers:
            draft.set(follower.id, edited=False, rolled_from_id=target.id)
        summary = (
            f"Merged group{'s' if len(others) > 1 else ''} "
            f"{', '.join(f'#{g.id}' for g in others)} into group #{target.id}"
        )
        return await session.record(EditKind.MERGE, summary, draft.operations(), target.id)


async def move_lot(discord_id: int, lot_id: int, to_group_id: int) -> EditOutcome:
    """Move one lot into another group (same account and underlying); a group it leaves
    empty is archived."""
    trader = await trader_for(discord_id)
    book = await _lots_for_lot(discord_id, lot_id)
    async with _locked(trader.id) as session:
        member = await session.member(lot_id)
        source_id = _group_of(member)
        if source_id == to_group_id:
            raise ValidationError(f"Lot #{lot_id} is in group #{to_group_id} already.")
        source = await session.group(source_id)
        target = await session.group(to_group_id)
        _same_place([source, target], "grouped")
        draft = _Draft([source, target], await session.members([source.id, target.id]), book)
        [moving] = [m for m in draft.lots[source.id] if m.id == member.id]
        draft.move(moving, target.id)
        summary = f"Moved lot #{lot_id} from group #{source.id} to group #{target.id}"
        return await session.record(EditKind.MOVE, summary, draft.operations(), target.id)


async def rename_group(discord_id: int, group_id: int, name: str) -> EditOutcome:
    """Give a group a name of the trader's choosing."""
    cleaned = clean_name(name, what="group", limit=MAX_GROUP_NAME_CHARS)
    trader = await trader_for(discord_id)
    async with _locked(trader.id) as session:
        group = await session.group(group_id)
        if group.name == cleaned:
            raise ValidationError(f"Group #{group_id} is called {cleaned} already.")
        draft = _Draft([group], [])
        draft.set(group.id, name=cleaned)
        summary = f"Renamed group #{group.id} to {cleaned}"
        return await session.record(EditKind.RENAME, summary, draft.operations(), group.id)


@dataclass(frozen=True)
class _Type:
    label: str
    values: dict[str, Any]


async def _resolved_type(session: _Session, text: str) -> _Type:
    """A catalog key (by key or display name) or one of the trader's own types."""
    if len(text) > MAX_TYPE_NAME_CHARS * 4:
        raise ValidationError("That is not a strategy type.")
    key = _catalog_key(text)
    if key is not None:
        return _Type(display_name(key), {"strategy_key": key, "user_type_id": None})
    own = (
        await UserStrategyType.filter(
            trader_id=session.trader_id, name_key=_name_key(" ".join(text.split()))
        )
        .using_db(session.connection)
        .first()
    )
    if own is None:
        raise ValidationError(
            "That is not a strategy type: use a catalog key like `iron_condor` or one of your "
            "own types (`/strategy type add <name>` adds one)."
        )
    return _Type(own.name, {"user_type_id": own.id})


async def retype_group(discord_id: int, group_id: int, type_name: str) -> EditOutcome:
    """Set a group's strategy: a catalog key (``iron_condor`` or ``Iron condor``), which
    clears any type of the trader's own, or one of the trader's own types."""
    trader = await trader_for(discord_id)
    async with _locked(trader.id) as session:
        group = await session.group(group_id)
        typed = await _resolved_type(session, type_name)
        if all(getattr(group, field) == value for field, value in typed.values.items()):
            raise ValidationError(f"Group #{group_id} is a {typed.label} already.")
        draft = _Draft([group], [])
        draft.set(group.id, **typed.values)
        summary = f"Retyped group #{group.id} as {typed.label}"
        return await session.record(EditKind.RETYPE, summary, draft.operations(), group.id)


# Undo and redo


class _Stale(Exception):
    def __init__(self, event_id: int, seq: int, reason: str) -> None:
        super().__init__(reason)
        self.event_id = event_id
        self.seq = seq


async def undo(discord_id: int, *, expected_seq: int | None = None) -> EditOutcome:
    """Take back the trader's latest applied edit; with ``expected_seq`` (an Undo button),
    only if that edit is still the latest."""
    return await _step(discord_id, undoing=True, expected_seq=expected_seq)


async def redo(discord_id: int, *, expected_seq: int | None = None) -> EditOutcome:
    """Apply again the edit the trader undid last (the oldest undone one, before any new
    edit); with ``expected_seq``, only if that is the one."""
    return await _step(discord_id, undoing=False, expected_seq=expected_seq)


async def _step(discord_id: int, *, undoing: bool, expected_seq: int | None) -> EditOutcome:
    trader = await trader_for(discord_id)
    state_now, state_after = (
        (EditState.APPLIED, EditState.UNDONE) if undoing else (EditState.UNDONE, EditState.APPLIED)
    )
    try:
        async with _locked(trader.id) as session:
            event = (
                await EditEvent.filter(trader_id=trader.id, state=state_now)
                .using_db(session.connection)
                .order_by("-seq" if undoing else "seq")
                .first()
            )
            if event is None:
                raise ValidationError(NOTHING_TO_UNDO if undoing else NOTHING_TO_REDO)
            if expected_seq is not None and event.seq != expected_seq:
                verb = "undo" if undoing else "redo"
                raise ValidationError(
                    f"Edit {expected_seq} is not the one to {verb} now (edit {event.seq} is): "
                    f"`/{verb}` steps one edit at a time, `/strategy history` lists them."
                )
            try:
                operations = from_json(event.inverse if undoing else event.forward)
                await apply(operations, trader.id, session.connection)
            except (EditConflict, DamagedRecord) as exc:
                raise _Stale(event.id, event.seq, str(exc)) from exc
            event.state = state_after
            await event.save(using_db=session.connection, update_fields=["state", "updated_at"])
            group_id = next(iter(_groups_of(operations)), None)
            return EditOutcome(
                event.seq, EditKind(event.kind), event.summary, group_id, _groups_of(operations)
            )
    except _Stale as stale:
        await _discard(trader.id, stale, undoing=undoing)
        verb = "undone" if undoing else "redone"
        raise ValidationError(
            f"Edit {stale.seq} can no longer be {verb}: its groups or lots changed since "
            f"({stale}). Nothing was changed; it is set aside"
            + (
                ", and `/undo` now steps to the edit before it."
                if undoing
                else " with the rest of the redo history."
            )
        ) from None


async def _discard(trader_id: int, stale: _Stale, *, undoing: bool) -> None:
    """Set aside an edit that can no longer be applied (redo: with every undone edit after
    it), so the trader is not stuck on it."""
    async with _locked(trader_id) as session:
        events = EditEvent.filter(trader_id=trader_id).using_db(session.connection)
        if undoing:
            events = events.filter(id=stale.event_id, state=EditState.APPLIED)
        else:
            events = events.filter(seq__gte=stale.seq, state=EditState.UNDONE)
        await events.update(state=EditState.DISCARDED)


# Reads


async def history(discord_id: int, limit: int = 20) -> tuple[HistoryEntry, ...]:
    """The trader's latest edits, newest first, with what became of each."""
    if not 1 <= limit <= MAX_HISTORY:
        raise ValidationError(f"Choose from 1 to {MAX_HISTORY} edits.")
    trader = await existing_trader(discord_id)
    if trader is None:
        return ()
    rows = await EditEvent.filter(trader_id=trader.id).order_by("-seq").limit(limit)
    return tuple(
        HistoryEntry(row.seq, EditKind(row.kind), row.summary, EditState(row.state), row.created_at)
        for row in rows
    )


async def group_choices(discord_id: int, current: str = "") -> tuple[GroupChoice, ...]:
    """The trader's live groups whose number, underlying or name starts or contains what was
    typed so far, newest first (for autocomplete)."""
    trader = await existing_trader(discord_id)
    if trader is None:
        return ()
    typed = current.strip().removeprefix("#")[:MAX_TYPE_NAME_CHARS]
    query = StrategyGroup.filter(trader_id=trader.id, archived=False)
    if typed:
        match = Q(underlying__istartswith=typed) | Q(name__icontains=typed)
        if typed.isascii() and typed.isdigit() and len(typed) <= MAX_ID_DIGITS:
            match |= Q(id=int(typed))
        query = query.filter(match)
    rows = await query.select_related("user_type").order_by("-id").limit(MAX_CHOICES)
    return tuple(GroupChoice(row.id, _choice_label(row)) for row in rows)


def _choice_label(group: StrategyGroup) -> str:
    kind = (
        group.user_type.name
        if group.user_type is not None
        else display_name(group.strategy_key)
        if group.strategy_key in CATALOG_KEYS
        else group.strategy_key
    )
    named = f" “{group.name}”" if group.name else ""
    return f"#{group.id} {group.underlying} {kind}{named} ({group.status.value})"


async def type_choices(discord_id: int, current: str = "") -> tuple[str, ...]:
    """Strategy types to offer for ``retype``: the trader's own first, then catalog keys,
    matching what was typed so far."""
    typed = current.strip().casefold()[:MAX_TYPE_NAME_CHARS]
    trader = await existing_trader(discord_id)
    own = (
        []
        if trader is None
        else [
            row.name
            for row in await UserStrategyType.filter(trader_id=trader.id).order_by("name_key")
        ]
    )
    found = [name for name in own if typed in name.casefold()]
    found += [key for key in CATALOG_KEYS if typed in key or typed in display_name(key).casefold()]
    return tuple(found[:MAX_CHOICES])
