"""Round 22 forms: lead-ins and remarks around an order that do not make it talk.

A theme sentence before the order (the season: "tax loss season is here."), soft talk beside
number statements before it ("my buddy says ... is a steal."), a go clause closed by a place
("reposting here:", "I'll take it on the real account:"), a quoted sentence ended inside its
quotes before the go clause, a clause that points at the order ("here's what I want to do,
..."), the outcome wished after it ("..., I want the loss booked this year") and a price noun
before a comma decimal ("with price 73,15"), a list of another kind ("restricted list")
that is no watchlist, a time opening the order's clause ("...; right now buy ..."), and a
fresh heading with a verb of beginning ("new one starts:"). Each comes with look-alikes that
stay talk.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- a theme sentence before the order ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "side"),
    [
        ("tax loss season is here. sell 75 shares of PATH at market", "PATH", "sell"),
        ("tax loss harvesting week: sell 40 SNOW @ 150.20", "SNOW", "sell"),
        ("loss harvest mode engaged. sell 120 shares of PLUG at market", "PLUG", "sell"),
        ("tax loss selling week: sell 60 shares of NIO at market", "NIO", "sell"),
        ("tax loss harvest time is here. STC 4 ENPH 90c 8/16 @ 0.45", "ENPH", "sell"),
    ],
)
def test_theme_sentence_before_the_order(parse: Parse, text: str, ticker: str, side: str) -> None:
    assert_order(parse(text), ticker, side=side)


@pytest.mark.parametrize(
    "text",
    [
        "Closed this morning: STC 3 XLF 52c 7/18 @ 0.85",
        "Loss: STC 2 ROKU 80c 7/18 @ 1.10",
        "big loss on this one: STC 2 ROKU 80c 7/18 @ 1.10",
        "my entry last week: BTO 3 XLF 52c 7/18 @ 0.85",
        "paper account reset this morning: BTO 3 XLF 52c 7/18 @ 0.85",
        "last night: BTO 3 XLF 52c 7/18 @ 0.85",
        "loss of the week: STC 2 ROKU 80c 7/18 @ 1.10",
        "tax loss harvest season. which of my losers should go?",
        "tax loss harvest time, what should I sell?",
    ],
)
def test_trade_headings_and_theme_questions_stay_talk(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


# --- soft talk beside the number statements before the order ----------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        (
            "my buddy says NFLX 700c 8/16 under 9 is a steal. buy 1 NFLX 700c 8/16 @ 8.80",
            "NFLX",
            "8.80",
        ),
        (
            "was looking at the 50p but the 48p is half the price: buy 4 KR 48p 9/20 @ 0.60",
            "KR",
            "0.60",
        ),
        ("mentor says the 60c 9/20 below 2 is cheap. buy 3 DIS 60c 9/20 @ 1.95", "DIS", "1.95"),
    ],
)
def test_soft_talk_beside_number_statements(
    parse: Parse, text: str, ticker: str, price: str
) -> None:
    assert_order(parse(text), ticker, price, side="buy")


@pytest.mark.parametrize(
    "text",
    [
        "the coach says PLTR 25c 8/16 under 1.50 is fine. would you buy 2 PLTR 25c 8/16 @ 1.45?",
        "the 48p is half the price of the 50p, is it worth it? buy 4 KR 48p 9/20 @ 0.60",
        "my buddy says NFLX 700c 8/16 under 9 is a steal",
    ],
)
def test_price_verdicts_without_an_order_stay_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- a go clause closed by a place, a quote ended inside its quotes ---------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "side"),
    [
        (
            "posted in the wrong channel earlier, reposting here: buy 3 MRVL 80c 8/16 @ 2.15",
            "MRVL",
            "buy",
        ),
        (
            "sorry folks, that went to the wrong chat. reposting in the main channel: "
            "sell 2 TGT 140p 7/19 @ 1.75",
            "TGT",
            "sell",
        ),
        (
            "paper results were good, I'll take it on the real account: "
            "BTO 2 ORCL 150c 8/16 @ 3.30",
            "ORCL",
            "buy",
        ),
        ('the newsletter said "trim your winners." doing it: sell 30 CRM @ 251.30', "CRM", "sell"),
        ("my dad's advice was 'buy what you know.' placing it: buy 12 HD @ 384.10", "HD", "buy"),
    ],
)
def test_go_clause_with_a_place_or_after_a_quote(
    parse: Parse, text: str, ticker: str, side: str
) -> None:
    assert_order(parse(text), ticker, side=side)


@pytest.mark.parametrize(
    "text",
    [
        "saw this in the discord, reposting: buy 3 MRVL 80c 8/16 @ 2.15",
        "paper results were good, I'll take it on paper again: BTO 2 ORCL 150c 8/16 @ 3.30",
        "doing it in my sim account: sell 2 QQQ 480p 7/19 @ 3.05",
        'the newsletter said "trim your winners." I might: sell 30 CRM @ 251.30',
    ],
)
def test_relayed_or_practice_go_clauses_stay_talk(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


# --- a clause pointing at the order ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "side"),
    [
        ("here's what I want to do, buy 2 AMZN 190c 7/19 @ 4.25", "AMZN", "buy"),
        ("here is what we need today, sell 1 GLD 210c 8/16 @ 2.05", "GLD", "sell"),
        ("this is what I want: buy 2 MSFT 450c 6/21 @ 5.20", "MSFT", "buy"),
    ],
)
def test_announced_and_plain_orders(parse: Parse, text: str, ticker: str, side: str) -> None:
    assert_order(parse(text), ticker, side=side)


@pytest.mark.parametrize(
    "text",
    [
        "here's what I'd do: buy 2 AMZN 190c 7/19 @ 4.25",
        "here's what I want to do",
        "here's what I want to do with my KO shares: nothing",
    ],
)
def test_advice_and_empty_announcements_stay_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- the outcome wished after the order -------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("trim 60 PYPL at market, I want the gain locked in before the split", "PYPL"),
        ("sell to close 3 IWM 230p 1/16 @ 2.40, need it done before the close", "IWM"),
        ("dump 25 shares of BA at the market, want the loss realized this year", "BA"),
        ("sell 150 F at market — I want them gone today", "F"),
    ],
)
def test_outcome_wished_after_the_order(parse: Parse, text: str, ticker: str) -> None:
    assert_order(parse(text), ticker, side="sell")


@pytest.mark.parametrize(
    "text",
    [
        "I want the loss booked before the year ends",
        "need the loss realized this year, thinking about selling MRNA",
        "sold 40 INTC at the market yesterday, I wanted the loss booked",
        "I want the loss on CVS booked, should I sell today?",
    ],
)
def test_wished_outcomes_without_an_order_stay_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- a price noun before a comma decimal ------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        ("sell 12 shares of NKE with price 73,15", "NKE", "73.15"),
        ("I'd like to buy 30 T priced at 22,40", "T", "22.40"),
        ("buy 8 DAL at a price of 45,80", "DAL", "45.80"),
        ("I want sell 7 shares of ADBE with price 512,25 today", "ADBE", "512.25"),
    ],
)
def test_comma_decimal_after_a_price_noun(parse: Parse, text: str, ticker: str, price: str) -> None:
    assert_order(parse(text), ticker, price)


def test_comma_decimal_price_noun_in_talk_stays_talk(parse: Parse) -> None:
    assert_chatter(parse("with price 412,50 TSLA looks expensive"))


# --- a list of another kind is no watchlist ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("compliance took NVDA off the restricted list. BTO 3 NVDA 150c 12/19 @ 4.20", "NVDA"),
        ("grocery list done, now: buy 20 KO @ 61.10", "KO"),
        ("off the blackout list finally 🙌 sell 50 CRM @ 262.40", "CRM"),
    ],
)
def test_other_lists_are_no_watchlist(parse: Parse, text: str, ticker: str) -> None:
    assert_order(parse(text), ticker)


@pytest.mark.parametrize(
    "text",
    [
        "my list for tomorrow: BTO 3 NVDA 150c 12/19 @ 4.20",
        "NVDA is on the restricted list, can't trade it",
        "watchlist: BTO 3 NVDA 150c 12/19 @ 4.20",
    ],
)
def test_watchlists_and_restrictions_stay_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- a time of two words opening the order's clause -------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "side"),
    [
        ("selling puts can wait. right now buy 2 CAT 380c 8/16 @ 6.10", "CAT", "buy"),
        (
            "the AAPL roll can wait until Friday; for now sell 3 MSFT 480c 8/16 @ 2.70",
            "MSFT",
            "sell",
        ),
        ("right now buy 100 F @ 11.25", "F", "buy"),
        ("this time buy 4 AMD 150c 8/16 @ 3.05", "AMD", "buy"),
    ],
)
def test_time_opening_the_order_clause(parse: Parse, text: str, ticker: str, side: str) -> None:
    assert_order(parse(text), ticker, side=side)


@pytest.mark.parametrize(
    "text",
    [
        "right now I wouldn't buy 2 NVDA 170c 7/14 @ 3.10",
        "right now people buy 2 NVDA 170c every week",
        "if it dips, right now buy 2 NVDA 170c 7/14 @ 3.10",
        "for now I'm just watching the NVDA 170c",
    ],
)
def test_time_opened_talk_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- a fresh heading with a verb of beginning -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("last week's spread is done, new one starts: sell 1 XLE 85p 8/16 @ 0.90", "XLE"),
        ("stopped out of TSLA earlier. new one is here: BTO 2 AMD 150c 8/16 @ 3.05", "AMD"),
        (
            "closed the QQQ puts at 3.10 earlier, next trade incoming: sell 2 IWM 200p 8/16 @ 1.45",
            "IWM",
        ),
    ],
)
def test_fresh_heading_with_a_verb_of_beginning(parse: Parse, text: str, ticker: str) -> None:
    assert_order(parse(text), ticker)


@pytest.mark.parametrize(
    "text",
    [
        "new one starts tomorrow",
        "old trade closed, new one starts next week, maybe BTO 2 AMD 150c",
        "paper trade: new one starts: BTO 2 AMD 150c 8/16 @ 3.05",
    ],
)
def test_fresh_headings_without_an_order_now_stay_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))
