"""Natural-language and alert-style order parsing (pure: no network, database or clock).

``parse_order(text, today=...)`` turns a Discord message into a :class:`ParsedOrder`;
``describe(parsed)`` renders it as field/value pairs; ``warm_up()`` builds the spaCy
pipeline ahead of time so the first message is not slow.
"""

from __future__ import annotations

import logging
from datetime import date

from nlp._describe import describe, describe_leg, explain_notes, summarize
from nlp._models import Leg, ParsedOrder
from nlp._parser import MAX_INPUT_CHARS, extract
from nlp._pipeline import OrderPipeline, build_pipeline, shared_pipeline

__all__ = [
    "MAX_INPUT_CHARS",
    "Leg",
    "OrderPipeline",
    "ParsedOrder",
    "build_pipeline",
    "describe",
    "describe_leg",
    "explain_notes",
    "parse_order",
    "summarize",
    "warm_up",
]

log = logging.getLogger(__name__)


def warm_up() -> OrderPipeline:
    """Build (and cache) the spaCy pipeline; call it off the event loop at start-up."""
    pipeline = shared_pipeline()
    parse_order("BTO 1 SPY 600c 12/18 @ 2.15", today=date(2026, 1, 2), pipeline=pipeline)
    return pipeline


def parse_order(text: str, *, today: date, pipeline: OrderPipeline | None = None) -> ParsedOrder:
    """Parse one chat message into an order, or ``kind="none"`` for anything else.

    ``today`` anchors relative expirations (``0dte``, ``next week``, ``12/18``); the parser
    never reads the clock. Messages longer than ``MAX_INPUT_CHARS`` are rejected with a note.
    Never raises on any string input.
    """
    if not isinstance(text, str):
        return ParsedOrder(kind="none", notes=("not text",))
    if len(text) > MAX_INPUT_CHARS:
        note = f"message too long ({len(text)} characters; the limit is {MAX_INPUT_CHARS})"
        return ParsedOrder(kind="none", notes=(note,))
    try:
        return extract(text, today=today, pipeline=pipeline or shared_pipeline())
    except Exception:  # a parser bug must never take the bot down; it is logged loudly
        log.exception("parse_order failed on %r", text[:200])
        return ParsedOrder(kind="none", notes=("internal error: could not parse this message",))
