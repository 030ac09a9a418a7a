"""Grouping a trader's synced transactions into strategy groups, after every sync.

``refresh_groups(discord_id)`` reads the trader's lots (the P&L engine's, every account of
both environments), puts every lot that is in no group yet into one (an order's legs
together, covered calls with their shares, rolls chained with ``rolled_from``, stock added to
the stock position; the rules are in ``_grouping_plan``), and brings each group's status,
strategy key and wheel campaign up to date. A group's key is ``classify`` of its open legs;
once it is closed, of the legs it held at its fullest (just after the order after which it
held the most distinct legs).

* **Idempotent**: a second run with nothing new changes nothing.
* **A trader's edit wins**: a group the trader edited or made, and a lot the trader moved,
  are never regrouped, retyped or re-campaigned; only whether the group is open or closed
  follows its lots.
* **One database transaction per trader**, which first locks the trader's row (``SELECT ...
  FOR UPDATE``, as edits do), so a refresh and an edit of the same trader never interleave,
  whichever bot process runs them.

``refresh_after_sync`` is the sync's after-sync hook (``services.sync.RefreshHook``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tortoise.transactions import in_transaction

from services.db.models import StrategyGroup, Trader
from services.strategies._grouping_plan import GroupingPlan, plan_grouping
from services.strategies._grouping_store import (
    load_books,
    load_groups,
    trader_accounts,
    write_plan,
)
from services.strategies._model import Leg, StrategyMatch
from services.strategies.catalog import CUSTOM
from services.strategies.classifier import classify

if TYPE_CHECKING:  # the sync imports this module for its after-sync hook
    from services.sync import AccountOutcome

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GroupingReport:
    """What one refresh did. ``lots`` is how many lots (opening transactions) the trader has;
    after a refresh each of them is in exactly one group."""

    lots: int = 0
    groups_created: int = 0
    groups_updated: int = 0
    groups_deleted: int = 0
    lots_grouped: int = 0
    lots_released: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.groups_created,
                self.groups_updated,
                self.groups_deleted,
                self.lots_grouped,
                self.lots_released,
            )
        )


async def refresh_groups(discord_id: int) -> GroupingReport:
    """Group the trader's lots that are in no group yet and bring every group's status, key
    and campaign up to date (see the module docstring). A trader with nothing synced gets an
    empty report."""
    trader = await Trader.get_or_none(discord_id=discord_id)
    if trader is None:
        return GroupingReport()
    accounts = await trader_accounts(discord_id)
    books = await load_books(discord_id, accounts)
    openings = [opening for book in books for opening in book.openings]
    kinds = {book.account_pk: book.kind for book in books}
    async with in_transaction() as connection:
        await Trader.filter(id=trader.id).select_for_update().using_db(connection).first()
        groups, memberships = await load_groups(trader.id, connection)
        plan = plan_grouping(openings, groups, memberships, account_kinds=kinds, classify=_classify)
        if not plan.changes_nothing:
            await write_plan(plan, trader.id, connection)
    report = _report(plan)
    log.info(
        "grouped trader %s: %s lots, %s new groups, %s updated, %s lots grouped",
        trader.id,
        report.lots,
        report.groups_created,
        report.groups_updated,
        report.lots_grouped,
    )
    return report


async def refresh_after_sync(discord_id: int, outcomes: tuple[AccountOutcome, ...]) -> None:
    """The sync's after-sync hook: regroup the trader whose accounts ``outcomes`` changed
    (every account is looked at: a lot may close in one sync and its roll open in the next).

    Grouping reads every transaction of the trader (seconds for tens of thousands), and it
    depends on nothing but the transactions and the groups: a sync that stored no new or
    changed transaction leaves it as it was, unless the trader has no group yet (rows synced
    before grouping existed get their groups on the next sync)."""
    changed = any(outcome.new or outcome.updated for outcome in outcomes)
    if not changed and await StrategyGroup.filter(trader__discord_id=discord_id).exists():
        log.debug("trader %s: no transaction changed; groups left as they are", discord_id)
        return
    await refresh_groups(discord_id)


def _classify(legs: Sequence[Leg], account_kind: str | None) -> StrategyMatch:
    """``classify``, with legs it refuses (an absurd quantity, a strike of 0) as custom."""
    try:
        return classify(legs, account_kind=account_kind)
    except ValueError:
        return StrategyMatch(key=CUSTOM, name="Custom", legs=tuple(legs))


def _report(plan: GroupingPlan) -> GroupingReport:
    return GroupingReport(
        lots=plan.openings,
        groups_created=len(plan.new_groups),
        groups_updated=len(plan.updates),
        groups_deleted=len(plan.deleted_groups),
        lots_grouped=len(plan.new_members),
        lots_released=len(plan.stale_members),
    )
