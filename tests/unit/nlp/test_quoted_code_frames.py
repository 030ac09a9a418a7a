"""A complete alert code quoted in chatter is not an order.

Each group is one general cue a reader uses to see that a quoted code is not being placed: a
draft, sample, archive or leaderboard heading, a simulation, a to-do or a note to self, a price
alert, a negated "doing", a disowned trade, a profit or loss on the code, what the trade did
next or what a tool says about it, and a meme caption. A frame declared over ("quiz is over,
now ...", "not a backtest:", "journal can wait,", "the reminder went off,") no longer frames
the code, and a change of mind takes back what stood before it. Near misses stay orders.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        "draft for later: BTO 1 QQQ 600c 12/18 @ 4.00",
        "sample ticket - STO 1 IWM 220p 12/18 @ 1.20",
        "reposting for the archive: STC 2 AMD 200c 12/18 @ 3.10",
        "weekly leaderboard: BTO 5 PLTR 200c 12/18 @ 2.00",
        "ran it through the sim: BTO 3 META 700c 12/18 @ 9.00",
        "todo tomorrow: sell 1 SPY 640p 12/18 @ 2.00",
        "note to self: STO 2 KO 65p 12/18 @ .50",
        "price alert: MSFT 500c 12/18 @ 4.00",
        "set an alert on NVDA 190c 12/18 at 5.00",
        "I'm not doing STO 2 AMD 150p 12/18 @ 2.00, too risky",
        "not my play: BTO 2 NFLX 120c 12/18 @ 3.00",
        "up 1.5k on BTO 2 NFLX 120c 12/18 @ 3.00",
        "STO 1 SPY 600p 12/18 @ 2.00 and it tanked the next day",
        "BTO 1 SPY 700c 12/18 @ 3.00 says the model, 40% win rate",
        "me at the open: BTO 20 SPY 0dte calls",
        "someone posted BTO 3 RIVN 15c 12/18 @ .40 in the other chat",
        "trade idea for later: BTO 1 IWM 230c 12/18 @ 1.40",
        "a demo, not a real one: BTO 1 IWM 230c 12/18 @ 1.40",
        "changed my mind, not selling STC 2 AMD 200c 12/18 @ 5.10",
        "check out this dude: BTO 40 SPY 700c 0dte @ .05",
    ],
)
def test_a_quoted_code_in_chatter_is_not_an_order(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("quiz is over, time for the real one: STO 1 SPX 6800p 0dte @ 4.20", "4.20"),
        ("paper trading is done, going live: BTO 2 AMD 200c 12/18 @ 3.00", "3.00"),
        ("the reminder is done, sell 1 QQQ 600c 12/18 @ 2.50", "2.50"),
        ("the price alert fired, sell 1 QQQ 600c 12/18 @ 2.50", "2.50"),
        ("this is not a demo: BTO 1 IWM 230c 12/18 @ 1.40", "1.40"),
        ("no template here, sell 1 QQQ 600c 12/18 @ 2.50", "2.50"),
        ("the recap can wait, STC 2 AMD 200c 12/18 @ 5.10", "5.10"),
        ("journal later, BTO 1 IWM 230c 12/18 @ 1.40", "1.40"),
        ("bot, short 50 IWM @ 230", "230"),
        ("hey tastybot, long 20 AMD @ 150.25", "150.25"),
        ("was gonna hold, changed my mind. STC 2 AMD 200c 12/18 @ 5.10", "5.10"),
        ("change of plans: sell 2 AMD 200c 12/18 @ 3.20", "3.20"),
        ("actually sell it: STC 2 AMD 200c 12/18 @ 3.20", "3.20"),
    ],
)
def test_a_frame_declared_over_leaves_the_order(parse: Parse, text: str, price: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.price == Decimal(price)


@pytest.mark.parametrize(
    "text",
    [
        "BTO 1 SPY 700c 12/18 @ 3.00 and sell half at 4",
        "doing it now: BTO 2 AMD 200c 12/18 @ 3.00",
        "down bad but BTO 2 AMD 200c 12/18 @ 3.00",
        "small sample size but BTO 2 AMD 200c 12/18 @ 3.00",
        "buy 2 COIN 300c 12/18 @ 4.10, down 2k on the week",
    ],
)
def test_near_misses_stay_orders(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"
