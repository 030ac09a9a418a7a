"""A message whose verb the lexicon lacks is not silently read as a buy: the side is asked."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    ["unwind the 3 DKNG 45c 12/18 @ 1.90", "Flatten my 4 ROKU 90c 1/16 at 3.30"],
)
def test_an_unknown_opening_verb_offers_both_sides_below_the_clear_lead(
    parse: Parse, text: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    sides = {parsed.legs[0].side, *(other.legs[0].side for other in parsed.alternatives)}
    assert sides == {"buy", "sell"}
    assert parsed.confidence <= 0.5
    assert any("pick the side" in note for note in parsed.notes)


def test_a_verbless_alert_keeps_the_buy_convention(parse: Parse) -> None:
    parsed = parse("DKNG $45 call 12/18 $1.90")
    assert parsed.legs[0].side == "buy" and parsed.confidence == 1.0
    assert not parsed.alternatives


def test_a_key_value_heading_is_not_an_unknown_verb(parse: Parse) -> None:
    parsed = parse("Symbol: DKNG\nStrike: 45C\nExpiry: 12/18\nPrice: 1.90")
    assert parsed.legs[0].side == "buy" and parsed.confidence == 1.0


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("cash out the 2 ETSY 70c 12/18 @ 5.10", "sell"),
        ("cashing out of 5 AFRM 60p 1/16 at 2.20", "sell"),
        ("hit the bid on 3 PINS 35c 12/18, .95", "sell"),
        ("lift the offer on 6 TOST 40c 1/16, 2.35", "buy"),
        ("take some off: 3 ANET 130c 12/18 @ 6.60", "sell"),
        ("take half off the 8 ANET 130c 12/18 @ 6.60", "sell"),
        ("taking the money on 2 ANET 130c 12/18 @ 7", "sell"),
        ("locking in gains on 2 ANET 130c 12/18 @ 7", "sell"),
        ("load 4 CCJ 60c 1/16 @ 2.05", "buy"),
        ("gimme 2 ZS 250c 12/18 at 8.80", "buy"),
    ],
)
def test_sell_and_buy_slang(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order" and parsed.legs[0].side == side
    assert parsed.confidence > 0.5
