"""Round 38 (fifth session of 2026-12-06): conversation around the order. A question put to
another member by name after the order, and a report of another trade in a sentence of its own
before an alert code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_talk

from nlp import ParsedOrder
from nlp._noise import strip_discord_noise

Parse = Callable[..., ParsedOrder]
AUG9 = date(2033, 8, 9)
SPY_725C = ("buy", "open", 4, "call", Decimal("725"), date(2033, 8, 10))
Leg = tuple[str, str, int, str, Decimal, date]


def assert_one_leg(parsed: ParsedOrder, ticker: str, leg: Leg, price: Decimal) -> None:
    """``parsed`` is an order on ``ticker`` at ``price`` with ``leg`` alone (the model may
    still doubt the message as a whole and ask)."""
    assert parsed.kind == "order", parsed.to_dict()
    assert (parsed.underlying, parsed.price, len(parsed.legs)) == (ticker, price, 1)
    got = parsed.legs[0]
    assert (got.side, got.effect, got.quantity, got.type, got.strike, got.expiration) == leg


@pytest.mark.parametrize(
    "question",
    [
        " — @lars you playing the CPI pop or the dump?",
        " — @gus what do you do on weekends, read 10-Ks? 😂",
        "\n@ray you still rolling those NVDA calls?",
        ". @hana did you see Google's cloud numbers?",
        " @dex you in?",
    ],
)
def test_a_question_to_another_member_after_the_order_is_a_side_conversation(
    parse: Parse, question: str
) -> None:
    parsed = parse("BTO 4 SPY 725c 1dte @ .95" + question, on=AUG9)
    assert_one_leg(parsed, "SPY", SPY_725C, Decimal("0.95"))
    assert not parsed.remarks


@pytest.mark.parametrize(
    "question",
    [
        " — @ray should I?",
        " — @ray too early?",
        " — @ray you think it rips?",
        " — @ray would you do this?",
        " — @ray you doing the same?",
    ],
)
def test_a_question_to_a_member_about_the_order_still_asks(parse: Parse, question: str) -> None:
    assert_talk(parse("BTO 4 SPY 725c 1dte @ .95" + question, on=AUG9))


def test_only_a_question_after_the_writers_words_goes() -> None:
    # opening the message, the handle is whom it addresses, and the question stays
    assert strip_discord_noise("@ray you in? BTO 4 SPY 725c 1dte @ .95").text.startswith("you in?")
    # ending a line of its own, it goes with its line; inside a line, it stays
    gone = strip_discord_noise("BTO 4 SPY 725c 1dte @ .95\n@ray you in?\nQQQ next")
    assert gone.text == "BTO 4 SPY 725c 1dte @ .95\n\nQQQ next"
    kept = strip_discord_noise("BTO 4 SPY 725c 1dte @ .95 — @ray you in? QQQ next")
    assert kept.text == "BTO 4 SPY 725c 1dte @ .95 — you in? QQQ next"


@pytest.mark.parametrize(
    ("lead", "ticker", "contract", "leg", "price"),
    [
        (
            "closed the AMD puts for a loss yesterday, licking my wounds. back to basics: ",
            "F",
            "STO 5 F 11.5p 8/12 @ .18",
            ("sell", "open", 5, "put", Decimal("11.5"), date(2033, 8, 12)),
            Decimal("0.18"),
        ),
        (
            "thanks Tastybot for yesterday's fills. ",
            "XSP",
            "BTO 1 XSP 700p 8/19 @ .55",
            ("buy", "open", 1, "put", Decimal("700"), date(2033, 8, 19)),
            Decimal("0.55"),
        ),
    ],
)
def test_a_report_of_another_trade_in_its_own_sentence_does_not_frame_the_code(
    parse: Parse,
    lead: str,
    ticker: str,
    contract: str,
    leg: Leg,
    price: Decimal,
) -> None:
    assert_one_leg(parse(lead + contract, on=AUG9), ticker, leg, price)


@pytest.mark.parametrize(
    "text",
    [
        "Took profits on MSFT. STC 2 MSFT 500c 1/15 @ 9.30",
        "closed it. STC 2 UBER 90c 8/12 @ 4.60 this morning",
        "Closed out\nSTC 2 AMD 170c 8/12 @ 4.10",
        "Loss: STC 2 SNAP 12c 8/12 @ .05",
        "sold my AMD calls yesterday. BTO 2 NVDA 150c 9/16 @ 6.40 was my other trade",
    ],
)
def test_the_reports_own_trade_or_a_heading_still_frames_the_code(parse: Parse, text: str) -> None:
    assert_talk(parse(text, on=AUG9))


JUN22 = date(2033, 6, 22)


@pytest.mark.parametrize(
    ("text", "ticker", "leg", "price"),
    [
        (
            "webull order details:\nSPY 575C 06/24\nDirection: Buy\nQty: 5\nType: Limit 0.33\n"
            "last lotto of the week, send it",
            "SPY",
            ("buy", None, 5, "call", Decimal("575"), date(2033, 6, 24)),
            Decimal("0.33"),
        ),
        (
            "E*TRADE preview:\nSymbol: AMZN Jul 15 '33 $210 Call\nAction: Sell to close\nQty: 3\n"
            "Price type: Limit\nLimit price: $6.90\nTerm: Good for day\nsubmit it here",
            "AMZN",
            ("sell", "close", 3, "call", Decimal("210"), date(2033, 7, 15)),
            Decimal("6.90"),
        ),
        (
            "Fidelity preview:\nAction: Sell To Open\nQuantity: 1\nSymbol: -PG330819C175\n"
            "Order Type: Limit\nLimit Price: $1.05\nsend it here please",
            "PG",
            ("sell", "open", 1, "call", Decimal("175"), date(2033, 8, 19)),
            Decimal("1.05"),
        ),
        (
            "RH ticket, MU earnings lotto:\nBuy MU $130 Call 6/24\nContracts 1\n"
            "Limit price $0.95\nsend it, I'm at work",
            "MU",
            ("buy", None, 1, "call", Decimal("130"), date(2033, 6, 24)),
            Decimal("0.95"),
        ),
    ],
)
def test_a_tickets_labels_are_no_ticker_and_its_price_lines_count(
    parse: Parse,
    text: str,
    ticker: str,
    leg: tuple[str, str | None, int, str, Decimal, date],
    price: Decimal,
) -> None:
    parsed = parse(text, on=JUN22)
    assert parsed.kind == "order", parsed.to_dict()
    assert (parsed.underlying, parsed.price, len(parsed.legs)) == (ticker, price, 1)
    got = parsed.legs[0]
    assert (got.side, got.effect, got.quantity, got.type, got.strike, got.expiration) == leg


@pytest.mark.parametrize(
    "last", ["send it to the moon 🚀", "would you send it?", "don't send it, just logging"]
)
def test_send_it_under_a_ticket_that_cheers_or_doubts_sends_nothing(
    parse: Parse, last: str
) -> None:
    ticket = "RH ticket, MU earnings lotto:\nBuy MU $130 Call 6/24\nContracts 1\nLimit price $0.95"
    text = f"{ticket}\n{last}"
    assert_talk(parse(text, on=JUN22))


DEC13 = date(2033, 12, 13)


@pytest.mark.parametrize(
    ("text", "leg", "price"),
    [
        (
            "By one Spy 860 put expiring today at $0.95",
            ("buy", None, 1, "put", Decimal("860"), DEC13),
            Decimal("0.95"),
        ),
        (
            "Cell my three Spy 765 puts expiring today at $1.20",
            ("sell", None, 3, "put", Decimal("765"), DEC13),
            Decimal("1.20"),
        ),
        (
            "Sell my two Spy 875 calls expiring this week at $0.45",
            ("sell", None, 2, "call", Decimal("875"), date(2033, 12, 16)),
            Decimal("0.45"),
        ),
    ],
)
def test_dictated_orders_read_their_side_and_a_title_case_ticker(
    parse: Parse, text: str, leg: Leg, price: Decimal
) -> None:
    assert_one_leg(parse(text, on=DEC13), "SPY", leg, price)


@pytest.mark.parametrize(
    "text", ["cell service died, SPY 860 puts ripped", "by 3 SPY calls were up 200%"]
)
def test_a_homophone_before_no_count_or_in_a_report_stays_a_word(parse: Parse, text: str) -> None:
    assert_talk(parse(text, on=DEC13))


NOV16 = date(2033, 11, 16)


@pytest.mark.parametrize(
    "relayed",
    [
        "Vince Ortega @VolVince · 2h\n$NVDA implied move ±8.5%. I'm not selling premium here.",
        "⤷ Forwarded\nApex Flow — NVDA 330C here, +45%.\n#vip • Apex Flow • Today at 11:20 AM",
        "On Wed, Nov 16, 2033 at 7:02 AM Walt <walt@mail.org> wrote:\n> Should I sell my NVDA?",
        '[quote="dave"]NVDA under 300 is a gift[/quote]',
        "APEXFLOW: 🚨 ALERT #0419 BTO NVDA 11/18 330C @ 8.40\nReply STOP to end",
    ],
)
def test_the_writers_own_paragraph_after_a_relayed_block_is_read_alone(
    parse: Parse, relayed: str
) -> None:
    parsed = parse(f"{relayed}\n\nmy call then: sell 1 NVDA 330c 11/18 @ 8.10", on=NOV16)
    leg = ("sell", None, 1, "call", Decimal("330"), date(2033, 11, 18))
    assert_one_leg(parsed, "NVDA", leg, Decimal("8.10"))


@pytest.mark.parametrize(
    "own",
    [
        "nice call, I sold mine at 8.10 yesterday",
        "I'd sell 1 NVDA 330c 11/18 @ 8.10 if it pops",
        "would you sell 1 NVDA 330c 11/18 @ 8.10?",
    ],
)
def test_talk_in_the_writers_paragraph_after_a_relayed_block_stays_talk(
    parse: Parse, own: str
) -> None:
    relayed = (
        "⤷ Forwarded\nApex Flow — NVDA 330C here, +45%.\n#vip-alerts • Apex Flow • Today at 9:20 AM"
    )
    assert_talk(parse(f"{relayed}\n\n{own}", on=NOV16))


SMS_ALERT = "APEXFLOW: 🚨 ALERT #0412 BTO QQQ 11/18 695C @ 3.40. SL 2.40. Reply STOP to end"


@pytest.mark.parametrize(
    ("take_up", "count", "price"),
    [
        ("in, x2", 2, Decimal("3.40")),
        ("in for 2, limit 3.35", 2, Decimal("3.35")),
        ("taking it but cheaper, 3 @ 3.20", 3, Decimal("3.20")),
        ("same as them but only 1", 1, Decimal("3.40")),
    ],
)
def test_a_take_up_of_the_relayed_alert_takes_its_contract_with_the_writers_count(
    parse: Parse, take_up: str, count: int, price: Decimal
) -> None:
    parsed = parse(f"{SMS_ALERT}\n\n{take_up}", on=NOV16)
    leg = ("buy", "open", count, "call", Decimal("695"), date(2033, 11, 18))
    assert_one_leg(parsed, "QQQ", leg, price)


@pytest.mark.parametrize(
    "reply", ["in, x2 yesterday and already down", "was in for 2 last week", "same as them?"]
)
def test_a_reply_to_the_relayed_alert_that_is_no_take_up_stays_talk(
    parse: Parse, reply: str
) -> None:
    assert_talk(parse(f"{SMS_ALERT}\n\n{reply}", on=NOV16))


SEP1 = date(2033, 9, 1)


def test_a_close_after_the_report_that_opened_the_position_is_the_trade_now(parse: Parse) -> None:
    text = "SOFI 22.30 (+3.8%), the 20p I sold at .36 are .12. BTC 10 SOFI 20p 9/16 @ .12"
    leg = ("buy", "close", 10, "put", Decimal("20"), date(2033, 9, 16))
    assert_one_leg(parse(text, on=SEP1), "SOFI", leg, Decimal("0.12"))


@pytest.mark.parametrize(
    "text",
    [
        "sold the SOFI 20p at .36 and bought them back. BTC 10 SOFI 20p 9/16 @ .12",
        "Took profits on SOFI. STC 10 SOFI 20p 9/16 @ .12",
        "the SOFI 20p I sold at .36 are .12. STO 10 SOFI 20p 9/16 @ .12",
    ],
)
def test_a_report_of_the_close_or_an_opening_code_stays_the_reports_detail(
    parse: Parse, text: str
) -> None:
    assert_talk(parse(text, on=SEP1))


def test_a_breadth_reading_named_add_does_not_take_the_codes_ticker(parse: Parse) -> None:
    text = "TICK +712, ADD +1,340, VOLD 2.1 — breadth's there. BTO 3 SPXW 8440c 0DTE @ 3.90"
    leg = ("buy", "open", 3, "call", Decimal("8440"), date(2033, 8, 29))
    assert_one_leg(parse(text, on=date(2033, 8, 29)), "SPXW", leg, Decimal("3.90"))


def test_a_roll_heading_may_name_the_ticker_and_its_price_first(parse: Parse) -> None:
    parsed = parse(
        "NIO 4.98 😬 rolling\nBTC 1 NIO 5p 2/17\nSTO 1 NIO 5p 3/17\n.09 cr", on=date(2034, 1, 12)
    )
    assert parsed.kind == "order", parsed.to_dict()
    legs = sorted((leg.side, leg.effect, leg.strike, leg.expiration) for leg in parsed.legs)
    assert legs == [
        ("buy", "close", Decimal("5"), date(2034, 2, 17)),
        ("sell", "open", Decimal("5"), date(2034, 3, 17)),
    ]
    assert (parsed.price, parsed.price_effect) == (Decimal("0.09"), "credit")


def test_a_choice_asked_and_settled_by_the_order_is_no_question(parse: Parse) -> None:
    text = "XLE 115c Aug or CVX 195c Aug? CVX lagged, so CVX. buy 2 CVX 195c 8/19 at 3.90 to open"
    leg = ("buy", "open", 2, "call", Decimal("195"), date(2033, 8, 19))
    assert_one_leg(parse(text, on=date(2033, 7, 12)), "CVX", leg, Decimal("3.90"))


@pytest.mark.parametrize(
    "text",
    [
        "XLE 115c Aug or CVX 195c Aug? thinking about it",
        "XLE 115c Aug or CVX 195c Aug? buy 2 SPY 600c 8/19 @ 3.90 meanwhile",
    ],
)
def test_a_choice_the_order_does_not_settle_stays_a_question(parse: Parse, text: str) -> None:
    assert_talk(parse(text, on=date(2033, 7, 12)))


@pytest.mark.parametrize(
    ("text", "strike"),
    [
        ("Buy three NVDA two-seventy calls for April 21st, 4.85 apiece.", "270"),
        ("Buy fifteen NVDA twelve-and-a-half calls for April 21st at 4.85", "12.5"),
        ("Buy three NVDA seventy-five calls for April 21st, 4.85 apiece.", "75"),
    ],
)
def test_a_strike_said_in_words_after_a_count_said_in_words(
    parse: Parse, text: str, strike: str
) -> None:
    parsed = parse(text, on=date(2034, 3, 20))
    assert parsed.kind == "order", parsed.to_dict()
    assert (parsed.legs[0].strike, parsed.price) == (Decimal(strike), Decimal("4.85"))
