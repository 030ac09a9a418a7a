"""The catalog's data: the keys the issue asks for, display names, and patterns whose relations
only name labels their legs use."""

from __future__ import annotations

import pytest

from services.strategies import LegType
from services.strategies.catalog import (
    CATALOG_KEYS,
    PATTERNS,
    Pattern,
    Wings,
    display_name,
    is_cash_account,
    pattern_for,
)

ISSUE_KEYS = [
    "long_stock",
    "short_stock",
    "long_call",
    "short_call",
    "long_put",
    "short_put",
    "covered_call",
    "cash_secured_put",
    "protective_put",
    "collar",
    "bull_call_spread",
    "bear_call_spread",
    "bull_put_spread",
    "bear_put_spread",
    "long_straddle",
    "short_straddle",
    "long_strangle",
    "short_strangle",
    "iron_condor",
    "reverse_iron_condor",
    "iron_butterfly",
    "reverse_iron_butterfly",
    "long_call_butterfly",
    "long_put_butterfly",
    "short_call_butterfly",
    "short_put_butterfly",
    "broken_wing_call_butterfly",
    "broken_wing_put_butterfly",
    "call_condor",
    "put_condor",
    "call_calendar",
    "put_calendar",
    "call_diagonal",
    "put_diagonal",
    "poor_mans_covered_call",
    "jade_lizard",
    "reverse_jade_lizard",
    "call_ratio_spread",
    "put_ratio_spread",
    "call_backspread",
    "put_backspread",
    "risk_reversal",
    "synthetic_long",
    "synthetic_short",
    "box_spread",
    "strap",
    "strip",
    "covered_strangle",
    "custom",
]


def test_the_catalog_has_exactly_the_issue_keys_once_each() -> None:
    assert sorted(CATALOG_KEYS) == sorted(ISSUE_KEYS)
    assert len(set(CATALOG_KEYS)) == len(CATALOG_KEYS)


def test_custom_is_a_key_without_a_pattern() -> None:
    assert "custom" in CATALOG_KEYS
    assert display_name("custom") == "Custom"
    with pytest.raises(KeyError):
        pattern_for("custom")


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("iron_condor", "Iron condor"),
        ("poor_mans_covered_call", "Poor man's covered call"),
        ("cash_secured_put", "Cash-secured put"),
        ("broken_wing_put_butterfly", "Broken-wing put butterfly"),
    ],
)
def test_display_names_read_as_words(key: str, name: str) -> None:
    assert display_name(key) == name


def test_every_key_has_its_own_display_name() -> None:
    names = [display_name(key) for key in CATALOG_KEYS]
    assert all(name.strip() for name in names)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("key", ["", "Iron_Condor", "iron condor", "x" * 10_000])
def test_an_unknown_key_has_no_display_name(key: str) -> None:
    with pytest.raises(KeyError):
        display_name(key)


@pytest.mark.parametrize("pattern", PATTERNS, ids=[pattern.key for pattern in PATTERNS])
def test_relations_name_only_labels_the_legs_use(pattern: Pattern) -> None:
    strikes = {leg.strike for leg in pattern.legs if leg.strike is not None}
    expiries = {leg.expiry for leg in pattern.legs if leg.expiry is not None}
    assert set(pattern.strike_order) <= strikes
    assert set(pattern.distinct_strikes or ()) <= strikes
    assert set(pattern.expiry_order) <= expiries
    if pattern.wings is not None:
        assert len(pattern.strike_order) >= 3
    for leg in pattern.legs:
        is_option = leg.type is not LegType.EQUITY
        assert (leg.strike is not None, leg.expiry is not None) == (is_option, is_option)
        assert leg.ratio >= 1


@pytest.mark.parametrize(
    "pattern",
    [pattern for pattern in PATTERNS if pattern.refines],
    ids=lambda pattern: pattern.key,
)
def test_a_refinement_has_the_legs_of_what_it_refines(pattern: Pattern) -> None:
    assert pattern.refines is not None
    general = pattern_for(pattern.refines)
    shape = sorted((leg.type, leg.side, leg.ratio) for leg in pattern.legs)
    assert shape == sorted((leg.type, leg.side, leg.ratio) for leg in general.legs)


def test_butterflies_differ_only_in_their_wings() -> None:
    long_fly = pattern_for("long_call_butterfly")
    broken = pattern_for("broken_wing_call_butterfly")
    assert (long_fly.wings, broken.wings) == (Wings.EQUAL, Wings.UNEQUAL)
    assert long_fly.legs == broken.legs


@pytest.mark.parametrize(
    ("kind", "cash"),
    [
        ("Cash", True),
        ("Roth IRA", True),
        ("Traditional IRA Margin", True),
        ("RETIREMENT", True),
        ("Margin", False),
        ("Individual", False),
        ("Cashew", False),
        ("", False),
        (None, False),
        ("ira" * 10_000, False),
    ],
)
def test_cash_and_retirement_accounts_are_told_apart(kind: str | None, cash: bool) -> None:
    assert is_cash_account(kind) is cash
