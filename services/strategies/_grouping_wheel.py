"""Finding wheel campaigns among a trader's strategy groups (pure: no I/O, no clock).

A campaign starts when a group of short puts is assigned. From then until the shares it
delivered are all gone (called away or sold), these groups of the same account and underlying
belong to it:

* the assigned put group and the put groups it was rolled out of;
* every other put group assigned while the campaign runs (several assignments build one
  position), and the groups holding the stock those assignments delivered;
* every group of only short puts or only short calls opened while it runs (the covered calls
  sold on the shares, more puts), and every group rolled out of a campaign group.

Puts that expired before the first assignment are not part of it: until a put is assigned
nothing tells a wheel from a short put. A group belongs to one campaign at most.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from services.pnl import CloseReason, Side
from services.strategies._grouping_lots import ZERO, Opening

CAMPAIGN_ID_CHARS = 64  # StrategyGroup.campaign
#: an assignment's stock delivery is booked with (or right after) the option's removal
DELIVERY_WINDOW = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class GroupView:
    """A strategy group with its lots, as campaign finding reads it (``ref`` is the group's id,
    or a negative number for a group planned but not stored yet)."""

    ref: int
    account_pk: int
    account_number: str
    underlying: str
    rolled_from: int | None
    openings: tuple[Opening, ...]

    @property
    def opened_at(self) -> datetime:
        return min(opening.executed_at for opening in self.openings)

    @property
    def only_short_puts(self) -> bool:
        return all(opening.is_short_put for opening in self.openings)

    @property
    def only_short_calls(self) -> bool:
        return all(opening.is_short_call for opening in self.openings)

    def assignments(self) -> list[datetime]:
        """When this group's option lots were assigned, earliest first."""
        return sorted(
            close.closed_at
            for opening in self.openings
            if opening.option is not None
            for close in opening.closes
            if close.reason is CloseReason.ASSIGNMENT
        )


def campaign_id(account_number: str, underlying: str, first_tastytrade_id: int) -> str:
    """A stable campaign id: the account, the underlying and the Tastytrade id of the
    campaign's first put (hashed when it would not fit the column)."""
    text = f"wheel-{account_number}-{underlying}-{first_tastytrade_id}"
    if len(text) <= CAMPAIGN_ID_CHARS:
        return text
    return "wheel-" + hashlib.sha256(text.encode()).hexdigest()[: CAMPAIGN_ID_CHARS - 6]


def find_campaigns(groups: Iterable[GroupView]) -> dict[int, str]:
    """Group ref -> campaign id for every group in a wheel campaign (see the module doc)."""
    places: dict[tuple[int, str], list[GroupView]] = defaultdict(list)
    for group in groups:
        if group.openings:
            places[(group.account_pk, group.underlying)].append(group)
    found: dict[int, str] = {}
    for place in places.values():
        place.sort(key=lambda group: (group.opened_at, group.ref))
        found.update(_campaigns_at(place))
    return found


def _campaigns_at(place: Sequence[GroupView]) -> dict[int, str]:
    """The campaigns of one account and underlying."""
    by_ref = {group.ref: group for group in place}
    put_groups = [group for group in place if group.only_short_puts and group.assignments()]
    put_groups.sort(key=lambda group: (group.assignments()[0], group.ref))
    used: dict[int, str] = {}
    for seed in put_groups:
        if seed.ref in used:
            continue
        members = _campaign(seed, place, by_ref, used)
        first = min(
            opening.tastytrade_id
            for ref in members
            if by_ref[ref].only_short_puts
            for opening in by_ref[ref].openings
        )
        name = campaign_id(seed.account_number, seed.underlying, first)
        for ref in members:
            used[ref] = name
    return used


def _campaign(
    seed: GroupView,
    place: Sequence[GroupView],
    by_ref: dict[int, GroupView],
    used: dict[int, str],
) -> set[int]:
    start = seed.assignments()[0]
    members: set[int] = set()
    assigned: list[GroupView] = [seed]
    while True:
        for group in assigned:
            members |= _with_put_ancestors(group, by_ref, used)
        members |= _stock_groups(assigned, place, used)
        end = _shares_gone(place, members, start)
        grown = set(members)
        assigned = [
            group
            for group in place
            if group.ref not in members
            and group.ref not in used
            and group.only_short_puts
            and any(_inside(moment, start, end) for moment in group.assignments())
        ]
        grown |= {group.ref for group in assigned}
        for group in place:
            if group.ref in grown or group.ref in used:
                continue
            short_options = group.only_short_puts or group.only_short_calls
            rolled_out_of_member = group.rolled_from in grown
            opened_inside = _inside(group.opened_at, start, end)
            if short_options and (opened_inside or rolled_out_of_member):
                grown.add(group.ref)
        if grown == members and not assigned:
            return members
        members = grown


def _inside(moment: datetime, start: datetime, end: datetime | None) -> bool:
    return start <= moment and (end is None or moment <= end)


def _with_put_ancestors(
    group: GroupView, by_ref: dict[int, GroupView], used: dict[int, str]
) -> set[int]:
    """The group and the put groups it was rolled out of (a roll chain of short puts)."""
    chain = {group.ref}
    parent = by_ref.get(group.rolled_from) if group.rolled_from is not None else None
    while parent is not None and parent.only_short_puts and parent.ref not in chain:
        if parent.ref in used:
            break
        chain.add(parent.ref)
        parent = by_ref.get(parent.rolled_from) if parent.rolled_from is not None else None
    return chain


def _stock_groups(
    assigned: Sequence[GroupView], place: Sequence[GroupView], used: dict[int, str]
) -> set[int]:
    """The groups holding the stock the assignments of ``assigned`` delivered."""
    moments = [moment for group in assigned for moment in group.assignments()]
    out: set[int] = set()
    for group in place:
        if group.ref in used:
            continue
        for opening in group.openings:
            if (
                opening.delivered
                and opening.is_stock
                and opening.side is Side.LONG
                and any(abs(opening.executed_at - moment) <= DELIVERY_WINDOW for moment in moments)
            ):
                out.add(group.ref)
                break
    return out


def _shares_gone(place: Sequence[GroupView], members: set[int], start: datetime) -> datetime | None:
    """The first moment from ``start`` on when the members hold no long shares (``None``:
    they still hold some)."""
    changes: dict[datetime, Decimal] = defaultdict(Decimal)
    for group in place:
        if group.ref not in members:
            continue
        for opening in group.openings:
            if not (opening.is_stock and opening.side is Side.LONG):
                continue
            changes[opening.executed_at] += opening.quantity
            for close in opening.closes:
                changes[close.closed_at] -= close.quantity
    if not changes:
        return start  # no stock came of it (the shares sit in a group of another campaign)
    held = ZERO
    for moment in sorted(changes):
        held += changes[moment]
        if moment >= start and held <= 0:
            return moment
    return None
