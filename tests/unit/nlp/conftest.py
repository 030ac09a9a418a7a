"""Fixtures for the order-parser tests."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

# The editable install in .venv was made while nlp/ was still empty, so setuptools recorded
# ``nlp`` as a namespace package; under plain ``pytest`` (repo root not on sys.path) that
# namespace shadows nlp/__init__.py. Put the repo root first until the venv is reinstalled.
_REPO_ROOT = str(Path(__file__).resolve().parents[3])
if _REPO_ROOT not in sys.path:
    sys.path.insert(0, _REPO_ROOT)
if getattr(sys.modules.get("nlp"), "__file__", "") is None:
    del sys.modules["nlp"]

from nlp import ParsedOrder, parse_order  # noqa: E402

MONDAY = date(2026, 11, 23)  # the corpus' "today": a Monday in Thanksgiving week


@pytest.fixture
def today() -> date:
    return MONDAY


@pytest.fixture
def parse(today: date) -> Callable[..., ParsedOrder]:
    def _parse(text: str, *, on: date | None = None) -> ParsedOrder:
        return parse_order(text, today=on or today)

    return _parse
