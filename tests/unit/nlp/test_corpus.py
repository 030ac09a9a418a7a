"""Every line of every corpus file must parse to its ``expect`` (tests/data/corpus/SCHEMA.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from support.corpus import CORPUS_DIR, corpus_lines

from nlp import parse_order

SCHEMA_FIELDS = (
    "kind",
    "underlying",
    "legs",
    "order_type",
    "price",
    "price_effect",
    "tif",
    "missing",
)


CASES = [pytest.param(case, id=case_id) for case_id, case in corpus_lines()]


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _leg_key(leg: dict[str, Any]) -> tuple[Any, ...]:
    return (
        leg["side"],
        leg["quantity"],
        leg["type"],
        _decimal(leg["strike"]),
        leg["expiration"],
    )


def _assert_legs_match(got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> None:
    assert sorted(map(_leg_key, got), key=repr) == sorted(map(_leg_key, expected), key=repr)
    remaining = list(got)
    for leg in expected:
        match = next(g for g in remaining if _leg_key(g) == _leg_key(leg))
        remaining.remove(match)
        if leg["effect"] is not None:  # null in the corpus means "not checked"
            assert match["effect"] == leg["effect"], leg


def test_corpus_is_present() -> None:
    assert len(CASES) >= 200, f"corpus not found under {CORPUS_DIR}"


@pytest.mark.parametrize("case", CASES)
def test_corpus_line(case: dict[str, Any]) -> None:
    got = parse_order(case["text"], today=date.fromisoformat(case["today"])).to_dict()
    expected = case["expect"]
    for field in SCHEMA_FIELDS:
        if field not in expected:
            continue
        if field == "legs":
            _assert_legs_match(got["legs"], expected["legs"])
        elif field == "price":
            assert _decimal(got["price"]) == _decimal(expected["price"]), field
        else:
            assert got[field] == expected[field], field
