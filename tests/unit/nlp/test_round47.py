"""Round 47 (session of 2026-12-07): a heading that says the order under it is not to be sent
("not sending this one:", "dont send yet -") makes the message no order; a heading that turns
down a trade of its own does not. An order that points at a row of the positions pasted above
or below it ("STC the TSLA line, both @ 21.90", "BTC rows 3-4, all five @ .22", "cut 1) @ .60",
"take profits on the JPM from 09:31, 3 @ 4.45") trades that row's contract; a pointer in talk, or
beside a contract the order names itself ("... against row 1"), does not; an order that leaves
out its expiration or strike takes them from the one row holding its contract ("sell 2 of the
SPY 975 calls @ 8.20"). "The open" and "the
close" after a word of time are the session, not an effect. Corrections on lines one under
another apply in turn, under an alert's emoji too, with shares, spreads, "4x", a day order,
a market order, a side written in words and struck values in a row; a reply under an
alert that writes a whole contract of its own is that order. A single option and a credit
spread sold together (a jade lizard: "880p + 990/1000 CCS") are three legs, not a vertical. A
contract then "in at" a price, before any action, reports a position entered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder
from nlp._parser import UNSENT_NOTE

Parse = Callable[..., ParsedOrder]
MON = date(2042, 9, 8)
D = Decimal


@pytest.mark.parametrize(
    "text",
    [
        "not sending this one:\nBTO 2 SPY 600c 9/19 @ 2.15",
        "not placing this yet -\nSTO 1 IWM 230/225 PCS 9/19 @ .85",
        "draft, not sending yet:\nBTO 2 SPY 600c 9/19 @ 2.15",
        "dont send:\nsell 100 F @ 12.40",
        "sheet row I'm not sending, just logging it:\nSTC 2 GOOGL 190c 9/19 @ 9.00",
    ],
)
def test_a_heading_that_keeps_the_order_unsent_makes_it_no_order(text: str, parse: Parse) -> None:
    parsed = parse(text, on=MON)
    assert parsed.kind == "none"
    assert UNSENT_NOTE in parsed.notes


@pytest.mark.parametrize(
    "text",
    [
        "F 13.38, not taking 500 F at 13.50:\nBuy to Close 5 F 9/19 13.50 P, Limit $0.14, Day",
        "not doing the 600c, instead:\nBTO 2 SPY 605c 9/19 @ 2.15",
        "BTO 2 SPY 600c 9/19 @ 2.15\nnot sending the other one",
    ],
)
def test_a_heading_about_another_trade_keeps_the_order(text: str, parse: Parse) -> None:
    assert parse(text, on=MON).kind == "order"


OCT = date(2039, 10, 17)
POSITIONS = (
    "Instrument               Position   Avg Price      Last\n"
    "AAPL STK                      300      331.20    342.60\n"
    "AAPL Nov18'39 370 Call         -2        3.10      1.70\n"
    "MSFT STK                      100      602.50    646.00\n"
    "META Dec16'39 900 Call          3       23.80     19.60\n"
)
CARDS = (
    "AMD $265 Call 10/28 · 2 contracts · avg $6.20 · mark $6.40\n"
    "TSLA $600 Call 11/18 · 2 contracts · avg $15.55 · mark $21.90\n"
)
SPREADS = (
    "```\n"
    "Instrument                                  Qty    Trade    Mark\n"
    "SPX 100 18 NOV 39 9300 PUT                   +1    14.20    9.10\n"
    "SPX 100 18 NOV 39 9350 PUT                   -1    18.60   11.30\n"
    "XSP 100 (Weeklys) 28 OCT 39 915 PUT          -5     1.25     .30\n"
    "XSP 100 (Weeklys) 28 OCT 39 910 PUT          +5      .50     .08\n"
    "```\n"
)
SHEET = (
    "| # | position | qty | open | mark |\n"
    "|---|---|---|---|---|\n"
    "| 1 | KO 80p 12/16 | -6 | 1.65 | 1.50 |\n"
    "| 2 | T 30c 11/18 | -2 | .30 | .27 |\n"
)
CSV = "NFLX,2039-10-21,1380,P,-2,15.80,15.60\nNFLX,2039-10-21,1600,C,-2,15.50,16.20\n"
FILLS = (
    "10/14/39 09:31:12  BOT +3 JPM 100 (Weeklys) 28 OCT 39 315 CALL @3.40  FILLED\n"
    "10/14/39 09:44:10  BOT +2 AAPL 100 (Weeklys) 28 OCT 39 355 CALL @3.40  FILLED\n"
)
ALERTS = "1) QQQ 856p x5 @ 1.10 → .60\n2) QQQ 857c x5 @ 1.00 → 1.70\n"


def _legs(parsed: ParsedOrder) -> set[tuple[str, str | None, int, str, str | None, str | None]]:
    return {
        (
            leg.side,
            leg.effect,
            leg.quantity,
            leg.type,
            None if leg.strike is None else format(leg.strike.normalize(), "f"),
            None if leg.expiration is None else leg.expiration.isoformat(),
        )
        for leg in parsed.legs
    }


@pytest.mark.parametrize(
    ("text", "legs", "price"),
    [
        (CARDS + "STC the TSLA line, both @ 21.90",
         {("sell", "close", 2, "call", "600", "2039-11-18")}, "21.90"),
        (CARDS + "sell 1 of the TSLA line @ 21.90, holding one through earnings",
         {("sell", None, 1, "call", "600", "2039-11-18")}, "21.90"),
        (CARDS + "BTO 1 more of the AMD line @ 6.40",
         {("buy", "open", 1, "call", "265", "2039-10-28")}, "6.40"),
        (POSITIONS + "sell the MSFT STK row, all 100 @ 648.20 gtc",
         {("sell", None, 100, "equity", None, None)}, "648.20"),
        (POSITIONS + "buy to close row 2 @ 1.85",
         {("buy", "close", 2, "call", "370", "2039-11-18")}, "1.85"),
        (SPREADS + "bounce came fast. BTC rows 3-4, all five @ .22",
         {("buy", "close", 5, "put", "915", "2039-10-28"),
          ("sell", "close", 5, "put", "910", "2039-10-28")}, "0.22"),
        ("BTC 3 of row 1 @ 1.50, half off before KO reports. sheet:\n" + SHEET,
         {("buy", "close", 3, "put", "80", "2039-12-16")}, "1.50"),
        (SHEET + "T is running at 30, I want to keep the shares. BTC row 2 @ .36",
         {("buy", "close", 2, "call", "30", "2039-11-18")}, "0.36"),
        (CSV + "STO 1 more of rows 1-2 @ 30.80",
         {("sell", "open", 1, "put", "1380", "2039-10-21"),
          ("sell", "open", 1, "call", "1600", "2039-10-21")}, "30.80"),
        (FILLS + "take profits on the JPM from 09:31, 3 @ 4.45",
         {("sell", None, 3, "call", "315", "2039-10-28")}, "4.45"),
        (ALERTS + "cut 1) @ .60", {("sell", None, 5, "put", "856", None)}, "0.60"),
    ],
)  # fmt: skip
def test_an_order_pointing_at_a_row_trades_that_row(
    text: str,
    legs: set[tuple[str, str | None, int, str, str | None, str | None]],
    price: str,
    parse: Parse,
) -> None:
    parsed = parse(text, on=OCT)
    assert parsed.kind == "order", parsed.to_dict()
    assert _legs(parsed) == legs
    assert parsed.price == D(price)


@pytest.mark.parametrize(
    "text",
    [
        POSITIONS + "STO 3 AAPL Nov18'39 370 Call @ 3.10 against the AAPL STK row",
        SHEET + "if KO loses 78 I buy back row 1, otherwise it can expire",
        CARDS + "should have sold the TSLA line yesterday at 22.40",
        CARDS + "the TSLA line is my best trade this year",
    ],
)
def test_a_row_pointer_in_talk_or_beside_an_own_contract_writes_no_row_order(
    text: str, parse: Parse
) -> None:
    parsed = parse(text, on=OCT)
    assert not (parsed.kind == "order" and parsed.underlying == "TSLA" and parsed.sure)
    assert all(leg.quantity != 300 for leg in parsed.legs)


FRI = date(2042, 10, 24)


@pytest.mark.parametrize(
    ("text", "side", "effect"),
    [
        ("pin fly into the close: buy 2 SPY 1015/1020/1025 call butterfly 0dte @ .60", "buy", None),
        ("into the close: buy 2 SPY 1015c 0dte @ .60", "buy", None),
        ("sell at the open: 2 SPY 1015c 0dte @ .60", "sell", None),
        ("STC 2 SPY 1015c 0dte @ .60 before the close", "sell", "close"),
        ("close the SPY 1015c 0dte @ .60", "sell", "close"),
    ],
)
def test_the_open_or_the_close_after_a_word_of_time_is_no_effect(
    text: str, side: str, effect: str | None, parse: Parse
) -> None:
    parsed = parse(text, on=FRI)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == side
    assert {leg.effect for leg in parsed.legs} == {effect}


DEC = date(2042, 12, 18)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("BTO 4 SPY 985c 0dte @ .80\n*984c\nugh *983c. fat thumbs today",
         "BTO 4 SPY 983c 0dte @ .80"),
        ("buy 10 shares of sofi at 30.40\nmake that 15 shares", "buy 15 shares of sofi at 30.40"),
        ("sell 100 F at 14.95\nsorry, 14.90 — and make it a day order", "sell 100 F at 14.90 day"),
        ("BTO 1 META ~~930c~~ ~~925c~~ 920c next month @ 14.10",
         "BTO 1 META 920c next month @ 14.10"),
        ("🚨 BTO $TSLA 570c 12/19 @ 9.40 🚨\nedit: STC!! closing, not adding",
         "STC $TSLA 570c 12/19 @ 9.40"),
        ("🚨 STC $SPY 980c 0dte @ 4.10 🚨\n*4.30 lmt", "STC $SPY 980c 0dte @ 4.30"),
        ("STC 3 SPY 986p 0dte @ 1.40\nedit: mkt, just get me out", "STC 3 SPY 986p 0dte at market"),
        ("STO 2 IWM 310/305 PCS Dec @ .52\nedit: 3 spreads", "STO 3 IWM 310/305 PCS Dec @ .52"),
        ("BTO 2 SPY 982c 0dte @ .70\nmake that 4x", "BTO 4 SPY 982c 0dte @ .70"),
        ("buy 3 KO 82.5c 1/16 @ .95\nsorry, sell not buy — covered calls on the 300 shares",
         "sell 3 KO 82.5c 1/16 @ .95"),
        ("BTO 5 SPY 976c 0dte @ 1.05 *977c", "BTO 5 SPY 977c 0dte @ 1.05"),
        ("BTC 3 XSP 960/955 PCS 12/19 @ .05\nedit: 2 spreads, not 3 — I only sold 2",
         "BTC 2 XSP 960/955 PCS 12/19 @ .05"),
    ],
)  # fmt: skip
def test_corrections_on_lines_one_under_another_apply_in_turn(
    text: str, meant: str, parse: Parse
) -> None:
    assert parse(text, on=DEC).to_dict() == parse(meant, on=DEC).to_dict()


def test_a_reply_writing_a_whole_contract_of_its_own_is_that_order(parse: Parse) -> None:
    text = (
        "> 🧊 ThetaBot | BTC SPX 10/17 9900/9880 PCS @ .30 | 79% of max, take it\n"
        "same for the 10/24 one: BUY +1 VERTICAL SPX 100 (Weeklys) 24 OCT 42 9850/9830 PUT @.45 LMT"
    )
    parsed = parse(text, on=date(2042, 10, 15))
    assert parsed.kind == "order"
    assert {(leg.side, leg.quantity, leg.strike) for leg in parsed.legs} == {
        ("buy", 1, D("9850")),
        ("sell", 1, D("9830")),
    }
    assert parsed.price == D("0.45")


LIST = (
    "-SPY391028C975    SPY OCT 28 2039 975 CALL        3     6.10     8.10\n"
    "F 11/18/2039 14.00 Call   x10   avg 0.21   last 0.29\n"
)


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        (LIST + "sell 2 of the SPY 975 calls @ 8.20, the third one rides",
         "sell 2 SPY 975c 10/28/2039 @ 8.20"),
        (LIST + "dump the SPY 975 call at market", "sell 1 SPY 975c 10/28/2039 at market"),
        (LIST + "please sell 5 of the F calls @ .29", "sell 5 F 14c 11/18/2039 @ .29"),
    ],
)  # fmt: skip
def test_an_order_leaving_out_its_expiration_takes_it_from_the_one_row_it_names(
    text: str, meant: str, parse: Parse
) -> None:
    parsed, alone = parse(text, on=OCT), parse(meant, on=OCT)
    assert parsed.kind == "order"
    assert _legs(parsed) == _legs(alone)
    assert (parsed.price, parsed.order_type) == (alone.price, alone.order_type)


def test_an_order_naming_a_contract_two_rows_hold_is_not_completed(parse: Parse) -> None:
    text = (
        "SPY 10/28/2039 975.00 Call   x3   avg 6.10\n"
        "SPY 11/18/2039 975.00 Call   x2   avg 9.10\n"
        "sell 2 of the SPY 975 calls @ 8.20"
    )
    parsed = parse(text, on=OCT)
    assert not (parsed.kind == "order" and parsed.sure and not parsed.missing)


APR = date(2043, 4, 21)


@pytest.mark.parametrize(
    ("text", "legs", "price", "effect"),
    [
        ("STO 1 QQQ 5/15 jade lizard: 880p + 990/1000 CCS @ 10.40",
         {("sell", "open", 1, "put", "880", "2043-05-15"),
          ("sell", "open", 1, "call", "990", "2043-05-15"),
          ("buy", "open", 1, "call", "1000", "2043-05-15")}, "10.40", "credit"),
        ("not holding a naked put through TSLA earnings. "
         "BTC 1 TSLA 5/15 jade lizard 520p + 700/720 CCS @ 9.60",
         {("buy", "close", 1, "put", "520", "2043-05-15"),
          ("buy", "close", 1, "call", "700", "2043-05-15"),
          ("sell", "close", 1, "call", "720", "2043-05-15")}, "9.60", "debit"),
        ("sell 1 QQQ 880p 5/15 plus the 990/1000 CCS for 10.40 credit",
         {("sell", None, 1, "put", "880", "2043-05-15"),
          ("sell", None, 1, "call", "990", "2043-05-15"),
          ("buy", None, 1, "call", "1000", "2043-05-15")}, "10.40", "credit"),
        ("sell to open 2 IWM 240c + 200/195 put credit spread May @ 2.10",
         {("sell", "open", 2, "call", "240", "2043-05-15"),
          ("sell", "open", 2, "put", "200", "2043-05-15"),
          ("buy", "open", 2, "put", "195", "2043-05-15")}, "2.10", "credit"),
    ],
)  # fmt: skip
def test_a_single_option_and_a_credit_spread_sold_together_are_three_legs(
    text: str,
    legs: set[tuple[str, str | None, int, str, str | None, str | None]],
    price: str,
    effect: str,
    parse: Parse,
) -> None:
    parsed = parse(text, on=APR)
    assert parsed.kind == "order"
    assert _legs(parsed) == legs
    assert (parsed.price, parsed.price_effect) == (D(price), effect)


@pytest.mark.parametrize(
    "text",
    [
        "GOOGL Jan 2045 400c in at 71.40. two LEAPS down, AMZN next",
        "NVDA 500c 1/15 in at 2.10",
        "MSFT 540c 8/17 in at 9.40. the 550c was 6.90, thought about it",
    ],
)
def test_a_contract_then_in_at_a_price_reports_a_position_entered(text: str, parse: Parse) -> None:
    assert parse(text, on=date(2043, 12, 15)).kind == "none"


def test_an_order_then_in_at_a_price_is_still_the_order(parse: Parse) -> None:
    assert parse("BTO NVDA 500c 1/15, in at 2.10", on=date(2043, 12, 15)).kind == "order"


JUL = date(2043, 7, 16)
BOARD = (
    "📋 PosBot · tomek\n"
    "1) QQQ 562c 7/16 · long 2 · avg 1.25 · mark 2.10\n"
    "2) SPX 6560c 7/17 · short 1 · avg 9.80 · mark 10.60\n"
)


@pytest.mark.parametrize(
    ("text", "legs"),
    [
        (BOARD + "STC 1) @ 2.10", {("sell", "close", 2, "call", "562", "2043-07-16")}),
        (BOARD + "close 2) at 10.60", {("buy", "close", 1, "call", "6560", "2043-07-17")}),
        ("OPEN ALERTS\n#7 TSLA 430c 7/24 · in 5.60 · now 13.40\n#8 AAPL 260c 7/31 · in 2.40\n"
         "🔔 STC #7 @ 13.40 — there's the print",
         {("sell", "close", 1, "call", "430", "2043-07-24")}),
        ("L1 MSFT 480c 1/15/44 · +1 · basis 92.40\nL2 MSFT 565c 7/31/43 · -1 · sold 2.10\n"
         "BTC L2 @ 1.05 good til canceled", {("buy", "close", 1, "call", "565", "2043-07-31")}),
    ],
)  # fmt: skip
def test_cards_with_long_or_short_sizes_and_lettered_rows_are_pointed_at(
    text: str, legs: set[tuple[str, str | None, int, str, str | None, str | None]], parse: Parse
) -> None:
    parsed = parse(text, on=JUL)
    assert parsed.kind == "order", parsed.to_dict()
    assert _legs(parsed) == legs
