"""Number-dense orders and talk, round 32.

Each test names one general form: a rate's period ("y/y.") ending its sentence, the position's
mark now ("up 80% now:") closing a report of the entry, a strike's distance stated after the
order ("150 is 2.6% away"), the return worked out at an outcome ("2.1% if it expires"), the
underlying's quote beside the order ("NKE 71.40"), a contract dated by a word as a statement's
subject ("my 1 NVDA 235c EOW is -.38"), and a fraction that tallies day trades ("2/3 PDT").
Talk that looks like them stays talk, and orders that look like them stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import LegKey, assert_chatter, assert_sure_order, assert_talk, leg_keys

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]

ON = date(2029, 5, 1)
JUN15 = date(2029, 6, 15)


# A full stop after a rate's period ("y/y.", "q/q.", "m/m.") ends the sentence before the order.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "DIS 114.20, parks rev +6% y/y. buy 2 DIS 117.5c 6/15 @ 2.85",
            "DIS",
            [("buy", None, 2, "call", Decimal("117.5"), JUN15)],
            Decimal("2.85"),
        ),
        (
            "eps +12% q/q. buy 3 AMD 180c 6/15 @ 4.10",
            "AMD",
            [("buy", None, 3, "call", Decimal("180"), JUN15)],
            Decimal("4.10"),
        ),
        (
            "CPI 0.3% m/m. sell 2 TLT 90c Jun 15 @ .55",
            "TLT",
            [("sell", None, 2, "call", Decimal("90"), JUN15)],
            Decimal("0.55"),
        ),
        (
            "same-store sales up 4% y/y. STO 1 COST 900p 15 Jun @ 8.20",
            "COST",
            [("sell", "open", 1, "put", Decimal("900"), JUN15)],
            Decimal("8.20"),
        ),
    ],
)
def test_rate_period_full_stop_ends_the_sentence(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    # (words the parser does not know before the order, "parks rev", may leave it unsure)
    parsed = parse(text, on=ON)
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.underlying == underlying
    assert leg_keys(parsed) == sorted(legs)
    assert parsed.price == price


# The position's mark now closing the lead-in ("up 80% now:", "+$117.50 here:", "-60% rn.")
# sets the report of the entry before it in the past, like "now" alone.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "bought at 2.10 on 4/20, up 80% now: STC 2 AMD 180c 6/15 @ 3.80",
            "AMD",
            [("sell", "close", 2, "call", Decimal("180"), JUN15)],
            Decimal("3.80"),
        ),
        (
            "shorted at 14.20 last week, +$117.50 here: buy to cover 50 shs RIVN @ 11.85",
            "RIVN",
            [("buy", "close", 50, "equity", None, None)],
            Decimal("11.85"),
        ),
        (
            "sold the XLE puts at 1.40 on Monday, -60% rn. BTC 3 XLE 95p 6/15 @ .56",
            "XLE",
            [("buy", "close", 3, "put", Decimal("95"), JUN15)],
            Decimal("0.56"),
        ),
        (
            "entered the calls at 3.05 on 4/2, green 45% today: sell 4 QQQ 500c 6/15 @ 4.40",
            "QQQ",
            [("sell", None, 4, "call", Decimal("500"), JUN15)],
            Decimal("4.40"),
        ),
    ],
)
def test_mark_now_closes_a_reported_entry(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


# The strike's distance stated after the order, in a clause whose subject is the number.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "buy 2 ABNB 150c 6/15 @ 2.80 — ABNB 146.20, 150 is 2.6% away, 45 DTE",
            "ABNB",
            [("buy", None, 2, "call", Decimal("150"), JUN15)],
            Decimal("2.80"),
        ),
        (
            "sell 3 SPY 600p 6/15 @ 2.15, 600 is $14 OTM",
            "SPY",
            [("sell", None, 3, "put", Decimal("600"), JUN15)],
            Decimal("2.15"),
        ),
        (
            "STO 1 KO 60p Jun 15 @ .50; 60 is 8% below spot",
            "KO",
            [("sell", "open", 1, "put", Decimal("60"), JUN15)],
            Decimal("0.50"),
        ),
    ],
)
def test_strike_distance_after_the_order(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


# The return worked out at what becomes of the contract ("2.1% if it expires", "if assigned").
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "sell 10 RIVN 10p 6/15 @ .21 (collateral 10k, 2.1% if it expires)",
            "RIVN",
            [("sell", None, 10, "put", Decimal("10"), JUN15)],
            Decimal("0.21"),
        ),
        (
            "STO 2 KO 60p 6/15 @ .85, 1.4% if they expire, 12% annualized",
            "KO",
            [("sell", "open", 2, "put", Decimal("60"), JUN15)],
            Decimal("0.85"),
        ),
        (
            "sell 5 F 12p Jun 15 at .30, 2.5% if assigned",
            "F",
            [("sell", None, 5, "put", Decimal("12"), JUN15)],
            Decimal("0.30"),
        ),
    ],
)
def test_return_at_an_outcome_is_no_condition(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


# The underlying's quote beside the order is not the strike it leaves out.
@pytest.mark.parametrize(
    ("text", "underlying", "side", "kind"),
    [
        ("buy 3 NKE calls 6/15 @ 1.10, NKE 71.40, earnings 6/21 AMC", "NKE", "buy", "call"),
        ("sell 2 AMD puts 6/15 at 2.35; stock at 162.10", "AMD", "sell", "put"),
        ("BTO 4 TSLA calls 6/15 @ 5.20 (spot 231.40)", "TSLA", "buy", "call"),
        ("NKE 71.40, buy 3 NKE calls 6/15 @ 1.10", "NKE", "buy", "call"),
    ],
)
def test_quote_of_the_underlying_is_no_strike(
    parse: Parse, text: str, underlying: str, side: str, kind: str
) -> None:
    parsed = parse(text, on=ON)
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.underlying == underlying
    assert [(leg.side, leg.type, leg.strike) for leg in parsed.legs] == [(side, kind, None)]
    assert "strike" in parsed.missing


# A fraction that tallies day trades ("2/3 PDT used") is not a date.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "2/3 PDT used, so swing only: buy 2 HOOD 70c 6/15 @ 2.20",
            "HOOD",
            [("buy", None, 2, "call", Decimal("70"), JUN15)],
            Decimal("2.20"),
        ),
        (
            "3/4 PDT burned. STO 1 SPY 600p 6/15 @ 3",
            "SPY",
            [("sell", "open", 1, "put", Decimal("600"), JUN15)],
            Decimal("3"),
        ),
        (
            "buy 3 AMD 180c Jun 15 @ 2.05, 1/3 dts used",
            "AMD",
            [("buy", None, 3, "call", Decimal("180"), JUN15)],
            Decimal("2.05"),
        ),
    ],
)
def test_day_trade_tally_is_no_date(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


# Look-alikes that stay talk.
@pytest.mark.parametrize(
    "text",
    [
        # a rate's period, then a trade reported or asked about
        "rev +6% y/y. bought 2 DIS 117.5c 6/15 @ 2.85 yesterday",
        "eps +12% q/q. should I buy AMD 180c 6/15 @ 4.10?",
        # the mark now, with the trade itself in the past or still a condition
        "bought at 2.10, up 80% now: sold 2 AMD 180c 6/15 @ 3.80",
        "if it dips, up 80% now: STC 2 AMD 180c 6/15 @ 3.80",
        # a statement about the trade, not about a strike's distance
        "BTO 2 SPY 600c 6/15 @ 1.20 is 3% OTM and a lottery ticket",
        # a condition on the market, or a trade already made
        "sell 10 RIVN 10p 6/15 @ .21, 2.1% if it drops",
        "sold 10 RIVN 10p 6/15 @ .21, 2.1% if it expires",
        # a contract dated by a word as a statement's subject
        "theta on my 1 NVDA 235c EOW is -.38, by friday that's ~-.76 of the 1.95",
        "my 2 SPY 600c 0dte are -.50 each already",
        "the AMD 180c weekly was .90 at the open",
    ],
)
def test_number_dense_talk_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=ON))


def test_a_statement_about_the_trade_is_talk_or_asked(parse: Parse) -> None:
    # the rules read the statement after the order as talk; the second opinion, refitted on
    # 26,841 dev lines, reads the whole order: it is asked about before anything is rehearsed
    assert_talk(parse("STO 1 KO 60p 6/15 @ .50, 60 is free money", on=ON))


# Look-alike orders read as before: a strike after the ticker, a contract dated by a word, a
# date before "day" or "day trade".
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "buy 3 NKE 70c 6/15 @ 1.10, NKE 71.40",
            "NKE",
            [("buy", None, 3, "call", Decimal("70"), JUN15)],
            Decimal("1.10"),
        ),
        (
            "BTO 2 SPY 600c 0dte @ .50",
            "SPY",
            [("buy", "open", 2, "call", Decimal("600"), ON)],
            Decimal("0.50"),
        ),
        (
            "buy 3 AMD 180c 6/15 day trade @ 2.05",
            "AMD",
            [("buy", None, 3, "call", Decimal("180"), JUN15)],
            Decimal("2.05"),
        ),
        (
            "buy 3 AMD 180c 6/15 day @ 2.05",
            "AMD",
            [("buy", None, 3, "call", Decimal("180"), JUN15)],
            Decimal("2.05"),
        ),
    ],
)
def test_look_alike_orders_read_as_before(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)
