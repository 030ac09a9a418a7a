"""Input guards: long messages, odd input, immutability, warm-up."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest

from nlp import MAX_INPUT_CHARS, ParsedOrder, build_pipeline, parse_order, warm_up

Parse = Callable[..., ParsedOrder]


def test_too_long_input_is_rejected_with_a_note(parse: Parse) -> None:
    parsed = parse("BTO SPY 600c 12/18 @ 2 " + "x" * MAX_INPUT_CHARS)
    assert parsed.kind == "none"
    assert parsed.notes and "too long" in parsed.notes[0]


def test_input_at_the_limit_is_parsed(parse: Parse) -> None:
    text = "BTO SPY 600c 12/18 @ 2"
    parsed = parse(text + " " * (MAX_INPUT_CHARS - len(text)))
    assert parsed.kind == "order"


def test_non_string_input_is_not_an_order(today: date) -> None:
    assert parse_order(None, today=today).kind == "none"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["\x00\x01", "🚀" * 50, "////", "@@@@", "$$$", "1/0/0", "99/99/99", "0x0", "9" * 400,
     "BTO SPY 9999999999999999999c 12/18 @ 1", "buy SPY 600c 2/30 @ 1", "(((((", "\n\n\n"],
)  # fmt: skip
def test_odd_input_never_raises(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind in ("order", "none")
    assert not any("internal error" in note for note in parsed.notes)


def test_parsed_order_is_frozen(parse: Parse) -> None:
    parsed = parse("BTO SPY 600c 12/18 @ 2")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.kind = "none"  # type: ignore[misc]


def test_warm_up_returns_the_cached_pipeline() -> None:
    assert warm_up() is build_pipeline()


def test_lone_surrogates_are_dropped(parse: Parse) -> None:
    parsed = parse("BTO SPY 600c\udbae 12/18 @ 2")
    assert parsed.kind == "order"
    assert parsed.underlying == "SPY"
