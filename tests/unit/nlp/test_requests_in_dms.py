"""Orders traders send the bot with a lead-in or a tail that no longer hides them: a judgement
of the market after the order ("..., chart looks toppy"), the earlier trade the order repeats
("same as yesterday: ..."), the writer's own order copied from their other broker. Near misses
stay chatter: hedges, questions, reports, someone else's or a recorded trade."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "side", "ticker", "price"),
    [
        ("sell 3 MSFT 400c 12/18 @ 5.10, IV seems rich", "sell", "MSFT", "5.10"),
        ("STO 2 KO 60p 1/15 @ .85 - theta looks juicy", "sell", "KO", "0.85"),
        ("buy 4 XLE 95p 12/18 at 1.30, the trend looks weak", "buy", "XLE", "1.30"),
        ("trim 2 ROKU 90c 12/18 @ 4.40 — volume seems thin", "sell", "ROKU", "4.40"),
    ],
)
def test_a_judgement_of_the_market_after_the_order_is_its_reason(
    parse: Parse, text: str, side: str, ticker: str, price: str
) -> None:
    assert_order(parse(text), ticker, price, side=side)


@pytest.mark.parametrize(
    "text",
    [
        "sell 1 QQQ 480p 12/18 @ 2.05, looks like it'll bounce",  # a hedge
        "buy 2 AMD 200c 12/18 @ 3.10, chart seems to be turning",  # a hedge
        "buy 2 DIS 110c 12/18 @ 1.40, this looks right?",  # a question on the order
        "buy 3 F 12c 12/18 @ .30, he seems sure",  # someone else's conviction
        "META 700 calls for december, chart looks juicy",  # no action
        "UBER 90c 12/18 @ 2.20 looks cheap",  # the contract judged
        "bought 2 CRM 300c 12/18 @ 3.10, momentum looks strong",  # a report
        "if IWM holds 240, buy 2 IWM 245c 12/18 @ 3.10, breadth looks strong",  # a condition
    ],
)
def test_a_hedge_or_a_judged_trade_stays_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "side", "ticker"),
    [
        ("same trade as last week: STO 2 IWM 200p 12/18 @ 1.10", "sell", "IWM"),
        ("same as yesterday, again: sell 1 XOM 110p 12/18 @ .95", "sell", "XOM"),
        ("exact same play as yesterday - buy 3 SOFI 20c 12/18 @ .45", "buy", "SOFI"),
    ],
)
def test_the_trade_an_order_repeats_is_no_report(
    parse: Parse, text: str, side: str, ticker: str
) -> None:
    assert_order(parse(text), ticker, side=side)


@pytest.mark.parametrize(
    "text",
    [
        "same as yesterday: sold 2 IWM 200p 12/18 @ 1.10",  # the past form reports
        "like yesterday, BTO 2 PLTR 150c 12/18 @ 4.10",  # no "same": the day of the trade
        "yesterday: BTO 2 PLTR 150c 12/18 @ 4.10",
        "bought this yesterday, same as last week: BTO 2 TGT 95c 12/18 @ 1.10",
        "same as yesterday, BTO 2 NKE 70c 12/18 @ 1.10 and it printed",
        "+1 same as Mike's — STO 2 SOFI 18p 12/18 @ .60",  # someone else's trade
    ],
)
def test_a_past_trade_stays_a_report(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "side", "ticker", "price"),
    [
        ("copied from my other broker: BUY +2 QQQ 100 18 DEC 26 520 PUT @3.10 LMT", "buy",
         "QQQ", "3.10"),
        ("pasted from my schwab account - sell 2 KO 60p 12/18 @ .85", "sell", "KO", "0.85"),
        ("copied off my main account: STO 1 T 25p 1/15 @ .40", "sell", "T", "0.40"),
    ],
)  # fmt: skip
def test_the_writers_own_order_copied_from_their_broker_is_an_order(
    parse: Parse, text: str, side: str, ticker: str, price: str
) -> None:
    assert_order(parse(text), ticker, price, side=side)


@pytest.mark.parametrize(
    "text",
    [
        "copied from twitter: BTO 2 NFLX 90c 12/18 @ 1.10",  # someone else's alert
        "copied from my journal: BTO 2 NFLX 90c 12/18 @ 1.10",  # a record
        "copied from my account history: STO 1 PG 150p 12/18 @ .85",  # a record
        "copied from my friend's account: BTO 2 NFLX 90c 12/18 @ 1.10",  # a friend's
        "copied from my broker's fill report: BTO 2 NFLX 90c 12/18 @ 1.10",  # a fill
        "copied from my broker, it filled: BTO 2 NFLX 90c 12/18 @ 1.10",  # a fill
    ],
)
def test_a_trade_copied_from_elsewhere_stays_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"
