"""The pure parts of strategy edits: reading group and lot numbers and names typed by a
trader, and the operations' JSON and inverses."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.db.models import GroupOrigin
from services.errors import ValidationError
from services.strategies._edit_ops import (
    DamagedRecord,
    GroupChange,
    LotMove,
    TypeChange,
    TypeValues,
    from_json,
    inverse_of,
    to_json,
)
from services.strategies.edits import clean_name, parse_id, parse_ids


@pytest.mark.parametrize(("text", "number"), [("12", 12), ("#12", 12), (" 7 ", 7)])
def test_parse_id_reads_a_number_with_or_without_hash(text: str, number: int) -> None:
    assert parse_id(text) == number


@pytest.mark.parametrize(
    "text", ["", "#", "abc", "0", "-3", "1.5", "12abc", "١٢", "99999999999", "2147483648", "<@1>"]
)
def test_parse_id_refuses_what_is_not_a_group_number(text: str) -> None:
    with pytest.raises(ValidationError, match="not a group number"):
        parse_id(text)


def test_parse_ids_reads_spaces_commas_and_hashes_once_each_in_order() -> None:
    assert parse_ids("57, 58 #60,57;;61") == (57, 58, 60, 61)


def test_parse_ids_refuses_more_than_the_limit_and_oversized_text() -> None:
    with pytest.raises(ValidationError, match="more than 3 lots"):
        parse_ids("1 2 3 4", limit=3)
    with pytest.raises(ValidationError, match="more than 100 lots"):
        parse_ids("1 " * 100_000)


def test_parse_ids_names_the_first_bad_part() -> None:
    with pytest.raises(ValidationError, match="not a lot number"):
        parse_ids("57 fifty-eight")


def test_clean_name_collapses_whitespace_and_keeps_plain_punctuation() -> None:
    assert clean_name("  Jan 17 (roll 2)?  ", what="group", limit=80) == "Jan 17 (roll 2)?"
    assert clean_name(" Mike's   $SPY  - 50% / hedge ", what="group", limit=80) == (
        "Mike's $SPY - 50% / hedge"
    )
    assert clean_name("Café Ødegaard 2", what="group", limit=80) == "Café Ødegaard 2"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "Give the group a name"),
        ("   \n\t ", "Give the group a name"),
        ("x" * 81, "at most 80 characters"),
        ("x" * 1_000_000, "at most 80 characters"),
        ("**bold** condor", "no markdown"),
        ("`code`", "no markdown"),
        ("under_score", "no markdown"),
        ("~~strike~~", "no markdown"),
        ("||spoiler||", "no markdown"),
        ("> quote", "no markdown"),
        ("# heading", "no markdown"),
        ("[link](https://example.com)", "no markdown"),
        ("@everyone look", "mentions"),
        ("hi <@123456789>", "mentions"),
        ("<#123> channel", "mentions"),
        ("condor ＠here", "mentions"),  # a full-width @ normalises to @
        ("zero\u200bwidth", "mentions or emoji"),
        ("bell\x07", "mentions or emoji"),
        ("rtl \u202eevil", "mentions or emoji"),
        ("rocket 🚀", "emoji"),
    ],
)
def test_clean_name_refuses_empty_long_and_hostile_names(name: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        clean_name(name, what="group", limit=80)


@given(st.text(max_size=200))
def test_a_clean_name_is_short_plain_text(text: str) -> None:
    try:
        name = clean_name(text, what="group", limit=80)
    except ValidationError:
        return
    assert 0 < len(name) <= 80 and name == name.strip()
    assert not set(name) & set("*_`~|>#<@[]\\\n\r\t")


OPERATIONS = (
    GroupChange(7, {"archived": True, "name": ""}, {"archived": False, "name": "Mine"}),
    LotMove(31, 3, 7, GroupOrigin.SYSTEM, GroupOrigin.USER),
    GroupChange(3, {"opened_at": "2026-03-02T15:00:00+00:00"}, {"opened_at": None}),
    TypeChange(5, None, TypeValues("Wheel", "wheel")),
)


def test_operations_survive_their_json() -> None:
    assert from_json(to_json(OPERATIONS)) == OPERATIONS


def test_the_inverse_of_the_inverse_is_the_edit() -> None:
    backwards = inverse_of(OPERATIONS)

    assert backwards[0] == TypeChange(5, TypeValues("Wheel", "wheel"), None)
    assert backwards[-1] == GroupChange(
        7, {"archived": False, "name": "Mine"}, {"archived": True, "name": ""}
    )
    assert inverse_of(backwards) == OPERATIONS


@pytest.mark.parametrize(
    "raw",
    [
        None,
        {"op": "group"},
        [1],
        [{"op": "drop_table"}],
        [{"op": "group", "group": "7", "before": {}, "after": {}}],
        [{"op": "group", "group": True, "before": {}, "after": {}}],
        [{"op": "group", "group": 7, "before": {"password": 1}, "after": {}}],
        [{"op": "group", "group": 7, "before": {}, "after": {"name": ["a"]}}],
        [{"op": "lot", "lot": 1, "from": 2, "to": 3, "origin_before": "x", "origin_after": "user"}],
        [{"op": "type", "type": 5, "before": None, "after": {"name": 1}}],
    ],
)
def test_damaged_records_are_refused(raw: Any) -> None:
    with pytest.raises(DamagedRecord):
        from_json(raw)
