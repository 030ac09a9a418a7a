"""Rules CRUD per trader on a real database: add (parsed, limited to 50), list, pause, resume,
delete (soft), test (evaluates now without ordering); malformed, hostile and oversized input
refused with nothing stored; another trader sees and changes nothing."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.db.models import SignalEvent, SignalRule
from services.errors import NotFoundError, ValidationError
from services.signals import (
    MAX_RULES_PER_TRADER,
    RuleLimitError,
    add_rule,
    delete_rule,
    list_rules,
    parse_rule_id,
    pause_rule,
    resume_rule,
)
from services.signals import test_rule as try_rule  # not a test of pytest's

from .conftest import TODAY, ScriptedLevels

pytestmark = pytest.mark.db

TRADER = 5005
OTHER = 6006
NOW = datetime.now(UTC)
FLIP_RULE = "when SPY crosses below the gamma flip then buy 1 SPY 0dte atm put"
PRICE_RULE = "when QQQ above 520 then sell 1 QQQ 0dte 515 put @ 0.50"


async def test_a_rule_is_stored_parsed_and_listed(database: str) -> None:
    added = await add_rule(TRADER, FLIP_RULE, today=TODAY)

    row = await SignalRule.get(id=added.id)
    assert row.underlying == "SPY" and row.order_text == "buy 1 SPY 0dte atm put"
    assert row.condition["target"] == "zero_gamma" and row.condition["atm"] is True
    assert not row.armed  # a crossing starts disarmed
    assert not row.auto_execute and not row.paused
    [listed] = await list_rules(TRADER)
    assert listed.id == added.id and listed.condition == "SPY crosses below the gamma flip"


async def test_a_state_rule_starts_armed_and_auto_comes_from_the_text_or_the_flag(
    database: str,
) -> None:
    by_text = await add_rule(TRADER, PRICE_RULE + " auto", today=TODAY)
    by_flag = await add_rule(TRADER, PRICE_RULE, today=TODAY, auto_execute=True)
    neither = await add_rule(TRADER, PRICE_RULE, today=TODAY)

    assert by_text.armed and by_text.auto_execute and by_text.text == PRICE_RULE
    assert by_flag.auto_execute and not neither.auto_execute


MALFORMED = (
    ("", "Type a rule"),
    ("buy 1 SPY 0dte atm put", "starts with `when`"),
    ("when SPY crosses the flip then buy 1 SPY 0dte atm put", "Say which way"),
    ("when SPY above 500 then `rm -rf /` <@&1234>", "cannot read"),
    ("when SPY above 500 then DROP TABLE signal_rule;--", "cannot read"),
    ("when SPY above 500 then buy 1 SPY 0dte 500 put " + "a" * 2_000, "limit is 500"),
)


async def test_malformed_hostile_and_oversized_rules_are_refused_and_nothing_is_stored(
    database: str,
) -> None:
    for text, expected in MALFORMED:
        with pytest.raises(ValidationError) as refused:
            await add_rule(TRADER, text, today=TODAY)

        assert expected in refused.value.user_message, text
        assert "For example" in refused.value.user_message
    assert await SignalRule.all().count() == 0


async def test_control_characters_are_dropped_and_sql_in_a_rule_is_only_text(
    database: str,
) -> None:
    text = "when SPY above 500\x00 then buy 1 SPY 0dte 500 put'); DROP TABLE signal_rule;--"

    added = await add_rule(TRADER, text, today=TODAY)

    assert "\x00" not in added.text and added.text.endswith("DROP TABLE signal_rule;--")
    assert [rule.id for rule in await list_rules(TRADER)] == [added.id]  # the table is there


async def test_a_trader_keeps_at_most_fifty_rules_and_deleted_ones_do_not_count(
    database: str,
) -> None:
    rules = [await add_rule(TRADER, PRICE_RULE, today=TODAY) for _ in range(MAX_RULES_PER_TRADER)]

    with pytest.raises(RuleLimitError):
        await add_rule(TRADER, PRICE_RULE, today=TODAY)
    await delete_rule(TRADER, rules[0].id, now=NOW)
    await add_rule(TRADER, PRICE_RULE, today=TODAY)
    assert len(await list_rules(TRADER)) == MAX_RULES_PER_TRADER
    await add_rule(OTHER, PRICE_RULE, today=TODAY)  # the limit is per trader


async def test_adds_at_once_cannot_pass_the_limit_together(database: str) -> None:
    for _ in range(MAX_RULES_PER_TRADER - 2):
        await add_rule(TRADER, PRICE_RULE, today=TODAY)

    results = await asyncio.gather(
        *(add_rule(TRADER, PRICE_RULE, today=TODAY) for _ in range(5)), return_exceptions=True
    )

    assert sum(not isinstance(result, BaseException) for result in results) == 2
    assert all(isinstance(r, RuleLimitError) for r in results if isinstance(r, BaseException))
    assert await SignalRule.filter(deleted_at__isnull=True).count() == MAX_RULES_PER_TRADER


async def test_pause_and_resume_and_a_resumed_crossing_must_see_the_other_side_again(
    database: str,
) -> None:
    rule = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    await SignalRule.filter(id=rule.id).update(armed=True)  # it had seen SPY above the flip

    paused = await pause_rule(TRADER, rule.id)
    resumed = await resume_rule(TRADER, rule.id)

    assert paused.paused and not resumed.paused
    assert not resumed.armed  # a crossing while paused is not acted on
    assert (await pause_rule(TRADER, rule.id)).paused  # twice is fine
    assert (await pause_rule(TRADER, rule.id)).paused


async def test_delete_is_soft_hidden_and_final(database: str) -> None:
    rule = await add_rule(TRADER, FLIP_RULE, today=TODAY)

    deleted = await delete_rule(TRADER, rule.id, now=NOW)

    row = await SignalRule.get(id=rule.id)
    assert row.deleted_at is not None and row.paused and deleted.paused
    assert await list_rules(TRADER) == ()
    for action in (pause_rule, resume_rule):
        with pytest.raises(NotFoundError):
            await action(TRADER, rule.id)
    with pytest.raises(NotFoundError):
        await delete_rule(TRADER, rule.id, now=NOW)


async def test_another_trader_sees_and_changes_nothing(database: str) -> None:
    rule = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    source = ScriptedLevels()
    source.spots["SPY"] = Decimal("575")

    assert await list_rules(OTHER) == ()
    for action in (pause_rule, resume_rule):
        with pytest.raises(NotFoundError):
            await action(OTHER, rule.id)
    with pytest.raises(NotFoundError):
        await delete_rule(OTHER, rule.id, now=NOW)
    with pytest.raises(NotFoundError):
        await try_rule(OTHER, rule.id, source, now=NOW)
    row = await SignalRule.get(id=rule.id)
    assert not row.paused and row.deleted_at is None
    assert await SignalEvent.all().count() == 0 and source.reads == []


async def test_a_test_evaluates_now_records_it_and_changes_nothing(database: str) -> None:
    rule = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    await SignalRule.filter(id=rule.id).update(armed=True)
    source = ScriptedLevels()
    source.spots["SPY"] = Decimal("575.40")

    tested = await try_rule(TRADER, rule.id, source, now=datetime.now(UTC))

    assert tested.evaluation.fire and tested.evaluation.holds
    assert tested.evaluation.level == Decimal("580") and tested.evaluation.value == Decimal(
        "575.40"
    )
    assert tested.order_text == "buy 1 SPY 0dte atm (the listed strike nearest 575.4) put"
    [event] = await SignalEvent.filter(rule_id=rule.id)
    assert event.kind == "test" and event.outcome == "would fire"
    assert event.levels["zero_gamma"] == "580"
    row = await SignalRule.get(id=rule.id)
    assert row.armed and row.last_fired_at is None  # nothing changed, nothing ordered


async def test_a_test_without_market_data_says_so(database: str) -> None:
    rule = await add_rule(TRADER, FLIP_RULE, today=TODAY)
    source = ScriptedLevels()  # knows no spot for SPY

    with pytest.raises(Exception, match="no market data"):
        await try_rule(TRADER, rule.id, source, now=NOW)


@pytest.mark.parametrize("typed", ["3", "#3", " #3 ", 3])
def test_rule_ids_as_typed(typed: str | int) -> None:
    assert parse_rule_id(typed) == 3


@pytest.mark.parametrize(
    "typed", ["", "0", "-1", "abc", "3; DROP TABLE signal_rule", "99999999999", "1e3", "٣", "#"]
)
def test_hostile_and_malformed_rule_ids_are_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="rule id"):
        parse_rule_id(typed)
