"""Reading a chat message as an order: the clock-aware wrapper around the pure parser."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # spaCy takes ~1 s to import: load it off the event loop (warm_up_parser)
    import nlp

EXCHANGE_TZ = ZoneInfo("America/New_York")
# Below this confidence the best reading is not clearly ahead: the trader picks a reading.
CLEAR_LEAD_CONFIDENCE = 0.8


def exchange_today(now: datetime | None = None) -> date:
    """Today's date on the exchange's clock (New York), which anchors "0dte" and "12/18"."""
    moment = now or datetime.now(UTC)
    return moment.astimezone(EXCHANGE_TZ).date()


@dataclass(frozen=True)
class Reading:
    """One way to read the message: a one-line summary (for a button) and its description."""

    parsed: nlp.ParsedOrder
    summary: str
    lines: list[tuple[str, str]]


@dataclass(frozen=True)
class Interpretation:
    """How the bot understood a message: the parsed order and its readable description.

    ``alternatives`` holds the other readings the trader should choose between when the best
    one is not clearly ahead (empty otherwise).
    """

    parsed: nlp.ParsedOrder
    today: date
    lines: list[tuple[str, str]]
    summary: str = ""
    alternatives: tuple[Reading, ...] = field(default=())

    @property
    def is_order(self) -> bool:
        return self.parsed.kind == "order"

    @property
    def needs_choice(self) -> bool:
        """True when the trader should pick a reading before anything else happens."""
        return self.is_order and bool(self.alternatives)

    @property
    def readings(self) -> tuple[Reading, ...]:
        """The best reading first, then the alternatives."""
        best = Reading(parsed=self.parsed, summary=self.summary, lines=self.lines)
        return (best, *self.alternatives)


def warm_up_parser() -> None:
    """Import spaCy and build the parser's pipeline; the bot runs this in a thread at start.

    Then the objects alive so far (about 100,000: spaCy's vocabulary and matchers, the
    modules, the lexicon) leave the garbage collector's generations for good (``gc.freeze``):
    they live as long as the process, and each full collection in a burst of orders would walk
    them again. ``bench/orders.py`` at 100 orders: the collector's time while they run halves
    (about 0.2 s to 0.1 s)."""
    import nlp

    nlp.warm_up()
    gc.collect()  # garbage left from start-up is not kept for good
    gc.freeze()


def interpret_message(text: str, *, clock: Callable[[], datetime] | None = None) -> Interpretation:
    """Parse ``text`` as of the exchange's today; never raises on any text."""
    import nlp

    today = exchange_today(clock() if clock else None)
    parsed = nlp.parse_order(text, today=today)
    alternatives: tuple[Reading, ...] = ()
    if parsed.alternatives and parsed.confidence < CLEAR_LEAD_CONFIDENCE:
        alternatives = tuple(
            Reading(parsed=other, summary=nlp.summarize(other), lines=nlp.describe(other))
            for other in parsed.alternatives
        )
    return Interpretation(
        parsed=parsed,
        today=today,
        lines=nlp.describe(parsed),
        summary=nlp.summarize(parsed),
        alternatives=alternatives,
    )
