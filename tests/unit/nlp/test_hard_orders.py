"""Hard-to-read orders: corrections inside the message, verbs of leaving a position, a month
after "for", a wish for luck, a request to hear about the fill, the chart's gap fill, and a
remark in the perfect after the order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def _leg(parsed: ParsedOrder) -> dict[str, object]:
    assert parsed.kind == "order" and parsed.legs, parsed.to_dict()
    return parsed.legs[0].to_dict()


# --- a correction inside the message: the corrected detail is meant ---------------------------
@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("sell 3 — no, make it 4 — IWM 210p 12/18 @ 1.30", "quantity", 4),
        ("BTO 5, wait, make it 6, KO 70c 1/15 @ .45", "quantity", 6),
        ("buy 1 XLE 95 calls, I mean puts, 12/18 @ 1.10", "type", "put"),
        ("STO 2 PLTR 150 puts, sorry, calls, 1/15 @ 4.20", "type", "call"),
        ("buy 2 DIS 110c 12/18, wait no, 115c, @ 2.05", "strike", "115"),
        ("sell 1 AMD 240p 12/18 — I meant 230p — @ 3.40", "strike", "230"),
        ("BTO 1 UBER 90c 12/11, no wait, 12/18, @ 1.75", "expiration", "2026-12-18"),
        (
            "BTO 3 SOFI 25c 12/4 @ .80\ncorrection: 12/11 expiry, not 12/4",
            "expiration",
            "2026-12-11",
        ),
        ("sell 2 HOOD 140c 12/18 @ 3.10\nedit: 145c not 140c", "strike", "145"),
        ("buy 4 F 13c 1/15 @ .35. typo: 5 contracts, not 4", "quantity", 5),
    ],
)
def test_a_correction_inside_the_message_is_applied(
    parse: Parse, text: str, field: str, value: object
) -> None:
    assert _leg(parse(text))[field] == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # a marker before anything that is not a detail of the same kind changes nothing
        ("sell 3 IWM 200p 12/18 @ 1.50, I mean it's cheap", "quantity", 3),
        ("STO 2 QQQ 400p 12/18 @ 3.10, no stop", "strike", "400"),
        ("STC 3 AAPL 200c 12/18 @ 4, no 3 left after this", "quantity", 3),
        ("BTO 2 SPY 600c 12/18 @ 2.15, wait 10 min then cancel", "quantity", 2),
        ("sell 2 T 26p 12/18 @ .40\nedit: 27p not 28p", "strike", "26"),
    ],
)
def test_a_marker_without_a_corrected_detail_keeps_the_reading(
    parse: Parse, text: str, field: str, value: object
) -> None:
    assert _leg(parse(text))[field] == value


def test_a_correction_of_a_detail_not_in_the_order_changes_nothing(parse: Parse) -> None:
    parsed = parse("buy 2 MU 120c 12/18 @ 3.30\ncorrection: 12/26 expiry, not 12/24")
    assert parsed.kind == "none" or parsed.legs[0].expiration == date(2026, 12, 18)


def test_a_price_corrected_inline_keeps_the_new_price(parse: Parse) -> None:
    parsed = parse("sell 1 NKE 80c 12/18 @ 1.20, sorry, 1.25, gtc")
    assert_order(parsed, "NKE", "1.25")


# --- leaving a position: "get me out of", "I want out of" ------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "get me out of the 3 QQQ 590 puts 12/18, 4.10 limit",
        "get me out of 2 TSLA 400c 12/18 @ 9",
        "I want out of my 5 SNAP 9c 12/18, sell them at .22",
        "we want out of the 2 XOM 115 calls 1/15 @ 1.60",
    ],
)
def test_leaving_a_position_sells(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.to_dict()
    assert {leg.side for leg in parsed.legs} == {"sell"}
    assert parsed.price_effect == "credit"


@pytest.mark.parametrize(
    "text",
    [
        "get me 2 QQQ 590 puts 12/18 @ 4.10",  # "get me" alone still buys
        "get me in on 3 AMD 250c 12/18 @ 5",
    ],
)
def test_get_me_still_buys(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order" and parsed.legs[0].side == "buy", parsed.to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "he wants out of his 3 COIN 300c 12/18 @ 7",
        "I wanted out of my 2 COIN 200p 12/18 at 9.50 last week",
    ],
)
def test_someone_elses_or_a_past_exit_stays_chatter(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- a month after "for" right after the contract -------------------------------------------
@pytest.mark.parametrize(
    ("text", "expiration"),
    [
        ("buy 3 of the NVDA 200/210 call spreads for May at 2.80", "2027-05-21"),
        ("sell 2 GLD 300p for May @ 3.15", "2027-05-21"),
        ("BTO 1 IWM 230 puts for May @ 2", "2027-05-21"),
        ("buy 2 AMZN 250 calls for June at 6.10", "2027-06-17"),  # unchanged: not "may"
    ],
)
def test_a_month_after_for_is_the_expiration(parse: Parse, text: str, expiration: str) -> None:
    assert _leg(parse(text))["expiration"] == expiration


def test_may_be_after_for_stays_a_modal(parse: Parse) -> None:
    parsed = parse("buy 2 GLD 300c for may be 3.15")
    assert parsed.kind == "none" or parsed.legs[0].expiration is None, parsed.to_dict()


# --- a wish for luck is no hypothetical ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "CPI tomorrow, vol is low, buy 3 TLT 90c 12/18 @ 1.15, wish me luck",
        "STO 2 MRNA 30p 12/18 @ .95 — wish us well",
        "sell 1 BABA 150c 12/18 @ 2.40, wishing you all green",
    ],
)
def test_a_wish_for_someone_keeps_the_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "I wish I had bought 2 TLT 90c 12/18 @ 1.15",
        "wish I could sell 1 BABA 150c 12/18 @ 2.40",
    ],
)
def test_a_wish_that_things_were_otherwise_stays_chatter(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


def test_a_written_date_wins_over_tomorrow_in_the_lead_in(parse: Parse) -> None:
    parsed = parse("CPI tomorrow, buy 3 TLT 90c 12/18 @ 1.15, wish me luck")
    assert parsed.legs[0].expiration == date(2026, 12, 18)


# --- a request to hear about the fill --------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        ("buy 2 crm 300c 12/18 @ 4.4 lmk when filled", "CRM", "4.4"),
        ("STO 1 GOOG 280p 12/18 @ 3.60, let me know once it fills pls", "GOOG", "3.60"),
        ("sell 4 ABNB 130c 12/18 @ 2.20. ping me if it goes through", "ABNB", "2.20"),
    ],
)
def test_a_request_to_hear_about_the_fill_keeps_the_order(
    parse: Parse, text: str, ticker: str, price: str
) -> None:
    assert_order(parse(text), ticker, price)


@pytest.mark.parametrize(
    "text",
    [
        "sold 4 ABNB 130c 12/18 @ 2.20 lmk when filled",  # a report stays a report
        "BTO 2 CRM 300c 12/18 @ 4.40 filled",
        "got filled on 2 CRM 300c 12/18 @ 4.40, lmk if you want in",
    ],
)
def test_a_fill_reported_stays_chatter(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- the chart's gap fill is no fill ---------------------------------------------------------
def test_a_gap_fill_in_the_lead_in_does_not_report_the_code(parse: Parse) -> None:
    parsed = parse("the gap fill on the daily was clean. BTO 2 AMZN 230c 12/18 @ 4.80")
    assert_order(parsed, "AMZN", "4.80")


def test_a_fill_in_the_lead_in_still_reports_the_code(parse: Parse) -> None:
    assert_chatter(parse("the fill was clean. BTO 2 AMZN 230c 12/18 @ 4.80"))


# --- a remark in the perfect after the order -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("sell 2 LULU 180p 12/18 @ 3.90. I've been early on this for 3 weeks, final shot", "LULU"),
        ("BTO 1 SHOP 120c 1/15 @ 5.20. we have been patient with this one", "SHOP"),
    ],
)
def test_a_remark_in_the_perfect_after_the_order_keeps_it(
    parse: Parse, text: str, ticker: str
) -> None:
    assert_order(parse(text), ticker)


@pytest.mark.parametrize(
    "text",
    [
        "sell 2 LULU 180p 12/18 @ 3.90. been filled 2 days ago",
        "sell 2 LULU 180p 12/18 @ 3.90. sold it 2 days ago",
        "sell 2 LULU 180p 12/18 @ 3.90. I've been thinking about 4.10 instead",
    ],
)
def test_a_report_after_the_order_stays_chatter(parse: Parse, text: str) -> None:
    parsed = parse(text)
    if parsed.price == Decimal("3.90"):
        assert_talk(parsed)
