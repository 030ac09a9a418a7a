"""What the edit commands read: the trader's edit history, the groups and strategy types to
offer while typing, and one group with the numbers of its lots (the numbers split and move
take). Scoped by the trader: another trader's group reads like one that does not exist."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tortoise.expressions import Q

from services.db.models import EditEvent, EditState, GroupMember, StrategyGroup, UserStrategyType
from services.errors import ValidationError
from services.strategies._edit_input import MAX_ID, MAX_TYPE_NAME_CHARS
from services.strategies.catalog import CATALOG_KEYS, display_name
from services.strategies.reports import GroupDetail, group_detail
from services.traders import existing_trader

MAX_HISTORY = 50
MAX_CHOICES = 25  # Discord shows at most 25 autocomplete choices


class EditKind(StrEnum):
    """What an edit did (``EditEvent.kind``)."""

    ADD_TYPE = "add_type"
    CREATE = "create"
    SPLIT = "split"
    MERGE = "merge"
    MOVE = "move"
    RENAME = "rename"
    RETYPE = "retype"


@dataclass(frozen=True)
class HistoryEntry:
    """One edit in the trader's history: its number, kind, summary and what became of it."""

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


@dataclass(frozen=True)
class ShownGroup:
    """One group as ``/strategy show`` shows it: the read model's detail, and the lot number
    of each lot by the Tastytrade id of its opening fill (``GroupLot.transaction_id``)."""

    detail: GroupDetail
    lot_numbers: Mapping[int, int]


async def show_group(discord_id: int, group_id: int) -> ShownGroup:
    """One of the trader's groups in detail, with its lots' numbers."""
    detail = await group_detail(discord_id, group_id)
    rows = await GroupMember.filter(
        group_id=detail.group.id, group__trader__discord_id=discord_id
    ).values("id", "opening_transaction__tastytrade_id")
    numbers = {row["opening_transaction__tastytrade_id"]: row["id"] for row in rows}
    return ShownGroup(detail, numbers)


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
        if typed.isascii() and typed.isdigit() and int(typed) <= MAX_ID:
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
