"""Read models of a trader's strategy groups for the cog: the list, one group in detail (its
lots, P&L and roll chain), its open legs for the payoff chart, and P&L by strategy.

Figures come from the P&L engine's lots (``services.pnl``): a group's realized P&L is the sum
of its lots' closes, its unrealized P&L the open rest at the latest synced marks (``None`` when
an open lot has no mark). Lists cover the accounts a P&L covers (production, or sandbox when
there is nothing else; ``environment`` picks one), so sandbox and real money never mix. Every
read is scoped by the trader: another trader's group reads exactly like one that does not
exist (``NotFoundError``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from services.db.models import BrokerAccount, GroupOrigin, GroupStatus, StrategyGroup
from services.environment import Environment
from services.errors import NotFoundError, ValidationError
from services.pnl import Side
from services.strategies._grouping_lots import ZERO, Opening, legs_of
from services.strategies._grouping_read import (
    GroupLots,
    TraderStrategies,
    read_strategies,
    scoped_accounts,
)
from services.strategies._model import Leg
from services.strategies.catalog import display_name

MAX_GROUP_ID = 2**31 - 1  # StrategyGroup.id is a 32-bit integer
MAX_UNDERLYING_CHARS = 32
_UNDERLYING = re.compile(r"[A-Z0-9./^_-]{1,32}")
UNGROUPED = "ungrouped"
UNGROUPED_NAME = "Not grouped yet"
RATE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class GroupSummary:
    """One strategy group as a list shows it. ``strategy_name`` is the trader's own type when
    the group has one, else the catalog's name of ``strategy_key``; ``title`` is what to call
    the group ("AAPL Covered call", or the trader's name for it)."""

    id: int
    account_number: str | None
    environment: Environment | None
    underlying: str
    strategy_key: str
    strategy_name: str
    user_type: str | None
    name: str
    status: GroupStatus
    origin: GroupOrigin
    user_edited: bool
    opened_at: datetime | None
    closed_at: datetime | None
    rolled_from: int | None
    campaign: str | None
    lots: int
    realized: Decimal
    unrealized: Decimal | None

    @property
    def title(self) -> str:
        return self.name or f"{self.underlying} {self.strategy_name}"


@dataclass(frozen=True)
class GroupLot:
    """One lot of a group: what its opening fill opened and what became of it."""

    transaction_id: int  # Tastytrade id of the opening fill
    symbol: str
    side: Side
    quantity: Decimal
    open_quantity: Decimal
    open_price: Decimal | None
    opened_at: datetime
    closed_at: datetime | None
    realized: Decimal
    unrealized: Decimal | None
    origin: GroupOrigin


@dataclass(frozen=True)
class RollLink:
    """A group in a roll chain."""

    id: int
    strategy_key: str
    strategy_name: str
    status: GroupStatus
    opened_at: datetime | None
    closed_at: datetime | None
    realized: Decimal


@dataclass(frozen=True)
class GroupDetail:
    """One group with its lots and its roll chain: ``rolled_from`` runs from the chain's first
    group to the one this group rolled out of; ``rolled_into`` from the group rolled out of
    this one onwards. ``chain_realized`` is the realized P&L of the whole chain, so a
    position's P&L follows it through its rolls."""

    group: GroupSummary
    lots: tuple[GroupLot, ...]
    open_legs: tuple[Leg, ...]
    rolled_from: tuple[RollLink, ...]
    rolled_into: tuple[RollLink, ...]
    chain_realized: Decimal


@dataclass(frozen=True)
class StrategyPnL:
    """Realized P&L of one strategy (a catalog key, or the trader's own type) in a period.

    ``realized`` sums the lots closed in the period; ``groups`` counts the groups with such a
    close. ``trades`` counts the groups that closed in the period and ``wins`` those of them
    whose whole realized P&L is above zero: the win rate is per group, never per leg."""

    strategy_key: str
    user_type: str | None
    name: str
    realized: Decimal
    groups: int
    trades: int
    wins: int

    @property
    def win_rate(self) -> Decimal | None:
        """Wins per closed group (0 to 1, four places); ``None`` without a closed group."""
        if not self.trades:
            return None
        return (Decimal(self.wins) / Decimal(self.trades)).quantize(RATE_PLACES)


async def list_groups(
    discord_id: int,
    *,
    status: GroupStatus | str | None = None,
    underlying: str | None = None,
    environment: Environment | None = None,
) -> tuple[GroupSummary, ...]:
    """The trader's groups, newest first, optionally only ``open`` or ``closed`` ones and one
    underlying. A malformed status or underlying raises ``ValidationError``."""
    wanted_status = _status(status)
    wanted_underlying = _underlying(underlying)
    found = await read_strategies(discord_id, await scoped_accounts(discord_id, environment))
    summaries = [_summary(group) for group in found.groups.values()]
    kept = [
        summary
        for summary in summaries
        if (wanted_status is None or summary.status is wanted_status)
        and (wanted_underlying is None or summary.underlying == wanted_underlying)
    ]
    kept.sort(key=lambda summary: (_moment(summary.opened_at), summary.id), reverse=True)
    return tuple(kept)


async def group_detail(discord_id: int, group_id: int) -> GroupDetail:
    """One of the trader's groups with its lots, open legs, P&L and roll chain;
    ``NotFoundError`` when the trader has no such group."""
    found, group = await _one_group(discord_id, group_id)
    chain_back = _chain_back(group, found)
    chain_forward = _chain_forward(group, found)
    links = [*chain_back, *chain_forward]
    return GroupDetail(
        group=_summary(group),
        lots=tuple(_lot(lot.opening, lot.origin) for lot in group.lots),
        open_legs=legs_of(group.openings, open_only=True) or (),
        rolled_from=tuple(_link(item) for item in chain_back),
        rolled_into=tuple(_link(item) for item in chain_forward),
        chain_realized=_realized(group.openings)
        + sum((_realized(item.openings) for item in links), start=ZERO),
    )


async def group_legs(discord_id: int, group_id: int) -> tuple[Leg, ...]:
    """The open legs of one of the trader's groups (for the payoff chart); empty once the
    group is closed or when a lot is of an instrument the catalog cannot describe."""
    _, group = await _one_group(discord_id, group_id)
    return legs_of(group.openings, open_only=True) or ()


async def pnl_by_strategy(
    discord_id: int,
    *,
    start: date | None = None,
    end: date | None = None,
    environment: Environment | None = None,
) -> tuple[StrategyPnL, ...]:
    """Realized P&L, closed groups and wins per strategy for closes dated in ``[start, end]``
    (inclusive; open-ended when ``None``), best first. Lots in no group yet (a sync whose
    grouping has not run) are one ``ungrouped`` row, so the rows add up to the P&L engine's
    realized total for the same period and accounts."""
    if start is not None and end is not None and start > end:
        raise ValidationError("The period starts after it ends.")
    found = await read_strategies(discord_id, await scoped_accounts(discord_id, environment))
    rows: dict[tuple[str, str | None], _Tally] = defaultdict(_Tally)
    for group in found.groups.values():
        key = (group.state.strategy_key, group.user_type)
        closed_in = _realized_between(group.openings, start, end)
        tally = rows[key]
        if closed_in is not None:
            tally.realized += closed_in
            tally.groups += 1
        last_close = _last_close_date(group.openings)
        if last_close is not None and _inside(last_close, start, end):
            tally.trades += 1
            tally.wins += _realized(group.openings) > 0
    loose = _realized_between(found.ungrouped, start, end)
    if loose is not None:
        rows[(UNGROUPED, None)].realized += loose
    out = [
        StrategyPnL(
            strategy_key=key,
            user_type=user_type,
            name=user_type or (UNGROUPED_NAME if key == UNGROUPED else _name(key)),
            realized=tally.realized,
            groups=tally.groups,
            trades=tally.trades,
            wins=tally.wins,
        )
        for (key, user_type), tally in rows.items()
        if tally.groups or tally.trades or (key == UNGROUPED and loose is not None)
    ]
    out.sort(key=lambda row: (-row.realized, row.name, row.user_type or ""))
    return tuple(out)


# -- helpers ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    realized: Decimal = ZERO
    groups: int = 0
    trades: int = 0
    wins: int = 0


def _status(status: GroupStatus | str | None) -> GroupStatus | None:
    if status is None or isinstance(status, GroupStatus):
        return status
    cleaned = str(status).strip().lower()
    if not cleaned or cleaned == "all":
        return None
    try:
        return GroupStatus(cleaned)
    except ValueError:
        raise ValidationError("Choose `open`, `closed` or `all`.") from None


def _underlying(underlying: str | None) -> str | None:
    if underlying is None:
        return None
    cleaned = underlying.strip().upper().lstrip("$")
    if not cleaned:
        return None
    if len(cleaned) > MAX_UNDERLYING_CHARS or not _UNDERLYING.fullmatch(cleaned):
        raise ValidationError(
            f"An underlying is a symbol like `SPY` (at most {MAX_UNDERLYING_CHARS} characters)."
        )
    return cleaned


def _group_id(group_id: int) -> int:
    """A group id that can exist, else the same answer as for a group that does not."""
    if isinstance(group_id, bool) or not isinstance(group_id, int):
        raise NotFoundError(f"You have no strategy group {group_id!r}.")
    if not 1 <= group_id <= MAX_GROUP_ID:
        raise NotFoundError(f"You have no strategy group #{group_id}.")
    return group_id


async def _one_group(discord_id: int, group_id: int) -> tuple[TraderStrategies, GroupLots]:
    """The trader's group ``group_id`` with every group of its account (for the roll chain)."""
    wanted = _group_id(group_id)
    row = await StrategyGroup.get_or_none(id=wanted, trader__discord_id=discord_id, archived=False)
    if row is None:
        raise NotFoundError(f"You have no strategy group #{wanted}.")
    accounts = await _group_accounts(discord_id, row)
    found = await read_strategies(discord_id, accounts)
    group = found.groups.get(wanted)
    if group is None:  # a group of the trader with no lots and no account left
        raise NotFoundError(f"Strategy group #{wanted} holds no lots any more.")
    return found, group


async def _group_accounts(discord_id: int, row: StrategyGroup) -> list[BrokerAccount]:
    query = BrokerAccount.filter(trader__discord_id=discord_id)
    if row.account_id is not None:  # type: ignore[attr-defined]
        query = query.filter(id=row.account_id)  # type: ignore[attr-defined]
    else:
        query = query.filter(transactions__group_member__group_id=row.id).distinct()
    return await query


def _summary(group: GroupLots) -> GroupSummary:
    state = group.state
    openings = group.openings
    status = state.status
    if openings:
        status = GroupStatus.OPEN if any(o.is_open for o in openings) else GroupStatus.CLOSED
    return GroupSummary(
        id=state.id,
        account_number=group.account_number,
        environment=group.environment,
        underlying=state.underlying,
        strategy_key=state.strategy_key,
        strategy_name=group.user_type or _name(state.strategy_key),
        user_type=group.user_type,
        name=group.name,
        status=status,
        origin=state.origin,
        user_edited=state.user_edited,
        opened_at=state.opened_at,
        closed_at=state.closed_at if status is GroupStatus.CLOSED else None,
        rolled_from=state.rolled_from,
        campaign=state.campaign,
        lots=len(openings),
        realized=_realized(openings),
        unrealized=_unrealized(openings),
    )


def _lot(opening: Opening, origin: GroupOrigin) -> GroupLot:
    return GroupLot(
        transaction_id=opening.tastytrade_id,
        symbol=opening.symbol,
        side=opening.side,
        quantity=opening.quantity,
        open_quantity=opening.open_quantity,
        open_price=opening.open_price,
        opened_at=opening.executed_at,
        closed_at=opening.closed_at,
        realized=opening.realized,
        unrealized=opening.unrealized,
        origin=origin,
    )


def _link(group: GroupLots) -> RollLink:
    summary = _summary(group)
    return RollLink(
        id=summary.id,
        strategy_key=summary.strategy_key,
        strategy_name=summary.strategy_name,
        status=summary.status,
        opened_at=summary.opened_at,
        closed_at=summary.closed_at,
        realized=summary.realized,
    )


def _chain_back(group: GroupLots, found: TraderStrategies) -> list[GroupLots]:
    """The groups this one rolled out of, the first of the chain first."""
    chain: list[GroupLots] = []
    seen = {group.state.id}
    parent = found.groups.get(group.state.rolled_from or 0)
    while parent is not None and parent.state.id not in seen:
        chain.append(parent)
        seen.add(parent.state.id)
        parent = found.groups.get(parent.state.rolled_from or 0)
    chain.reverse()
    return chain


def _chain_forward(group: GroupLots, found: TraderStrategies) -> list[GroupLots]:
    """The groups rolled out of this one, and out of those, in the order they opened."""
    children: dict[int, list[GroupLots]] = defaultdict(list)
    for item in found.groups.values():
        if item.state.rolled_from is not None:
            children[item.state.rolled_from].append(item)
    chain: list[GroupLots] = []
    seen = {group.state.id}
    frontier = [group.state.id]
    while frontier:
        following = [
            child
            for parent in frontier
            for child in children.get(parent, ())
            if child.state.id not in seen
        ]
        for child in following:
            seen.add(child.state.id)
        chain += following
        frontier = [child.state.id for child in following]
    chain.sort(key=lambda item: (_moment(item.state.opened_at), item.state.id))
    return chain


def _moment(when: datetime | None) -> float:
    return when.timestamp() if when is not None else float("-inf")


def _realized(openings: Iterable[Opening]) -> Decimal:
    return sum((opening.realized for opening in openings), start=ZERO)


def _unrealized(openings: Sequence[Opening]) -> Decimal | None:
    total = ZERO
    for opening in openings:
        if opening.unrealized is None:
            return None
        total += opening.unrealized
    return total


def _inside(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def _realized_between(
    openings: Iterable[Opening], start: date | None, end: date | None
) -> Decimal | None:
    """Realized P&L of the closes dated in the period; ``None`` when none is."""
    total: Decimal | None = None
    for opening in openings:
        for close in opening.closes:
            if _inside(close.close_date, start, end):
                total = (total or ZERO) + close.realized
    return total


def _last_close_date(openings: Sequence[Opening]) -> date | None:
    """The day the group's last lot closed; ``None`` while a lot is open."""
    if not openings or any(opening.is_open for opening in openings):
        return None
    days = [close.close_date for opening in openings for close in opening.closes]
    return max(days) if days else None


def _name(key: str) -> str:
    try:
        return display_name(key)
    except KeyError:
        return key.replace("_", " ").capitalize()
