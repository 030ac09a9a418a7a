"""What a sync tells the trader, built from plain values (no database, no broker)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from services.db.models import SyncStatus
from services.environment import Environment
from services.errors import ValidationError
from services.notify.events import Event
from services.sync import _notices as notices
from services.sync import advisory_key, clean_account_number

TODAY = date(2026, 3, 9)


def option(days: int, symbol: str = "SPY   260320C00600000") -> notices.ExpiringOption:
    return notices.ExpiringOption(
        Environment.PRODUCTION, "5WT00001", symbol, "2 Short", TODAY + timedelta(days=days)
    )


def test_expiry_warnings_cover_today_to_the_chosen_day() -> None:
    found = notices.expiring_within([option(-1), option(0), option(3), option(4)], TODAY, 3)

    assert [item.expires_on for item in found] == [TODAY, TODAY + timedelta(days=3)]


def test_zero_warning_days_turn_expiry_warnings_off() -> None:
    assert notices.expiring_within([option(0)], TODAY, 0) == []


def test_expiry_notices_are_deduplicated_per_position_and_expiry() -> None:
    first = notices.options_expiring(7, option(1), TODAY)
    again = notices.options_expiring(7, option(1), TODAY)
    other = notices.options_expiring(7, option(1, "SPY   260320P00500000"), TODAY)

    assert first.event is Event.OPTIONS_EXPIRING and "tomorrow" in first.title
    assert first.dedupe_key == again.dedupe_key != other.dedupe_key
    assert first.dedupe_key is not None and "5WT00001" in first.dedupe_key


def assignment(tastytrade_id: int, days_ago: int) -> notices.Assignment:
    return notices.Assignment(
        Environment.SANDBOX,
        "5WZ00001",
        tastytrade_id,
        "Assignment",
        "SPY   260320P00500000",
        "Removal of option due to assignment",
        datetime(2026, 3, 9, 21, tzinfo=UTC) - timedelta(days=days_ago),
    )


def test_assignments_are_news_for_a_week_and_keyed_by_transaction() -> None:
    now = datetime(2026, 3, 9, 22, tzinfo=UTC)

    assert notices.is_news(assignment(1, 0), now)
    assert not notices.is_news(assignment(1, 8), now)
    keys = {notices.assignment_detected(7, assignment(i, 0)).dedupe_key for i in (1, 1, 2)}
    assert keys == {"assignment:sandbox:5WZ00001:1", "assignment:sandbox:5WZ00001:2"}


def test_a_failure_notice_gives_the_reasons_and_a_retry_hint() -> None:
    notice = notices.sync_failed(7, 12, SyncStatus.PARTIAL, ["5WT00001: Tastytrade is down"])

    assert notice.event is Event.SYNC_FAILED and notice.title == "Your sync was incomplete"
    assert "5WT00001: Tastytrade is down" in notice.body and "/sync" in notice.body
    assert notice.dedupe_key == "sync-failed:12"


def test_rejected_credentials_say_which_environment_and_how_to_fix() -> None:
    notice = notices.credentials_rejected(7, 3, Environment.SANDBOX)

    assert "sandbox" in notice.title and "/link" in notice.body


class ExplodingNotifier:
    async def notify(self, notice: object) -> None:
        raise RuntimeError("smtp down")


async def test_a_failing_notifier_never_fails_the_sync() -> None:
    await notices.deliver(ExplodingNotifier(), [notices.sync_recovered(7, 1)])


def test_advisory_keys_are_stable_signed_64_bit_and_distinct() -> None:
    keys = {advisory_key(discord_id) for discord_id in range(1000)}

    assert len(keys) == 1000
    assert advisory_key(42) == advisory_key(42)
    assert all(-(2**63) <= key < 2**63 for key in keys)


@pytest.mark.parametrize(
    ("typed", "expected"), [(None, None), ("  ", None), (" 5wt00001 ", "5WT00001")]
)
def test_account_numbers_are_normalised(typed: str | None, expected: str | None) -> None:
    assert clean_account_number(typed) == expected


@pytest.mark.parametrize("typed", ["5WT;DROP", "9" * 33, "<@&1>", "a b", "5WT\u00a0001"])
def test_malformed_account_numbers_are_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        clean_account_number(typed)
