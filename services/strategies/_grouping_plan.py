"""Planning a grouping refresh: which lots join which strategy group, which groups are new,
and what every group's key, status and campaign now are (pure: no I/O, no clock).

The rules, applied in the order lots were opened (a lot already in a group stays there):

1. **One order, one group.** Lots opened by one order (same ``order_id``, account and
   underlying) form one group; a later fill of that order joins the group it started.
2. **Rolls.** An order that closes lots of group R and opens lots on the same underlying is a
   roll. When R has nothing left open after it, the new lots form a new group with
   ``rolled_from = R`` (the chain a position's P&L follows). When R still holds something
   (the call of a covered call rolled, one side of a strangle or condor moved), the position
   goes on: the new lots join R (unless they are calls R's shares no longer cover).
3. **Settled at once.** Stock an assignment or exercise delivered and another delivery of the
   same settlement took away again (a put spread expiring in the money) joins the group of
   the options settled: the shares are that position's result.
4. **Stock adds to the stock position.** Stock opened by an order holding only stock, or
   delivered by an assignment or exercise, joins the group of the same account and
   underlying that holds stock of that side at that moment (the earliest such group).
5. **Covered calls.** Short calls sold alone join the earliest group of the same account and
   underlying whose long shares, less the shares its open short calls already cover, cover
   them (100 shares, or the contract's multiplier, per call).
6. Anything else starts a new group.

A group the trader edited (``user_edited``), archived, or made (origin ``user``) is never
joined, regrouped, retyped or re-campaigned, and a membership of origin ``user`` never moves:
only the group's status (open or closed, from its lots) follows the market. A group the
engine made, left with no lots (its only opening was reversed), is deleted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from services.db.models import GroupOrigin, GroupStatus
from services.pnl import CloseReason, Side
from services.strategies._grouping_lots import ZERO, Opening, legs_of
from services.strategies._grouping_wheel import DELIVERY_WINDOW, GroupView, find_campaigns
from services.strategies._model import Leg, StrategyMatch

CUSTOM = "custom"
SETTLEMENTS = frozenset({CloseReason.ASSIGNMENT, CloseReason.EXERCISE})

#: a stored StrategyGroup id (positive), or a group planned in this run (negative)
GroupRef = int
#: ``classify(legs, account_kind=...)``, passed in so the planner stays pure
Classifier = Callable[[Sequence[Leg], str | None], StrategyMatch]


@dataclass(frozen=True, slots=True)
class GroupState:
    """A stored StrategyGroup, as far as grouping reads it."""

    id: int
    account_pk: int | None
    underlying: str
    strategy_key: str
    status: GroupStatus
    origin: GroupOrigin
    user_edited: bool
    archived: bool
    rolled_from: int | None
    campaign: str | None
    opened_at: datetime | None
    closed_at: datetime | None

    @property
    def engine_owned(self) -> bool:
        """Made by the engine and never touched by the trader: the engine may regroup it."""
        return self.origin is GroupOrigin.SYSTEM and not self.user_edited and not self.archived


@dataclass(frozen=True, slots=True)
class Membership:
    """A stored GroupMember: the group an opening transaction (by row id) belongs to."""

    group_id: int
    origin: GroupOrigin


@dataclass(frozen=True, slots=True)
class GroupFields:
    """What the engine derives for a group from its lots."""

    strategy_key: str
    status: GroupStatus
    opened_at: datetime | None
    closed_at: datetime | None
    campaign: str | None


@dataclass(frozen=True, slots=True)
class PlannedGroup:
    """A group to create. ``rolled_from`` may name a group planned earlier in the same plan."""

    ref: GroupRef
    account_pk: int
    underlying: str
    rolled_from: GroupRef | None
    fields: GroupFields


@dataclass(frozen=True)
class GroupingPlan:
    """What a refresh changes. ``new_groups`` are in creation order; ``new_members`` are
    (opening transaction row id, group); ``updates`` maps a stored group id to the fields that
    changed; ``stale_members`` are the row ids of memberships whose lot no longer exists."""

    new_groups: tuple[PlannedGroup, ...] = ()
    new_members: tuple[tuple[int, GroupRef], ...] = ()
    updates: Mapping[int, Mapping[str, object]] = field(default_factory=dict)
    stale_members: tuple[int, ...] = ()
    deleted_groups: tuple[int, ...] = ()
    openings: int = 0

    @property
    def changes_nothing(self) -> bool:
        return not (
            self.new_groups
            or self.new_members
            or self.updates
            or self.stale_members
            or self.deleted_groups
        )


@dataclass(slots=True)
class _Group:
    """A group while planning (stored or new) and the lots it holds so far."""

    ref: GroupRef
    account_pk: int | None
    underlying: str
    rolled_from: GroupRef | None
    joinable: bool
    stored: GroupState | None
    openings: list[Opening] = field(default_factory=list)
    # the last moment (a timestamp) the group holds stock; infinite while it still does
    stock_until: float = float("-inf")

    @property
    def opened_at(self) -> datetime | None:
        return min((o.executed_at for o in self.openings), default=None)

    @property
    def age(self) -> float:
        """When its first lot opened, for ordering (a group with no lot sorts last)."""
        opened = self.opened_at
        return opened.timestamp() if opened is not None else float("inf")

    def holds_stock(self, side: Side, moment: datetime) -> bool:
        # the newest lots are the likeliest to be held: look at them first
        return any(
            o.held_at(moment) > 0 for o in reversed(self.openings) if o.is_stock and o.side is side
        )

    def stock_held(self, side: Side, moment: datetime) -> Decimal:
        return sum(
            (o.held_at(moment) for o in self.openings if o.is_stock and o.side is side),
            start=ZERO,
        )

    def free_shares(self, moment: datetime) -> Decimal:
        """Long shares held at ``moment`` that no open short call of the group covers."""
        covering = sum(
            (o.held_at(moment) * o.shares_per_contract for o in self.openings if o.is_short_call),
            start=ZERO,
        )
        return self.stock_held(Side.LONG, moment) - covering

    def holds_anything(self, moment: datetime) -> bool:
        return any(o.held_at(moment) > 0 for o in self.openings)


def plan_grouping(
    openings: Sequence[Opening],
    groups: Sequence[GroupState],
    memberships: Mapping[int, Membership],
    *,
    account_kinds: Mapping[int, str],
    classify: Classifier,
) -> GroupingPlan:
    """Plan a refresh of one trader's groups: ``openings`` are every lot of the trader's
    accounts, ``groups`` and ``memberships`` (by opening transaction row id) what is stored,
    ``account_kinds`` the account's type words for ``classify`` (a short put in a cash or
    retirement account is cash-secured)."""
    return _Planner(openings, groups, memberships, account_kinds, classify).plan()


class _Planner:
    def __init__(
        self,
        openings: Sequence[Opening],
        groups: Sequence[GroupState],
        memberships: Mapping[int, Membership],
        account_kinds: Mapping[int, str],
        classify: Classifier,
    ) -> None:
        self.openings = sorted(openings, key=lambda o: (o.executed_at, o.tastytrade_id, o.pk))
        self.memberships = memberships
        self.account_kinds = account_kinds
        self.classify = classify
        self.groups: dict[GroupRef, _Group] = {
            state.id: _Group(
                ref=state.id,
                account_pk=state.account_pk,
                underlying=state.underlying,
                rolled_from=state.rolled_from,
                joinable=state.engine_owned,
                stored=state,
                openings=[],
            )
            for state in groups
        }
        self.group_of: dict[int, GroupRef] = {}
        # the groups that hold or held stock, by account and underlying, oldest first
        self.stock_places: dict[tuple[int, str], list[GroupRef]] = defaultdict(list)
        self.order_homes: dict[tuple[int, int, str], GroupRef] = {}
        self.closes_by_order: dict[tuple[int, int], list[tuple[Opening, Decimal]]] = defaultdict(
            list
        )
        # option lots removed by an assignment or exercise, by account and underlying
        self.settled: dict[tuple[int, str], list[tuple[datetime, Opening]]] = defaultdict(list)
        self.new_groups: list[GroupRef] = []
        self.new_members: list[tuple[int, GroupRef]] = []
        self.next_ref = -1

    # -- the plan ---------------------------------------------------------------------------

    def plan(self) -> GroupingPlan:
        stale = self._place_stored()
        for bundle in self._bundles():
            ref = self._home(bundle)
            for opening in bundle:
                self._add(opening, ref)
                self.new_members.append((opening.pk, ref))
        fields = self._fields()
        gone = set(stale)
        kept = Counter(
            membership.group_id for pk, membership in self.memberships.items() if pk not in gone
        )
        deleted = tuple(
            sorted(
                ref
                for ref, group in self.groups.items()
                if ref > 0 and group.joinable and not group.openings and not kept[ref]
            )
        )
        updates: dict[int, dict[str, object]] = {}
        for ref, derived in fields.items():
            group = self.groups[ref]
            if group.stored is None:
                continue
            changed = _changed(group.stored, derived, engine_owned=group.joinable)
            if changed:
                updates[ref] = changed
        return GroupingPlan(
            new_groups=tuple(
                PlannedGroup(
                    ref=ref,
                    account_pk=_account(self.groups[ref]),
                    underlying=self.groups[ref].underlying,
                    rolled_from=self.groups[ref].rolled_from,
                    fields=fields[ref],
                )
                for ref in self.new_groups
            ),
            new_members=tuple(self.new_members),
            updates=updates,
            stale_members=tuple(sorted(stale)),
            deleted_groups=deleted,
            openings=len(self.openings),
        )

    def _place_stored(self) -> list[int]:
        """Put the stored memberships in place; returns the engine's memberships whose lot no
        longer exists (a reversed opening), which the plan removes."""
        present = {opening.pk for opening in self.openings}
        for opening in self.openings:
            membership = self.memberships.get(opening.pk)
            if membership is not None and membership.group_id in self.groups:
                self._add(opening, membership.group_id)
        for ref in sorted(self.groups, key=lambda ref: (self.groups[ref].age, ref)):
            group = self.groups[ref]
            if group.account_pk is not None and group.stock_until > float("-inf"):
                self.stock_places[(group.account_pk, group.underlying)].append(ref)
        stale: list[int] = []
        for pk, membership in self.memberships.items():
            owner = self.groups.get(membership.group_id)
            if (
                pk not in present
                and owner is not None
                and owner.joinable
                and membership.origin is GroupOrigin.SYSTEM
            ):
                stale.append(pk)
        return stale

    def _add(self, opening: Opening, ref: GroupRef) -> None:
        group = self.groups[ref]
        group.openings.append(opening)
        self.group_of[opening.pk] = ref
        if opening.is_stock:
            closed = opening.closed_at
            until = closed.timestamp() if closed is not None else float("inf")
            if group.stock_until == float("-inf") and ref < 0 and group.account_pk is not None:
                self.stock_places[(group.account_pk, group.underlying)].append(ref)
            group.stock_until = max(group.stock_until, until)
        if opening.order_id is not None:
            self.order_homes.setdefault(
                (opening.account_pk, opening.order_id, opening.underlying), ref
            )
        for close in opening.closes:
            if close.close_order_id is not None:
                self.closes_by_order[(opening.account_pk, close.close_order_id)].append(
                    (opening, close.quantity)
                )
            if opening.option is not None and close.reason in SETTLEMENTS:
                self.settled[(opening.account_pk, opening.underlying)].append(
                    (close.closed_at, opening)
                )

    def _bundles(self) -> list[list[Opening]]:
        """The lots in no group yet, by order (stock deliveries without an order alone), in
        the order they were opened."""
        bundles: dict[tuple[int, int, str] | int, list[Opening]] = {}
        for opening in self.openings:
            if opening.pk in self.group_of:
                continue
            key: tuple[int, int, str] | int = (
                (opening.account_pk, opening.order_id, opening.underlying)
                if opening.order_id is not None
                else opening.pk
            )
            bundles.setdefault(key, []).append(opening)
        return list(bundles.values())

    # -- where a new order's lots go ----------------------------------------------------------

    def _home(self, bundle: list[Opening]) -> GroupRef:
        first = bundle[0]
        account, underlying, order = first.account_pk, first.underlying, first.order_id
        moment = max(opening.executed_at for opening in bundle)
        if order is not None:
            home = self.order_homes.get((account, order, underlying))
            if home is not None and self.groups[home].joinable:
                return home
            rolled = self._rolled_out_of(account, order, underlying)
            if rolled is not None:
                group = self.groups[rolled]
                after = max(
                    (
                        close.closed_at
                        for opening in group.openings
                        for close in opening.closes
                        if close.close_order_id == order
                    ),
                    default=moment,
                )
                after = max(after, moment)
                goes_on = group.joinable and group.holds_anything(after)
                uncovered = (
                    all(o.is_short_call for o in bundle)
                    and group.holds_stock(Side.LONG, after)
                    and group.free_shares(after) < _shares_needed(bundle)
                )
                if goes_on and not uncovered:
                    return rolled
                return self._new(account, underlying, rolled_from=rolled)
        settled = self._settled_by(bundle)
        if settled is not None:
            return settled
        if all(opening.is_stock for opening in bundle) and len({o.side for o in bundle}) == 1:
            side = first.side
            for ref in self._stock_holders(account, underlying, moment):
                if self.groups[ref].holds_stock(side, moment):
                    return ref
        if all(opening.is_short_call for opening in bundle):
            needed = _shares_needed(bundle)
            for ref in self._stock_holders(account, underlying, moment):
                if self.groups[ref].free_shares(moment) >= needed:
                    return ref
        return self._new(account, underlying, rolled_from=None)

    def _settled_by(self, bundle: list[Opening]) -> GroupRef | None:
        """For stock an assignment or exercise delivered and that a delivery closed at once
        (a spread settled in the money buys and sells the shares together), the group of the
        option lots settled then: the shares are part of that position's result."""
        if len(bundle) != 1:
            return None
        lot = bundle[0]
        if not (lot.delivered and lot.is_stock and not lot.is_open):
            return None
        if any(close.closed_at > lot.executed_at for close in lot.closes):
            return None  # the shares were held: a stock position of their own
        nearest: tuple[float, GroupRef] | None = None
        for moment, option in self.settled.get((lot.account_pk, lot.underlying), ()):
            ref = self.group_of.get(option.pk)
            apart = abs(moment - lot.executed_at)
            if ref is None or not self.groups[ref].joinable or apart > DELIVERY_WINDOW:
                continue
            if nearest is None or apart.total_seconds() < nearest[0]:
                nearest = (apart.total_seconds(), ref)
        return None if nearest is None else nearest[1]

    def _rolled_out_of(self, account: int, order: int, underlying: str) -> GroupRef | None:
        """The group whose lots the order closed on this underlying (the most contracts or
        shares closed; the earliest group on a tie)."""
        closed: dict[GroupRef, Decimal] = defaultdict(Decimal)
        for opening, quantity in self.closes_by_order.get((account, order), ()):
            ref = self.group_of.get(opening.pk)
            if ref is not None and opening.underlying == underlying:
                closed[ref] += quantity
        if not closed:
            return None
        return max(closed, key=lambda ref: (closed[ref], -self.groups[ref].age, -ref))

    def _stock_holders(self, account: int, underlying: str, moment: datetime) -> Iterable[GroupRef]:
        """The groups the engine may join that may hold stock at ``moment``, oldest first."""
        stamp = moment.timestamp()
        for ref in self.stock_places.get((account, underlying), ()):
            group = self.groups[ref]
            if group.joinable and group.stock_until >= stamp:
                yield ref

    def _new(self, account: int, underlying: str, *, rolled_from: GroupRef | None) -> GroupRef:
        ref = self.next_ref
        self.next_ref -= 1
        self.groups[ref] = _Group(
            ref=ref,
            account_pk=account,
            underlying=underlying,
            rolled_from=rolled_from,
            joinable=True,
            stored=None,
        )
        self.new_groups.append(ref)
        return ref

    # -- what each group now is ---------------------------------------------------------------

    def _fields(self) -> dict[GroupRef, GroupFields]:
        views = [
            GroupView(
                ref=ref,
                account_pk=group.account_pk,
                account_number=group.openings[0].account_number,
                underlying=group.underlying,
                rolled_from=group.rolled_from,
                openings=tuple(group.openings),
            )
            for ref, group in self.groups.items()
            if group.openings and group.account_pk is not None
        ]
        campaigns = find_campaigns(views)
        out: dict[GroupRef, GroupFields] = {}
        for ref, group in self.groups.items():
            if not group.openings:
                continue
            still_open = any(opening.is_open for opening in group.openings)
            closes = [o.closed_at for o in group.openings if o.closed_at is not None]
            status = GroupStatus.OPEN if still_open else GroupStatus.CLOSED
            out[ref] = GroupFields(
                strategy_key=self._key(group, open_only=still_open),
                status=status,
                opened_at=group.opened_at,
                closed_at=None if still_open or not closes else max(closes),
                campaign=campaigns.get(ref),
            )
        return out

    def _key(self, group: _Group, *, open_only: bool) -> str:
        """``classify`` of the group's open legs; once closed, of the legs it held when it
        held the most (a covered call that wrote three calls in turn was a covered call, not
        stock with three calls; an iron condor closed a side at a time was an iron condor)."""
        if not group.joinable and group.stored is not None:
            return group.stored.strategy_key
        legs = (
            legs_of(group.openings, open_only=True) if open_only else fullest_legs(group.openings)
        )
        if not legs:
            return CUSTOM
        kind = self.account_kinds.get(group.account_pk or 0)
        return self.classify(legs, kind).key


