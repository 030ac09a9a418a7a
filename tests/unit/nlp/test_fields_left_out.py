"""Orders that leave a field out or name it indirectly: the May monthly, a strike picked by its
delta or "ATM", a strike with no type, "the 720 calls", a ticker that is also a chat word before
a type word. What is named is read; what is left out is reported missing, not invented."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def _leg(parsed: ParsedOrder) -> dict[str, Any]:
    legs: list[dict[str, Any]] = parsed.to_dict()["legs"]
    assert len(legs) == 1
    return legs[0]


@pytest.mark.parametrize(
    "text",
    ["buy 2 ORCL 250c the May monthly @ 4.10", "buy 2 ORCL 250c May monthly @ 4.10",
     "buy 2 ORCL 250c May expiry @ 4.10"],
)  # fmt: skip
def test_may_before_monthly_is_the_month(parse: Parse, text: str) -> None:
    assert _leg(parse(text))["expiration"] == "2027-05-21"


@pytest.mark.parametrize(
    ("text", "strike", "quantity"),
    [("buy 6 SNAP 9 for May @ .22", "9", 6), ("get me 3 PFE 27 strike for May at market", "27", 3)],
)
def test_a_strike_for_may_without_its_type(
    parse: Parse, text: str, strike: str, quantity: int
) -> None:
    parsed = parse(text)
    leg = _leg(parsed)
    assert (leg["strike"], leg["quantity"], leg["expiration"]) == (strike, quantity, "2027-05-21")
    assert leg["type"] is None
    assert "type" in parsed.to_dict()["missing"]


@pytest.mark.parametrize(
    "text", ["you may want to buy 2 SNAP 9 calls", "buy 100 SNAP @ 9 for may", "I may buy 5 HOOD"]
)
def test_may_stays_the_modal_or_a_share_order(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none" or _leg(parsed)["expiration"] is None


@pytest.mark.parametrize(
    "text",
    ["STO 2 XOM put Jan monthly, 20 delta, 1.15 credit", "sell 2 XOM 20-delta puts 1/15 @ 1.15",
     "STO 2 XOM put 1/15 ATM, 1.15 limit"],
)  # fmt: skip
def test_a_strike_picked_by_delta_or_atm_is_missing(parse: Parse, text: str) -> None:
    parsed = parse(text)
    leg = _leg(parsed)
    assert leg["strike"] is None
    assert "strike" in parsed.to_dict()["missing"]
    assert parsed.to_dict()["price"] == "1.15"


def test_a_price_named_before_limit(parse: Parse) -> None:
    parsed = parse("grab me one COIN put exp 12/18, 14.20 limit")
    assert parsed.to_dict()["price"] == "14.20"
    assert parsed.to_dict()["order_type"] == "limit"


def test_the_strike_series_after_the_article(parse: Parse) -> None:
    leg = _leg(parse("buy the 480 puts on QQQ"))
    assert (leg["strike"], leg["quantity"], leg["type"]) == ("480", 1, "put")


def test_a_small_number_after_the_article_stays_a_question(parse: Parse) -> None:
    parsed = parse("close the 3 calls on DIA")
    assert parsed.confidence < 0.8  # a count held or a strike: the bot asks


def test_a_chat_word_ticker_before_a_type_word(parse: Parse) -> None:
    parsed = parse("STO 4 GM puts, mkt")
    assert parsed.kind == "order"
    assert parsed.underlying == "GM"
    assert _leg(parsed)["quantity"] == 4


@pytest.mark.parametrize("text", ["gm, anyone buying calls today?", "gm gm, puts printing"])
def test_gm_in_chatter_stays_a_greeting(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "underlying"),
    [("buy 15 shares KEY mkt", "KEY"), ("sell 40 shares TRUE @ 6.10", "TRUE")],
)
def test_a_capital_word_right_after_the_share_count_is_its_ticker(
    parse: Parse, text: str, underlying: str
) -> None:
    parsed = parse(text)
    assert parsed.underlying == underlying
    assert _leg(parsed)["type"] == "equity"


@pytest.mark.parametrize("text", ["buy 100 shares ASAP", "bought 100 shares TODAY lol"])
def test_a_chat_word_after_the_share_count_stays_a_word(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"
