"""The operations a strategy edit is made of, as plain JSON, and applying them to the database.

An edit is a list of primitive operations, each carrying the values before and after it:

* ``group``: set some fields of one strategy group (name, key, type, archived, ...);
* ``lot``: move one lot (identified by its opening transaction, which a regrouping never
  replaces) from one group to another, with the membership's origin before and after;
* ``type``: create or delete one of the trader's own strategy types (with its row id, so a
  redo brings back the very row that later edits refer to).

The inverse of an operation is the same operation with before and after swapped; the inverse of
an edit is its operations' inverses in reverse order. Applying checks what must hold for the
operation to mean what it meant when it was recorded: the group (or type) exists and is the
trader's, a lot sits in the group it is moved out of. When that no longer holds (a sync
regrouped legs after an undo gave them back to the grouping engine, or ``/forget`` deleted
them), :class:`EditConflict` is raised and the caller rolls the whole edit back. Field values
are not compared before they are set: they are the trader's own (every group an edit touches
is ``user_edited``, which the grouping engine leaves alone), so setting ``after`` restores
exactly what the edit saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeAlias

from tortoise.backends.base.client import BaseDBAsyncClient

from services.db.models import (
    GroupMember,
    GroupOrigin,
    GroupStatus,
    StrategyGroup,
    UserStrategyType,
)

JSONValue: TypeAlias = str | int | bool | None
FieldValues: TypeAlias = Mapping[str, JSONValue]

# The StrategyGroup columns an edit may change, and how each is kept in JSON.
DATETIME_FIELDS = frozenset({"opened_at", "closed_at"})
ENUM_FIELDS: Mapping[str, type[GroupStatus] | type[GroupOrigin]] = {
    "status": GroupStatus,
    "origin": GroupOrigin,
}
GROUP_FIELDS = (
    "name",
    "strategy_key",
    "user_type_id",
    "archived",
    "user_edited",
    "origin",
    "status",
    "opened_at",
    "closed_at",
    "rolled_from_id",
    "campaign",
)


class EditConflict(Exception):
    """An operation no longer applies to what the database holds; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DamagedRecord(Exception):
    """A stored edit's operations are not the JSON this module writes."""


def encode_field(name: str, value: Any) -> JSONValue:
    """A StrategyGroup column value as it is kept in an operation."""
    if value is None:
        return None
    if name in DATETIME_FIELDS:
        assert isinstance(value, datetime)
        return value.isoformat()
    if name in ENUM_FIELDS:
        return str(ENUM_FIELDS[name](value).value)
    if isinstance(value, bool | int | str):
        return value
    raise TypeError(f"{name} cannot be kept in an edit: {type(value).__name__}")


def decode_field(name: str, value: JSONValue) -> Any:
    """The column value an operation's JSON stands for."""
    if value is None:
        return None
    if name in DATETIME_FIELDS:
        return datetime.fromisoformat(str(value))
    if name in ENUM_FIELDS:
        return ENUM_FIELDS[name](str(value))
    return value


def group_fields(group: StrategyGroup) -> dict[str, JSONValue]:
    """Every editable field of ``group``, as an operation keeps it."""
    return {name: encode_field(name, getattr(group, name)) for name in GROUP_FIELDS}


@dataclass(frozen=True)
class GroupChange:
    """Set some fields of one group (``before`` and ``after`` name the same fields)."""

    group_id: int
    before: FieldValues
    after: FieldValues

    def inverse(self) -> GroupChange:
        return GroupChange(self.group_id, self.after, self.before)


@dataclass(frozen=True)
class LotMove:
    """Move the lot opened by transaction row ``lot`` from group ``source`` to ``target``."""

    lot: int
    source: int
    target: int
    origin_before: GroupOrigin
    origin_after: GroupOrigin

    def inverse(self) -> LotMove:
        return LotMove(self.lot, self.target, self.source, self.origin_after, self.origin_before)


@dataclass(frozen=True)
class TypeValues:
    name: str
    name_key: str


@dataclass(frozen=True)
class TypeChange:
    """Create (``before`` None) or delete (``after`` None) the trader's strategy type."""

    type_id: int
    before: TypeValues | None
    after: TypeValues | None

    def inverse(self) -> TypeChange:
        return TypeChange(self.type_id, self.after, self.before)


Operation: TypeAlias = GroupChange | LotMove | TypeChange


def inverse_of(operations: Sequence[Operation]) -> tuple[Operation, ...]:
    """What takes ``operations`` back: each one's inverse, last first."""
    return tuple(operation.inverse() for operation in reversed(operations))


# JSON


def _type_json(values: TypeValues | None) -> dict[str, str] | None:
    return None if values is None else {"name": values.name, "name_key": values.name_key}


def to_json(operations: Iterable[Operation]) -> list[dict[str, Any]]:
    """The operations as the JSON an EditEvent stores."""
    encoded: list[dict[str, Any]] = []
    for operation in operations:
        if isinstance(operation, GroupChange):
            encoded.append(
                {
                    "op": "group",
                    "group": operation.group_id,
                    "before": dict(operation.before),
                    "after": dict(operation.after),
                }
            )
        elif isinstance(operation, LotMove):
            encoded.append(
                {
                    "op": "lot",
                    "lot": operation.lot,
                    "from": operation.source,
                    "to": operation.target,
                    "origin_before": operation.origin_before.value,
                    "origin_after": operation.origin_after.value,
                }
            )
        else:
            encoded.append(
                {
                    "op": "type",
                    "type": operation.type_id,
                    "before": _type_json(operation.before),
                    "after": _type_json(operation.after),
                }
            )
    return encoded


