"""Scoring a parse against a labelled corpus line (format: tests/data/corpus/SCHEMA.md).

Pure comparison of two schema dictionaries, shared by the corpus tests and ``bench/parse.py``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

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


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _leg_key(leg: dict[str, Any]) -> tuple[Any, ...]:
    return (leg["side"], leg["quantity"], leg["type"], _decimal(leg["strike"]), leg["expiration"])


def _legs_match(got: list[dict[str, Any]], expected: list[dict[str, Any]]) -> bool:
    if sorted(map(_leg_key, got), key=repr) != sorted(map(_leg_key, expected), key=repr):
        return False
    remaining = list(got)
    for leg in expected:
        match = next(g for g in remaining if _leg_key(g) == _leg_key(leg))
        remaining.remove(match)
        if leg["effect"] is not None and match["effect"] != leg["effect"]:
            return False  # null in the corpus means "not checked"
    return True


def mismatched_fields(got: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """The schema fields where ``got`` (``ParsedOrder.to_dict()``) differs from ``expected``."""
    wrong: list[str] = []
    for name in SCHEMA_FIELDS:
        if name not in expected:
            continue
        if name == "legs":
            same = _legs_match(got.get("legs", []), expected["legs"])
        elif name == "price":
            same = _decimal(got.get("price")) == _decimal(expected["price"])
        else:
            same = got.get(name) == expected[name]
        if not same:
            wrong.append(name)
    return wrong


def is_chatter_read_as_order(got: dict[str, Any], expected: dict[str, Any]) -> bool:
    """True when a line labelled as chatter (``kind: none``) came back as an order."""
    return expected.get("kind") == "none" and got.get("kind") == "order"
