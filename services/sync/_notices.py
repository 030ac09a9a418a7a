"""What a sync tells the trader: failures, rejected credentials, recovery, options about to
expire and assignments or exercises, as :class:`Notice` values for the Notifier port."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.db.models import SyncStatus
from services.environment import Environment
from services.notify.events import Event, Notice, Notifier

log = logging.getLogger(__name__)

# Sub-types Tastytrade books when an option is assigned or exercised.
ASSIGNMENT_SUB_TYPES = frozenset(
    {"Assignment", "Exercise", "Cash Settled Assignment", "Cash Settled Exercise"}
)
# The first sync imports a whole history: only recent assignments are news.
ASSIGNMENT_NEWS_DAYS = 7
RETRY_HINT = "Run /sync to try again (the data already stored is kept)."


@dataclass(frozen=True)
class ExpiringOption:
    environment: Environment
    account_number: str
    symbol: str
    quantity: str
    expires_on: date


@dataclass(frozen=True)
class Assignment:
    environment: Environment
    account_number: str
    tastytrade_id: int
    sub_type: str
    symbol: str | None
    description: str
    executed_at: datetime


def sync_failed(discord_id: int, run_id: int, status: SyncStatus, reasons: list[str]) -> Notice:
    what = "Your sync failed" if status is SyncStatus.FAILED else "Your sync was incomplete"
    listed = "\n".join(f"- {reason}" for reason in reasons[:5])
    return Notice(
        discord_id=discord_id,
        event=Event.SYNC_FAILED,
        title=what,
        body=f"{listed}\n\n{RETRY_HINT}",
        dedupe_key=f"sync-failed:{run_id}",
    )


def credentials_rejected(discord_id: int, run_id: int, environment: Environment) -> Notice:
    return Notice(
        discord_id=discord_id,
        event=Event.CREDENTIALS_REJECTED,
        title=f"Tastytrade refused your {environment.value} credentials",
        body=(
            f"Tastytrade no longer accepts the {environment.value} grant you linked (it was "
            "revoked, expired or replaced). Link it again with /link, then run /sync."
        ),
        dedupe_key=f"credentials-rejected:{environment.value}:{run_id}",
    )


def sync_recovered(discord_id: int, run_id: int) -> Notice:
    return Notice(
        discord_id=discord_id,
        event=Event.SYNC_RECOVERED,
        title="Your sync works again",
        body="The last sync finished without errors; your accounts are up to date.",
        dedupe_key=f"sync-recovered:{run_id}",
    )


def options_expiring(discord_id: int, option: ExpiringOption, today: date) -> Notice:
    days = (option.expires_on - today).days
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    return Notice(
        discord_id=discord_id,
        event=Event.OPTIONS_EXPIRING,
        title=f"{option.symbol.split()[0]} option expires {when}",
        body=(
            f"{option.quantity} x {option.symbol} in account {option.account_number} "
            f"({option.environment.value}) expires on {option.expires_on:%a %Y-%m-%d}."
        ),
        dedupe_key=(
            f"expiry:{option.environment.value}:{option.account_number}:"
            f"{option.symbol}:{option.expires_on.isoformat()}"
        ),
    )


def assignment_detected(discord_id: int, assignment: Assignment) -> Notice:
    return Notice(
        discord_id=discord_id,
        event=Event.ASSIGNMENT,
        title=f"{assignment.sub_type}: {assignment.symbol or 'option'}",
        body=(
            f"{assignment.description} (account {assignment.account_number}, "
            f"{assignment.environment.value}, {assignment.executed_at:%Y-%m-%d %H:%M} UTC)."
        ),
        dedupe_key=(
            f"assignment:{assignment.environment.value}:{assignment.account_number}:"
            f"{assignment.tastytrade_id}"
        ),
    )


def is_news(assignment: Assignment, now: datetime) -> bool:
    return assignment.executed_at >= now - timedelta(days=ASSIGNMENT_NEWS_DAYS)


def expiring_within(
    options: Iterable[ExpiringOption], today: date, days: int
) -> list[ExpiringOption]:
    """Options expiring from today to ``days`` days ahead (0 days: the warning is off)."""
    if days <= 0:
        return []
    return [option for option in options if 0 <= (option.expires_on - today).days <= days]


async def deliver(notifier: Notifier | None, notices: Iterable[Notice]) -> None:
    """Hand each notice to the notifier; a failing notifier never fails the sync."""
    if notifier is None:
        return
    for notice in notices:
        try:
            await notifier.notify(notice)
        except Exception:
            log.exception("could not deliver a %s notice", notice.event.value)
