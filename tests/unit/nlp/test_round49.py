"""Round 49 (session of 2026-12-07, sixteenth): readings that were sure and wrong. A time of day
after "from" leaves the price after it; a fill log's status word leaves its row readable; rows
pointed at under a quoted bot post; the contract the talk holds is not added to the order's
sentence; one whole order sentence wins over a sure whole reading that took the talk's numbers
or ticker (asked); "on 200 of my 300 F" counts the shares covered, not the contracts; a remark
after a dash is not a pointer's instruction; a weekday after a share order's price, or after
"ex", times an event; a capital C before its strikes or after the action's count is
Citigroup; "cancel ..." and "pulled my ..." withdraw an order and place none."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
D = Decimal

Legs = set[tuple[str, str | None, int, str | None, Decimal | None, date | None]]


def _legs(parsed: ParsedOrder) -> Legs:
    return {
        (leg.side, leg.effect, leg.quantity, leg.type, leg.strike, leg.expiration)
        for leg in parsed.legs
    }


FILLS = (
    "10/20/39 09:35:02  BOT +2 TSLA 100 (Weeklys) 21 OCT 39 570 CALL @9.80  FILLED\n"
    "10/20/39 09:36:30  BOT +1 SPY 100 (Weeklys) 21 OCT 39 972 CALL @1.60  FILLED\n"
)


def test_a_time_after_from_leaves_the_price(parse: Parse) -> None:
    parsed = parse("sell the 2 TSLA from 09:35 @ 12.40", on=date(2039, 10, 20))
    assert parsed.price == D("12.40")
    assert parsed.order_type == "limit"


def test_a_fill_logs_row_with_its_status_is_pointed_at(parse: Parse) -> None:
    parsed = parse(FILLS + "sell the 2 TSLA from 09:35 @ 12.40", on=date(2039, 10, 20))
    assert _legs(parsed) == {("sell", None, 2, "call", D(570), date(2039, 10, 21))}
    assert parsed.price == D("12.40")


def test_rows_pointed_at_under_a_quoted_bot_post(parse: Parse) -> None:
    text = (
        "> 📋 PosBot · wren\n"
        ">  1  XSP   391104P00915000  -5  mark 0.21\n"
        ">  2  XSP   391104P00910000  +5  mark 0.03\n"
        "BTC rows 1-2, all 5 @ .18"
    )
    parsed = parse(text, on=date(2039, 10, 20))
    assert parsed.underlying == "XSP"
    assert _legs(parsed) == {
        ("buy", "close", 5, "put", D(915), date(2039, 11, 4)),
        ("sell", "close", 5, "put", D(910), date(2039, 11, 4)),
    }


@pytest.mark.parametrize(
    "text",
    [
        "I hold 300 INTC shares + 3 short 42c 11/21. buying 3 INTC 36p 11/21 @ .55",
        "300 INTC shares + 3 short 42c 11/21, so buying 3 INTC 36p 11/21 @ .55",
        "300 INTC shares, so buying 3 INTC 36p 11/21 @ .55",
    ],
)
def test_the_talks_held_contracts_are_not_the_orders(parse: Parse, text: str) -> None:
    parsed = parse(text, on=date(2036, 11, 13))
    assert _legs(parsed) == {("buy", None, 3, "put", D(36), date(2036, 11, 21))}


@pytest.mark.parametrize(
    ("text", "underlying", "strikes"),
    [
        (
            "VIX 14.6 and CPI is wednesday, so I'm selling well below the market. XSP 1041.80,"
            " the 1000 strike is 4% under.\nSTO 2 XSP 1000/995 PCS 4/26 @ .62\nif CPI runs hot"
            " I roll it down, not out. anyone else selling premium before the print?",
            "XSP",
            {D(1000), D(995)},
        ),
        (
            "selling the vol spike, VIX 19\nSELL -1 IRON CONDOR SPX 100 17 MAY 41"
            " 10850/10900/9650/9600 CALL/PUT @9.80 LMT\n600 points either side with SPX at 10,236",
            "SPX",
            {D(10850), D(10900), D(9650), D(9600)},
        ),
    ],
)
def test_the_one_order_sentence_over_a_reading_of_the_talk(
    parse: Parse, text: str, underlying: str, strikes: set[Decimal]
) -> None:
    parsed = parse(text, on=date(2041, 4, 1))
    assert parsed.underlying == underlying
    assert {leg.strike for leg in parsed.legs} == strikes
    assert not parsed.sure  # the talk around it may still change it: asked first


@pytest.mark.parametrize(
    "text",
    [
        "`STO 2 F 13.5c 2041-04-05 @ .24` covered, on 200 of my 300 F",
        "STO 2 F 13.5c 4/5 @ .24 on 200 of my 300 F",
    ],
)
def test_the_shares_covered_are_no_count(parse: Parse, text: str) -> None:
    assert [leg.quantity for leg in parse(text, on=date(2041, 4, 1)).legs] == [2]


def test_a_remark_after_a_dash_is_not_the_pointers(parse: Parse) -> None:
    text = (
        "OPEN ALERTS\n"
        "#2 TSLA 420c 7/24 · in 5.10 · now 4.20\n"
        "#3 IWM 235/230 PCS 7/24 · in .70 cr · now .20\n"
        "#7 TSLA 430c 7/24 · in 5.60 · now 2.40\n"
        "🔔 STC #2 at market — stop hit, the 430c stays"
    )
    parsed = parse(text, on=date(2043, 7, 20))
    assert _legs(parsed) == {("sell", "close", 1, "call", D(420), date(2043, 7, 24))}
    assert parsed.order_type == "market"


@pytest.mark.parametrize(
    "text",
    [
        "short 200 $INTC @ 41.10, earnings thursday, stop 43",
        "• sell 100 XOM @ 142.10 gtc (the add from monday)\n• XLE stays",
    ],
)
def test_a_weekday_after_a_share_orders_price_is_no_expiration(parse: Parse, text: str) -> None:
    parsed = parse(text, on=date(2042, 7, 20))
    assert [leg.type for leg in parsed.legs] == ["equity"]
    assert not parsed.missing


def test_a_weekday_after_ex_dates_the_dividend(parse: Parse) -> None:
    text = (
        "roll my 3 short XOM 125c 9/14 out to the 128c 10/19 for a .40 credit, XOM goes ex thursday"
    )
    parsed = parse(text, on=date(2046, 9, 10))
    assert {leg.expiration for leg in parsed.legs} == {date(2046, 9, 14), date(2046, 10, 19)}


@pytest.mark.parametrize(
    ("text", "legs"),
    [
        (
            "open 3 C 122/120 PCS 1/12 for .18",
            {
                ("sell", "open", 3, "put", D(122), date(2046, 1, 12)),
                ("buy", "open", 3, "put", D(120), date(2046, 1, 12)),
            },
        ),
        ("sell 2 C 60p 1/16 @ .50", {("sell", None, 2, "put", D(60), date(2046, 1, 16))}),
        ("buy 40 C at 127.60", {("buy", None, 40, "equity", None, None)}),
    ],
)
def test_a_capital_c_before_its_strikes_or_price_is_citigroup(
    parse: Parse, text: str, legs: Legs
) -> None:
    parsed = parse(text, on=date(2046, 1, 10))
    assert parsed.underlying == "C"
    assert _legs(parsed) == legs


def test_a_capital_c_after_a_strike_is_still_a_call(parse: Parse) -> None:
    parsed = parse("BTO 3 SPY 600 C 1/16 @ 2.10", on=date(2046, 1, 10))
    assert _legs(parsed) == {("buy", "open", 3, "call", D(600), date(2046, 1, 16))}


@pytest.mark.parametrize(
    "text",
    [
        "cancel the QQQ 905p @ 1.10",
        "cancel the QQQ 905p, wrong strike. meant the 910",
        "pulled my F 13.50 gtc. keeping the last 100 and selling calls on them instead",
    ],
)
def test_a_cancel_places_no_order(parse: Parse, text: str) -> None:
    assert parse(text, on=date(2046, 8, 15)).kind == "none"


def test_a_new_order_after_a_cancel_stands(parse: Parse) -> None:
    parsed = parse(
        "cancel my 1.25 bid, it's gone. BTO 2 SPY 1012p 0dte @ 1.40", on=date(2046, 8, 15)
    )
    assert _legs(parsed) == {("buy", "open", 2, "put", D(1012), date(2046, 8, 15))}


@pytest.mark.parametrize(
    ("text", "legs", "price"),
    [
        (
            "bto 1 meta900/920 call debit spread 6/1@8.10db",
            {
                ("buy", "open", 1, "call", D(900), date(2046, 6, 1)),
                ("sell", "open", 1, "call", D(920), date(2046, 6, 1)),
            },
            "8.10",
        ),
        (
            "btc 2 xsp1110/1105pcs 5/25 @ .30",
            {
                ("buy", "close", 2, "put", D(1110), date(2046, 5, 25)),
                ("sell", "close", 2, "put", D(1105), date(2046, 5, 25)),
            },
            "0.30",
        ),
        (
            "buy five spy 1147 calls zero dte at 70 cents",
            {("buy", None, 5, "call", D(1147), date(2046, 5, 22))},
            "0.70",
        ),
        (
            "ORDER | BUY | 2 | MSFT VERTICAL 620/640 CALL | 21APR46 | 6.75 LMT | GTC",
            {
                ("buy", None, 2, "call", D(620), date(2046, 4, 21)),
                ("sell", None, 2, "call", D(640), date(2046, 4, 21)),
            },
            "6.75",
        ),
        (
            "SELL -1 STRANGLE LOW 100 (Weeklys) 25 MAY 46 285/252.5 CALL/PUT @3.15 LMT",
            {
                ("sell", None, 1, "call", D(285), date(2046, 5, 25)),
                ("sell", None, 1, "put", D("252.5"), date(2046, 5, 25)),
            },
            "3.15",
        ),
    ],
)
def test_typed_in_a_hurry_and_broker_forms(parse: Parse, text: str, legs: Legs, price: str) -> None:
    parsed = parse(text, on=date(2046, 5, 22))
    assert _legs(parsed) == legs
    assert parsed.price == D(price)


@pytest.mark.parametrize(
    ("text", "tif"),
    [
        ("STO 2 XSP 985/980 PCS 12/22 @ .55, selling the Fed-day dip", None),
        ("STO 2 XSP 985/980 PCS 12/22 @ .55 good-for-day", "day"),
    ],
)
def test_a_hyphened_kind_of_day_is_no_time_in_force(
    parse: Parse, text: str, tif: str | None
) -> None:
    assert parse(text, on=date(2045, 12, 20)).tif == tif


@pytest.mark.parametrize(
    ("text", "underlying", "quantity"),
    [
        ("buy back the KO trim: buy 25 KO at 91.40 gtc", "KO", 25),
        ("adding 1 PLTR 185c 8/22 at 3.15, the 190c alone is lonely", "PLTR", 1),
        ("out of the QQQ, selling 2 QQQ 570c 0dte at 1.65", "QQQ", 2),
        ("per the plan, half off: sell 1 NVDA 440c 8/24 @ 5.60", "NVDA", 1),
        ("🚨🚨 BTC 300K 🚨🚨\nSTC 20 MARA 23c 11/15 @ .68 LFGGGG 🚀🚀🚀", "MARA", 20),
        (
            "Good afternoon. I'd like to sell two PG 185 calls, November 16th expiration, at 2.10"
            " or better. They cover my 200 shares. — Harold",
            "PG",
            2,
        ),
    ],
)
def test_orders_a_word_around_them_no_longer_refuses(
    parse: Parse, text: str, underlying: str, quantity: int
) -> None:
    parsed = parse(text, on=date(2046, 8, 20))
    assert (parsed.kind, parsed.underlying) == ("order", underlying)
    assert parsed.legs[0].quantity == quantity


def test_shares_held_in_a_later_sentence_are_not_the_order(parse: Parse) -> None:
    text = (
        "Good morning. I would like to write 10 T 28 calls for October 19th at .32. I have held"
        " the 1,000 shares since my Bell Labs days"
    )
    parsed = parse(text, on=date(2046, 9, 12))
    assert [(leg.quantity, leg.type, leg.strike) for leg in parsed.legs] == [(10, "call", D(28))]


def test_the_writers_line_under_a_table_of_positions(parse: Parse) -> None:
    text = (
        "monday book, opex friday:\n"
        "| position | exp | qty | in | mark |\n"
        "|---|---|---|---|---|\n"
        "| XSP 1080/1075 PCS | 4/20 | 3 | .88 | .19 |\n"
        "| XSP 1160/1165 CCS | 4/20 | 3 | .52 | .31 |\n"
        "put side first:\n"
        "BTC 3 XSP 1080/1075 PCS 4/20 @ .18"
    )
    parsed = parse(text, on=date(2046, 4, 16))
    assert _legs(parsed) == {
        ("buy", "close", 3, "put", D(1080), date(2046, 4, 20)),
        ("sell", "close", 3, "put", D(1075), date(2046, 4, 20)),
    }
    assert not parsed.sure


def test_a_months_possessive_heads_the_writers_own_order(parse: Parse) -> None:
    text = (
        "October's spread:\n| Action | Qty | Ticker | Strikes | Exp | Limit |\n"
        "|---|---|---|---|---|---|\n| STO | 2 | IWM | 335/330 PCS | Oct | 0.95 |"
    )
    parsed = parse(text, on=date(2041, 9, 20))
    assert (parsed.kind, parsed.underlying, parsed.price) == ("order", "IWM", D("0.95"))


def test_a_share_orders_remark_about_other_contracts(parse: Parse) -> None:
    text = (
        "sell 100 F at 13.75 gtc, the lot without calls on it. the 2 F 14c April I sold at .24"
        " are .19 now"
    )
    parsed = parse(text, on=date(2039, 3, 22))
    assert _legs(parsed) == {("sell", None, 100, "equity", None, None)}
    assert parsed.price == D("13.75")


def test_adding_to_a_credit_spread_sells_it(parse: Parse) -> None:
    parsed = parse("add 2 IWM 335/330 PCS 7/6 @ .55 to the 330/325s", on=date(2046, 6, 25))
    assert _legs(parsed) == {
        ("sell", None, 2, "put", D(335), date(2046, 7, 6)),
        ("buy", None, 2, "put", D(330), date(2046, 7, 6)),
    }
    assert parsed.price_effect == "credit"


def test_an_alert_codes_effect_outweighs_a_headings(parse: Parse) -> None:
    text = (
        "Open\nSPY 100 16 MAY 36 906 CALL   +2   avg 2.10   mark 3.40\n"
        "STC the last 2 906c 0dte @ 3.40"
    )
    parsed = parse(text, on=date(2036, 5, 16))
    assert _legs(parsed) == {("sell", "close", 2, "call", D(906), date(2036, 5, 16))}


@pytest.mark.parametrize(
    ("text", "quantity", "price"),
    [
        ("sell my hundred shares of CSCO at sixty-nine forty", 100, "69.40"),
        (
            "Buy fifty shares of AAPL at three hundred forty-seven dollars and fifty cents, day"
            " order.",
            50,
            "347.50",
        ),
    ],
)
def test_amounts_said_in_words(parse: Parse, text: str, quantity: int, price: str) -> None:
    parsed = parse(text, on=date(2041, 2, 11))
    assert (parsed.legs[0].quantity, parsed.price) == (quantity, D(price))


def test_a_jade_lizard_without_a_date_asks_for_it(parse: Parse) -> None:
    parsed = parse("STO 1 QQQ jade lizard: 880p + 990/1000 CCS @ 10.40", on=date(2046, 5, 1))
    assert {(leg.side, leg.type, leg.strike) for leg in parsed.legs} == {
        ("sell", "put", D(880)),
        ("sell", "call", D(990)),
        ("buy", "call", D(1000)),
    }
    assert parsed.missing == ("expiration",)


@pytest.mark.parametrize(
    ("text", "legs"),
    [
        (
            "STO 1 NVDA 420/500/505 jade lizard 12/21 @ 7.90 cr",
            {
                ("sell", "open", 1, "put", D(420), date(2046, 12, 21)),
                ("sell", "open", 1, "call", D(500), date(2046, 12, 21)),
                ("buy", "open", 1, "call", D(505), date(2046, 12, 21)),
            },
        ),
        (
            "BTC 1 META 900/1080/1090 jade lizard expiring today @ .30",
            {
                ("buy", "close", 1, "put", D(900), date(2046, 11, 16)),
                ("buy", "close", 1, "call", D(1080), date(2046, 11, 16)),
                ("sell", "close", 1, "call", D(1090), date(2046, 11, 16)),
            },
        ),
    ],
)
def test_a_jade_lizard_by_its_three_strikes(parse: Parse, text: str, legs: Legs) -> None:
    assert _legs(parse(text, on=date(2046, 11, 16))) == legs


def test_an_exit_reported_done_is_no_order(parse: Parse) -> None:
    assert parse("PLTR 160 calls from 2,15 to 4,40, exit done ✅", on=date(2032, 7, 12)).kind == (
        "none"
    )


def test_long_the_opening_a_later_sentence_holds_a_position(parse: Parse) -> None:
    text = (
        "retail sales hot, TLT 87.05. futures price 70% for a cut tomorrow. long the 88/90 call"
        " spread and the 88c for it"
    )
    assert parse(text, on=date(2044, 10, 12)).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "🔔 AlertRelay · KAlerts · Coach K: BTO TSLA 720c 2/1 @ 14.00 · momentum, 1/4 size",
        "🔔 AlertRelay · KAlerts · Coach K: NFLX 2000c 1/25 — STC @ market, stay alive",
    ],
)
def test_a_relay_services_header_posts_someone_elses_alert(parse: Parse, text: str) -> None:
    assert parse(text, on=date(2047, 1, 22)).kind == "none"


def test_a_tickers_dotted_heading_stays_the_writers(parse: Parse) -> None:
    parsed = parse("🚀 NVDA · earnings: BTO 2 NVDA 200c 1/25 @ 3.10", on=date(2047, 1, 22))
    assert (parsed.kind, parsed.underlying) == ("order", "NVDA")


@pytest.mark.parametrize(
    "text",
    [
        "vendi o resto da VALE a mercado, saiu a 17.05. minério virou",
        "vendi PBR a 21,60 na quarta e recomprei hoje a 21,80. burro, mas pelo menos pego o"
        " dividendo 🤦",
    ],
)
def test_portuguese_sales_reported_are_no_orders(parse: Parse, text: str) -> None:
    assert parse(text, on=date(2047, 1, 24)).kind == "none"


def test_the_italian_imperative_still_sells(parse: Parse) -> None:
    parsed = parse("vendi due SPY 600c 12/18 a 1,10", on=date(2047, 1, 24))
    assert _legs(parsed) == {("sell", None, 2, "call", D(600), date(2047, 12, 18))}


@pytest.mark.parametrize(
    ("text", "legs", "price"),
    [
        (
            "please sell to close 1 PLTR 230c June 28 at market\n*at 1.30 limit, not market."
            " @wren says never market on options",
            {("sell", "close", 1, "call", D(230), date(2047, 6, 28))},
            D("1.30"),
        ),
        (
            "STO 2 XSP 1390/1385 PCS this week @ .45\n*next week @ .85",
            {
                ("sell", "open", 2, "put", D(1390), date(2047, 7, 5)),
                ("buy", "open", 2, "put", D(1385), date(2047, 7, 5)),
            },
            D("0.85"),
        ),
        (
            "buy 25 ORCL at 221.50 day\n*20 shs, cash is tight",
            {("buy", None, 20, "equity", None, None)},
            D("221.50"),
        ),
        (
            "BTO 2 TSLA 600c 7/12 @ 11.80 *7/19 @ 14.30",
            {("buy", "open", 2, "call", D(600), date(2047, 7, 19))},
            D("14.30"),
        ),
        (
            "BTO 2 NVDA 660c 6/28 @ 12.10, *650c @ 15.40",
            {("buy", "open", 2, "call", D(650), date(2047, 6, 28))},
            D("15.40"),
        ),
    ],
)
def test_a_starred_correction_replaces_each_detail(
    parse: Parse, text: str, legs: Legs, price: Decimal
) -> None:
    parsed = parse(text, on=date(2047, 6, 24))
    assert _legs(parsed) == legs
    assert parsed.price == price
