"""Trades reported without a past verb, orders framed after the fact, and new trades after a
report: each rule with a message it catches and a contrasting message it leaves an order."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- chatter that reads like an order ------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # a command for a bot (this bot's own commands reach the parser as their arguments)
        "/price BTO 3 CRM 300c 1/15 @ 7.10",
        "!pnl add STC 2 PYPL 80c 12/18 @ 3.30",
        "/alarm tomorrow 10am buy 1 QQQ 610p 12/18 @ 4.00",
        # an order shown in a fenced code block, with prose around it
        "how the template looks:\n```\nSTO 1 KO 65p 1/15 @ .90\n```\nchange the numbers",
        # a condition stated after the order
        "STO 3 XOM 110p 1/15 @ 1.40 assuming oil holds 70",
        "sell 2 GE 200c 12/18 @ 3.10 providing it tags 195 first",
        "buy 4 UBER 80c 1/15 @ 2.20 only after earnings",
        "BTO 1 IWM 240c 12/18 @ 1.75 but only above 238",
        # irony ending the message
        "oh great idea, let me BTO 40 NFLX 1300c 12/18 at the ask 🙄",
        "BTO 100 GME 60c 12/18 @ .05 for retirement /s",
        # what happened to the trade after it was placed
        "STO 1 QQQ 590p 0dte @ 1.10, expired worthless",
        "BTO 2 LULU 300c 12/18 @ 4.40 - stopped at 2.20",
        "STO 5 F 11p 1/15 @ .25, assigned",
        "Entry #7 — BTO 2 ORCL 200c 12/18 @ 6.60 — result: +40%",
        # a position already held
        "already in since 10am: BTO 3 SHOP 140c 12/18 @ 5.20",
        "already long: BTO 2 AMZN 230c 1/15 @ 8.10",
        # an alert relayed from elsewhere
        "relayed from the VIP chat: STO 2 TSLA 350p 12/18 @ 6.00",
        "fwd: BTO 1 NFLX 1200c 12/18 @ 14.00",
    ],
)
def test_reported_or_framed_trades_are_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        # a code inline, in single backticks, is the alert room's formatting
        ("`BTO 2 CRM 300c 1/15 @ 7.10`", "CRM", "7.10"),
        ("```STO 1 KO 65p 1/15 @ .90```", "KO", "0.90"),
        # a slash inside the message is no command
        ("buy 2 AMD 200c 12/18 @ 3.10 w/ small size", "AMD", "3.10"),
        # an eye-roll opening the message is a mood
        ("this chop 🙄 anyway, BTO 2 IWM 240c 12/18 @ 1.75", "IWM", "1.75"),
        # "only" that names a size, not a time
        ("buy 2 SPY 650c 12/18 @ 4.20, only 2 this time", "SPY", "4.20"),
        # a condition on the bot's time stays courtesy ("... if you can")
        ("sell 3 XOM 110p 1/15 @ 1.40 if you can", "XOM", "1.40"),
        # "already" that is not a position held
        ("already decided: BTO 3 SHOP 140c 12/18 @ 5.20", "SHOP", "5.20"),
    ],
)
def test_contrasting_orders_stay_orders(parse: Parse, text: str, ticker: str, price: str) -> None:
    assert_order(parse(text), ticker, price)


# --- a new trade after a report on the same ticker -----------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        # the order goes beyond the trade reported
        ("I sold 2 of my CRM calls on Friday. STC the rest 3 CRM 300c 12/18 @ 7.40", "CRM", "7.40"),
        ("we bought 100 KO last week at 61. buy 100 more shares of KO @ 63.50", "KO", "63.50"),
        # an opening order after a report that the trade ended
        ("took profits on MSFT this morning. BTO 2 MSFT 500c 1/15 @ 9.30", "MSFT", "9.30"),
        ("got stopped out of QQQ at the open. buy 2 QQQ 600c 12/18 @ 3.30", "QQQ", "3.30"),
    ],
)
def test_a_new_trade_after_a_report_is_an_order(
    parse: Parse, text: str, ticker: str, price: str
) -> None:
    assert_order(parse(text), ticker, price)


@pytest.mark.parametrize(
    "text",
    [
        # the report and its details: the same trade
        "Took profits on MSFT. STC 2 MSFT 500c 1/15 @ 9.30",
        "Sold KO puts this morning. STO 2 KO 60p 1/15 @ .80",
        "Bought QQQ calls at the open. BTO 2 QQQ 600c 12/18 @ 3.30",
        # a closed short bought back is the close, reported
        "closed my short QQQ puts. buy 2 QQQ 590p 12/18 @ 1.05",
    ],
)
def test_a_report_and_its_details_stay_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


def test_a_number_ends_a_sentence_but_a_list_number_does_not(parse: Parse) -> None:
    assert parse("sold my ADBE puts at 12. buy 2 CRM 300c 12/18 @ 7.10").kind == "order"
    assert parse("yesterday's fills:\n1. BTO 2 ADBE 400c 12/18 @ 9.80").kind == "none"
