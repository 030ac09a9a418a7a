"""Fixtures for the order-parser tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from nlp import ParsedOrder, parse_order

MONDAY = date(2026, 11, 23)  # the corpus' "today": a Monday in Thanksgiving week


@pytest.fixture
def today() -> date:
    return MONDAY


@pytest.fixture
def parse(today: date) -> Callable[..., ParsedOrder]:
    def _parse(text: str, *, on: date | None = None) -> ParsedOrder:
        return parse_order(text, today=on or today)

    return _parse
