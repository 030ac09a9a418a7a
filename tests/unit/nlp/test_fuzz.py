"""Property tests: 10,000 random and mutated messages never raise and always fit the schema."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.corpus import corpus_lines

from nlp import MAX_INPUT_CHARS, parse_order

TODAY = date(2026, 11, 23)
SCHEMA_FIELDS = {
    "kind",
    "underlying",
    "legs",
    "order_type",
    "price",
    "price_effect",
    "tif",
    "missing",
}
LEG_FIELDS = {"side", "effect", "quantity", "type", "strike", "expiration"}
MISSABLE = {"expiration", "strike", "type"}
TICKER = re.compile(r"[A-Z]{1,6}(?:/[A-Z]{1,2})?")
OCC = re.compile(r"[A-Z ]{6}\d{6}[CP]\d{8}")
FUZZ_SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


CORPUS = [case["text"] for _, case in corpus_lines()]
TRADING_WORDS = [
    "BTO", "STO", "BTC", "STC", "buy", "sell", "to", "open", "close", "SPY", "$SPY", "spx", "BRK.B",
    "IN", "ALL", "450", "450c", "600p", "4500/4490", "200p/195p", "12/18", "1/2", "size", "3/20/26",
    "2026-06-19", "@", "@3.40", "at", "for", "limit", "lim0.65", "m", "market", "gtc", "day", "x5",
    "5x", "1.85x10", "0dte", "1dte", "today", "tomorrow", "weekly", "eow", "next", "week", "month",
    "friday", "dec", "18th", "may", "june", "credit", "debit", "spread", "iron", "condor", "fly",
    "straddle", "strangle", "butterfly", "calendar", "PCS", "bull", "bear", "call", "puts",
    "shares", "contracts", "only", "3", ".50", "$", "%", "PT", "SL", "stop", "?", "\n",
    "<@123>", "**", "||", "SPY   261218C00450000", "exp", "strike", "my", "all",
    "$8M+", "85%", ":", ",", "2,000",
]  # fmt: skip


def _is_decimal(text: Any) -> bool:
    if not isinstance(text, str):
        return False
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def _validate_leg(leg: Any) -> None:
    assert isinstance(leg, dict) and set(leg) == LEG_FIELDS, leg
    assert leg["side"] in ("buy", "sell")
    assert leg["effect"] in ("open", "close", None)
    assert type(leg["quantity"]) is int and leg["quantity"] > 0
    assert leg["type"] in ("call", "put", "equity", None)
    assert leg["strike"] is None or (_is_decimal(leg["strike"]) and Decimal(leg["strike"]) > 0)
    if leg["expiration"] is not None:
        date.fromisoformat(leg["expiration"])
    if leg["type"] == "equity":
        assert leg["strike"] is None and leg["expiration"] is None


def _expected_missing(legs: list[dict[str, Any]]) -> list[str]:
    missing = set()
    for leg in legs:
        if leg["type"] == "equity":
            continue
        for field in ("strike", "expiration", "type"):
            if leg[field] is None:
                missing.add(field)
    return sorted(missing)


def validate_schema(result: dict[str, Any]) -> None:
    """Assert ``result`` is a well-formed ``ParsedOrder.to_dict()`` (SCHEMA.md + extras)."""
    assert set(result) >= SCHEMA_FIELDS
    json.dumps(result)
    assert result["kind"] in ("order", "none")
    for extra in ("unknown_tokens", "suggestions", "notes", "occ_symbols"):
        assert isinstance(result[extra], list)
        assert all(isinstance(item, str) for item in result[extra])
    assert not any("internal error" in note for note in result["notes"]), result["notes"]
    if result["kind"] == "none":
        assert result["underlying"] is None and result["legs"] == []
        assert result["order_type"] is None and result["price"] is None
        assert result["price_effect"] is None and result["tif"] is None
        assert result["missing"] == []
        return
    assert isinstance(result["underlying"], str) and TICKER.fullmatch(result["underlying"])
    assert isinstance(result["legs"], list) and result["legs"]
    for leg in result["legs"]:
        _validate_leg(leg)
    assert result["order_type"] in ("limit", "market")
    if result["order_type"] == "limit":
        assert _is_decimal(result["price"]) and Decimal(result["price"]) >= 0
        assert result["price_effect"] in ("debit", "credit")
    else:
        assert result["price"] is None and result["price_effect"] is None
    assert result["tif"] in ("day", "gtc", None)
    assert result["missing"] == _expected_missing(result["legs"])
    assert set(result["missing"]) <= MISSABLE
    assert all(OCC.fullmatch(symbol) for symbol in result["occ_symbols"])


def _check(text: str) -> None:
    validate_schema(parse_order(text, today=TODAY).to_dict())


@st.composite
def mutated_corpus_line(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        operation = draw(st.sampled_from(["insert", "delete", "swap", "replace", "duplicate"]))
        position = draw(st.integers(min_value=0, max_value=max(len(text) - 1, 0)))
        if operation == "insert":
            text = text[:position] + draw(st.characters()) + text[position:]
        elif operation == "delete":
            text = text[:position] + text[position + 1 :]
        elif operation == "swap" and position + 1 < len(text):
            text = text[:position] + text[position + 1] + text[position] + text[position + 2 :]
        elif operation == "replace":
            text = text[:position] + draw(st.text(max_size=3)) + text[position + 1 :]
        else:
            text = text[:position] + text[position : position + 12] * 2 + text[position:]
    return text


@st.composite
def long_message(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(CORPUS), min_size=1, max_size=40))
    filler = draw(st.text(max_size=40))
    text = " ".join(pieces) + filler
    target = draw(st.integers(min_value=MAX_INPUT_CHARS - 50, max_value=MAX_INPUT_CHARS + 600))
    return (text * (target // max(len(text), 1) + 1))[:target]


@settings(FUZZ_SETTINGS, max_examples=3500)
@given(st.text(max_size=300))
def test_random_unicode_never_breaks_the_parser(text: str) -> None:
    _check(text)


@settings(FUZZ_SETTINGS, max_examples=3500)
@given(mutated_corpus_line())
def test_mutated_corpus_lines_never_break_the_parser(text: str) -> None:
    _check(text)


@settings(FUZZ_SETTINGS, max_examples=2500)
@given(st.lists(st.sampled_from(TRADING_WORDS), max_size=25).map(" ".join))
def test_trading_word_soup_never_breaks_the_parser(text: str) -> None:
    _check(text)


@settings(FUZZ_SETTINGS, max_examples=500)
@given(long_message())
def test_long_messages_are_parsed_or_rejected_cleanly(text: str) -> None:
    result = parse_order(text, today=TODAY).to_dict()
    validate_schema(result)
    if len(text) > MAX_INPUT_CHARS:
        assert result["kind"] == "none"
        assert any("too long" in note for note in result["notes"])
