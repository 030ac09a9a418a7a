"""StatusBoard and check_health: the service the web page reads."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from services.status import StatusBoard, StatusSnapshot, check_health

if TYPE_CHECKING:
    from conftest import FakeClock


def test_started_at_is_the_clock_at_construction(board: StatusBoard, clock: FakeClock) -> None:
    assert board.started_at == clock.now
    assert board.started_at.tzinfo is not None


def test_default_clock_gives_aware_utc_start() -> None:
    board = StatusBoard(version="1", environment="real", database_kind="postgres")
    assert board.started_at.utcoffset() == timedelta(0)


def test_uptime_follows_the_clock(board: StatusBoard, clock: FakeClock) -> None:
    clock.advance(hours=2, seconds=5)
    assert board.uptime() == timedelta(hours=2, seconds=5)


def test_uptime_never_negative_when_clock_steps_back(board: StatusBoard, clock: FakeClock) -> None:
    clock.advance(minutes=-10)
    assert board.uptime() == timedelta(0)


def test_new_board_is_not_connected_and_has_no_error(board: StatusBoard) -> None:
    assert board.bot_connected is False
    assert board.last_error_at is None


def test_mark_connected_toggles(board: StatusBoard) -> None:
    board.mark_connected(True)
    assert board.bot_connected is True
    board.mark_connected(False)
    assert board.bot_connected is False


def test_record_error_uses_the_clock(board: StatusBoard, clock: FakeClock) -> None:
    clock.advance(minutes=3)
    board.record_error()
    assert board.last_error_at == board.started_at + timedelta(minutes=3)


def test_record_error_keeps_the_latest(board: StatusBoard, clock: FakeClock) -> None:
    board.record_error()
    clock.advance(seconds=30)
    board.record_error()
    assert board.last_error_at == board.started_at + timedelta(seconds=30)


def test_record_error_rejects_naive_datetime(board: StatusBoard) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        board.record_error(datetime(2026, 1, 1, 12, 0))


def test_record_error_normalises_to_utc(board: StatusBoard) -> None:
    from datetime import timezone

    board.record_error(datetime(2026, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=-5))))
    assert board.last_error_at == datetime(2026, 1, 1, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("environment", "database_kind"), [("staging", "sqlite"), ("demo", "mysql")]
)
def test_unknown_environment_or_database_is_rejected(environment: str, database_kind: str) -> None:
    with pytest.raises(ValueError):
        StatusBoard(version="1", environment=environment, database_kind=database_kind)


def test_snapshot_is_a_frozen_plain_copy(board: StatusBoard, clock: FakeClock) -> None:
    board.mark_connected(True)
    clock.advance(seconds=90.9)
    board.record_error()
    snapshot = board.snapshot()
    assert snapshot == StatusSnapshot(
        version="1.4.2",
        environment="demo",
        uptime_seconds=90,
        bot_connected=True,
        last_error_at=(board.started_at + timedelta(seconds=90.9)).isoformat(),
        database_kind="sqlite",
    )
    with pytest.raises(AttributeError):
        snapshot.version = "2"  # type: ignore[misc]


def test_snapshot_does_not_follow_later_changes(board: StatusBoard) -> None:
    snapshot = board.snapshot()
    board.mark_connected(True)
    assert snapshot.bot_connected is False


def test_snapshot_as_dict_has_the_published_fields(board: StatusBoard) -> None:
    assert set(board.snapshot().as_dict()) == {
        "version",
        "environment",
        "uptime_seconds",
        "bot_connected",
        "last_error_at",
        "database_kind",
    }


async def test_check_health_ok_when_db_answers() -> None:
    async def up() -> bool:
        return True

    report = await check_health(up)
    assert report.ok
    assert report.as_dict() == {"status": "ok", "database": "ok"}


async def test_check_health_unavailable_when_db_says_no() -> None:
    async def down() -> bool:
        return False

    report = await check_health(down)
    assert not report.ok
    assert report.as_dict() == {"status": "unavailable", "database": "unreachable"}


async def test_check_health_timeout_counts_as_unreachable() -> None:
    async def hangs() -> bool:
        await asyncio.Event().wait()
        return True

    report = await check_health(hangs, timeout=0.05)
    assert report.database == "unreachable"


async def test_check_health_exception_counts_as_unreachable() -> None:
    async def explodes() -> bool:
        raise OSError("connection refused")

    report = await check_health(explodes)
    assert report.status == "unavailable"


async def test_check_health_answers_in_time_when_the_probe_ignores_its_cancellation() -> None:
    """A frozen proxy: the connection is open but silent, and cancelling the statement hangs
    too. The health check must answer at its timeout, not when the probe finally gives up."""
    release = asyncio.Event()

    async def stalled() -> bool:
        while not release.is_set():
            try:
                await release.wait()
            except asyncio.CancelledError:
                continue  # like a driver busy cancelling on the server: not done yet
        return True

    try:
        report = await asyncio.wait_for(check_health(stalled, timeout=0.05), timeout=10)
        assert report.database == "unreachable"
    finally:
        release.set()
        await asyncio.sleep(0)
