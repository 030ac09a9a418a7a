"""Open verb vocabulary (lexicon/verbs.toml) and counts written as words (numbers.toml)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from nlp import ParsedOrder
from nlp import _lexicon as lex

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("picking up 4 XLF 45 calls 1/16 @ .80", "buy"),
        ("scoop 2 PYPL 70c 12/18 @ 1.5", "buy"),
        ("load up on 10 SOFI 25c 1/16 @ .40", "buy"),
        ("acquire 50 shs of KO lim 61.10", "buy"),
        ("need 300 INTC shares at the market", "buy"),
        ("going long 75 VZ sh, limit 41.30", "buy"),
        ("dump 3 SNOW 160 calls @ 4.40", "sell"),
        ("unloading 2 CRWD 300p @ 6", "sell"),
        ("liquidate 120 GE shares", "sell"),
        ("scaling out of 4 AVGO 180c @ 7.10", "sell"),
        ("offer 2 TGT 100 calls 12/18 at 3.30", "sell"),
    ],
)
def test_verbs_from_the_lexicon_start_an_order(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.notes
    assert {leg.side for leg in parsed.legs} == {side}


def test_write_means_sell_to_open(parse: Parse) -> None:
    leg = parse("writing 2 KO 65 calls 1/16 for 0.70").legs[0]
    assert (leg.side, leg.effect) == ("sell", "open")


def test_opening_short_means_sell_to_open(parse: Parse) -> None:
    leg = parse("opening short 1 NVDA 220 call 12/18 @ 3").legs[0]
    assert (leg.side, leg.effect) == ("sell", "open")


def test_bid_is_a_buy_with_its_price(parse: Parse) -> None:
    parsed = parse("bid 2.05 on 3 UBER 80 calls 1/16")
    assert (
        parsed.legs[0].side == "buy" and parsed.price is not None and parsed.legs[0].quantity == 3
    )


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("BTC nine HOOD 60 puts 12/18 @ 2", 9),
        ("buy fifteen F 12c 1/16 @ .30", 15),
        ("grab a couple of DIS 120 calls 1/16 @ 2.10", 2),
        ("STO twenty SPY 550p 12/18 @ 1.05", 20),
    ],
)
def test_counts_written_as_words(parse: Parse, text: str, quantity: int) -> None:
    assert {leg.quantity for leg in parse(text).legs} == {quantity}


def test_a_spread_written_once_carries_the_count_on_every_leg(parse: Parse) -> None:
    parsed = parse("four AMD 150/160 call debit spreads 1/16 @ 3.20")
    assert len(parsed.legs) == 2 and {leg.quantity for leg in parsed.legs} == {4}


def test_every_verb_in_the_lexicon_names_a_side() -> None:
    for table in (lex.ACTION_WORDS, lex.ACTION_PHRASES, lex.LEADING_ACTION_WORDS):
        assert table
        assert all(side in ("buy", "sell") for side, _ in table.values())
    assert lex.QUANTITY_WORDS["twenty"] == 20 and lex.QUANTITY_PHRASES["a couple"] == 2


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("I want 300 shares of PFE at 25.05 GTC", "buy"),
        ("at .95 I want 10 PYPL 75c 2/20", "buy"),
        ("I'd like to sell 5 F 12c jan @ .30", "sell"),
        ("take profits on the 3 SPY 670c expiring tmrw @ 2.60", "sell"),
        ("Closing $NFLX 105c 12/18 @ 4.40", "sell"),
        ("Entry: SPY 600c 12/18 @ 2.15", "buy"),
    ],
)
def test_wishes_profit_taking_and_leading_words_are_actions(
    parse: Parse, text: str, side: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert {leg.side for leg in parsed.legs} == {side}


def test_open_at_the_start_states_the_effect_and_the_structure_the_side(parse: Parse) -> None:
    parsed = parse("open 4 IWM 200/195 PCS 9/18 @ .80")
    assert {(leg.side, leg.effect, leg.strike) for leg in parsed.legs} == {
        ("sell", "open", Decimal(200)),
        ("buy", "open", Decimal(195)),
    }


def test_a_wish_about_the_market_is_not_an_order(parse: Parse) -> None:
    assert parse("I want SPY to hold 600").kind == "none"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("cop 6 RIVN 15c 1/16 @ .70", "buy"),
        ("nab 2 SHOP 120c 12/18 at 4.25", "buy"),
        ("ditch the 5 LYFT 20c 12/18 @ .55", "sell"),
        ("peel off 3 ROKU 85c 12/18 at 3.90", "sell"),
        ("bail on my 2 ENPH 60p 12/18 @ 1.10", "sell"),
        ("get out of 4 CVS 80c 12/18 at 2.20", "sell"),
        ("offload 300 shares of T at 27.40", "sell"),
    ],
)
def test_slang_verbs_name_their_side(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.notes
    assert {leg.side for leg in parsed.legs} == {side}


def test_buying_back_closes(parse: Parse) -> None:
    leg = parse("buy back 3 XLU 70p 12/18 @ .10").legs[0]
    assert (leg.side, leg.effect) == ("buy", "close")


def test_a_count_after_qty_is_the_quantity(parse: Parse) -> None:
    parsed = parse("XOM, puts, 105 strike, 12/18, qty 4, limit 1.30, sell to open")
    assert {leg.quantity for leg in parsed.legs} == {4}
