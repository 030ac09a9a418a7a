"""Remarks: the words of a message read as an order that no rule reads and that are not
courtesies, form labels or numbers. Two or more leave the parser unsure that the message is
an order at all (``ParsedOrder.sure``); the bot then asks before it acts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import ParsedOrder, describe

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        "BTO 2 AMD 150c 12/18 @ 3.20",
        "hey bot, please buy one NFLX 120 put expiring 12/18 for $2.45, thanks",
        "Ticker: META | Type: PUT | Strike: 72 | Expiry: 12/18 | Action: BTO | Qty: 2 | Price: 4",
        "Greetings. Kindly buy two contracts of MSFT 450 put, expiry 18 December, limit 3.10",
        "grab 5 NFLX 95 calls 12/18 @ 3.20 lfg",  # one remark: still sure
    ],
)
def test_orders_with_courtesies_form_labels_or_one_aside_are_sure(parse: Parse, text: str) -> None:
    parsed = parse(text)

    assert parsed.kind == "order" and parsed.sure, parsed.remarks
    assert len(parsed.remarks) < 2


@pytest.mark.parametrize(
    ("text", "some_remarks"),
    [
        (
            "my cousin keeps yelling STO 1 TSLA 300p 12/18 @ 8.25, thinks it's free money",
            {"cousin", "yelling"},
        ),
        ("buy 10 SPY 600c 12/18 @ 1.00, grandpa swears this rockets", {"grandpa", "swears"}),
    ],
)
def test_talk_no_rule_explains_leaves_the_parser_unsure(
    parse: Parse, text: str, some_remarks: set[str]
) -> None:
    parsed = parse(text)

    assert parsed.kind == "order" and not parsed.sure
    assert some_remarks <= set(parsed.remarks)
    assert parsed.to_dict()["sure"] is False and parsed.to_dict()["remarks"]


def test_unread_numbers_are_not_remarks(parse: Parse) -> None:
    parsed = parse("BTO 2 AMD 150c 12/18 @ 3.20 (12:30) 2026")

    assert not any(ch.isdigit() for word in parsed.remarks for ch in word)


def test_chatter_is_sure_it_is_not_an_order(parse: Parse) -> None:
    parsed = parse("what a day, my cousin keeps yelling about free money")

    assert parsed.kind == "none" and parsed.sure


def test_describe_says_when_it_is_not_sure(parse: Parse) -> None:
    unsure = dict(describe(parse("buy 10 SPY 600c 12/18 @ 1.00, grandpa swears this rockets")))
    sure = dict(describe(parse("buy 10 SPY 600c 12/18 @ 1.00")))

    assert "grandpa" in unsure["Is it an order?"] and "Asked first" in unsure["Is it an order?"]
    assert "Is it an order?" not in sure
