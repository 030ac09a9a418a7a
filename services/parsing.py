"""Reading a chat message as an order: the clock-aware wrapper around the pure parser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # spaCy takes ~1 s to import: load it off the event loop (warm_up_parser)
    import nlp

EXCHANGE_TZ = ZoneInfo("America/New_York")


def exchange_today(now: datetime | None = None) -> date:
    """Today's date on the exchange's clock (New York), which anchors "0dte" and "12/18"."""
    moment = now or datetime.now(UTC)
    return moment.astimezone(EXCHANGE_TZ).date()


@dataclass(frozen=True)
class Interpretation:
    """How the bot understood a message: the parsed order and its readable description."""

    parsed: nlp.ParsedOrder
    today: date
    lines: list[tuple[str, str]]

    @property
    def is_order(self) -> bool:
        return self.parsed.kind == "order"


def warm_up_parser() -> None:
    """Import spaCy and build the parser's pipeline; the bot runs this in a thread at start."""
    import nlp

    nlp.warm_up()


def interpret_message(text: str, *, clock: Callable[[], datetime] | None = None) -> Interpretation:
    """Parse ``text`` as of the exchange's today; never raises on any text."""
    import nlp

    today = exchange_today(clock() if clock else None)
    parsed = nlp.parse_order(text, today=today)
    return Interpretation(parsed=parsed, today=today, lines=nlp.describe(parsed))
