"""Structures written leg by leg and a ticker named by the go clause, round 24.

Each test names one general form: a leg's own date between its side and its strike under a
structure heading ("long 1/15 600p, short 12/18 590p"), the order for the whole structure
written after its legs ("..., buy 2 for 6.10"), a put and a call written as one slashed pair per
leg (a double diagonal: "sell 12/18 230p/250c, buy 1/15 225p/255c"), and a roll's legs named by
the month of a date its heading writes ("sell the Dec, buy the March"), and the ticker named
only where the writer's go clause closes ("I'll take it on SPX: sell 2 6000c ..."). Talk that
looks like them (positions listed, past rolls, questions, plans, other people) stays chatter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
LegKey = tuple[str, int, str | None, Decimal | None, date | None]


def _assert_read(
    parsed: ParsedOrder, underlying: str, legs: list[LegKey], price: Decimal | None
) -> None:
    assert parsed.kind == "order"
    assert parsed.underlying == underlying
    assert _legs(parsed) == legs
    assert parsed.price == price


def _legs(parsed: ParsedOrder) -> list[LegKey]:
    return sorted(
        (leg.side, leg.quantity, leg.type, leg.strike, leg.expiration) for leg in parsed.legs
    )


# A leg's own date between its side and its typed strike, under a structure heading.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "QQQ put diagonal: long 1/15 600p, short 12/18 590p @ 5.20",
            "QQQ",
            [
                ("buy", 1, "put", Decimal("600"), date(2027, 1, 15)),
                ("sell", 1, "put", Decimal("590"), date(2026, 12, 18)),
            ],
            Decimal("5.20"),
        ),
        (
            "call diagonal on MSFT: short 12/4 520c / long 2/19/27 500c, 3 contracts, 11.40 debit",
            "MSFT",
            [
                ("buy", 3, "call", Decimal("500"), date(2027, 2, 19)),
                ("sell", 3, "call", Decimal("520"), date(2026, 12, 4)),
            ],
            Decimal("11.40"),
        ),
        (
            "AMD calendar: short 12/11 180c, long 1/15 180c for 2.35",
            "AMD",
            [
                ("buy", 1, "call", Decimal("180"), date(2027, 1, 15)),
                ("sell", 1, "call", Decimal("180"), date(2026, 12, 11)),
            ],
            Decimal("2.35"),
        ),
    ],
)
def test_a_held_leg_may_write_its_date_before_its_strike(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    parsed = parse(text)
    _assert_read(parsed, underlying, legs, price)
    assert parsed.sure


# The order for the whole structure after its legs: a side, a count and the net price.
@pytest.mark.parametrize(
    ("text", "legs", "price", "effect"),
    [
        (
            "NVDA put diagonal: long 1/15 170p, short 12/11 160p, buy 4 for 7.85",
            [
                ("buy", 4, "put", Decimal("170"), date(2027, 1, 15)),
                ("sell", 4, "put", Decimal("160"), date(2026, 12, 11)),
            ],
            Decimal("7.85"),
            "debit",
        ),
        (
            "XLE call calendar: sell 12/18 95c, buy 1/15 95c, buy x6 @ .72",
            [
                ("buy", 6, "call", Decimal("95"), date(2027, 1, 15)),
                ("sell", 6, "call", Decimal("95"), date(2026, 12, 18)),
            ],
            Decimal("0.72"),
            "debit",
        ),
        (
            "GLD put spread 12/31: short 380p, long 370p; sell 2 at 3.15",
            [
                ("buy", 2, "put", Decimal("370"), date(2026, 12, 31)),
                ("sell", 2, "put", Decimal("380"), date(2026, 12, 31)),
            ],
            Decimal("3.15"),
            "credit",
        ),
    ],
)
def test_a_structure_order_after_its_legs_counts_and_prices_them(
    parse: Parse, text: str, legs: list[LegKey], price: Decimal, effect: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert _legs(parsed) == legs
    assert parsed.price == price
    assert parsed.price_effect == effect


# Each side of a double diagonal written as one slashed put/call pair of its own date.
@pytest.mark.parametrize(
    ("text", "quantity", "short_date", "long_date", "strikes"),
    [
        (
            "double diagonal on SPY x3: sell 12/18 640p/700c, buy 1/15 630p/710c for 4.25 debit",
            3,
            date(2026, 12, 18),
            date(2027, 1, 15),
            ("640", "700", "630", "710"),
        ),
        (
            "TSLA double diagonal: sell 12/4 380p/460c, buy 12/24 370p/470c, 2 contracts @ 6.90 db",
            2,
            date(2026, 12, 4),
            date(2026, 12, 24),
            ("380", "460", "370", "470"),
        ),
        (
            "double calendar on IWM: sell 12/11 240p/260c / buy 1/8 240p/260c, 1.95 debit",
            1,
            date(2026, 12, 11),
            date(2027, 1, 8),
            ("240", "260", "240", "260"),
        ),
    ],
)
def test_a_strike_pair_per_leg_makes_four_legs(
    parse: Parse,
    text: str,
    quantity: int,
    short_date: date,
    long_date: date,
    strikes: tuple[str, str, str, str],
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    short_put, short_call, long_put, long_call = (Decimal(strike) for strike in strikes)
    assert _legs(parsed) == sorted(
        [
            ("sell", quantity, "put", short_put, short_date),
            ("sell", quantity, "call", short_call, short_date),
            ("buy", quantity, "put", long_put, long_date),
            ("buy", quantity, "call", long_call, long_date),
        ]
    )
    assert parsed.price_effect == "debit"


# A roll's legs named by the month of a date its heading writes.
@pytest.mark.parametrize(
    ("text", "legs", "price"),
    [
        (
            "roll the 2 META 700c 12/18 out to 2/19/27: sell the Dec, buy the Feb, 5.30 debit",
            [
                ("buy", 2, "call", Decimal("700"), date(2027, 2, 19)),
                ("sell", 2, "call", Decimal("700"), date(2026, 12, 18)),
            ],
            Decimal("5.30"),
        ),
        (
            "rolling my HOOD 40p 12/11 to 1/15/27: buy the december, sell the january, .55 cr",
            [
                ("buy", 1, "put", Decimal("40"), date(2026, 12, 11)),
                ("sell", 1, "put", Decimal("40"), date(2027, 1, 15)),
            ],
            Decimal("0.55"),
        ),
        (
            "ok roll 5 KO 70c 1/15/27 out to 3/19/27: STC the jan, BTO the mar, .40 debit",
            [
                ("buy", 5, "call", Decimal("70"), date(2027, 3, 19)),
                ("sell", 5, "call", Decimal("70"), date(2027, 1, 15)),
            ],
            Decimal("0.40"),
        ),
    ],
)
def test_a_roll_leg_named_by_month_takes_the_headings_date(
    parse: Parse, text: str, legs: list[LegKey], price: Decimal
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert _legs(parsed) == legs
    assert parsed.price == price


@pytest.mark.parametrize(
    "text",
    [
        # a month the heading writes no date for: which expiration is not said
        "roll my AAPL 250c 1/15/27: sell the Jan, buy the Mar, .80 debit",
        # positions listed, no structure named and no order
        "SPY: long 1/15 600p, short 12/18 590p",
        "my QQQ put diagonal: long 1/15 600p, short 12/18 590p, up 40% on it lol",
        # a roll already done, and one asked about
        "rolled the 2 META 700c 12/18 out to 2/19/27: sold the Dec, bought the Feb, 5.30 debit",
        "should I roll my 2 META 700c 12/18 out to 2/19/27: sell the Dec, buy the Feb?",
        "double diagonal on SPY last month: sold 12/18 640p/700c, bought 1/15 630p/710c",
    ],
)
def test_look_alikes_stay_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


# The go clause names the ticker ("I'll take it on SPX:"), the instruction after it does not.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "ok, I'll take it on NVDA: buy 2 150c 12/18 @ 1.10",
            "NVDA",
            [("buy", 2, "call", Decimal("150"), date(2026, 12, 18))],
            Decimal("1.10"),
        ),
        (
            "premium looks rich, I will do this on $XSP: sell 3 560p 12/11 for .95",
            "XSP",
            [("sell", 3, "put", Decimal("560"), date(2026, 12, 11))],
            Decimal("0.95"),
        ),
        (
            "2.10 to make 2.90, doing it on IWM: buy the 240/245 call spread 1/15 for 2.10",
            "IWM",
            [
                ("buy", 1, "call", Decimal("240"), date(2027, 1, 15)),
                ("sell", 1, "call", Decimal("245"), date(2027, 1, 15)),
            ],
            Decimal("2.10"),
        ),
    ],
)
def test_the_ticker_closing_a_go_clause_is_the_orders(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    parsed = parse(text)
    _assert_read(parsed, underlying, legs, price)


@pytest.mark.parametrize(
    "text",
    [
        "if it dips I'll take it on SPX: sell 2 6000c 12/18 @ 3",
        "Mike will take it on SPX: sell 2 6000c 12/18 @ 3",
        "doing it on paper: buy 2 150c 12/18 @ 1.10",
        "would I take it on NVDA? buy 2 150c 12/18 @ 1.10",
        "I'd take it on QQQ: sell 1 600p 12/18 @ 4",
        "never doing it on TSLA: buy 2 300c 12/18 @ 3",
    ],
)
def test_a_go_clause_look_alike_stays_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))
