"""Wheel campaigns: short puts until one is assigned, covered calls on the shares (rolls
included) until they are called away, as one campaign with its cost basis and P&L so far.

The grouping refresh finds the campaigns and ties their groups together with
``StrategyGroup.campaign`` (the rules are in ``_grouping_wheel``); ``campaigns`` reads them
back with their figures from the P&L engine's lots (fees included everywhere):

* ``premiums_kept``: the realized P&L of every option lot of the campaign (puts and calls,
  bought back, expired or assigned; a lot still open has kept nothing yet);
* ``stock_cost``: what the shares still held cost, fees included;
* ``cost_basis_per_share``: ``(stock_cost - premiums_kept) / shares_held``, the effective
  price paid per share still held (``None`` once none is);
* ``realized``: options and shares closed so far; ``unrealized``: the open lots at the latest
  synced marks (``None`` when one has no mark); ``pnl``: both.

A campaign's shares called away are the stock lots closed by a delivery (an assigned call);
partial call-aways leave the rest held. Campaigns cover the accounts a P&L covers (production,
or sandbox when there is nothing else; ``environment`` picks one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from services.environment import Environment
from services.pnl import CloseReason, Side
from services.strategies._grouping_lots import ZERO, Opening
from services.strategies._grouping_read import GroupLots, read_strategies, scoped_accounts

BASIS_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class WheelCampaign:
    """One wheel campaign of one account and underlying (figures as in the module doc)."""

    id: str
    account_number: str | None
    environment: Environment | None
    underlying: str
    group_ids: tuple[int, ...]
    started_at: datetime
    ended_at: datetime | None  # when nothing of it was left open; None while it runs
    put_assignments: int  # assigned put lots (each assignment of a put fill counts once)
    shares_assigned: Decimal
    shares_called_away: Decimal
    shares_held: Decimal
    premiums_kept: Decimal
    stock_cost: Decimal
    stock_realized: Decimal
    realized: Decimal
    unrealized: Decimal | None

    @property
    def active(self) -> bool:
        return self.ended_at is None

    @property
    def cost_basis_per_share(self) -> Decimal | None:
        """What each share still held effectively cost: its cost less every premium kept."""
        if self.shares_held <= 0:
            return None
        return ((self.stock_cost - self.premiums_kept) / self.shares_held).quantize(BASIS_PLACES)

    @property
    def pnl(self) -> Decimal | None:
        """P&L so far: realized plus unrealized (``None`` when an open lot has no mark)."""
        return None if self.unrealized is None else self.realized + self.unrealized


async def campaigns(
    discord_id: int, *, environment: Environment | None = None
) -> tuple[WheelCampaign, ...]:
    """The trader's wheel campaigns, running ones first, then the newest."""
    found = await read_strategies(discord_id, await scoped_accounts(discord_id, environment))
    by_campaign: dict[str, list[GroupLots]] = defaultdict(list)
    for group in found.groups.values():
        if group.state.campaign and group.lots:
            by_campaign[group.state.campaign].append(group)
    out = [campaign_figures(name, groups) for name, groups in by_campaign.items()]
    out.sort(key=lambda c: (not c.active, -c.started_at.timestamp(), c.id))
    return tuple(out)


def campaign_figures(name: str, groups: Sequence[GroupLots]) -> WheelCampaign:
    """The figures of one campaign from its groups' lots."""
    openings = [opening for group in groups for opening in group.openings]
    options = [o for o in openings if o.option is not None]
    long_stock = [o for o in openings if o.is_stock and o.side is Side.LONG]
    first = groups[0]
    unrealized: Decimal | None = ZERO
    for opening in openings:
        if opening.unrealized is None:
            unrealized = None
            break
        assert unrealized is not None
        unrealized += opening.unrealized
    still_open = any(opening.is_open for opening in openings)
    closes = [o.closed_at for o in openings if o.closed_at is not None]
    return WheelCampaign(
        id=name,
        account_number=first.account_number,
        environment=first.environment,
        underlying=first.state.underlying,
        group_ids=tuple(sorted(group.state.id for group in groups)),
        started_at=min(opening.executed_at for opening in openings),
        ended_at=None if still_open or not closes else max(closes),
        put_assignments=sum(
            1
            for o in options
            if o.is_short_put
            for close in o.closes
            if close.reason is CloseReason.ASSIGNMENT
        ),
        shares_assigned=_total(o.quantity for o in long_stock if o.delivered),
        shares_called_away=_total(
            close.quantity
            for o in long_stock
            for close in o.closes
            if close.reason is CloseReason.DELIVERY
        ),
        shares_held=_total(o.open_quantity for o in long_stock),
        premiums_kept=_realized(options),
        stock_cost=-_total(o.open_basis for o in long_stock),
        stock_realized=_realized(long_stock),
        realized=_realized(openings),
        unrealized=unrealized,
    )


def _total(values: Iterable[Decimal]) -> Decimal:
    return sum(values, start=ZERO)


def _realized(openings: Sequence[Opening]) -> Decimal:
    return sum((opening.realized for opening in openings), start=ZERO)
