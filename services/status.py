"""What the public status page and the health check report: uptime, Discord link, last error.

The bot owns one :class:`StatusBoard` (built in the composition root), flips
``mark_connected`` on ready/disconnect and calls ``record_error`` from its error handler; the web
app only reads :meth:`StatusBoard.snapshot`. Nothing here imports discord or the ORM: the
database probe is passed in as a plain coroutine function (``services.db.db_is_reachable``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

log = logging.getLogger(__name__)

Environment = Literal["demo", "real"]
DatabaseKindName = Literal["sqlite", "postgres"]
DbCheck = Callable[[], Awaitable[bool]]
Clock = Callable[[], datetime]

ENVIRONMENTS: frozenset[str] = frozenset({"demo", "real"})
DATABASE_KINDS: frozenset[str] = frozenset({"sqlite", "postgres"})
DEFAULT_HEALTH_TIMEOUT = 2.0


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def _require_aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return value.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class StatusSnapshot:
    """A point-in-time, user-data-free view of the bot, safe to publish."""

    version: str
    environment: str
    uptime_seconds: int
    bot_connected: bool
    last_error_at: str | None
    database_kind: str

    def as_dict(self) -> dict[str, Any]:
        """The snapshot as JSON-ready plain values."""
        return asdict(self)


class StatusBoard:
    """Process-wide status the bot updates and the web page reads.

    ``clock`` is injectable so tests can move time; it must return aware datetimes.
    """

    def __init__(
        self,
        *,
        version: str,
        environment: str,
        database_kind: str,
        clock: Clock = utc_now,
        started_at: datetime | None = None,
    ) -> None:
        if environment not in ENVIRONMENTS:
            raise ValueError(f"environment must be one of {sorted(ENVIRONMENTS)}")
        if database_kind not in DATABASE_KINDS:
            raise ValueError(f"database_kind must be one of {sorted(DATABASE_KINDS)}")
        self._clock = clock
        self.version = version
        # str() unwraps StrEnum members (services.db.DatabaseKind) into plain strings.
        self.environment = str(environment)
        self.database_kind = str(database_kind)
        self.started_at = _require_aware(
            started_at if started_at is not None else clock(), "started_at"
        )
        self.bot_connected = False
        self.last_error_at: datetime | None = None

    def mark_connected(self, connected: bool) -> None:
        """Record whether the bot currently holds a Discord gateway connection."""
        self.bot_connected = bool(connected)

    def record_error(self, when: datetime | None = None) -> None:
        """Remember that an unexpected error happened now (or at ``when``)."""
        self.last_error_at = _require_aware(when if when is not None else self._clock(), "when")

    def uptime(self) -> timedelta:
        """Time since start; never negative, even if the wall clock stepped back."""
        return max(self._clock() - self.started_at, timedelta(0))

    def snapshot(self) -> StatusSnapshot:
        """A frozen copy of the current status."""
        return StatusSnapshot(
            version=self.version,
            environment=self.environment,
            uptime_seconds=int(self.uptime().total_seconds()),
            bot_connected=self.bot_connected,
            last_error_at=self.last_error_at.isoformat() if self.last_error_at else None,
            database_kind=self.database_kind,
        )


@dataclass(frozen=True, slots=True)
class HealthReport:
    """Outcome of a health check; ``ok`` is what a load balancer acts on."""

    database_ok: bool

    @property
    def ok(self) -> bool:
        return self.database_ok

    @property
    def status(self) -> Literal["ok", "unavailable"]:
        return "ok" if self.ok else "unavailable"

    @property
    def database(self) -> Literal["ok", "unreachable"]:
        return "ok" if self.database_ok else "unreachable"

    def as_dict(self) -> dict[str, str]:
        """``{"status": ..., "database": ...}`` as the /healthz body."""
        return {"status": self.status, "database": self.database}


# Probes that outlived their timeout and were abandoned (cancelled, not awaited). Kept so the
# tasks are not garbage-collected mid-flight; past the cap, a stalled database is reported
# down at once instead of piling up more stuck probes.
_abandoned_probes: set[asyncio.Task[bool]] = set()
MAX_ABANDONED_PROBES = 4


async def check_health(
    db_check: DbCheck,
    *,
    # The timeout is part of the answer (a database this slow is "unreachable"), so it lives
    # here rather than in the caller's asyncio.timeout, which would raise instead of report.
    timeout: float = DEFAULT_HEALTH_TIMEOUT,  # noqa: ASYNC109
) -> HealthReport:
    """Probe the database; a probe that fails, raises or outlives ``timeout`` counts as down.

    The answer never waits for more than ``timeout``: a probe stuck on a connection that is
    open but silent may take far longer to honour its cancellation than to time out (asyncpg
    tries to cancel the statement on the server), so a late probe is cancelled and abandoned,
    not awaited.
    """
    if len(_abandoned_probes) >= MAX_ABANDONED_PROBES:
        log.warning("database health check skipped: earlier probes are still stuck")
        return HealthReport(database_ok=False)
    probe: asyncio.Task[bool] = asyncio.ensure_future(_as_bool(db_check))
    done, _ = await asyncio.wait({probe}, timeout=timeout)
    if not done:
        log.warning("database health check timed out after %.1f s", timeout)
        probe.cancel()
        _abandoned_probes.add(probe)
        probe.add_done_callback(_forget_probe)
        return HealthReport(database_ok=False)
    try:
        reachable = probe.result()
    except Exception:  # a health check reports; it must never take the endpoint down
        log.warning("database health check raised", exc_info=True)
        reachable = False
    return HealthReport(database_ok=reachable)


async def _as_bool(db_check: DbCheck) -> bool:
    return (await db_check()) is True


def _forget_probe(probe: asyncio.Task[bool]) -> None:
    _abandoned_probes.discard(probe)
    if not probe.cancelled() and probe.exception() is not None:
        log.debug("abandoned health probe ended with %r", probe.exception())