def _int(item: Mapping[str, Any], key: str) -> int:
    value = item.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise DamagedRecord(f"{key} is not an id")
    return value


def _fields(item: Mapping[str, Any], key: str) -> dict[str, JSONValue]:
    value = item.get(key)
    if not isinstance(value, dict) or not set(value) <= set(GROUP_FIELDS):
        raise DamagedRecord(f"{key} is not a set of group fields")
    if any(not isinstance(v, str | int | bool | None) for v in value.values()):
        raise DamagedRecord(f"{key} holds a value that is not plain")
    return dict(value)


def _type_values(item: Mapping[str, Any], key: str) -> TypeValues | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
        isinstance(value.get(part), str) for part in ("name", "name_key")
    ):
        raise DamagedRecord(f"{key} is not a strategy type")
    return TypeValues(name=value["name"], name_key=value["name_key"])


def from_json(raw: Any) -> tuple[Operation, ...]:
    """The operations an EditEvent stores; :class:`DamagedRecord` when they are not ours."""
    if not isinstance(raw, list):
        raise DamagedRecord("not a list of operations")
    operations: list[Operation] = []
    for item in raw:
        if not isinstance(item, dict):
            raise DamagedRecord("an operation is not an object")
        kind = item.get("op")
        try:
            if kind == "group":
                operations.append(
                    GroupChange(
                        _int(item, "group"), _fields(item, "before"), _fields(item, "after")
                    )
                )
            elif kind == "lot":
                operations.append(
                    LotMove(
                        _int(item, "lot"),
                        _int(item, "from"),
                        _int(item, "to"),
                        GroupOrigin(str(item.get("origin_before"))),
                        GroupOrigin(str(item.get("origin_after"))),
                    )
                )
            elif kind == "type":
                operations.append(
                    TypeChange(
                        _int(item, "type"),
                        _type_values(item, "before"),
                        _type_values(item, "after"),
                    )
                )
            else:
                raise DamagedRecord(f"unknown operation {kind!r}")
        except ValueError as exc:  # an origin that is not one
            raise DamagedRecord(str(exc)) from None
    return tuple(operations)


# Applying


async def apply(
    operations: Sequence[Operation], trader_id: int, connection: BaseDBAsyncClient
) -> None:
    """Apply ``operations`` in order for the trader, inside the caller's transaction
    (consecutive lot moves go in one batch); :class:`EditConflict` when one no longer applies."""
    batch: list[LotMove] = []
    for operation in operations:
        if isinstance(operation, LotMove):
            batch.append(operation)
            continue
        await _move_lots(batch, trader_id, connection)
        batch = []
        if isinstance(operation, GroupChange):
            await _change_group(operation, trader_id, connection)
        else:
            await _change_type(operation, trader_id, connection)
    await _move_lots(batch, trader_id, connection)


async def _change_group(change: GroupChange, trader_id: int, connection: BaseDBAsyncClient) -> None:
    group = (
        await StrategyGroup.filter(id=change.group_id, trader_id=trader_id)
        .using_db(connection)
        .first()
    )
    if group is None:
        raise EditConflict(f"group #{change.group_id} is gone")
    for name, value in change.after.items():
        setattr(group, name, decode_field(name, value))
    await group.save(using_db=connection, update_fields=[*change.after, "updated_at"])


async def _move_lots(
    moves: Sequence[LotMove], trader_id: int, connection: BaseDBAsyncClient
) -> None:
    if not moves:
        return
    wanted = {move.lot: move for move in moves}
    targets = {move.target for move in moves}
    owned = set(
        await StrategyGroup.filter(id__in=targets, trader_id=trader_id)
        .using_db(connection)
        .values_list("id", flat=True)
    )
    if missing := targets - owned:
        raise EditConflict(f"group #{min(missing)} is gone")
    members = await GroupMember.filter(
        opening_transaction_id__in=list(wanted), group__trader_id=trader_id
    ).using_db(connection)
    found = {member.opening_transaction_id: member for member in members}  # type: ignore[attr-defined]
    by_destination: dict[tuple[int, GroupOrigin], list[int]] = {}
    for lot, move in wanted.items():
        member = found.get(lot)
        if member is None:
            raise EditConflict("a lot is gone")
        if member.group_id != move.source:  # type: ignore[attr-defined]
            raise EditConflict(f"lot #{member.id} is no longer in group #{move.source}")
        by_destination.setdefault((move.target, move.origin_after), []).append(member.id)
    for (target, origin), member_ids in by_destination.items():
        await (
            GroupMember.filter(id__in=member_ids)
            .using_db(connection)
            .update(group_id=target, origin=origin)
        )


async def _change_type(change: TypeChange, trader_id: int, connection: BaseDBAsyncClient) -> None:
    if change.after is None:
        row = (
            await UserStrategyType.filter(id=change.type_id, trader_id=trader_id)
            .using_db(connection)
            .first()
        )
        if row is None:
            raise EditConflict(f"strategy type {change.type_id} is gone")
        if await StrategyGroup.filter(user_type_id=row.id).using_db(connection).exists():
            raise EditConflict(f"strategy type {row.name!r} is in use")
        await row.delete(using_db=connection)
        return
    taken = (
        await UserStrategyType.filter(trader_id=trader_id, name_key=change.after.name_key)
        .using_db(connection)
        .exists()
    )
    if taken or await UserStrategyType.filter(id=change.type_id).using_db(connection).exists():
        raise EditConflict(f"strategy type {change.after.name!r} exists again")
    # the same row id as before: later edits (a retype) refer to it
    await UserStrategyType.create(
        id=change.type_id,
        trader_id=trader_id,
        name=change.after.name,
        name_key=change.after.name_key,
        using_db=connection,
    )
