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

from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from services.db.models import (
    EditEvent,
    EditState,
    GroupMember,
    GroupOrigin,
    StrategyGroup,
    Trader,
    UserStrategyType,
)
from services.errors import ValidationError
from services.strategies._edit_input import (
    MAX_GROUP_NAME_CHARS,
    MAX_LOTS_PER_EDIT,
    MAX_TYPE_NAME_CHARS,
    catalog_key,
    checked,
    clean_name,
    name_key,
    parse_id,
    parse_ids,
    unknown_group,
    unknown_lot,
)
from services.strategies._edit_ops import (
    DamagedRecord,
    EditConflict,
    GroupChange,
    LotMove,
    Operation,
    TypeChange,
    TypeValues,
    apply,
    from_json,
    inverse_of,
    to_json,
)
from services.strategies._edit_plan import (
    Draft,
    group_of,
    lots_for_group,
    lots_for_lot,
    reference,
)
from services.strategies._edit_reads import (
    EditKind,
    GroupChoice,
    HistoryEntry,
    ShownGroup,
    group_choices,
    history,
    show_group,
    type_choices,
)
from services.strategies.catalog import display_name
from services.traders import trader_for

__all__ = [
    "MAX_MERGE_GROUPS",
    "EditKind",
    "EditOutcome",
    "EditState",
    "GroupChoice",
    "HistoryEntry",
    "ShownGroup",
    "add_user_type",
    "clean_name",
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
    "show_group",
    "split_group",
    "type_choices",
    "undo",
]

MAX_USER_TYPES = 100
MAX_MERGE_GROUPS = 10
SUMMARY_CHARS = 300  # EditEvent.summary
LOTS_NAMED_IN_SUMMARY = 8
NOTHING_TO_UNDO = "Nothing to undo: you have no strategy edits left to take back."
NOTHING_TO_REDO = "Nothing to redo: redo brings back an edit you undid, before any new edit."


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
            await StrategyGroup.filter(
                id=checked(group_id, "group"), trader_id=self.trader_id, archived=False
            )
            .using_db(self.connection)
            .first()
        )
        if group is None:
            raise unknown_group(group_id)
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
                id=checked(lot_id, "lot"), group__trader_id=self.trader_id, group__archived=False
            )
            .using_db(self.connection)
            .first()
        )
        if member is None:
            raise unknown_lot(lot_id)
        return member

    async def new_group(self, like: StrategyGroup) -> StrategyGroup:
        """A group for lots an edit moves, archived until the edit's operations open it (so
        that its undo archives it again and its redo opens the same row)."""
        return await StrategyGroup.create(
            trader_id=self.trader_id,
            account_id=reference(like, "account"),
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
        if reference(other, "account") != reference(first, "account"):
            raise ValidationError(
                f"Groups #{first.id} and #{other.id} are in different accounts: only legs "
                f"of one account can be {doing}."
            )


# Edits


async def add_user_type(discord_id: int, name: str) -> EditOutcome:
    """Add a strategy type of the trader's own ("Wheel"), usable by ``retype_group``."""
    cleaned = clean_name(name, what="strategy type", limit=MAX_TYPE_NAME_CHARS)
    if (key := catalog_key(cleaned)) is not None:
        raise ValidationError(
            f"{display_name(key)} is in the strategy catalog already: retype a group to "
            f"`{key}` instead."
        )
    trader = await trader_for(discord_id)
    async with _locked(trader.id) as session:
        mine = UserStrategyType.filter(trader_id=trader.id).using_db(session.connection)
        if await mine.filter(name_key=name_key(cleaned)).exists():
            raise ValidationError(f"You have a strategy type called {cleaned} already.")
        if await mine.count() >= MAX_USER_TYPES:
            raise ValidationError(f"You have {MAX_USER_TYPES} strategy types, the most allowed.")
        row = await UserStrategyType.create(
            trader_id=trader.id,
            name=cleaned,
            name_key=name_key(cleaned),
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
    book = await lots_for_lot(discord_id, lots[0])
    async with _locked(trader.id) as session:
        picked = [await session.member(lot) for lot in lots]
        sources = await session.groups(dict.fromkeys(group_of(member) for member in picked))
        _same_place(sources, "grouped")
        typed = await _resolved_type(session, type_name) if type_name is not None else None
        group = await session.new_group(sources[0])
        draft = Draft([*sources, group], await session.members(g.id for g in sources), book)
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
    book = await lots_for_group(discord_id, group_id)
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
        draft = Draft([source, group], members, book)
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
    book = await lots_for_group(discord_id, wanted[0])
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
        draft = Draft([*groups, *followers], await session.members(wanted), book)
        for other in others:
            for member in list(draft.lots[other.id]):
                draft.move(member, target.id)
        chains = [reference(group, "rolled_from") for group in groups]
        rolled_from = next((g for g in chains if g is not None and g not in merged), None)
        draft.set(
            target.id,
            name=target.name or next((g.name for g in others if g.name), ""),
            user_type_id=next(
                (t for g in groups if (t := reference(g, "user_type")) is not None), None
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
    book = await lots_for_lot(discord_id, lot_id)
    async with _locked(trader.id) as session:
        member = await session.member(lot_id)
        source_id = group_of(member)
        if source_id == to_group_id:
            raise ValidationError(f"Lot #{lot_id} is in group #{to_group_id} already.")
        source = await session.group(source_id)
        target = await session.group(to_group_id)
        _same_place([source, target], "grouped")
        draft = Draft([source, target], await session.members([source.id, target.id]), book)
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
        draft = Draft([group], [])
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
    key = catalog_key(text)
    if key is not None:
        return _Type(display_name(key), {"strategy_key": key, "user_type_id": None})
    own = (
        await UserStrategyType.filter(
            trader_id=session.trader_id, name_key=name_key(" ".join(text.split()))
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
        draft = Draft([group], [])
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
            except EditConflict as conflict:
                raise _Stale(event.id, event.seq, conflict.reason) from conflict
            except DamagedRecord as damage:  # the reason is ours, not the trader's business
                raise _Stale(event.id, event.seq, "its record is damaged") from damage
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
