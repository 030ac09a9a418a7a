"""Orders held in artefacts and asides: a comparison (a heading, "vs" another trade, a table of
trades or a table row), a program's JSON payload, a list of clock times, a dream, a memory
dated "ago", a stored preset or snippet, a quiz's answer key, a veto; and the writer's own
orders in the same voices: a shift word opening the instruction ("anyway sell ..."), "once" in
an idiom, a comparison's verdict ("B wins."), "my order:", "today's:", a thought about no trade
and a record's verdict in a sentence of its own. Each table has near misses on its other side."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        # a comparison heading, "vs" another trade
        "column B of my comparison: wheel — STO 1 PFE 25p 1/15 @ .31 — return 1.2%/mo",
        "comparisons: STO 1 XOM 105p 1/15 @ 1.10 next to the 105/100 PCS",
        "BTO 3 AMD 170c 1/15 @ 4.20 vs the 170/180 call spread @ 2.60, which one for earnings",
        "sell 1 KRE 55p 1/15 @ .80 versus 100 shares of KRE outright, hmm",
        # a table weighing trades, a table row holding one whole order beside other cells
        "Play | Trade | Cost\nLong call | buy DIS 115c 1/15 | 2.30\nBull spread | buy DIS"
        " 115/125c 1/15 | 1.10",
        "| #2 | STO 1 CVX 150p 1/15 @ 2.05 | POP 71% | max loss $14,795 |",
        # a program's JSON payload with prose around it
        'request body was {"ticker": "DKNG", "action": "buy", "qty": 2, "strike": 40,'
        ' "right": "call", "limit": 1.15} and the API said 400',
        # a list of clock times: a video's chapters, a day's log
        "chapters\n00:00 hello\n03:40 STO 1 XLF 48p 1/15 @ .44 walkthrough\n09:10 outro",
        "9:30 open\n9:45 buy 2 WMT 100c 1/15 @ 1.85\n10:02 coffee",
        # a dream before the order in its sentence
        "had a nightmare that I sold to open 10 TSLA 350p 1/15 @ 9.00 and woke up sweating",
        "weird dream where I BTO 4 SNOW 200c 1/15 @ 3.10 and the chart was purple",
        # a memory dated "ago"
        "two years ago this week: BTO 3 AMD 90c 1/19/24 @ 1.10. miss those prices",
        # a stored preset, snippet or hotkey
        "saved hotkey F3: STC 2 LULU 400c 1/15 @ 6.20 gtc. love it",
        "made a macro for the stream deck so I can fire it later: buy 2 RIVN 15c 1/15 @ .55",
        # a quiz's answer key, a solution heading
        "answer sheet q4: STO 1 T 25p 1/15 @ .30 because the premium beats the dividend",
        "Solution: BTC 1 MMM 110p 1/15 @ .20 to lock in 90% of the credit",
        # a veto by a desk, a spouse, a buddy
        "my wife said no to BTO 6 COIN 300c 1/15 @ 8.40 and she is the risk manager",
        "compliance vetoed sell 3 BA 180p 1/15 @ 4.10 for the fund today",
    ],
)
def test_artefacts_and_asides_are_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        # a shift word opening the instruction's clause
        ("meeting ran long lol. anyway buy 2 HD 380c 1/15 @ 4.40", "HD", "4.40"),
        ("dentist in 10 min 😬 meanwhile sell 1 KO 62.5p 1/15 at .35", "KO", "0.35"),
        ("whole week was a mess. anyhow STO 2 PEP 150p 1/15 @ 1.25", "PEP", "1.25"),
        # "once" in an idiom is no condition
        ("took a walk at lunch for once. BTO 1 CRM 300c 1/15 @ 5.10", "CRM", "5.10"),
        ("once again nothing moves. sell 1 IWM 210p 1/15 @ 1.40", "IWM", "1.40"),
        # a comparison's verdict in a sentence of its own
        ("ran both through the calculator, A wins. BTO 2 MRK 100c 1/15 @ 1.35", "MRK", "1.35"),
        (
            "after all that math the strangle wins on theta. "
            "sell 1 SLV 28/34 strangle 1/15 for .95",
            "SLV",
            "0.95",
        ),
        # the writer naming the order as their own
        ("disclaimers out of the way, here's my order: buy 3 SQ 80c 1/15 @ 2.05", "SQ", "2.05"),
        ("checklist updated in the doc. my order: sell 1 GM 45p 1/15 at .70", "GM", "0.70"),
        # today's trade after a report of others
        ("last month's fills are in the sheet. today's: STO 1 ABT 110p 1/15 @ 1.05", "ABT", "1.05"),
        # a thought about no trade
        ("lay awake thinking about bond yields lol. sell 2 TLT 85p 1/15 @ .60", "TLT", "0.60"),
        # a record's verdict in a sentence of its own
        ("my tracker says puts beat calls this month. STO 1 KO 60p 1/15 @ .40", "KO", "0.40"),
        # the frames' words in other roles
        ("no dreams here, just discipline. buy 2 ORCL 200c 1/15 @ 3.30", "ORCL", "3.30"),
        ("weird dream last night. BTO 1 UBER 80c 1/15 @ 2.25", "UBER", "2.25"),
        ("living the dream, STO 1 PG 150p 1/15 @ 1.20", "PG", "1.20"),
        ("copied it to the clipboard, sending now: BTO 1 V 300c 1/15 @ 4.80", "V", "4.80"),
        ("preset loaded and firing it now: BTO 1 QQQ 500p 1/15 @ 3.15", "QQQ", "3.15"),
        ("skipping the hotkey, typing it: sell 2 NKE 70c 1/15 @ .95", "NKE", "0.95"),
        ("buy 4 F 12c 1/15 @ .41 vs .45 ask, take it", "F", "0.41"),
        ("3:50 and still green, sell my 2 DIA 450c 1/15 @ 3.60", "DIA", "3.60"),
        ("BTO 1 AMZN 220c 1/15 @ 4.10 | stop 2.50 | PT 8", "AMZN", "4.10"),
        ("| STO | 2 | IWM 200p 1/15 | 1.45 |", "IWM", "1.45"),
        ("Side | Qty | Contract | Limit\nBTO | 3 | GE 180c 1/15 | 2.70", "GE", "2.70"),
        ('buy 2 KO 60c 1/15 @ .45 {"note": "half size"}', "KO", "0.45"),
    ],
)
def test_writers_own_orders_stay_orders(parse: Parse, text: str, ticker: str, price: str) -> None:
    assert_order(parse(text), ticker, price)


@pytest.mark.parametrize(
    "text",
    [
        # the idiom's look-alikes that still condition or plan
        "once XLF holds 50, buy 2 XLF 50c 1/15 @ .90",
        "thinking about AMD calls. BTO 1 AMD 170c 1/15 @ 4.20",
        # a report heading or a condition stays before "my order:" and "today's:"
        "if GLD breaks 250, my order: buy 1 GLD 250c 1/15 @ 3.00",
        "Today's fills: BTO 1 KO 60c 1/15 @ .50",
        # "3 wins" is a report's noun, "tracker says:" pastes a record
        "3 wins today. BTO 1 NVDA 150c 1/15 @ 6.40",
        "tracker says: STO 2 INTC 24c 1/15 @ .38",
    ],
)
def test_near_misses_stay_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))
