"""Text brought into the chat from elsewhere, round 27.

Each test names one general form of a pasted or relayed text: an order shown under its source
and then only talked about ("from #alerts:\\nSTO ...\\nthey love IWM"), an order followed by
the writer's question about it, a notice about the reader's own option, an order shown "for
reference"; and the forms in which the writer does take the pasted order up: a broker's order
notice above the writer's own order, a pointer that asks for the same ticket here, an app's
ticket whose fields sit on a line apart by middle dots, a ticket's price line under its order
line, the writer's own count under a pasted order, the writer's order after a relayed text in
one line, and a relayed notice sent again at the writer's price. Talk that looks like them
stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import LegKey, assert_sure_order

from nlp import ParsedOrder
from nlp._second_opinion import DOUBTED

Parse = Callable[..., ParsedOrder]

ON = date(2029, 5, 1)


# An order pasted under its source, then only talked about; an order, then a question on it.
@pytest.mark.parametrize(
    "text",
    [
        "from the #flow channel:\nBTO 4 AMD 180c 6/15 @ 2.10\nsame guy who was wrong all of May",
        "copied from my buddy's group chat:\nSTO 2 KRE 50p 6/15 @ .60\nhe sells puts every week",
        "E*TRADE order ticket:\nAction: Buy\nSymbol: KO\nQuantity: 50\nOrder Type: Limit $61.10"
        "\nbeen open there for a week now",
        "BUY +2 VERTICAL SPY 100 15 JUN 29 600/605 CALL @1.85 LMT\n"
        "why does thinkorswim say the buying power effect is 370 here?",
        "Sell to Close 1 NVDA 06/15/2029 150 Call Limit 4.20 GTC\n"
        "does anyone know if schwab lets this sit over the weekend?",
    ],
)
def test_an_order_shown_and_talked_about_stays_chatter(parse: Parse, text: str) -> None:
    assert parse(text, on=ON).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Robinhood push: 'Your option SNAP 06/15/2029 12 Call expires tomorrow.' "
        "not worth closing, it's at 0.01",
        "for reference, this is how Fidelity shows a roll: BTC 1 KO 62c 6/15 / "
        "STO 1 KO 63c 7/20 @ 0.30 cr",
    ],
)
def test_a_notice_and_an_order_for_reference_stay_chatter(parse: Parse, text: str) -> None:
    assert parse(text, on=ON).kind == "none"


def test_an_order_with_its_reason_below_is_untouched(parse: Parse) -> None:
    assert_sure_order(
        parse("BTO 4 AMD 180c 6/15 @ 2.10\nreclaim of the 200 EMA on the daily", on=ON),
        "AMD",
        [("buy", "open", 4, "call", Decimal("180"), date(2029, 6, 15))],
        Decimal("2.10"),
    )


# A broker's order notice above, the writer's own order or pointer below it.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "Order executed: Sold 40 F at $12.35 (Fidelity)\nsell another 40 F here, limit 12.50",
            "F",
            [("sell", None, 40, "equity", None, None)],
            Decimal("12.50"),
        ),
        (
            "Order filled: Buy to Open 2 SOFI Jun 15 '29 9 Call @ 0.40 (Webull)\n"
            "one more here: buy to open 1 SOFI 9c 6/15 @ 0.38",
            "SOFI",
            [("buy", "open", 1, "call", Decimal("9"), date(2029, 6, 15))],
            Decimal("0.38"),
        ),
        (
            "Robinhood order confirmation:\n  Sell 1 XLE 06/15/2029 95 Put  @ 1.10\n"
            "Same order here please, 3 contracts instead",
            "XLE",
            [("sell", None, 3, "put", Decimal("95"), date(2029, 6, 15))],
            Decimal("1.10"),
        ),
        (
            "IBKR Order Status: WORKING — Sell 2 GM 06/15/2029 45.00 Put 0.85 LMT DAY\n"
            "mirror it here please",
            "GM",
            [("sell", None, 2, "put", Decimal("45"), date(2029, 6, 15))],
            Decimal("0.85"),
        ),
    ],
)
def test_the_writers_order_under_a_brokers_notice_is_read(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


def test_a_notice_with_no_request_stays_chatter(parse: Parse) -> None:
    text = "Order filled: Bought 100 F at $12.35 (Fidelity)\nfinally, been waiting all week"
    assert parse(text, on=ON).kind == "none"


def test_the_same_order_talked_about_without_here_stays_chatter(parse: Parse) -> None:
    text = "IBKR Order Status: WORKING — Sell 2 GM 06/15/2029 45.00 Put 0.85 LMT DAY\n"
    text += "same order as last month, still not filled, raise it?"
    assert parse(text, on=ON).kind == "none"


# An app's ticket told to be placed: fields on a line apart by middle dots, a price line
# under the order line, and the writer's own count under the pasted order.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price", "tif"),
    [
        (
            "submit this:\nLimit Sell · 3 contracts\nMSFT $520 Call · 6/15\n"
            "Limit price $4.40 · Good for day",
            "MSFT",
            [("sell", None, 3, "call", Decimal("520"), date(2029, 6, 15))],
            Decimal("4.40"),
            "day",
        ),
        (
            "tasty ticket, place it for me:\nBuy 1 IWM Jun 15 '29 210 Call / 190 Put\n"
            "Limit 2.40 Debit · GTC",
            "IWM",
            [
                ("buy", None, 1, "call", Decimal("210"), date(2029, 6, 15)),
                ("buy", None, 1, "put", Decimal("190"), date(2029, 6, 15)),
            ],
            Decimal("2.40"),
            "gtc",
        ),
    ],
)
def test_an_apps_ticket_told_to_be_placed_is_read_whole(
    parse: Parse,
    text: str,
    underlying: str,
    legs: list[LegKey],
    price: Decimal,
    tif: str,
) -> None:
    parsed = parse(text, on=ON)
    assert_sure_order(parsed, underlying, sorted(legs), price)
    assert parsed.tif == tif


def test_the_writers_count_under_a_pasted_order_is_its_quantity(parse: Parse) -> None:
    text = "newsletter trade, placing it my way:\n> SELL KO Jun 15 '29 $65 Puts, limit $0.90\n"
    text += "make it 4 contracts"
    assert_sure_order(
        parse(text, on=ON),
        "KO",
        [("sell", None, 4, "put", Decimal("65"), date(2029, 6, 15))],
        Decimal("0.90"),
    )


def test_an_apps_ticket_asked_about_stays_chatter(parse: Parse) -> None:
    text = "Limit Sell · 3 contracts\nMSFT $520 Call · 6/15\nLimit price $4.40\n"
    text += "^ that's pending on webull, is 4.40 too greedy?"
    assert parse(text, on=ON).kind == "none"


# A text relayed in one line, then the writer's own order that takes it up.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "my brother texted 'GM 50 calls June'. I'll go cheaper: buy 3 GM 52c 6/15 @ 0.70",
            "GM",
            [("buy", None, 3, "call", Decimal("52"), date(2029, 6, 15))],
            Decimal("0.70"),
        ),
        (
            "The Weekly Premium said sell puts on KO before earnings. agreed, "
            "sell to open 2 KO 58p 6/15 for 0.55 credit",
            "KO",
            [("sell", "open", 2, "put", Decimal("58"), date(2029, 6, 15))],
            Decimal("0.55"),
        ),
    ],
)
def test_the_writers_order_after_a_relayed_text_is_read(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


@pytest.mark.parametrize(
    "text",
    [
        "my brother texted 'buy 3 GM 52c 6/15 @ 0.70'. not touching it",
        "schwab sms: 'Your order to Sell 30 KO was not filled.' maybe tomorrow: sell 30 KO @ 62.40",
        "The Weekly Premium said sell puts on KO. recap: STO 2 KO 58p 6/15 @ 0.55",
    ],
)
def test_a_relayed_text_not_taken_up_stays_chatter(parse: Parse, text: str) -> None:
    assert parse(text, on=ON).kind == "none"


# A relayed notice sent again by the writer's pointer, at the writer's price.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "Fidelity alert: 'Your limit order for 3 UBER $80 Puts 6/15 expired.' "
            "resubmit it here at 1.45",
            "UBER",
            [("buy", None, 3, "put", Decimal("80"), date(2029, 6, 15))],
            Decimal("1.45"),
        ),
        (
            "IBKR email 'Order Cancelled: Sell 2 DIS Jun 15 2029 110.00 Call, limit 1.60' "
            "— place it again here, 1.55 this time",
            "DIS",
            [("sell", None, 2, "call", Decimal("110"), date(2029, 6, 15))],
            Decimal("1.55"),
        ),
        (
            "Schwab: Order Rejected — Buy 2 QQQ 520P 6/15 (account restricted). "
            "fixed it, send the same here @ 2.20",
            "QQQ",
            [("buy", None, 2, "put", Decimal("520"), date(2029, 6, 15))],
            Decimal("2.20"),
        ),
    ],
)
def test_a_relayed_notice_sent_again_is_read_at_the_writers_price(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


def test_a_relayed_notice_asked_about_stays_chatter(parse: Parse) -> None:
    text = "Fidelity alert: 'Your limit order for 3 UBER $80 Puts 6/15 expired.' "
    text += "should I resubmit it here at 1.45?"
    assert parse(text, on=ON).kind == "none"


# Look-alikes that stay as they were: the writer's own alert under its own heading or with a
# rallying question, a ticket only compared, a relayed order only reported or someone else's.
@pytest.mark.parametrize(
    "text",
    [
        "Swing alert:\nBTO 2 TSLA 250c 6/15 @ 4.10\nsizing small",
        "entry from my notes:\nBTO 2 TSLA 250c 6/15 @ 4.10\ngood luck all",
    ],
)
def test_the_writers_own_alert_stays_an_order(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=ON),
        "TSLA",
        [("buy", "open", 2, "call", Decimal("250"), date(2029, 6, 15))],
        Decimal("4.10"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "Webull order confirmation:\n  Buy 1 IWM 06/21/2029 212 Call  @ 0.95\n"
        "same ticket as mine, please tell me it fills",
        "Webull push: 'Your order was rejected'. the ticket was: buy 1 SPY 548c 6/15 @ 1.30",
        "my friend texted 'which one?'. I told him: buy 2 NVDA 150c 6/15 @ 3.10",
    ],
)
def test_a_relayed_order_only_reported_stays_chatter(parse: Parse, text: str) -> None:
    assert parse(text, on=ON).kind == "none"


# The rules read these as the writer's orders; the second opinion reads the words around them
# as talk (a fill notice), so the bot asks before it acts
# (nlp._second_opinion): the reading is kept whole, only its sureness goes.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "schwab sms: 'Your order to Sell 30 KO was not filled.' still want out — "
            "sell 30 KO @ 62.40",
            "KO",
            [("sell", None, 30, "equity", None, None)],
            Decimal("62.40"),
        ),
    ],
)
def test_an_order_the_second_opinion_doubts_is_read_and_asked_about(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    parsed = parse(text, on=ON)

    assert parsed.doubt == DOUBTED and not parsed.sure
    assert_sure_order(replace(parsed, doubt=None), underlying, legs, price)
