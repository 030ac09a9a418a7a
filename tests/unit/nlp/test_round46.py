"""Round 46 (session of 2026-12-07): a line under the order that corrects it ("*650 straddle",
"edit: .25", "make that the 1005p, .80", "~~13.55~~ 13.60", "3 → 6") gives the order meant; a
line with nothing new ("scratch that, letting it expire") or a fill ("*filled at 1.08") does
not. An order between a short closed lead and a remark ("F 11.41, the 11.5p are in the money
now. roll my 5 short ...") is read; a remark about another contract is not the order's story;
a question to the room alone after an order is asked about unless it points at the order. A
phone's signature, a "no" someone else said, waiting denied, a short status line over the
order's line, a self-answered question; Italian "due" after a verb and past participles; a
strike in words before a date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import leg_keys

from nlp import ParsedOrder
from nlp._correction_line import apply_correction_line

Parse = Callable[..., ParsedOrder]
MON = date(2041, 12, 9)
WED = date(2041, 12, 11)
D = Decimal


def _order(parsed: ParsedOrder, underlying: str, price: str | None) -> None:
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.underlying == underlying
    assert parsed.price == (Decimal(price) if price is not None else None)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("BTO 1 NFLX 900 straddle 12/20 @ 61.50\n*910 straddle, it's 907 now",
         "BTO 1 NFLX 910 straddle 12/20 @ 61.50"),
        ("STO 1 SPX 9800/9850 CCS 12/27 @ 3.90\n*9850/9900, 2.45",
         "STO 1 SPX 9850/9900 CCS 12/27 @ 2.45"),
        ("BTC 2 QQQ 880/875 PCS 12/27 @ .35\nedit: .30", "BTC 2 QQQ 880/875 PCS 12/27 @ .30"),
        ("STO 1 MSFT 600p @ 4.10\nedit: 1/17 exp, forgot it", "STO 1 MSFT 600p 1/17 @ 4.10"),
        ("sell 300 T at 27.55\n~~27.55~~ 27.60, it's right there", "sell 300 T at 27.60"),
        ("BTO 2 IWM 330c 0dte @ .80\n2 → 4, adding", "BTO 4 IWM 330c 0dte @ .80"),
        ("BTO 2 SPY 990p 0dte @ 1.05\nmake that the 988p, .85", "BTO 2 SPY 988p 0dte @ .85"),
        ("STO 2 XSP 960/955 PCS EOW @ .30\nedit: 12/23 not EOW, .44",
         "STO 2 XSP 960/955 PCS 12/23 @ .44"),
        ("sell 1 NVDA 400c 12/27 @ 7.10\nsorry STC 2, all of them",
         "STC 2 NVDA 400c 12/27 @ 7.10"),
        ("BTO 2 AAPL 300c 12/20 @ 3.10\nagh, 305c not 300c. 1.95",
         "BTO 2 AAPL 305c 12/20 @ 1.95"),
        ("BTO 3 QQQ 880c 0dte @ .60\n881c* .41", "BTO 3 QQQ 881c 0dte @ .41"),
        ("STC 3 SPY 990p 0dte @ 1.20 make it two, holding 1", "STC 2 SPY 990p 0dte @ 1.20"),
        ("hi! please buy 1 F 13c 12/20 at .15\nsorry i mean 12/27, the week after",
         "hi! please buy 1 F 13c 12/27 at .15"),
    ],
)  # fmt: skip
def test_a_line_under_the_order_corrects_it(text: str, meant: str) -> None:
    assert apply_correction_line(text) == meant


@pytest.mark.parametrize(
    "text",
    [
        "STC 1 SPXW 9700/9650 PCS 12/20 @ .05\nscratch that, not worth it, letting it expire",
        "BTO 3 SPY 990c 0dte @ 1.10\n*filled at 1.08",
        "STC 2 SPY 990p 0dte @ 1.55\n*if it won't fill in 15 min I'll take 1.40",
        "buy 100 KO at 60.10\nsorry, wrong channel",
        "sell 2 SPY 600c 12/20 @ 1.20\nwait 5 min",
        "BTO 1 SPY 600c 12/20 @ 1.20\n*" + "1 " * 80,
        "he bought 2 SPY 600c @ 1.20\n*1.25",
    ],
)
def test_a_line_with_nothing_new_is_no_correction(text: str) -> None:
    assert apply_correction_line(text) == text


def test_the_corrected_order_is_read(parse: Parse) -> None:
    parsed = parse("STO 1 MSFT 610p 12/27 @ 3.40\nedit: make it 2 and the 600p, 2.30", on=WED)
    _order(parsed, "MSFT", "2.30")
    assert leg_keys(parsed) == [("sell", "open", 2, "put", D("600"), date(2041, 12, 27))]
    withdrawn = parse("BTC 1 IWM 300/295 PCS 12/20 @ .05\nscratch that, letting it expire", on=WED)
    assert withdrawn.kind == "none"


def test_an_order_between_a_short_closed_lead_and_a_remark(parse: Parse) -> None:
    rolled = parse(
        "F 11.41, the 11.5p 12/13 are in the money now. roll my 5 short F 11.5p 12/13 down"
        " and out to the 11p 12/27 for a .04 credit.",
        on=MON,
    )
    _order(rolled, "F", "0.04")
    assert len(rolled.legs) == 2
    other = parse(
        "SOFI 18.20 and IV went up on the downgrade. STO 3 SOFI 20c 1/17 @ .41 against the 300"
        " shares. the 19c I bought back thursday for .12 would be .55 now",
        on=MON,
    )
    _order(other, "SOFI", "0.41")
    assert not other.sure  # talk follows it: asked about first


def test_a_short_lead_reporting_a_trade_keeps_its_order_a_detail(parse: Parse) -> None:
    took = parse("Took profits on AMD. STC 2 AMD 200c 12/20 @ 6.30", on=MON)
    assert took.kind == "none" or not took.sure


def test_a_question_to_the_room_alone_after_the_order(parse: Parse) -> None:
    parsed = parse("buy 200 T at 27.80 day order. anyone else buying the yield?", on=MON)
    _order(parsed, "T", "27.80")
    about_it = parse("BTO 3 RKLB 20c 12/20 @ .40, anyone else think it runs?", on=MON)
    assert about_it.kind == "none" or not about_it.sure


@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        ("sell 100 shares of T at 27.55 day order\n-- sent from my iPad", "T", "27.55"),
        ("BTC 2 XSP 960/955 PCS 12/20 @ .62 😤 PPI said no", "XSP", "0.62"),
        ("should I have sold the hedge yesterday? yes. STC 1 SPY 980p 12/20 @ 4.60", "SPY", "4.60"),
        ("XLE 99, the draw did it\nsell 100 XLE at 99.10\nnot waiting for 102", "XLE", "99.10"),
        ("XOM broke 112\nsell 100 XOM at market\nstop hit", "XOM", None),
    ],
)  # fmt: skip
def test_talk_that_does_not_take_the_order_back(
    parse: Parse, text: str, underlying: str, price: str | None
) -> None:
    _order(parse(text, on=MON), underlying, price)


def test_a_phone_signature_does_not_make_a_report_an_order(parse: Parse) -> None:
    assert parse("sold 100 shares of T at 27.55\nSent from my iPhone", on=MON).kind == "none"


def test_italian_two_after_a_verb_and_past_participles(parse: Parse) -> None:
    parsed = parse("compro due SPY 1000c scadenza oggi a 1,80", on=MON)
    assert [leg.quantity for leg in parsed.legs] == [2]
    report = parse("tenute le SPY 1000c fino alla chiusura: valevano 0,50", on=MON)
    assert report.kind == "none" or not report.sure


def test_a_strike_in_words_before_a_date(parse: Parse) -> None:
    parsed = parse("please buy two SOFI eleven 12/20 at ten cents", on=MON)
    assert [(leg.quantity, leg.strike) for leg in parsed.legs] == [(2, D("11"))]
    assert parsed.price == D("0.10")


@pytest.mark.parametrize(
    ("text", "side", "count", "price"),
    [
        ("> BTO NVDA 420c 12/20 @ 6.40\nmissed this friday. 2 at 6.90", "buy", 2, "6.90"),
        ("> 🔔 AlertBot | juno | BTO COIN 440c 12/20 @ 7.50\nlate to the party, in for 2 at 9.40",
         "buy", 2, "9.40"),
        ("> BTO SPY 1000c 0dte @ 1.95\nopex lotto 🎰 1 at mkt", "buy", 1, None),
        ("> ❌ STC QQQ 920c 12/13 @ .40, cut it\nstc 2 @ .40, ouch", "sell", 2, "0.40"),
        ("> BTO QQQ 895p 12/13 @ 3.05\ntwo of these at 3.10, let's go", "buy", 2, "3.10"),
        ("> STO IWM 350/345 PCS 12/27 @ .55\ngood to me so far. please sell 1 at .55",
         "sell", 1, "0.55"),
        ("> BTO TSLA 510p 12/20 @ 8.80\nI'll take the other side, 1 @ 9.60", "sell", 1, "9.60"),
        ("> BTO SPY 1045c 0dte @ .85\nfading this.\nsell 2 at .90", "sell", 2, "0.90"),
    ],
)  # fmt: skip
def test_a_reply_after_a_sentence_of_its_own_takes_the_alert_up(
    parse: Parse, text: str, side: str, count: int, price: str | None
) -> None:
    parsed = parse(text, on=MON)
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.price == (D(price) if price else None)
    assert {leg.quantity for leg in parsed.legs} == {count}
    first = (
        parsed.legs[0]
        if len(parsed.legs) == 1
        else max(parsed.legs, key=lambda leg: leg.strike or 0)
    )
    assert first.side == side


def test_a_reply_changes_the_alert_in_its_lead(parse: Parse) -> None:
    strike = parse("> BTO META 950c 1/17 @ 18.20\nI'll take the 960s instead, 1 @ 14.90", on=MON)
    assert [(leg.strike, leg.expiration) for leg in strike.legs] == [(D("960"), date(2042, 1, 17))]
    month = parse("> BTO TSLA 510p 12/20 @ 8.80\nsame strike, january ones. 1 @ 19.40", on=MON)
    assert [leg.expiration for leg in month.legs] == [date(2042, 1, 17)]
    missed = parse("> BTO NVDA 420c 12/27 @ 6.40\nmissed this friday. 2 at 6.90", on=MON)
    assert [leg.expiration for leg in missed.legs] == [date(2041, 12, 27)]


@pytest.mark.parametrize(
    "text",
    [
        "Robinhood\nOrder executed ✔\nBuy to open · META $560 Call 12/20\n1 contract at $11.48",
        "> BTO SPY 1000c 12/20 @ 1.20\nholding these through fomc, 2 in at 1.70",
        "> BTO SPY 1000c 12/20 @ 1.20\nsell 2 at 1.50",
    ],
)
def test_lines_under_an_alert_that_do_not_take_it_up(parse: Parse, text: str) -> None:
    assert parse(text, on=MON).kind == "none"


@pytest.mark.parametrize(
    ("text", "count", "price"),
    [
        ("opening the put spread:\n| Action | Qty | Ticker | Strikes | Exp | Limit |\n"
         "|---|---|---|---|---|---|\n| STO | 3 | SPY | 985/980 PCS | 12/20 | 0.92 |", 3, "0.92"),
        ("going in now:\nBTO\tAAPL\t370\tC\t12/20\t2\t4.15", 2, "4.15"),
        ("cutting it:\nAction,Symbol,Expiry,Strike,Type,Qty,Limit\n"
         "Sell to Close,TSLA,2041-12-20,550,Call,2,6.40", 2, "6.40"),
        ("order: STC,COIN,12/27,420,P,1,11.80", 1, "11.80"),
        ("**ENTRY**\n| Ticker | $TSLA |\n| Action | BTO |\n| Contract | 560C 12/27 |\n"
         "| Size | 2 |\n| Price | 14.20 |", 2, "14.20"),
        ("row 44 going in:\nBTO\tNVDA\t440\t\t12/27\t2\t6.90", 2, "6.90"),
        ("pre-Fed:\n| Action | Qty | Ticker | Strikes | Exp | Limit |\n|---|---|---|---|---|---|\n"
         "| BTC | 2 | QQQ | 840/835 PCS | 12/27 | 0.25 |\n"
         "| hold | 1 | SPY | 1050/1055 CCS | 12/27 | |",
         2, "0.25"),
    ],
)  # fmt: skip
def test_an_order_written_as_a_table_row(parse: Parse, text: str, count: int, price: str) -> None:
    parsed = parse(text, on=MON)
    assert parsed.kind == "order", parsed.to_dict()
    assert {leg.quantity for leg in parsed.legs} == {count}
    assert parsed.price == D(price)


@pytest.mark.parametrize(
    "text",
    [
        "my book:\n| Ticker | Qty | Strike | Exp |\n|---|---|---|---|\n| SPY | 2 | 985p | 12/20 |\n"
        "| QQQ | 1 | 840p | 12/27 |",
        "yesterday's fills:\n| BTO | 2 | SPY | 985p | 12/20 | 1.10 |\n"
        "| STC | 2 | SPY | 985p | 12/20 | 1.60 |",
    ],
)
def test_a_table_of_positions_or_fills_is_no_order(parse: Parse, text: str) -> None:
    parsed = parse(text, on=MON)
    assert parsed.kind == "none" or not parsed.sure


@pytest.mark.parametrize(
    "text",
    [
        "sell 35 PLTR stop 221 gtc, replaces the old 218 one",
        "buy 60 TSLA stop 566 gtc, replaces the 40",
        "sell 150 DKNG stop 60.40 limit 60.20 gtc",
        "buy 60 TSLA stop 562 limit 565 gtc, earnings tonight",
        "sell 50 GOOGL on a 3% trailing stop gtc",
        "sell 100 PLTR stop-loss at 212.40",
    ],
)
def test_a_stop_order_is_refused_not_placed_at_another_price(parse: Parse, text: str) -> None:
    parsed = parse(text, on=MON)
    assert parsed.kind == "none"
    assert any("stop order" in note for note in parsed.notes)


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("BTO 60 PLTR @ 214.30, stop 208 under the base", "214.30"),
        ("buy 100 KO at 60 with a stop at 58", "60"),
        ("sell 2 SPY 600c 12/20 @ 1.20 stop 0.80", "1.20"),
    ],
)
def test_a_stop_after_the_price_is_the_exit_plan(parse: Parse, text: str, price: str) -> None:
    assert parse(text, on=MON).price == D(price)


@pytest.mark.parametrize(
    "text",
    [
        "🎯 ZeroBot | Tomas | BTO SPX 10480c 0DTE @ 3.90 | gap fill long",
        "🚨 AlertBot · Rae\nSTC LEN 165p 12/20 @ 5.10\n+59% · done before the fed",
        "🔔 AlertBot | SPY 0DTE | BTO SPY 990C @ .70 | SL .45",
    ],
)
def test_an_alert_bots_trade_is_asked_about(parse: Parse, text: str) -> None:
    parsed = parse(text, on=MON)
    assert parsed.kind == "order", parsed.to_dict()
    assert not parsed.sure


@pytest.mark.parametrize(
    "text",
    [
        "🔔 AlertBot | SPY 0DTE | BTO SPY 990C @ .70 | SL .45\nstopped at .45 lol. -75 on 3",
        "🌊 FlowBot | SWEEP | NVDA 430c 12/20 | $2.1M @ 6.10 ask",
    ],
)
def test_a_bots_data_or_a_reply_under_it_is_no_order(parse: Parse, text: str) -> None:
    assert parse(text, on=MON).kind == "none"


def test_a_roll_written_ticker_first_leg_by_leg(parse: Parse) -> None:
    parsed = parse("AAPL x3 BTC 12/13 342.5c STO 12/20 347.5c for .35 cr", on=MON)
    _order(parsed, "AAPL", "0.35")
    assert leg_keys(parsed) == [
        ("buy", "close", 3, "call", D("342.5"), date(2041, 12, 13)),
        ("sell", "open", 3, "call", D("347.5"), date(2041, 12, 20)),
    ]
    month_first = parse("roll my last long NVDA 430c Jan up and out to the Feb 460c for 2.40 cr")
    assert [leg.strike for leg in month_first.legs] == [D("430"), D("460")]


def test_a_bid_or_an_offer_on_a_count_is_a_limit_order(parse: Parse) -> None:
    bid = parse("bid 1.10 on 4 INSM 135c 12/20 (.85 x 1.45)", on=MON)
    assert leg_keys(bid) == [("buy", None, 4, "call", D("135"), date(2041, 12, 20))]
    assert bid.price == D("1.10")
    offer = parse("offer 2.40 on 3 XBI 95c 12/20", on=MON)
    assert [leg.side for leg in offer.legs] == ["sell"]
    assert parse("bid .85 at the open, nobody filled me", on=MON).kind == "none"


def test_a_later_trade_planned_after_the_order_does_not_condition_it(parse: Parse) -> None:
    parsed = parse(
        "sell 100 T at 30.85. I keep the other 200 shares and I'll buy this lot back under"
        " 29.50 if it comes back. It's trimming, not a call on the company.",
        on=MON,
    )
    _order(parsed, "T", "30.85")
    taken_back = parse("buy 1 ADBE 600c 1/17 @ 11.80, not the 620c. nah, not today", on=MON)
    assert taken_back.kind == "none"


def test_the_one_order_sentence_of_a_long_post_is_read_alone(parse: Parse) -> None:
    parsed = parse(
        "OPEC gave the market an excuse to gap down to 1,091.90, and it was bought in the first"
        " hour. What interests me is the call side: VIX popped to 15.9 and the upside calls got"
        " bid with it. STO 1 XSP 1130/1135 CCS 12/27 @ .55. That's 3.2% above the market with"
        " two weeks left.",
        on=MON,
    )
    _order(parsed, "XSP", "0.55")
    assert [leg.strike for leg in parsed.legs] in ([D("1130"), D("1135")], [D("1135"), D("1130")])
    assert not parsed.sure
