"""Orders typed in a hurry on a phone: misspelled order words, tickers in any case, words glued
together, amounts said aloud, doubled keys. Each slip is read back to what was meant; real
English words near an order word stay as typed, and chatter stays chatter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from nlp import ParsedOrder
from nlp._normalize import normalize
from nlp._spelling import KEEP, TARGETS, corrected

Parse = Callable[..., ParsedOrder]


def _leg(parsed: ParsedOrder) -> dict[str, Any]:
    legs: list[dict[str, Any]] = parsed.to_dict()["legs"]
    assert len(legs) == 1
    return legs[0]


# --- misspelled order words (rapidfuzz against lexicon/spelling.toml) ------------------------


@pytest.mark.parametrize(
    ("slip", "word"),
    [
        ("sellll", None),  # two edits: too far
        ("selll", "sell"),
        ("sekl", "sell"),
        ("sslel", None),
        ("sodl", "sold"),
        ("bougth", "bought"),
        ("clsoe", "close"),
        ("opne", "open"),
        ("oepn", "open"),
        ("strnagle", "strangle"),
        ("stradle", "straddle"),
        ("butterfyl", "butterfly"),
        ("Novemebr", "november"),
        ("Spetember", "september"),
        ("montly", "monthly"),
    ],
)
def test_a_word_one_edit_from_an_order_word_is_that_word(slip: str, word: str | None) -> None:
    assert corrected(slip) == word


@pytest.mark.parametrize(
    "word",
    ["tell", "bell", "well", "fell", "cell", "self", "seal", "shell", "spell", "sells", "solid",
     "sole", "solo", "chose", "clone", "closed", "closet", "oven", "omen", "opens", "condo",
     "candor", "stroke", "stride", "busy", "bury", "buys", "brought", "Augusta"],
)  # fmt: skip
def test_real_words_near_an_order_word_stay_as_typed(word: str) -> None:
    assert corrected(word) is None
    assert normalize(f"well {word} it") == f"well {word} it"


def test_the_keep_list_holds_no_target_and_targets_are_long_enough() -> None:
    assert not KEEP & set(TARGETS)
    assert all(len(word) >= 3 for word in TARGETS)
    assert corrected("buyy") == "buy"  # a four-letter slip of a three-letter verb
    assert corrected("bu") is None and corrected("sel") is None  # short words: never guessed


@pytest.mark.parametrize(
    "text",
    ["selll 4 HOOD 70c 12/18 @ .85", "ssell 4 HOOD 70c 12/18 @ .85", "sel;l 4 HOOD 70c 12/18 @ .85",
     "se;ll 4 HOOD 70c 12/18 @ .85", "sekl 4 HOOD 70c 12/18 @ .85"],
)  # fmt: skip
def test_a_misspelled_sell_is_never_read_as_a_buy(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert _leg(parsed)["side"] == "sell"
    assert parsed.to_dict()["price_effect"] == "credit"


def test_an_unrecognised_side_word_is_asked_not_guessed(parse: Parse) -> None:
    parsed = parse("slelll 4 HOOD 70c 12/18 @ .85")  # too far from "sell" to be read
    assert parsed.confidence < 0.8  # the bot asks buy or sell


def test_a_semicolon_between_clauses_stays(parse: Parse) -> None:
    assert normalize("ok;buy 2 CAT 300c") == "ok;buy 2 CAT 300c"


def test_a_misspelled_past_verb_reports_a_trade(parse: Parse) -> None:
    assert parse("sodl my 3 DKNG 40c at 1.10 this morning, oh well").kind == "none"


def test_misspelled_effect_strategy_and_month(parse: Parse) -> None:
    parsed = parse("buy to opne 2 HD 400c 12/18 @ 5.10")
    assert _leg(parsed)["effect"] == "open"
    parsed = parse("sell 1 NFLX 90 strnagle Janaury @ 6.20")
    assert parsed.to_dict()["strategy"] == "strangle"
    assert {leg["type"] for leg in parsed.to_dict()["legs"]} == {"call", "put"}
    parsed = parse("buy 2 XOM 120c Decmber 18 @ 1.40")
    assert _leg(parsed)["expiration"] == "2026-12-18"


@pytest.mark.parametrize("slip", ["pust", "ptus", "clals", "cllas"])
def test_a_type_word_with_its_letters_mixed_after_the_strike(parse: Parse, slip: str) -> None:
    parsed = parse(f"buy 3 ABNB 140 {slip} 12/18 @ 2.25")
    assert _leg(parsed)["type"] == ("put" if slip.startswith("p") else "call")
    assert _leg(parsed)["strike"] == "140"


@pytest.mark.parametrize(
    "text",
    ["sell 2 CVX 150c 1/15 @ 2 good til cancled", "sell 2 CVX 150c 1/15 @ 2 good till canceld"],
)
def test_good_til_canceled_misspelled(parse: Parse, text: str) -> None:
    assert parse(text).to_dict()["tif"] == "gtc"


def test_good_til_something_else_is_no_tif(parse: Parse) -> None:
    assert parse("sell 2 CVX 150c 1/15 @ 2 good til close").to_dict()["tif"] is None


# --- tickers typed in any case -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "underlying"),
    [
        ("buy 2 nFLX 900c 12/18 @ 10", "NFLX"),
        ("sell 3 Shop 120p 12/18 @ 2.05", "SHOP"),
        ("buy to open 1 bf.b 40c 12/18 @ .90", "BF/B"),
        ("buy 20 t 25c 1/15 @ .33", "T"),
    ],
)
def test_a_ticker_in_any_case_between_count_and_strike(
    parse: Parse, text: str, underlying: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.underlying == underlying


@pytest.mark.parametrize(
    "text",
    ["i bought 2 and it went to 600c lol", "Nice 600c 12/18 run today", "can u get 2 a 600c",
     "on 2 of them f 13c is fine"],
)  # fmt: skip
def test_common_words_stay_words_in_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_price_word_in_capitals_before_a_typed_strike_is_the_ticker(parse: Parse) -> None:
    parsed = parse("STO 2 NET 150p 12/18 @ 3.40")
    assert parsed.underlying == "NET"
    assert _leg(parsed)["strike"] == "150"


# --- glued tokens, doubled keys, letter O --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "underlying", "quantity", "strike", "price"),
    [
        ("buy4 pltr150c 12/18@2.10", "PLTR", 4, "150", "2.10"),
        ("sell3 dkng45p12/18@1.05", "DKNG", 3, "45", "1.05"),
        ("btc6sofi15c@.12 12/18", "SOFI", 6, "15", "0.12"),
        ("buy25 t28c 1/15 @.41", "T", 25, "28", "0.41"),
    ],
)
def test_glued_action_count_ticker_and_strike(
    parse: Parse, text: str, underlying: str, quantity: int, strike: str, price: str
) -> None:
    parsed = parse(text)
    assert parsed.underlying == underlying
    leg = _leg(parsed)
    assert (leg["quantity"], leg["strike"]) == (quantity, strike)
    assert parsed.to_dict()["price"] == price


def test_a_glued_ticker_and_strike_pair(parse: Parse) -> None:
    parsed = parse("sell2 iwm240/235p 12/18@.95")
    assert parsed.underlying == "IWM"
    assert sorted(leg["strike"] for leg in parsed.to_dict()["legs"]) == ["235", "240"]


def test_doubled_keys(parse: Parse) -> None:
    parsed = parse("sto sto 2 KO 62.5p 12/18 @ .48")
    assert _leg(parsed)["side"] == "sell" and _leg(parsed)["quantity"] == 2
    assert parse("buy 1 WMT 100c 12/18 @ 2..35").to_dict()["price"] == "2.35"
    assert _leg(parse("buy 1 WMT 100c 12//18 @ 2.35"))["expiration"] == "2026-12-18"
    assert parse("buy buy buy, moon soon").kind == "none"


def test_letter_o_for_zero_in_a_strike(parse: Parse) -> None:
    assert _leg(parse("buy 1 QQQ 52Oc 12/18 @ 3"))["strike"] == "520"
    assert _leg(parse("buy 1 MU 1o5p 12/18 @ 3"))["strike"] == "105"


# --- amounts said aloud ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "price"),
    [
        ("at sixty five cents", "0.65"),
        ("at two dollars thirty cents", "2.30"),
        ("for three dollars and five cents", "3.05"),
        ("at a dollar ten", "1.10"),
    ],
)
def test_a_price_said_aloud(parse: Parse, said: str, price: str) -> None:
    parsed = parse(f"buy two intc 30 calls december 18 {said}")
    assert parsed.to_dict()["price"] == price
    assert parsed.to_dict()["order_type"] == "limit"


def test_a_dollar_strike_said_aloud(parse: Parse) -> None:
    leg = _leg(parse("buy to open three pfe twenty five dollar puts jan 15 at forty cents"))
    assert (leg["strike"], leg["type"], leg["quantity"]) == ("25", "put", 3)


def test_dollars_before_a_count_stay_a_price_and_not_the_count(parse: Parse) -> None:
    parsed = parse("buy INTC 30c 12/18 at 2 dollars 10 contracts")
    assert _leg(parsed)["quantity"] == 10
    assert parsed.to_dict()["price"] == "2"


def test_cents_in_chatter_stay_chatter(parse: Parse) -> None:
    assert parse("lost about forty cents a contract on that one").kind == "none"
