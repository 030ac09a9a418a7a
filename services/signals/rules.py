"""A trader's signal rules: add, list, pause, resume, delete (soft) and test, each scoped to
the asking trader (another trader's rule reads as not found).

Rules live only in the database (they survive restarts: the evaluator reads them each tick).
A trader keeps at most ``MAX_RULES_PER_TRADER`` rules (deleted ones do not count); adding one
holds the trader's row lock so two adds at once cannot pass the limit together.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tortoise.transactions import in_transaction

import nlp.rules as nlp_rules
from services.db.models import SignalEvent, SignalRule, Trader
from services.errors import NotFoundError, ValidationError
from services.signals.conditions import (
    Evaluation,
    Observation,
    RuleState,
    evaluate,
    initial_armed,
)
from services.signals.ports import LevelsSource, fetch_levels
from services.traders import trader_for

log = logging.getLogger(__name__)

MAX_RULES_PER_TRADER = 50
MAX_RULE_ID = 2**31 - 1
DEFAULT_COOLDOWN = timedelta(minutes=15)
_ID_RE = re.compile(r"^#?\s*(\d{1,10})$", re.ASCII)


class RuleLimitError(ValidationError):
    user_message = (
        f"You have {MAX_RULES_PER_TRADER} signal rules, the most one trader may keep; delete one "
        "first (`/signal delete <id>`)."
    )


@dataclass(frozen=True, slots=True)
class RuleView:
    """A rule as the trader sees it."""

    id: int
    text: str
    condition: str  # in words: "SPY crosses below the gamma flip"
    underlying: str
    order_text: str
    auto_execute: bool
    paused: bool
    armed: bool
    cooldown_seconds: int
    last_fired_at: datetime | None
    created_at: datetime
    last_outcome: str | None = None  # what its latest firing became


@dataclass(frozen=True, slots=True)
class RuleTest:
    """``/signal test``: the levels now, what the rule would do with them, and the order text
    it would send (``atm`` shown as the spot it would be nearest to)."""

    rule: RuleView
    observation: Observation
    evaluation: Evaluation
    order_text: str


def stored_rule(row: SignalRule) -> nlp_rules.ParsedRule:
    """The parsed rule a row holds (its condition JSON and order text)."""
    condition = nlp_rules.Condition.from_json(row.condition)
    return nlp_rules.ParsedRule(
        text=row.text,
        condition=condition,
        order_text=row.order_text,
        order_underlying=str(row.condition.get("order_underlying") or condition.underlying),
        atm=bool(row.condition.get("atm")),
        auto_execute=row.auto_execute,
    )


def _view(row: SignalRule, last_outcome: str | None = None) -> RuleView:
    try:
        described = nlp_rules.Condition.from_json(row.condition).describe()
    except (KeyError, TypeError, ValueError):
        described = "(unreadable condition)"
    return RuleView(
        id=row.id,
        text=row.text,
        condition=described,
        underlying=row.underlying,
        order_text=row.order_text,
        auto_execute=row.auto_execute,
        paused=row.paused,
        armed=row.armed,
        cooldown_seconds=row.cooldown_seconds,
        last_fired_at=row.last_fired_at,
        created_at=row.created_at,
        last_outcome=last_outcome,
    )


def parse_rule_id(text: str | int) -> int:
    """A rule id as typed (``3`` or ``#3``); ``ValidationError`` for anything else."""
    match = _ID_RE.match(str(text).strip())
    number = int(match.group(1)) if match else 0
    if not 0 < number <= MAX_RULE_ID:
        raise ValidationError("A rule id is a number from `/signal list`, like `3`.")
    return number


async def _owned(discord_id: int, rule_id: int) -> SignalRule:
    row = await SignalRule.get_or_none(
        id=rule_id, trader__discord_id=discord_id, deleted_at__isnull=True
    )
    if row is None:
        raise NotFoundError(f"You have no signal rule #{rule_id}; see `/signal list`.")
    return row


async def add_rule(
    discord_id: int, text: str, *, today: date, auto_execute: bool = False
) -> RuleView:
    """Parse ``text`` (``nlp.rules.parse_rule``) and keep it as the trader's rule; ``auto``
    in the text or ``auto_execute`` lets its orders skip the confirmation. Raises
    ValidationError (with what to fix) or RuleLimitError."""
    parsed = nlp_rules.parse_rule(text, today=today)
    if isinstance(parsed, nlp_rules.RuleError):
        raise ValidationError(f"{parsed.message}\nFor example: `{parsed.example}`")
    trader = await trader_for(discord_id)
    condition = {
        **parsed.condition.to_json(),
        "atm": parsed.atm,
        "order_underlying": parsed.order_underlying,
    }
    async with in_transaction() as connection:
        await Trader.filter(id=trader.id).select_for_update().using_db(connection).first()
        kept = (
            await SignalRule.filter(trader_id=trader.id, deleted_at__isnull=True)
            .using_db(connection)
            .count()
        )
        if kept >= MAX_RULES_PER_TRADER:
            raise RuleLimitError()
        row = await SignalRule.create(
            trader_id=trader.id,
            text=parsed.text,
            underlying=parsed.condition.underlying,
            condition=condition,
            order_text=parsed.order_text,
            auto_execute=auto_execute or parsed.auto_execute,
            armed=initial_armed(parsed.condition),
            cooldown_seconds=int(DEFAULT_COOLDOWN.total_seconds()),
            using_db=connection,
        )
    log.info("trader %s added signal rule %s: %s", discord_id, row.id, parsed.condition.describe())
    return _view(row)


async def list_rules(discord_id: int) -> tuple[RuleView, ...]:
    """The trader's rules (not deleted), oldest first, each with its latest firing's outcome."""
    rows = await SignalRule.filter(trader__discord_id=discord_id, deleted_at__isnull=True).order_by(
        "id"
    )
    if not rows:
        return ()
    outcomes: dict[int, str] = {}
    events = (
        await SignalEvent.filter(rule_id__in=[row.id for row in rows], kind="fired")
        .order_by("id")
        .values_list("rule_id", "outcome")
    )
    for rule_id, outcome in events:
        outcomes[int(rule_id)] = str(outcome)  # the latest one wins
    return tuple(_view(row, outcomes.get(row.id)) for row in rows)


async def get_rule(discord_id: int, rule_id: int) -> RuleView:
    """The trader's rule ``rule_id`` (NotFoundError for another trader's or a deleted one)."""
    return _view(await _owned(discord_id, rule_id))


async def pause_rule(discord_id: int, rule_id: int) -> RuleView:
    """Stop evaluating the rule until it is resumed."""
    row = await _owned(discord_id, rule_id)
    if not row.paused:
        row.paused = True
        await row.save(update_fields=["paused", "updated_at"])
    return _view(row)


async def resume_rule(discord_id: int, rule_id: int) -> RuleView:
    """Evaluate the rule again, from its initial state: a crossing rule must see the condition
    clear before it can fire (a crossing while paused is not acted on)."""
    row = await _owned(discord_id, rule_id)
    if row.paused:
        row.paused = False
        row.armed = initial_armed(nlp_rules.Condition.from_json(row.condition))
        await row.save(update_fields=["paused", "armed", "updated_at"])
    return _view(row)


async def delete_rule(discord_id: int, rule_id: int, *, now: datetime) -> RuleView:
    """Delete the rule (kept with its events for the record, never evaluated again)."""
    row = await _owned(discord_id, rule_id)
    updated = await SignalRule.filter(id=row.id, deleted_at__isnull=True).update(
        deleted_at=now, paused=True
    )
    if not updated:
        raise NotFoundError(f"You have no signal rule #{rule_id}; see `/signal list`.")
    await row.refresh_from_db()
    return _view(row)


async def test_rule(
    discord_id: int, rule_id: int, source: LevelsSource, *, now: datetime
) -> RuleTest:
    """Evaluate the rule against the levels now, without ordering and without changing its
    state; the test is kept as a SignalEvent of kind ``test``."""
    row = await _owned(discord_id, rule_id)
    parsed = stored_rule(row)
    snapshot = await fetch_levels(source, row.underlying)
    observation = Observation.from_snapshot(snapshot)
    evaluation = evaluate(
        parsed.condition,
        observation,
        RuleState(row.armed, row.last_fired_at),
        now=now,
        cooldown=timedelta(seconds=row.cooldown_seconds),
    )
    if row.paused:
        evaluation = Evaluation(
            evaluation.value, evaluation.level, evaluation.holds, row.armed, False, "paused"
        )
    order_text = parsed.order_text_shown(observation.spot)
    await SignalEvent.create(
        rule=row,
        kind="test",
        levels=observation.to_json(),
        outcome=("would fire" if evaluation.fire else evaluation.reason)[:32],
    )
    return RuleTest(_view(row), observation, evaluation, order_text)


__all__ = [
    "MAX_RULES_PER_TRADER",
    "RuleLimitError",
    "RuleTest",
    "RuleView",
    "add_rule",
    "delete_rule",
    "get_rule",
    "list_rules",
    "parse_rule_id",
    "pause_rule",
    "resume_rule",
    "stored_rule",
    "test_rule",
]
