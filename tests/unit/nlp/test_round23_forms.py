"""Round 23 forms: earnings season talk around an order.

"The print" as the earnings release ("into the print", "post-print", "after the bank
prints"), not a trade seen on the tape; what the company or its stock did before the order
("AMD reported last night", "IV got crushed", "the straddle paid me"); "wed." ending a
sentence; "the credit" as a noun in a remark after the order; "paying up to 2.10 for ..." as
a bid; another person "is in" a contract; a strategy named with no action whose number stands
in a sentence before it; the writer's contracts hedged after a share order ("hedging my
calls"); and a heading listing who reports next week. Each comes with look-alikes that stay
talk.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- "the print": the earnings release ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "side"),
    [
        ("sell 3 JPM 240p 2/16 @ 1.80 ahead of the print", "JPM", "sell"),
        ("AMD strangle into the print: buy 1 AMD 170p/200c strangle 2/9 @ 9.40", "AMD", "buy"),
        ("after the bank prints: BTO 4 XLF 50c 2/16 @ 0.62", "XLF", "buy"),
        ("NKE IV still rich post-print, STO 2 NKE 70p 3/16 @ 1.25", "NKE", "sell"),
        ("pick up 200 DAL @ 48.15, pre-print drift", "DAL", "buy"),
        (
            "COST iron condor for the print:\nSTO 1 COST 880/890/1010/1020 IC 2/9 @ 3.20",
            "COST",
            "buy",
        ),
    ],
)
def test_the_print_is_the_earnings_release(parse: Parse, text: str, ticker: str, side: str) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker, side=side)
    assert parsed.sure, parsed.to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "Dark pool print: 900K shares of JPM @ 241.10",
        "two prints over $2M on the AMD 200c 2/9 this morning",
        "did you see that block print on NKE 70p?",
        "sold the NKE strangle before the print, +$280",
        "if DAL gaps up after the print I'd sell 2 DAL 55c 3/16",
        "holding my AMD calls through the print, wish me luck",
    ],
)
def test_prints_on_the_tape_and_earnings_talk_stay_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- what the company or its stock did, before the order ----------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "side"),
    [
        ("AMD reported last night, beat on revenue. buy 40 AMD @ 182.30", "AMD", "buy"),
        ("NKE printed, IV got crushed. selling now: sell 2 NKE 68p 3/16 @ 0.90", "NKE", "sell"),
        ("PYPL tanked after earnings, buy 2 PYPL 60c 3/16 @ 1.35", "PYPL", "buy"),
        ("my DAL strangle paid me, now sell 100 DAL at market", "DAL", "sell"),
        ("CSCO popped on guidance. sell 1 CSCO 60c 2/23 @ 0.55", "CSCO", "sell"),
    ],
)
def test_company_news_before_the_order(parse: Parse, text: str, ticker: str, side: str) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker, side=side)
    assert parsed.sure, parsed.to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "AMD reported last night, I sold my calls at the open",
        "PYPL tanked after earnings, glad I wasn't in it",
        "NKE printed and the 70c went to zero",
        "CSCO popped on guidance, what a week",
        "my DAL strangle paid me, done for the season",
    ],
)
def test_company_news_without_an_order_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- "wed." ending a sentence -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("SNOW reports wed. buy 2 SNOW 180c 3/16 at 6.20", "SNOW"),
        ("FOMC wed. STO 1 SPY 640p 2/16 @ 2.05", "SPY"),
        ("CPI Wed. sell 1 QQQ 600p 2/16 @ 3.10", "QQQ"),
    ],
)
def test_wed_ends_its_sentence(parse: Parse, text: str, ticker: str) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker)
    assert parsed.sure, parsed.to_dict()


# --- "the credit" as a noun in a remark after the order ----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "BTC 1 SPX 6700/6710/7100/7110 IC 2/16 @ 0.90 — that's 85% of the credit",
        "buy to close 2 IWM 230/225 PCS 2/16 @ 0.25, that's most of my credit",
        "BTC 3 XLE 90/85 put spread 3/16 @ 0.15 - that's 90% of the credit",
    ],
)
def test_the_credit_in_a_remark_is_no_price_side(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.price_effect == "debit", parsed.to_dict()


def test_a_credit_order_keeps_its_side(parse: Parse) -> None:
    parsed = parse("STO 1 IWM 230/225 PCS 2/16 @ 1.05 credit")
    assert parsed.price_effect == "credit", parsed.to_dict()


# --- "paying up to X for ..." opening the order: a bid -----------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "price", "quantity"),
    [
        ("paying up to 1.40 for 3 UBER 80c 3/16", "UBER", "1.40", 3),
        ("SHOP slipped after earnings, paying 4.10 for 2 SHOP 150c 3/16", "SHOP", "4.10", 2),
        ("pay max 0.80 for 5 F 13c 3/16", "F", "0.80", 5),
    ],
)
def test_paying_for_a_contract_is_a_bid(
    parse: Parse, text: str, ticker: str, price: str, quantity: int
) -> None:
    assert_order(parse(text), ticker, price, side="buy", quantity=quantity)


@pytest.mark.parametrize(
    "text",
    [
        "who is paying 4.10 for 2 SHOP 150c lol",
        "not paying 1.40 for 3 UBER 80c, way too rich",
        "would you pay 0.80 for 5 F 13c 3/16?",
    ],
)
def test_paying_talk_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


def test_paying_after_the_action_is_only_its_price(parse: Parse) -> None:
    parsed = parse("buy 2 UBER 80c 3/16, willing to pay up to 1.45")
    assert_order(parsed, "UBER", "1.45", side="buy", quantity=2)


# --- another person "is in" a contract -----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Marcus is in 3 NVDA 200c 2/16 @ 6.10 for the print, bold",
        "she's in 2 AMZN 240c 2/9 @ 5.50",
        "Priya is in 100 DAL @ 48.20, nice entry",
    ],
)
def test_another_person_in_a_contract_is_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


def test_my_own_order_after_a_weekday_is_in_stays_an_order(parse: Parse) -> None:
    assert_order(parse("Friday is in 2 days, buy 2 AMD 200c 2/16 @ 4.10"), "AMD", side="buy")


# --- a strategy named without an action, its number in an earlier sentence ----------------------
@pytest.mark.parametrize(
    "text",
    [
        "NFP friday. VIX 21. condors > strangles this week imo",
        "SPY 640. spreads are the only way to play this",
        "QQQ up 12 today.\nstraddles look expensive now",
    ],
)
def test_strategy_talk_after_a_number_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "strikes"),
    [
        ("IWM 200/195 put spread 2/16", "IWM", {"200", "195"}),
        ("NVDA 180 straddle 3/16", "NVDA", {"180"}),
        ("XLF iron fly 48/50/52 3/16", "XLF", {"48", "50", "52"}),
    ],
)
def test_a_strategy_with_its_strikes_is_still_an_alert(
    parse: Parse, text: str, ticker: str, strikes: set[str]
) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker)
    assert {str(leg.strike) for leg in parsed.legs} == strikes, parsed.to_dict()


# --- the writer's contracts hedged after a share order ------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "side"),
    [
        ("short 30 NVDA @ 181.40, hedging my calls", "NVDA", "sell"),
        ("sell 100 KO @ 70.10 to protect my long calls", "KO", "sell"),
        ("buy 200 XLE @ 88.60 against my short calls", "XLE", "buy"),
    ],
)
def test_shares_hedging_held_contracts(parse: Parse, text: str, ticker: str, side: str) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker, side=side)
    assert [leg.type for leg in parsed.legs] == ["equity"], parsed.to_dict()
    assert not parsed.missing, parsed.to_dict()


def test_puts_bought_to_hedge_keep_their_type(parse: Parse) -> None:
    parsed = parse("buy 2 SPY 600 puts 3/16 @ 3 to hedge my calls")
    assert [(leg.type, leg.strike) for leg in parsed.legs] == [("put", Decimal("600"))]


# --- a heading listing who reports next week -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("next week: NKE, FDX and MU. first up: buy 1 MU 130c 3/16 @ 4.40", "MU"),
        ("next week: JPM, WFC, BAC. sell 2 JPM 230p 3/16 @ 2.15", "JPM"),
        ("next month: ORCL, ADBE, COST. BTO 1 ORCL 180c 3/16 @ 5.25", "ORCL"),
    ],
)
def test_a_calendar_heading_before_the_order(parse: Parse, text: str, ticker: str) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker)
    assert parsed.legs[0].expiration is not None
    assert parsed.legs[0].expiration.month == 3, parsed.to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "next week: NKE, FDX and MU. what's everyone playing?",
        "next week: buy 1 MU 130c 3/16 @ 4.40",
        "next week: JPM, WFC, BAC. I'll sell 2 JPM 230p 3/16 @ 2.15 then",
    ],
)
def test_calendar_talk_and_dated_plans_stay_talk(parse: Parse, text: str) -> None:
    assert_talk(parse(text))
