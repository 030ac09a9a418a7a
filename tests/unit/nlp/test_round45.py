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


@pytest.mark.parametrize(
    ("text", "side", "count", "type_", "strike", "expiration", "price"),
    [
        ("vendo 2 E 35 call febbraio a 0,45", "sell", 2, "call", "35", date(2041, 2, 15), "0.45"),
        (
            "compro dos SPY 1020p vence mañana a 3,10",
            "buy",
            2,
            "put",
            "1020",
            date(2041, 1, 23),
            "3.10",
        ),
        (
            "compro 2 SPY 1022c scadenza oggi a 1,80",
            "buy",
            2,
            "call",
            "1022",
            date(2041, 1, 22),
            "1.80",
        ),
        (
            "kaufe drei QQQ 920 Call nächste Woche Limit 4,30",
            "buy",
            3,
            "call",
            "920",
            date(2041, 2, 1),
            "4.30",
        ),
        (
            "je vends 1 call TTE 80 échéance 15 février à 0,95",
            "sell",
            1,
            "call",
            "80",
            date(2041, 2, 15),
            "0.95",
        ),
        (
            "achat de 4 puts STLA 17 échéance 15/02 à 0,52",
            "buy",
            4,
            "put",
            "17",
            date(2041, 2, 15),
            "0.52",
        ),
        (
            "compro 2 opciones de venta SPY 1020 vencimiento 15/02 a 8,90",
            "buy",
            2,
            "put",
            "1020",
            date(2041, 2, 15),
            "8.90",
        ),
        (
            "BTC 2 NVDA 400/395 put spread 25 ene @ 0.20",
            "buy",
            2,
            "put",
            "400",
            date(2041, 1, 25),
            "0.20",
        ),
    ],
)
def test_order_words_of_other_languages(
    parse: Parse,
    text: str,
    side: str,
    count: int,
    type_: str,
    strike: str,
    expiration: date,
    price: str,
) -> None:
    parsed = parse(text, on=date(2041, 1, 22))
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.price == Decimal(price)
    leg = next(leg for leg in parsed.legs if leg.strike == Decimal(strike))
    assert (leg.side, leg.quantity, leg.type, leg.expiration) == (side, count, type_, expiration)


@pytest.mark.parametrize(
    ("text", "strike", "price", "count"),
    [
        ("buy two TSLA four-twenty calls this Friday at five-twenty", "420", "5.20", 2),
        ("sell both QQQ eight-sixty puts EOW at three bucks", "860", "3.00", 2),
        ("sell my WMT one-twenty straddle this Friday at three-sixty", "120", "3.60", 1),
        ("buy one NVDA 840 straddle next week for sixty-two even", "840", "62", 1),
        ("BTC 2 QQQ 830/825 PCS 2/22 @ a buck five", "830", "1.05", 2),
        ("BTO 3 MSFT six-forty calls April @ fourteen-ten", "640", "14.10", 3),
    ],
)
def test_strikes_and_prices_said_in_words(
    parse: Parse, text: str, strike: str, price: str, count: int
) -> None:
    parsed = parse(text, on=date(2041, 2, 12))
    assert parsed.kind == "order" and parsed.order_type == "limit", parsed.to_dict()
    assert parsed.price == Decimal(price)
    assert Decimal(strike) in {leg.strike for leg in parsed.legs}
    assert {leg.quantity for leg in parsed.legs} == {count}


def test_a_share_count_in_thousands_and_a_verb_ticker_at_market(parse: Parse) -> None:
    tos = parse("SELL -1,000 VALE @10.95 LMT GTC", on=FRI)
    assert [(leg.side, leg.quantity, leg.type) for leg in tos.legs] == [("sell", 1000, "equity")]
    grab = parse("buy 2,000 GRAB, market order", on=FRI)
    assert grab.underlying == "GRAB" and grab.order_type == "market"
    assert grab.legs[0].quantity == 2000


def test_a_weekday_that_times_something_else_is_no_expiration(parse: Parse) -> None:
    parsed = parse("sell 4,000 SNDL at 1.71, half the position before thursday's earnings", on=WED)
    assert [(leg.quantity, leg.type, leg.expiration) for leg in parsed.legs] == [
        (4000, "equity", None)
    ]
    assert parsed.missing == ()


def test_a_social_post_copied_in_is_not_the_writers_order(parse: Parse) -> None:
    parsed = parse("[OCR] gammaqueen @gammaqueen · 2m\nSTC META 900C 9/23 @ 10.20 🎯 +31%", on=WED)
    assert parsed.kind == "none"


def test_a_question_to_the_room_after_the_order(parse: Parse) -> None:
    parsed = parse(
        "STO 2 XSP 1000/995 PCS 4/26 @ .62. anyone else selling premium before the print?", on=WED
    )
    _order(parsed, "XSP", "0.62")
    assert not parsed.sure  # asked about first
    about_it = parse("buy 1 SPY 600c 4/26 @ 1.20. anyone think this is dumb?", on=WED)
    assert about_it.kind == "none" or not about_it.sure


def test_a_short_credit_spread_rolled(parse: Parse) -> None:
    parsed = parse(
        "roll my short NFLX 1550/1575 CCS 9/28 up and out to the 1575/1600 CCS 10/5 "
        "for a .40 credit",
        on=date(2040, 9, 18),
    )
    _order(parsed, "NFLX", "0.40")
    assert len(parsed.legs) == 4 and parsed.price_effect == "credit"


def test_an_order_in_a_code_block_with_a_remark_after_it(parse: Parse) -> None:
    parsed = parse(
        "```\nSELL -2 VERTICAL XSP 100 22 MAR 41 990/985 PUT @.34 LMT GTC\n```\n"
        "weekly put spread, same recipe as always 🧘",
        on=date(2041, 3, 11),
    )
    _order(parsed, "XSP", "0.34")
    assert parsed.tif == "gtc" and not parsed.sure  # asked about first
    for shown in (
        "pinned message:\n```\nBTO 1 SPY 660c 2/12 @ 2.00\n```\nswap in your own ticker and strike",
        "```\nBUY 3 PFE 2029-07-20 30 CALL LIMIT 0.52\n```\nis the date format right for the bot?",
        "```\nBTO 2 AMD 170c 6/4 @ 2.25\n```\nthat one filled yesterday, up 40%",
    ):
        assert parse(shown, on=date(2029, 6, 1)).kind == "none", shown


def test_a_heading_naming_an_earlier_order_is_not_rescued(parse: Parse) -> None:
    assert parse("old order: BTO 4 IWM 220p 2/21 @ 2.15", on=date(2026, 2, 10)).kind == "none"
