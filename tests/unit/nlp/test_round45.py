"""Round 45 (session of 2026-12-07): replies under a quoted alert write their count and price
in many ways ("2 for me, 4.00 limit", "same x3, -1.05", "in for 1, lim 5.00", "3 @ .90",
"my 2 as well, 1.65 gtc", "two @ 3,40"); a reply that writes its own order is read as that
order, and a long reply line is not a take-up. A price with its credit or debit
glued on ("@ .45cr") keeps both; a detail corrected with an asterisk ("@ 296.40 *269.40") is
the starred one. "day" after another word names a kind of day ("pin day", "NVDA day"), not a
time in force, except after a price word or a time-in-force key ("Timing: Day"). A debit spread
rolled in plain English, and a roll written as two spreads apart by " / ", are four legs. A
contract that "is a gtc at" a price is an order already working."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import leg_keys

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
WED = date(2040, 2, 15)
FRI = date(2040, 2, 17)
MAR_16 = date(2040, 3, 16)


def _order(parsed: ParsedOrder, underlying: str, price: str | None) -> None:
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.underlying == underlying
    assert parsed.price == (Decimal(price) if price is not None else None)


@pytest.mark.parametrize(
    ("reply", "count", "price"),
    [
        ("in for 1, lim 5.00", 1, "5.00"),
        ("2 for me, 4.00 limit", 2, "4.00"),
        ("same x3, -1.05", 3, "1.05"),
        ("same, five, up to 1.55", 5, "1.55"),
        ("same for my 2, 3.15", 2, "3.15"),
        ("same, all 3, 2.00", 3, "2.00"),
        ("3 @ .90", 3, "0.90"),
        ("two @ 3,40", 2, "3.40"),
        ("3 for me, same price", 3, "5.10"),
        ("my 2 as well, 1.65 gtc", 2, "1.65"),
    ],
)
def test_a_reply_under_a_quoted_alert_writes_its_count_and_price(
    parse: Parse, reply: str, count: int, price: str
) -> None:
    parsed = parse(f"> 📡 Vega ▸ BTO AMD 270c 3/16 @ 5.10\n{reply}", on=WED)
    _order(parsed, "AMD", price)
    assert [(leg.side, leg.quantity, leg.type, leg.strike) for leg in parsed.legs] == [
        ("buy", count, "call", Decimal("270"))
    ]
    assert parsed.legs[0].expiration == MAR_16


def test_a_reply_at_market_and_a_closing_reply_at_a_bare_price(parse: Parse) -> None:
    at_market = parse(
        "> 📡 Kestrel ▸ BTO SPY 966c 1dte @ 2.35\n1 for me at mkt, it's a lotto", on=FRI
    )
    assert at_market.kind == "order" and at_market.order_type == "market"
    out = parse("> 📡 Kestrel ▸ STC SPY 976c 0dte @ 2.30\nout, 2.25", on=FRI)
    _order(out, "SPY", "2.25")
    assert out.legs[0].side == "sell" and out.price_effect == "credit"


def test_a_reply_that_writes_its_own_order_is_that_order(parse: Parse) -> None:
    parsed = parse(
        "> (reply to @Sam) BTO NVDA 235c 5/18\nin for 2, buy 2 NVDA 235c 5/18 @ 2.15", on=WED
    )
    _order(parsed, "NVDA", "2.15")
    assert parsed.legs[0].quantity == 2


def test_a_long_reply_line_is_no_take_up(parse: Parse) -> None:
    # (a reply is a few words; this line cost the start of the session's parser over a second,
    # see the closing note's speed figures)
    parsed = parse("> BTO SPY 600c 8/24 @ 1.00\nsame" + " " * 1900 + ",1.00", on=WED)
    assert parsed.kind == "none" or not parsed.sure or parsed.price is None


def test_a_price_with_its_credit_glued_on(parse: Parse) -> None:
    parsed = parse("sto 2 xsp 965/960 pcs next fri @ .45cr", on=FRI)
    _order(parsed, "XSP", "0.45")
    assert parsed.price_effect == "credit" and parsed.order_type == "limit"
    debit = parse("buy 1 spy 600c 3/16 @ 2.10db", on=FRI)
    _order(debit, "SPY", "2.10")
    assert debit.price_effect == "debit"


def test_a_detail_corrected_with_an_asterisk(parse: Parse) -> None:
    price = parse("buy 30 more amd @ 296.40 *269.40 gtc", on=FRI)
    _order(price, "AMD", "269.40")
    assert price.tif == "gtc"
    dated = parse("buy 1 amd 300c 2/17 *2/24 @ 2.10", on=WED)
    assert dated.legs[0].expiration == date(2040, 2, 24)
    bold = parse("**BTO** SPY 600c 2/24 @ 2.10", on=WED)
    _order(bold, "SPY", "2.10")


def test_day_after_another_word_is_a_kind_of_day(parse: Parse) -> None:
    pin = parse("BTO three SPX 10395/10410/10425 call flies 0dte lim3.10, pin day", on=FRI)
    assert pin.kind == "order" and pin.tif is None
    earnings = parse(
        "Opening 1 XSP 1050/1060/1070 iron fly 0dte @ 6.40 credit, NVDA day so only one", on=FRI
    )
    assert earnings.kind == "order" and earnings.tif is None
    for text in (
        "buy 1 SPY 600c 3/16 @ 1.20 lmt day",
        "Action: Sell to Open\nQuantity: 1\nSymbol: T 08/17/2040 33.00 C\nOrder Type: Limit\n"
        "Limit Price: $0.35\nTiming: Day",
        "sell to close 1 GOOGL 240 call, expiration 2040-03-16, limit price 8.10, "
        "time in force: day.",
    ):
        assert parse(text, on=FRI).tif == "day", text


def test_a_debit_spread_rolled_in_plain_english(parse: Parse) -> None:
    parsed = parse(
        "roll my 4 long SPX 9700/9500 PDS 7/20 out to the 9800/9600 PDS Aug for 26.10 debit",
        on=date(2040, 7, 12),
    )
    _order(parsed, "SPX", "26.10")
    assert parsed.price_effect == "debit"
    assert leg_keys(parsed) == sorted(
        [
            ("sell", None, 4, "put", Decimal("9700"), date(2040, 7, 20)),
            ("buy", None, 4, "put", Decimal("9500"), date(2040, 7, 20)),
            ("buy", None, 4, "put", Decimal("9800"), date(2040, 8, 17)),
            ("sell", None, 4, "put", Decimal("9600"), date(2040, 8, 17)),
        ]
    )


def test_a_roll_written_as_two_spreads_apart_by_a_slash(parse: Parse) -> None:
    parsed = parse(
        "roll: BTC 2 AAPL 335/330 PCS 2/3 / STO 2 AAPL 345/340 PCS 2/17 @ .65 credit",
        on=date(2040, 1, 20),
    )
    _order(parsed, "AAPL", "0.65")
    assert leg_keys(parsed) == sorted(
        [
            ("buy", "close", 2, "put", Decimal("335"), date(2040, 2, 3)),
            ("sell", "close", 2, "put", Decimal("330"), date(2040, 2, 3)),
            ("sell", "open", 2, "put", Decimal("345"), date(2040, 2, 17)),
            ("buy", "open", 2, "put", Decimal("340"), date(2040, 2, 17)),
        ]
    )


def test_a_contract_that_is_a_gtc_at_a_price_is_an_order_working(parse: Parse) -> None:
    working = parse(
        "TSLA 480/500 call spread Feb is a gtc at 7.85, not chasing. stock 462.80", on=WED
    )
    assert working.kind == "none" or not working.sure
    resting = parse("TSLA 480/500 call spread Feb is resting at 7.85", on=WED)
    assert resting.kind == "none" or not resting.sure
    order = parse("sell 1 TSLA 480c 3/16 @ 7.85 gtc", on=WED)
    _order(order, "TSLA", "7.85")
    assert order.tif == "gtc"


def test_a_reply_with_its_own_verb_on_the_alerts_side(parse: Parse) -> None:
    mine_too = parse("> 📡 Vega ▸ STC AMD 270c 3/16 @ 2.60\nplease sell my 1 too at 2.55", on=WED)
    _order(mine_too, "AMD", "2.55")
    assert [(leg.side, leg.quantity) for leg in mine_too.legs] == [("sell", 1)]
    trimmed = parse("> 📡 Vega ▸ trim NVDA 420c 3/16 @ 9.80\nsell 2 of my 4 at 9.80", on=FRI)
    _order(trimmed, "NVDA", "9.80")
    assert [(leg.side, leg.quantity) for leg in trimmed.legs] == [("sell", 2)]
    # the other side of the alert is not the alert taken up
    other_side = parse("> 📡 Vega ▸ BTO NVDA 420c 3/16 @ 9.80\nsell 2 of my 4 at 9.80", on=FRI)
    assert other_side.kind == "none" or not other_side.sure


def test_out_of_all_the_writers_contracts_at_market(parse: Parse) -> None:
    parsed = parse(
        "> 📡 Vega ▸ STC AMD 270c 3/16 @ 2.60\n> stopped. 258 broke, no hero stuff\n"
        "out of all 6, mkt",
        on=WED,
    )
    assert parsed.kind == "order" and parsed.order_type == "market"
    assert [(leg.side, leg.quantity) for leg in parsed.legs] == [("sell", 6)]


def test_a_relayed_roll_taken_up_for_the_writers_count(parse: Parse) -> None:
    parsed = parse(
        "> 📡 ThetaDesk ▸ roll the XSP 935/930 PCS 3/9 up and out to the 955/950 PCS 3/16 "
        "for a .45 credit\nsame for my 3",
        on=date(2040, 2, 27),
    )
    _order(parsed, "XSP", "0.45")
    assert parsed.price_effect == "credit"
    assert sorted((leg.side, leg.quantity, leg.strike) for leg in parsed.legs) == [
        ("buy", 3, Decimal("935")),
        ("buy", 3, Decimal("950")),
        ("sell", 3, Decimal("930")),
        ("sell", 3, Decimal("955")),
    ]
