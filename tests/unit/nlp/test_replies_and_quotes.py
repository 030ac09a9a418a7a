"""Replies, votes, relayed orders and the writer's own order after a lead-in: each rule with
messages it catches and contrasting messages it leaves an order (or chatter)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- someone else's order relayed, voted for or shown ---------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # a "+1" vote: the order is the one voted for
        "+1 on this 👍 BTO 1 MSFT 450c 2/19 @ 7.10",
        "+1 same as Dana's - sell to open 3 F 11p 3/19 @ .18",
        "BTC 2 XLF 48p 3/19 @ .12\nthis +1",
        "+1, agreed: STO 1 AMZN 200p 3/19 @ 2.40",
        # a Discord reply header: the line under it is the message replied to
        "replying to Marco\nSTO 2 KO 65p 3/19 @ .40\nnice, same",
        "Replying to @jules\nbuy 3 UBER 80c 4/16 @ 2.05\nlove it",
        # someone's words repeated
        "my dad keeps saying BTO 5 F 12c 6/18 @ .30, he's been at it for years",
        "my roommate is always saying sell 1 AMD 150p 3/19 @ 2.20 every week",
        # another world than this one
        "in another timeline I BTO 10 PLTR 100c 2/19 @ .90 at the bottom",
        "in a parallel universe, STO 3 TSLA 500c 2/19 @ 4.00 and retire",
        "in a perfect world: buy 2 NFLX 100c 3/19 @ 1.10",
        # a level 2 / order-book row
        "L2 snapshot:\nAMD 3/19 180C BUY 2 @ 4.10 MMID ARCA 10:02:11",
        "NBBO print: SELL 1 META 3/19 700p @ 12.40",
    ],
)
def test_relayed_voted_or_shown_orders_are_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        # a leg count with a sign, or a change in percent, is no vote
        ("Tasty ticket\n+1 Apr 16 27 MSFT 450 C\n-1 Apr 16 27 MSFT 470 C\n4.10 db", "MSFT", "4.10"),
        ("BUY +1 VERTICAL QQQ 100 16 APR 27 500/510 CALL @3.90 LMT", "QQQ", "3.90"),
        ("XLE +1.2% today, buy 2 XLE 95c 3/19 @ 1.15", "XLE", "1.15"),
        ("same here, STO 1 HOOD 45p 3/19 @ .75", "HOOD", "0.75"),
        # the reply on the header's own line, or an order right under the header, is read
        ("replying to @kara: agreed. STO 1 AMD 150p 3/19 @ 2.10", "AMD", "2.10"),
        ("replying to Marco\nBTC 2 SNAP 8p 2/19 @ .05", "SNAP", "0.05"),
        # the writer's own repeated words, and "saying" with no repetition
        ("I keep saying I should, so: STO 2 T 28c 3/19 @ .30", "T", "0.30"),
        ("just saying, BTO 2 IWM 230c 3/19 @ 3.10", "IWM", "3.10"),
        # another day is not another world
        ("another day another dollar, sell 2 QQQ 500p 2/19 @ 1.10", "QQQ", "1.10"),
    ],
)
def test_votes_and_replies_leave_the_writers_order(
    parse: Parse, text: str, ticker: str, price: str
) -> None:
    assert_order(parse(text), ticker, price)


# --- the writer's own order after a lead-in ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        # the writer's own version after a quoted order: "for me:" is no meme speaker
        (
            "> BTO 2 AMD 180c 2/19 @ 3.10\nlater expiry for me: BTO 2 AMD 180c 3/19 @ 4.60",
            "AMD",
            "4.60",
        ),
        (
            "> STO 2 IWM 220p 3/19 @ 1.10\nsmaller size for me: STO 1 IWM 220p 3/19 @ 1.05",
            "IWM",
            "1.05",
        ),
        # the same idea applied to the writer's own position
        (
            "> STC 3 NVDA 200c 3/19 @ 8\nsame idea on my AMD: STC 2 AMD 170c 3/19 @ 5.10",
            "AMD",
            "5.10",
        ),
        ("same idea for me: BTC 1 XLE 90p 3/19 @ .10", "XLE", "0.10"),
        # a blame under a courtesy condition: the order stands
        ("if anyone asks, it was my cat's idea. STO 2 F 12p 2/19 @ .20", "F", "0.20"),
        ("if my husband asks, this was his idea 🤷 sell 3 PLTR 150p 2/19 @ 4.20", "PLTR", "4.20"),
        # a go clause whose verb takes the writer's own ("writing mine now:")
        (
            "theta speeds up inside 45 days. selling mine now: STO 2 XLE 95c 3/19 @ .61",
            "XLE",
            "0.61",
        ),
        (
            "wheel is a slow grind. writing some now: sell to open 1 PFE 27c 2/19 @ .22",
            "PFE",
            "0.22",
        ),
        # a go clause with a purpose after it
        ("sending it now, for the record: STO 2 KO 70p 2/19 @ .55", "KO", "0.55"),
        ("doing it, for transparency: buy 20 shares of DIS @ 98.10", "DIS", "98.10"),
        # an update heading a line of its own, the alert under it
        ("quick update\nBTC 2 IWM 200p 2/19 @ .10", "IWM", "0.10"),
        ("Trade update for the room\nSTC 2 $AMD 170c 3/19 @ 6.20\nkeeping 1", "AMD", "6.20"),
    ],
)
def test_the_writers_own_order_after_a_lead_in(
    parse: Parse, text: str, ticker: str, price: str
) -> None:
    assert_order(parse(text), ticker, price)


@pytest.mark.parametrize(
    "text",
    [
        # "Me:" opening its line is still a meme's speaker
        "Nobody:\nMe: BTO 20 GME 100c 2/19 @ .05",
        "me: STO 5 SPY 700c 0dte @ .02",
        # an idea posted, or someone's idea, still heads a trade idea
        "his idea: BTO 3 DKNG 40c 1/15/27 @ 2.30",
        # a condition on the market stays open
        "if it dips, buy 1 NVDA 190c 11/27 @ 6.40",
        "if IV pops, writing mine: STO 1 T 28c 2/19 @ .30",
        # a purpose alone, or after a past trade, is a log
        "for the log: buy 50 shares of AAPL @ 241.30 day",
        "bought it yesterday, for the log: buy 50 shares of AAPL @ 241.30 day",
        "paper: placing this now, for the log: STO 1 KO 70p 2/19 @ .40",
        # an update that reports a past trade, a held position or paper
        "weekly update\nbought 2 AMD 180c 2/19 @ 3.10",
        "Position update: long 2 NVDA 190c 12/18 avg 6.00",
        "paper trade update: BTO 5 TSLA 450c 1/15/27 @ 14.00",
    ],
)
def test_lead_ins_that_still_frame_the_order(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))
