"""Tracked positions, orders kept for later, impersonations, and chatter in a sentence of its
own before a real order: each rule with messages it catches and contrasting messages it leaves
an order."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- chatter that quotes a complete order ---------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # a position heading: the alert code under it is an entry being tracked
        "position: BTC 2 QQQ 560p 12/18 @ 3.10, up 25% so far",
        "Positions:\nSTO 3 KO 62.5p 1/15 @ .85",
        "my book: BTO 4 DIS 120c 1/15 @ 2.60, holding",
        # an order kept for later under a heading
        "saving for later: BTO 2 AMD 230c 12/18 @ 4.10",
        "parking this one for later: sell 1 MSFT 520c 12/18 @ 6.30",
        "for someday\nSTO 2 PFE 25p 1/15 @ .40",
        # an impersonation: the order is the character's line
        "*puts on Cramer voice* BUY BUY BUY 20 NVDA 250c 12/18 @ 1.10",
        "in my best Buffett voice: buy 100 KO @ 60",
        "doing my wolf of wall street impression: STO 10 TSLA 300p 0dte @ .40",
    ],
)
def test_tracked_kept_or_performed_orders_are_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        # a heading that opens a position is an order ("start a position:", "new position:")
        ("start a position: STO 1 TSLA 380p 12/18 @ 6.20", "TSLA", "6.20"),
        ("new position: BTO 2 AMD 230c 12/18 @ 4.10", "AMD", "4.10"),
        ("please close position: STC 2 AMD 230c 12/18 @ 4.10", "AMD", "4.10"),
        # "later" after the order's price, or denied, is not a heading for later
        ("not for later, now: sell 2 IWM 240c 12/18 @ 1.05", "IWM", "1.05"),
        # the writer's own voice, or dictation, is no impersonation
        ("voice to text, buy 2 SPY 600c 12/18 @ 2", "SPY", "2"),
        ("sorry my voice is gone lol. buy 2 SPY 600c 12/18 @ 2", "SPY", "2"),
        ("voice memo later. buy 2 SPY 600c 12/18 @ 2", "SPY", "2"),
    ],
)
def test_contrasting_orders_stay_orders(parse: Parse, text: str, ticker: str, price: str) -> None:
    assert_order(parse(text), ticker, price)


# --- chatter in a sentence of its own before the order --------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        # a report word that is the object of a past verb: the past tense, ended by a full stop
        ("took the loss on NFLX last week, moving on. BTO 2 AMD 230c 12/18 @ 4.10", "AMD", "4.10"),
        ("booked a win on KO today. STO 1 PEP 140p 1/15 @ 1.20", "PEP", "1.20"),
        # "earlier" dates its own sentence, like "yesterday"
        ("sorry for the double post earlier. STO 1 PEP 140p 1/15 @ 1.20", "PEP", "1.20"),
        ("missed the move earlier. buy 3 IWM 240c 12/18 @ 1.80", "IWM", "1.80"),
    ],
)
def test_an_order_after_a_closed_sentence_is_an_order(
    parse: Parse, text: str, ticker: str, price: str
) -> None:
    assert_order(parse(text), ticker, price)


@pytest.mark.parametrize(
    "text",
    [
        # as headings they still frame the order: a recap, a report of a loss
        "earlier: BTO 1 AMZN 235c 12/18 @ 5.30",
        "Loss: STC 1 AMZN 235c 12/18 @ 5.30",
        "BTO 1 AMZN 235c 12/18 @ 5.30 earlier",
        "bought this earlier: BTO 1 AMZN 235c 12/18 @ 5.30",
    ],
)
def test_the_same_words_as_headings_stay_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))
