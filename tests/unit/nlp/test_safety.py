"""Readings that would place something other than what was meant are refused or corrected:
both sides in one message, stop orders, shares already held, prices named by the book."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        "Buy-write: buy 200 T and sell 2 T 28c 1/16 @ .45",
        "buy 100 INTC, sell 1 INTC 40c 12/18 at .60",
    ],
)
def test_buy_and_sell_before_the_price_are_not_cut_to_one_leg(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert any("both buy and sell" in note for note in parsed.notes)


def test_an_exit_plan_after_the_price_does_not_undo_the_entry(parse: Parse) -> None:
    parsed = parse("BTO 2 UPS 110c 12/18 @ 2.40, sell half at 4")
    assert parsed.kind == "order" and parsed.legs[0].side == "buy"


@pytest.mark.parametrize(
    "text",
    ["sell 30 NKE stop 68", "buy 10 MCD stop limit 310/311", "sell 40 CVX trailing stop 3%"],
)
def test_a_stop_order_is_not_read_as_a_market_order(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert any("stop order" in note for note in parsed.notes)


def test_a_stop_level_beside_a_limit_price_is_still_an_order(parse: Parse) -> None:
    parsed = parse("BTO 1 UPS 110c 12/18 @ 2.40 stop 1.60")
    assert parsed.kind == "order" and parsed.price == Decimal("2.40")


def test_shares_already_held_do_not_make_it_a_stock_order(parse: Parse) -> None:
    leg = parse("sell 2 PFE 27c 1/16 @ .40 against my shares").legs[0]
    assert (leg.type, leg.strike, leg.quantity) == ("call", Decimal(27), 2)


@pytest.mark.parametrize(
    ("text", "side"),
    [("sell 3 UPS 110c 12/18 at the bid", "sell"), ("buy 3 UPS 110c 12/18 at the offer", "buy")],
)
def test_the_bid_or_the_offer_after_at_is_a_price_level(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order" and parsed.legs[0].side == side


def test_take_before_a_premium_accepts_the_price(parse: Parse) -> None:
    parsed = parse("dump the 4 LYFT 15p 12/18, take .35")
    assert parsed.legs[0].side == "sell" and parsed.price == Decimal("0.35")


@pytest.mark.parametrize(
    "text",
    [
        "I'm short 3 XLF 48p 12/18 at .70",
        "still long 2 AMZN 230c 1/16 @ 6.10",
        "Position: long 4 SOFI 25c 1/16 @ 1.05",
        "Great entry on CRM 300c 12/18 at 4.50 today",
    ],
)
def test_positions_held_and_praise_are_not_orders(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_the_count_after_the_latest_action_wins(parse: Parse) -> None:
    parsed = parse("covered calls on my 300 T: STO 3 T 28c 1/16 @ .45")
    assert parsed.legs[0].quantity == 3


@pytest.mark.parametrize(
    "text",
    [
        "rate cut coming, BTO 2 TLT 95c 1/16 @ 1.25",
        "rate cut coming, buying 2 TLT 95c 1/16 @ 1.25",
        "Yellen says yields drift lower, BTO 2 TLT 95c 1/16 @ 1.25",
    ],
)
def test_nouns_and_news_before_an_order_do_not_undo_it(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order" and parsed.legs[0].side == "buy"
