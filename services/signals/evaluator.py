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
RULE_COLUMNS = (
    "id",
    "trader_id",
    "underlying",
    "condition",
    "armed",
    "cooldown_seconds",
    "last_fired_at",
)


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
        self._conditions: dict[int, tuple[Any, Condition]] = {}

    @property
    def busy(self) -> int:
        """Firings still carrying their order through the pipeline."""
        return len(self._firings)

    async def tick(self) -> TickReport:
        """Evaluate the next batch of active rules once (see the module docstring)."""
        started = time.perf_counter()
        now = self.context.clock()
        rows = await self._next_rules()
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
            condition = self._condition(row)
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
        armed = await self._arm([d for d in decisions if d.evaluation.reason == "armed"])
        cooled = await self._cool([d for d in decisions if d.evaluation.reason == "cooldown"], now)
        firing = [d for d in decisions if d.evaluation.fire][: self.max_firings_per_tick]
        fired = [d.rule_id for d in firing if await self._claim(d, now)]
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
        full = len(rows) == self.max_rules_per_tick
        self._cursor = int(rows[-1]["id"]) if full else 0
        return rows

    def _condition(self, row: dict[str, Any]) -> Condition | None:
        """The row's condition, parsed once while its JSON stays the same."""
        rule_id, stored = int(row["id"]), row["condition"]
        cached = self._conditions.get(rule_id)
        if cached is not None and cached[0] == stored:
            return cached[1]
        try:
            condition = Condition.from_json(stored)
        except (KeyError, TypeError, ValueError):
            log.warning("signal rule %s has an unreadable condition; skipped", rule_id)
            return None
        self._conditions[rule_id] = (stored, condition)
        return condition

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

    async def _arm(self, decisions: Sequence[_Decision]) -> tuple[int, ...]:
        ids = [decision.rule_id for decision in decisions]
        if ids:
            await SignalRule.filter(id__in=ids, armed=False).update(armed=True)
        return tuple(ids)

    async def _cool(self, decisions: Sequence[_Decision], now: datetime) -> tuple[int, ...]:
        skipped = []
        for decision in decisions:
            updated = await SignalRule.filter(id=decision.rule_id, armed=True).update(
                armed=False, last_state=_state(decision, now)
            )
            if updated:
                skipped.append(decision.rule_id)
                log.info("signal rule %s held during its cooldown: skipped", decision.rule_id)
        return tuple(skipped)

    async def _claim(self, decision: _Decision, now: datetime) -> bool:
        won = await SignalRule.filter(
            id=decision.rule_id, armed=True, paused=False, deleted_at__isnull=True
        ).update(armed=False, last_fired_at=now, last_state=_state(decision, now))
        if not won:
            return False
        event = await SignalEvent.create(
            rule_id=decision.rule_id,
            kind="fired",
            levels=decision.observation.to_json(),
            outcome="pending",
        )
        firing = Firing(
            self.context,
            rule_id=decision.rule_id,
            event_id=event.id,
            observation=decision.observation,
            hook=self.on_signal_preview,
        )
        task = asyncio.get_running_loop().create_task(
            self._run(firing), name=f"signal-{decision.rule_id}"
        )
        self._firings.add(task)
        task.add_done_callback(self._firings.discard)
        return True

    async def _run(self, firing: Firing) -> None:
        async with self._order_slots:
            try:
                result = await firing.run()
            except Exception:
                log.exception("signal rule %s: firing %s failed", firing.rule_id, firing.event_id)
                await SignalEvent.filter(id=firing.event_id).update(outcome="error")
                return
        self.results = [*self.results[-99:], result]


def _state(decision: _Decision, now: datetime) -> dict[str, Any]:
    evaluation = decision.evaluation
    return {
        "at": now.isoformat(),
        "reason": evaluation.reason,
        "value": None if evaluation.value is None else str(evaluation.value),
        "level": None if evaluation.level is None else str(evaluation.level),
        "levels_as_of": decision.observation.as_of.isoformat(),
    }
