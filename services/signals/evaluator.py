"""One evaluator runs every trader's rules: ``SignalEvaluator.tick()``, called every few seconds
by the bot (``cogs/signals``), never blocking it.

A tick reads the active rules (not paused, not deleted) in id order, at most
``max_rules_per_tick`` of them (the next tick goes on after the last one read, then starts
over), fetches the levels once per underlying (at most ``max_underlyings_per_tick``
underlyings, ``fetch_concurrency`` at a time, each within ``levels_timeout_s``; an underlying
whose levels fail is skipped this tick and logged), evaluates each rule (pure:
:mod:`services.signals.conditions`) and writes only what changed: rules that arm (one UPDATE),
rules skipped in their cooldown, and firings.

A firing is *claimed* first by one conditional UPDATE (still armed, not paused or deleted), so
two evaluators (two bot processes) never fire one crossing twice; the winner records a
SignalEvent with the levels it saw and hands the order to a background task (at most
``max_concurrent_orders`` at once), so a slow rehearsal never delays the next tick. At most
``max_firings_per_tick`` rules fire per tick; the rest stay armed and fire on the next tick if
their condition still holds.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from nlp.rules import Condition
from services.db.models import SignalEvent, SignalRule
from services.errors import TastybotError
from services.orders._context import OrderContext
from services.signals.conditions import Evaluation, Observation, RuleState, evaluate
from services.signals.firing import Firing, FiringResult, PreviewHook
from services.signals.ports import LEVELS_TIMEOUT_S, LevelsSource, fetch_levels

log = logging.getLogger(__name__)

MAX_RULES_PER_TICK = 5_000
MAX_UNDERLYINGS_PER_TICK = 100
MAX_FIRINGS_PER_TICK = 25
MAX_CONCURRENT_ORDERS = 4
FETCH_CONCURRENCY = 8
DRAIN_TIMEOUT_S = 60.0
# a rule's condition never changes after it is added, so it is read once and kept
RULE_COLUMNS = ("id", "underlying", "armed", "cooldown_seconds", "last_fired_at")


@dataclass(frozen=True)
class TickReport:
    """What one tick did: rules evaluated, underlyings read (and those without levels), the
    rules that fired (claimed), armed or were skipped in their cooldown, and its duration."""

    rules: int
    underlyings: int
    fired: tuple[int, ...]
    armed: tuple[int, ...]
    cooled: tuple[int, ...]
    unavailable: tuple[str, ...]
    seconds: float


@dataclass(frozen=True, slots=True)
class _Decision:
    rule_id: int
    evaluation: Evaluation
    observation: Observation


class SignalEvaluator:
    """Evaluates every trader's active rules (see the module docstring). ``on_signal_preview``
    is the hook a firing calls when the trader must confirm or answer (the bot sets it)."""

    def __init__(
        self,
        context: OrderContext,
        source: LevelsSource,
        *,
        max_rules_per_tick: int = MAX_RULES_PER_TICK,
        max_underlyings_per_tick: int = MAX_UNDERLYINGS_PER_TICK,
        max_firings_per_tick: int = MAX_FIRINGS_PER_TICK,
        max_concurrent_orders: int = MAX_CONCURRENT_ORDERS,
        fetch_concurrency: int = FETCH_CONCURRENCY,
        levels_timeout_s: float = LEVELS_TIMEOUT_S,
    ) -> None:
        self.context = context
        self.source = source
        self.max_rules_per_tick = max_rules_per_tick
        self.max_underlyings_per_tick = max_underlyings_per_tick
        self.max_firings_per_tick = max_firings_per_tick
        self.levels_timeout_s = levels_timeout_s
        self.on_signal_preview: PreviewHook | None = None
        self.results: list[FiringResult] = []  # the latest firings' results (bounded)
        self._cursor = 0
        self._fetch_slots = asyncio.Semaphore(fetch_concurrency)
        self._order_slots = asyncio.Semaphore(max_concurrent_orders)
        self._firings: set[asyncio.Task[None]] = set()
        self._conditions: dict[int, Condition | None] = {}  # by rule id; None: unreadable
        self._seen: set[int] = set()  # rule ids read in this pass over the rules

    @property
    def busy(self) -> int:
        """Firings still carrying their order through the pipeline."""
        return len(self._firings)

    async def tick(self) -> TickReport:
        """Evaluate the next batch of active rules once (see the module docstring)."""
        started = time.perf_counter()
        now = self.context.clock()
        rows = await self._next_rules()
        await self._load_conditions(rows)
        underlyings = sorted({str(row["underlying"]) for row in rows})
        fetched = underlyings[: self.max_underlyings_per_tick]
        observations = dict(
            zip(fetched, await asyncio.gather(*(self._observe(u) for u in fetched)), strict=True)
        )
        decisions: list[_Decision] = []
        for row in rows:
            observation = observations.get(str(row["underlying"]))
            if observation is None:
                continue
            condition = self._conditions.get(int(row["id"]))
            if condition is None:
                continue
            evaluation = evaluate(
                condition,
                observation,
                RuleState(bool(row["armed"]), row["last_fired_at"]),
                now=now,
                cooldown=timedelta(seconds=int(row["cooldown_seconds"])),
            )
            if evaluation.changed:
                decisions.append(_Decision(int(row["id"]), evaluation, observation))
        firing = [d for d in decisions if d.evaluation.fire][: self.max_firings_per_tick]
        armed: tuple[int, ...] = ()
        cooled: tuple[int, ...] = ()
        claimed: list[Firing] = []
        if decisions:  # one transaction: one commit for every change of the tick
            async with in_transaction() as connection:
                armed = await self._arm(
                    [d for d in decisions if d.evaluation.reason == "armed"], connection
                )
                cooled = await self._cool(
                    [d for d in decisions if d.evaluation.reason == "cooldown"], now, connection
                )
                claimed = await self._claim(firing, now, connection)
        for claim in claimed:  # after the commit, so the firing sees its event
            self._start(claim)
        fired = [claim.rule_id for claim in claimed]
        unavailable = tuple(u for u in underlyings if observations.get(u) is None)
        return TickReport(
            rules=len(rows),
            underlyings=len(fetched),
            fired=tuple(fired),
            armed=armed,
            cooled=cooled,
            unavailable=unavailable,
            seconds=time.perf_counter() - started,
        )

    async def drain(self, timeout_s: float = DRAIN_TIMEOUT_S) -> None:
        """Wait until the firings in flight have finished (tests, shutdown)."""
        if self._firings:
            await asyncio.wait(list(self._firings), timeout=timeout_s)

    async def close(self, timeout_s: float = DRAIN_TIMEOUT_S) -> None:
        """Let the firings in flight finish (an order may be mid-placement), then cancel any
        left after ``timeout_s``."""
        await self.drain(timeout_s)
        for task in list(self._firings):
            task.cancel()
        if self._firings:
            await asyncio.wait(list(self._firings))

    # --- steps -----------------------------------------------------------------------------

    async def _next_rules(self) -> list[dict[str, Any]]:
        rows = list(
            await SignalRule.filter(paused=False, deleted_at__isnull=True, id__gt=self._cursor)
            .order_by("id")
            .limit(self.max_rules_per_tick)
            .values(*RULE_COLUMNS)
        )
        self._seen.update(int(row["id"]) for row in rows)
        if len(rows) == self.max_rules_per_tick:
            self._cursor = int(rows[-1]["id"])
        else:  # the pass is complete: forget the conditions of rules no longer active
            self._cursor = 0
            self._conditions = {
                rule_id: condition
                for rule_id, condition in self._conditions.items()
                if rule_id in self._seen
            }
            self._seen = set()
        return rows

    async def _load_conditions(self, rows: Sequence[dict[str, Any]]) -> None:
        """Parse the conditions of rules not seen before (once per rule)."""
        missing = [int(row["id"]) for row in rows if int(row["id"]) not in self._conditions]
        if not missing:
            return
        stored = await SignalRule.filter(id__in=missing).values_list("id", "condition")
        for rule_id, condition in stored:
            try:
                self._conditions[int(rule_id)] = Condition.from_json(condition)
            except (KeyError, TypeError, ValueError):
                log.warning("signal rule %s has an unreadable condition; skipped", rule_id)
                self._conditions[int(rule_id)] = None

    async def _observe(self, underlying: str) -> Observation | None:
        async with self._fetch_slots:
            try:
                snapshot = await fetch_levels(
                    self.source, underlying, timeout_s=self.levels_timeout_s
                )
                return Observation.from_snapshot(snapshot)
            except TastybotError as error:
                log.warning("no levels for %s this tick: %s", underlying, error.user_message)
            except Exception:
                log.exception("reading the levels of %s failed", underlying)
            return None

    async def _arm(
        self, decisions: Sequence[_Decision], connection: BaseDBAsyncClient
    ) -> tuple[int, ...]:
        ids = [decision.rule_id for decision in decisions]
        if ids:
            await SignalRule.filter(id__in=ids, armed=False).using_db(connection).update(armed=True)
        return tuple(ids)

    async def _cool(
        self, decisions: Sequence[_Decision], now: datetime, connection: BaseDBAsyncClient
    ) -> tuple[int, ...]:
        skipped = await _take_armed([d.rule_id for d in decisions], connection)
        if skipped:
            await (
                SignalRule.filter(id__in=skipped)
                .using_db(connection)
                .update(armed=False, last_state={"at": now.isoformat(), "reason": "cooldown"})
            )
            log.info("signal rules %s held during their cooldown: skipped", skipped)
        return tuple(skipped)

    async def _claim(
        self, decisions: Sequence[_Decision], now: datetime, connection: BaseDBAsyncClient
    ) -> list[Firing]:
        """The firings this evaluator won (rules still armed and active, locked until the
        commit, so another evaluator sees them disarmed), each with its recorded event."""
        won = set(await _take_armed([d.rule_id for d in decisions], connection))
        if not won:
            return []
        await (
            SignalRule.filter(id__in=won)
            .using_db(connection)
            .update(
                armed=False,
                last_fired_at=now,
                last_state={"at": now.isoformat(), "reason": "fired"},
            )
        )
        firings = []
        for decision in decisions:
            if decision.rule_id not in won:
                continue
            event = await SignalEvent.create(
                rule_id=decision.rule_id,
                kind="fired",
                levels=decision.observation.to_json(),
                outcome="pending",
                using_db=connection,
            )
            firings.append(
                Firing(
                    self.context,
                    rule_id=decision.rule_id,
                    event_id=event.id,
                    observation=decision.observation,
                    hook=self.on_signal_preview,
                )
            )
        return firings

    def _start(self, firing: Firing) -> None:
        task = asyncio.get_running_loop().create_task(
            self._run(firing), name=f"signal-{firing.rule_id}"
        )
        self._firings.add(task)
        task.add_done_callback(self._firings.discard)

    async def _run(self, firing: Firing) -> None:
        async with self._order_slots:
            try:
                result = await firing.run()
            except Exception:
                log.exception("signal rule %s: firing %s failed", firing.rule_id, firing.event_id)
                await SignalEvent.filter(id=firing.event_id).update(outcome="error")
                return
        self.results = [*self.results[-99:], result]


async def _take_armed(rule_ids: Sequence[int], connection: BaseDBAsyncClient) -> list[int]:
    """Of ``rule_ids``, those still armed and active, locked (Postgres) until the commit."""
    if not rule_ids:
        return []
    rows = (
        await SignalRule.filter(
            id__in=list(rule_ids), armed=True, paused=False, deleted_at__isnull=True
        )
        .select_for_update()  # on model rows: Tortoise drops FOR UPDATE from values()
        .using_db(connection)
    )
    return sorted(row.id for row in rows)
