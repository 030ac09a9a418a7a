"""Several contracts named, one ordered, and talk that holds an order, round 30.

Each test names one general form: a comparison ("X or Y?", "X vs Y") settled by an order on
one of the contracts weighed; a correction said as what was wrong ("wrong one!!", "go wider:")
or with its own note ("(wrong date)"); "next:" heading the order after a fill; shares held
beside the contract ordered; a restated contract that keeps the count and date it leaves out,
and a correction line that takes the old detail back first; a watchlist headed "watch:" with a
pick; the writer's own "I'm buying ..." set against someone else's trade; an order refused by
name ("NOT doing the STO ..."); a concession before the order ("..., but: buy ..."); and
"whatever" closing the lead-in. Talk that looks like each stays talk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import LegKey, assert_sure_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]

ON = date(2029, 11, 20)
NOV21 = date(2029, 11, 21)
NOV23 = date(2029, 11, 23)
NOV30 = date(2029, 11, 30)
DEC14 = date(2029, 12, 14)
DEC21 = date(2029, 12, 21)


def _assert_talk(parsed: ParsedOrder) -> None:
    assert parsed.kind != "order" or not parsed.sure, parsed.to_dict()


# A comparison in the head, settled by an order on one of the contracts it weighs.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "XSP 760p or 755p exp 11/21? 755p has the better ratio. buy 3 XSP 755p 11/21 @ 1.05",
            "XSP",
            [("buy", None, 3, "put", Decimal("755"), NOV21)],
            Decimal("1.05"),
        ),
        (
            "SPY 765c or 770c 11/30? buy 2 SPY 770c 11/30 @ 1.20",
            "SPY",
            [("buy", None, 2, "call", Decimal("770"), NOV30)],
            Decimal("1.20"),
        ),
        (
            "NFLX 1200c 11/30 at 14 vs the 1250c at 6.50. risk is smaller on the 1250c, buy 1 NFLX"
            " 1250c 11/30 @ 6.50",
            "NFLX",
            [("buy", None, 1, "call", Decimal("1250"), NOV30)],
            Decimal("6.50"),
        ),
        (
            "XOM 120p @ 1.60 vs 115p @ .70 for 11/30... screw it, STO 2 XOM 115p 11/30 @ .70",
            "XOM",
            [("sell", "open", 2, "put", Decimal("115"), NOV30)],
            Decimal("0.70"),
        ),
        (
            "IWM 265/270 call spread for 1.85 or 270/275 for 1.10? going with the 270/275: buy 3"
            " IWM 270/275 call spread 12/21 @ 1.10",
            "IWM",
            [
                ("buy", None, 3, "call", Decimal("270"), DEC21),
                ("sell", None, 3, "call", Decimal("275"), DEC21),
            ],
            Decimal("1.10"),
        ),
        (
            "AMD 150c 12/21 or just shares? shares: buy 10 AMD @ 141.30",
            "AMD",
            [("buy", None, 10, "equity", None, None)],
            Decimal("141.30"),
        ),
    ],
)
def test_comparison_settled_by_the_order(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


@pytest.mark.parametrize(
    "text",
    [
        # the order names neither contract weighed
        "SPY 765c or 770c 11/30? buy 2 SPY 760c 11/30 @ 1.20",
        "QQQ 500c or SPY 600c? buy 2 IWM 250c 12/21 @ 1.10",
        # the answer is a condition, someone else's, a question or a wish
        "SPY 765c or 770c 11/30? if it gaps down, buy 2 SPY 770c 11/30 @ 1.20",
        "SPY 765c or 770c 11/30? he bought 2 SPY 770c 11/30 @ 1.20",
        "SPY 765c or 770c 11/30? would you buy 2 SPY 770c 11/30 @ 1.20",
        "SPY 765c or 770c 11/30? buy 2 SPY 770c 11/30 @ 1.20?",
        "SPY 765c or 770c 11/30? I'd buy 2 SPY 770c 11/30 @ 1.20",
        # a question that weighs nothing
        "is SPY going up? buy 2 SPY 770c 11/30 @ 1.20",
    ],
)
def test_comparison_look_alikes_stay_talk(parse: Parse, text: str) -> None:
    _assert_talk(parse(text, on=ON))


# A correction said as what was wrong, or as the change made; "next:" after a fill.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "BTC 3 TSLA 330p 11/30 @ 1.40. wrong one!! BTC 3 TSLA 340p 11/30 @ 2.65",
            "TSLA",
            [("buy", "close", 3, "put", Decimal("340"), NOV30)],
            Decimal("2.65"),
        ),
        (
            "BTO 2 SPY 600c 12/21 @ 1.50. wrong strike: BTO 2 SPY 605c 12/21 @ 1.10",
            "SPY",
            [("buy", "open", 2, "call", Decimal("605"), DEC21)],
            Decimal("1.10"),
        ),
        (
            "BTO 3 AMD 155c 11/23 @ 2.05. correction: BTO 3 AMD 155c 11/30 @ 2.90 (wrong date)",
            "AMD",
            [("buy", "open", 3, "call", Decimal("155"), NOV30)],
            Decimal("2.90"),
        ),
        (
            "STO 1 IWM 250/245 PCS 12/21 @ 1.30, hmm, go wider: STO 1 IWM 250/240 PCS 12/21 @ 2.05",
            "IWM",
            [
                ("sell", "open", 1, "put", Decimal("250"), DEC21),
                ("buy", "open", 1, "put", Decimal("240"), DEC21),
            ],
            Decimal("2.05"),
        ),
        (
            "got filled STO 2 IWM 250p 11/30 @ 1.15. next: STO 2 IWM 280c 11/30 @ .95",
            "IWM",
            [("sell", "open", 2, "call", Decimal("280"), NOV30)],
            Decimal("0.95"),
        ),
    ],
)
def test_correction_or_next_order_replaces_the_one_before(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


@pytest.mark.parametrize(
    "text",
    [
        "BTC 3 TSLA 330p 11/30 @ 1.40. I was wrong about TSLA. BTC 3 TSLA 340p 11/30 @ 2.65",
        "STO 1 IWM 250/245 PCS 12/21 @ 1.30, should I go wider? STO 1 IWM 250/240 PCS 12/21 @ 2",
        "BTO 3 AMD 155c 11/23 @ 2.05 (wrong date)",
        "got filled STO 2 IWM 250p 11/30 @ 1.15. next week: STO 2 IWM 280c 11/30 @ .95",
        "got filled STO 2 IWM 250p 11/30 @ 1.15. next: STO 2 IWM 280c 11/30 @ .95 if it pops",
    ],
)
def test_correction_look_alikes_stay_talk(parse: Parse, text: str) -> None:
    _assert_talk(parse(text, on=ON))


# A restated contract keeps what it leaves out; a correction line taking the old detail back.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "buy 2 SPY 765c 11/30 @ 1.80... wait no, make it the 770c @ 1.15",
            "SPY",
            [("buy", None, 2, "call", Decimal("770"), NOV30)],
            Decimal("1.15"),
        ),
        (
            "buy 2 NVDA 180c 11/30 @ 5.10 - edit: not 11/30, make it 12/14 @ 5.90",
            "NVDA",
            [("buy", None, 2, "call", Decimal("180"), DEC14)],
            Decimal("5.90"),
        ),
        (
            "sell 4 TSLA 300p 12/21 @ 5.10. correction: not 300p, it's 290p @ 3.90",
            "TSLA",
            [("sell", None, 4, "put", Decimal("290"), DEC21)],
            Decimal("3.90"),
        ),
    ],
)
def test_correction_keeps_what_it_leaves_out(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


# Shares held, a watchlist headed "watch:", someone else's trade: beside the writer's order.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "holding 300 sh of T since forever, sell 3 T 28c 12/21 @ .22 against them",
            "T",
            [("sell", None, 3, "call", Decimal("28"), DEC21)],
            Decimal("0.22"),
        ),
        (
            "Dec monthly watch: XOM 120c, CVX 165c, OXY 60c. going with CVX: buy 2 CVX 165c 12/21"
            " @ 2.05",
            "CVX",
            [("buy", None, 2, "call", Decimal("165"), DEC21)],
            Decimal("2.05"),
        ),
        (
            "weekly list: DKNG 45c, UBER 100c, ABNB 140c. entering DKNG: buy 6 DKNG 45c 11/23"
            " @ .52",
            "DKNG",
            [("buy", None, 6, "call", Decimal("45"), NOV23)],
            Decimal("0.52"),
        ),
        (
            "Sam bought the QQQ 700p 11/23, I'm buying 2 QQQ 690p 11/23 @ 2.15",
            "QQQ",
            [("buy", None, 2, "put", Decimal("690"), NOV23)],
            Decimal("2.15"),
        ),
    ],
)
def test_order_beside_other_contracts(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


@pytest.mark.parametrize(
    "text",
    [
        "sitting on 4 HOOD 60c 12/21 and 2 HOOD 50p 12/21, hedged up",
        "holding 300 sh of T, thinking about selling 3 T 28c 12/21 @ .22 against them",
        "holding 300 shares of T, would sell 3 T 28c 12/21 @ .22 against them",
        "Dec monthly watch: XOM 120c, CVX 165c, OXY 60c. buy 2 CVX 165c 12/21 @ 2.05",
        "Dec monthly watch: XOM 120c, CVX 165c. going with CVX if it dips: buy 2 CVX 165c 12/21"
        " @ 2.05",
        "if Sam buys the QQQ 700p 11/23, I'm buying 2 QQQ 690p 11/23 @ 2.15",
        "Sam bought the QQQ 700p 11/23, I'm not buying 2 QQQ 690p 11/23 @ 2.15",
        "Sam bought the QQQ 700p 11/23, I'm buying 2 QQQ 690p 11/23 @ 2.15 if it dips",
    ],
)
def test_other_contracts_look_alikes_stay_talk(parse: Parse, text: str) -> None:
    _assert_talk(parse(text, on=ON))


# An order refused by name: "not" and a verb of doing, or "skipping", before "the STO ...".
@pytest.mark.parametrize(
    "text",
    [
        "ok so, NOT doing the STO 2 MSFT 480p 12/21 @ 5.10, premium got crushed",
        "not placing the BTO 2 MSFT 480c 12/21 @ 5.10",
        "I am not doing that BTO 2 MSFT 480c 12/21 @ 5.10",
        "skipping the STO 2 MSFT 480p 12/21 @ 5.10",
    ],
)
def test_order_refused_by_name_is_talk(parse: Parse, text: str) -> None:
    parsed = parse(text, on=ON)
    assert_talk(parsed)


@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "doing the STO 2 MSFT 480p 12/21 @ 5.10",
            "MSFT",
            [("sell", "open", 2, "put", Decimal("480"), DEC21)],
            Decimal("5.10"),
        ),
    ],
)
def test_order_named_and_done_stays_an_order(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


# A concession ("..., but: buy ...") after a doubt, and "whatever" closing the lead-in.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "could be wrong, usually am, but buy 1 QQQ 650/660 call debit spread 11/30 @ 3.90",
            "QQQ",
            [
                ("buy", None, 1, "call", Decimal("650"), NOV30),
                ("sell", None, 1, "call", Decimal("660"), NOV30),
            ],
            Decimal("3.90"),
        ),
        (
            "this will probably expire worthless, but: buy 5 SPY 765c 11/30 @ .22",
            "SPY",
            [("buy", None, 5, "call", Decimal("765"), NOV30)],
            Decimal("0.22"),
        ),
        (
            "kid was sick this morning and I missed the open, whatever, buy 2 AMD 180c 11/30"
            " @ 3.10",
            "AMD",
            [("buy", None, 2, "call", Decimal("180"), NOV30)],
            Decimal("3.10"),
        ),
    ],
)
def test_concession_or_shift_before_the_order(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


@pytest.mark.parametrize(
    "text",
    [
        "if it dips, but buy 5 SPY 765c 11/30 @ .22",
        "I was going to, but buy 5 SPY 765c 11/30 @ .22",
        "could be wrong, but would you buy 5 SPY 765c 11/30 @ .22",
        "could be wrong, but buy 5 SPY 765c 11/30 @ .22?",
        "he might be wrong, but he says buy 5 SPY 765c 11/30 @ .22",
        "if I were you I'd wait, but buy 5 SPY 765c 11/30 @ .22",
        "if SPY dips or whatever, buy 5 SPY 765c 11/30 @ .22",
    ],
)
def test_concession_look_alikes_stay_talk(parse: Parse, text: str) -> None:
    _assert_talk(parse(text, on=ON))
