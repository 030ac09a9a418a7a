"""Input guards: long messages, odd input, immutability, warm-up."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest

from nlp import MAX_INPUT_CHARS, ParsedOrder, _pipeline, build_pipeline, parse_order, warm_up

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


def test_the_shared_pipeline_is_built_afresh_once_its_vocabulary_outgrows_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = build_pipeline()
    monkeypatch.setattr(_pipeline, "VOCAB_LIMIT", len(before.nlp.vocab) + 5)
    for number in range(3):
        parse_order(f"BTO 1 ZQ{number}X 60{number}c 12/18 @ 2.1{number}", today=date(2026, 12, 1))
    assert build_pipeline() is before  # still under the limit
    parsed = [
        parse_order(f"BTO 1 SPY 6{n:02d}c 12/18 @ 1.{n:02d} zz{n}", today=date(2026, 12, 1))
        for n in range(20)
    ]
    fresh = build_pipeline()
    assert fresh is not before
    assert len(fresh.nlp.vocab) < len(before.nlp.vocab)
    assert all(order.kind == "order" for order in parsed)  # read the same across the rebuild
