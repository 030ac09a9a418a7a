"""Scoring a blind split (`tests/data/corpus/blind/*.jsonl`) against the parser.

Shared by `tests/unit/nlp/test_blind.py` and `bench/parse.py`. The comparison is the one the
corpus tests make (`nlp._evaluation`): every field in `expect`, legs as unordered multisets,
`effect: null` not checked, decimals by value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from nlp import OrderPipeline, parse_order
from nlp._evaluation import is_chatter_read_as_order, mismatched_fields

BLIND_DIR = Path(__file__).resolve().parents[1] / "data" / "corpus" / "blind"
BLIND_SPLITS = ("dev", "test")


@dataclass(frozen=True, slots=True)
class Miss:
    """One line the parser got wrong: its id and the schema fields that differ."""

    case_id: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SplitScore:
    """How the parser did on one labelled file."""

    lines: int
    correct: int
    chatter_as_order: int
    misses: tuple[Miss, ...]
    # of the chatter read as an order, the lines the parser is sure of (``ParsedOrder.sure``):
    # the bot would rehearse and preview them without first asking whether they are orders
    chatter_unasked: int = 0
    # lines labelled as orders that the parser reads as orders but is not sure of: the bot
    # asks "is this an order?" before it rehearses them (the cost of the question)
    orders_asked: int = 0

    @property
    def accuracy(self) -> float:
        """Share of lines whose schema fields all match (0.0 for an empty file)."""
        return self.correct / self.lines if self.lines else 0.0


def split_path(split: str) -> Path:
    """The file of one blind split (`dev` or `test`)."""
    return BLIND_DIR / f"{split}.jsonl"


def read_cases(path: Path) -> list[dict[str, Any]]:
    """The labelled lines of one corpus file, in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(raw) for raw in lines if raw.strip()]


def score_cases(
    cases: Iterable[dict[str, Any]], *, pipeline: OrderPipeline | None = None
) -> SplitScore:
    """Parse every case and compare it with its label."""
    lines = correct = chatter_as_order = chatter_unasked = orders_asked = 0
    misses: list[Miss] = []
    for number, case in enumerate(cases, start=1):
        parsed = parse_order(
            case["text"], today=date.fromisoformat(case["today"]), pipeline=pipeline
        )
        got = parsed.to_dict()
        wrong = mismatched_fields(got, case["expect"])
        lines += 1
        correct += not wrong
        misread = is_chatter_read_as_order(got, case["expect"])
        chatter_as_order += misread
        chatter_unasked += misread and parsed.sure
        orders_asked += case["expect"].get("kind") == "order" and not parsed.sure
        if wrong:
            misses.append(Miss(str(case.get("id") or number), tuple(wrong)))
    return SplitScore(
        lines, correct, chatter_as_order, tuple(misses), chatter_unasked, orders_asked
    )


def score_split(split: str, *, pipeline: OrderPipeline | None = None) -> SplitScore:
    """Score one blind split (`dev` or `test`)."""
    return score_cases(read_cases(split_path(split)), pipeline=pipeline)