def fullest_legs(openings: Sequence[Opening]) -> tuple[Leg, ...] | None:
    """The legs held just after one of the group's orders, the one after which the most
    distinct legs were held (the earliest such), else the legs opened; ``None`` when a lot is
    of an instrument the catalog cannot describe."""
    best: tuple[Leg, ...] = ()
    for moment in sorted({opening.executed_at for opening in openings}):
        held = [
            replace(opening, open_quantity=opening.held_at(moment))
            for opening in openings
            if opening.executed_at <= moment
        ]
        legs = legs_of(held, open_only=True)
        if legs is None:
            return None
        if len(legs) > len(best):
            best = legs
    # lots closed the moment they opened (stock delivered and delivered on at once): what
    # was opened is all there is to go by
    return best or legs_of(openings, open_only=False)


def _shares_needed(bundle: Sequence[Opening]) -> Decimal:
    return sum((o.quantity * o.shares_per_contract for o in bundle), start=ZERO)


def _account(group: _Group) -> int:
    assert group.account_pk is not None  # a planned group always has its lots' account
    return group.account_pk


def _changed(stored: GroupState, derived: GroupFields, *, engine_owned: bool) -> dict[str, object]:
    """The fields of a stored group that differ from what its lots say now (status and dates
    always; key and campaign only for a group the engine owns)."""
    wanted: dict[str, object] = {
        "status": derived.status,
        "opened_at": derived.opened_at,
        "closed_at": derived.closed_at,
    }
    if engine_owned:
        wanted["strategy_key"] = derived.strategy_key
        wanted["campaign"] = derived.campaign
    return {
        name: value for name, value in wanted.items() if not _same(getattr(stored, name), value)
    }


def _same(left: object, right: object) -> bool:
    if isinstance(left, datetime) and isinstance(right, datetime):
        # the database may keep microseconds only (or drop them); compare to the millisecond
        return abs((left - right).total_seconds()) < 0.001
    return left == right
