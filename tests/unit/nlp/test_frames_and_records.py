"""Orders quoted inside a frame that makes them something other than an instruction: a
condition in the middle, a teaching example, a counterfactual, a pasted record, someone else's
disclosed trade, numbered steps, an action as the subject of a statement, a heading that dates
the order later and a person's trade reported; each with near-misses that stay orders."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        # a condition in the middle of the order
        "sell 30 shares of AMD, contingent on the CPI print, @ 162.50",
        "STO 1 XLE 85p 1/15 @ 1.10 pending on oil holding 70",
        "BTO 2 DIS 120c 1/15 @ 2.40 contingent upon the parks numbers",
        "buy 3 PYPL 70c 1/15 @ 1.30 only after the guidance call",
        # a teaching frame
        "to illustrate gamma: STO 1 SPY 640p 0dte @ 1.20 and watch it swing",
        "illustrating the wheel: STO 1 F 11p 1/15 @ .22, get assigned, sell calls",
        "textbook poor man's covered call: BTO 1 AAPL 200c 1/15/27 @ 45 then sell weeklies",
        # a pasted statement or record
        "schwab statement: 01/05 STC 2 AMZN 230c 1/15 @ 4.10 CREDIT 820.00",
        "my spreadsheet row: META · STO 1 META 700p 1/15 @ 9.20 · open",
        # someone else's disclosed trade
        "congress tracker: BTO 20 MSFT 500c 1/15/27 @ 25.00",
        "senator disclosed STO 5 AAPL 230p 1/15 @ 3.00 last month",
        # numbered steps
        "step 1: buy 10 TSLA 500c 0dte @ .02\nstep 2: ???",
        # an action as the subject of a statement
        "selling 5 NVDA 150p 1/15 @ 2.00 naked is how you learn about margin",
        "buying 20 SOFI 30c 1/15 @ .10 was the dumbest thing I did",
        # a heading that dates the order later
        "next week, once earnings are out: sell 2 KO 70c 1/15 @ .60",
        # a person's trade reported
        "my buddy just did BTO 4 RIVN 15c 1/15 @ .40 lol no",
        "husband did STC 2 GOOGL 300c 1/15 @ 6.10 without asking",
    ],
)
def test_framed_orders_are_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        # "contingent" that is no condition
        ("sell 30 shares of AMD @ 162.50, contingent orders are for later", "AMD", "162.50"),
        # a gerund after an order is not its subject
        ("selling 5 NVDA 150p 1/15 @ 2.00, happy to own it", "NVDA", "2.00"),
        # a record or example word that heads nothing is news or a remark
        ("buy 2 SPY 600c 12/18 @ 2.10 before the Fed statement", "SPY", "2.10"),
        ("textbook setup here, BTO 1 AAPL 250c 1/15 @ 3.00", "AAPL", "3.00"),
        ("BTO 2 XOM 120c 1/15 @ 1.45, buying here is fine", "XOM", "1.45"),
        # "next week" as the expiration, or before the order without a heading
        ("buy 2 AAPL 250 calls expiring next week at 1.10", "AAPL", "1.10"),
        ("next week, buy 2 AAPL 250 calls at 1.10", "AAPL", "1.10"),
        # "did" without a person before it
        ("ok did the math, STO 1 KO 65p 1/15 @ .90", "KO", "0.90"),
        # a step that does not number a list
        ("one step at a time: BTO 1 IWM 240c 1/15 @ 1.75", "IWM", "1.75"),
    ],
)
def test_near_miss_orders_stay_orders(parse: Parse, text: str, ticker: str, price: str) -> None:
    assert_order(parse(text), ticker, price)
