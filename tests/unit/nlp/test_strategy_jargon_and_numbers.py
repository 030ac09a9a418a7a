"""Number-dense messages: counts of other things and questions asked without their "?" stay
chatter, and near misses with the same words are still read as orders."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- a last sentence that asks without its "?" ------
@pytest.mark.parametrize(
    "text",
    [
        "entry 2.10 on the IWM 240c 3/20, stop 1.50. is that too tight or fine",
        "sell 2 KO 70c 3/20 @ 0.85. does that make sense for a first covered call",
        "stop 1.20, target 4.00 on the AMD 180c 3/20. am I reading the chart right",
        "buy 1 DIS 110p 3/20 @ 2.40. is this dumb",
    ],
)
def test_unmarked_question_after_the_contract_is_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "price"),
    [
        # a sentence after the order that is not an auxiliary before a subject
        ("buy 1 IWM 240c 3/20 @ 2.10. it is what it is", "IWM", "2.10"),
        # an auxiliary at a sentence start, but an order after it
        ("sounds good. do it, buy 2 KO 70c 3/20 @ 0.85", "KO", "0.85"),
        # an auxiliary at a sentence start before no subject
        ("tested 70 twice. is what it is, buy 2 KO 70c 3/20 @ 0.85", "KO", "0.85"),
    ],
)
def test_statement_or_later_order_is_still_read(
    parse: Parse, text: str, ticker: str, price: str
) -> None:
    assert_order(parse(text), ticker, price)


# --- a whole number that counts something else ------
@pytest.mark.parametrize(
    "text",
    [
        "6 meetings today and I'm staring at the 2 MSFT 500c 3/20 between them",
        "day 12 of holding the 4 PLTR 90c 3/20 through the chop",
        "week 3 of babysitting the 2 IWM 230p 3/20",
    ],
)
def test_count_of_other_things_is_no_price(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


@pytest.mark.parametrize(
    ("text", "ticker", "price", "quantity"),
    [
        # a count of contracts under another name, a lower-case ticker, a strategy in plural
        ("buy 3 cons MSFT 500c 3/20 @ 4.10", "MSFT", "4.10", 3),
        ("sell 2 ups 100c 3/20 @ 1.15", "UPS", "1.15", 2),
        ("buy 2 NFLX 110 straddles 3/20 @ 14.20", "NFLX", "14.20", 2),
        # "day" as the time in force, after the order
        ("buy 4 PLTR 90c 3/20 @ 2.05 day", "PLTR", "2.05", 4),
    ],
)
def test_counts_of_contracts_stay_quantities(
    parse: Parse, text: str, ticker: str, price: str, quantity: int
) -> None:
    assert_order(parse(text), ticker, price, quantity=quantity)


# --- an order's own clause after number-dense lead-in sentences ------
@pytest.mark.parametrize(
    ("text", "ticker", "price", "quantity"),
    [
        # sizing arithmetic, levels, a YTD figure, spread arithmetic, P/L, a tally, times
        (
            "risk 2% of a 20k account = 400. MSFT 500c 3/20 is 3.90 so 1 fits. "
            "BTO 1 MSFT 500c 3/20 @ 3.90",
            "MSFT",
            "3.90",
            1,
        ),
        ("AMD 180 is support, 195 resistance. buy 3 AMD 185c 3/20 @ 2.40", "AMD", "2.40", 3),
        ("PLTR +14% YTD and it's only March 2nd. sell 2 PLTR 90c 3/20 @ 3.10", "PLTR", "3.10", 2),
        (
            "8 wide, 2.10 credit, max loss 590. STO 1 SPY 600/592 put spread 3/20 @ 2.10",
            "SPY",
            "2.10",
            1,
        ),
        ("risk 2.10 x 100 x 3 = 630: buy 3 IWM 240/250 call spread 3/20 @ 2.10", "IWM", "2.10", 3),
        ("P/L on the 6 KO 70c 3/20 is +80%, trimming: sell 3 KO 70c 3/20 @ 1.40", "KO", "1.40", 3),
        # the ticker as the subject of a past move: the market's, not a trade
        ("KO rejected 72 twice, support down at 68. buy 2 KO 69p 3/20 @ 0.90", "KO", "0.90", 2),
        # a time before a colon is no emoji shortcode
        (
            "my 9:45 order never filled, new one at 11:05: buy 4 SOFI 20c 3/20 @ .55",
            "SOFI",
            ".55",
            4,
        ),
        # a win/loss tally ending its sentence
        ("trade #9 this week, 6W 2L. buy 1 QQQ 520c 3/20 @ 3.30", "QQQ", "3.30", 1),
        # "4x avg volume" multiplies the volume, it counts no contracts
        ("NVDA +9% on 4x avg volume. buy 2 NVDA 150c 3/20 @ 4.10", "NVDA", "4.10", 2),
        # "my entry rule": a rule, not an action
        (
            "35 DTE is my entry rule and the 2 KO 70c 3/20 fit it: BTO 2 KO 70c 3/20 @ 0.95",
            "KO",
            "0.95",
            2,
        ),
    ],
)
def test_order_clause_after_number_dense_lead_in(
    parse: Parse, text: str, ticker: str, price: str, quantity: int
) -> None:
    assert_order(parse(text), ticker, price, quantity=quantity)


def test_dates_of_a_lead_in_are_not_the_expiration(parse: Parse) -> None:
    parsed = parse("PPI 3/11, FOMC 3/18. buy 1 AAPL 250c 4/16/27 @ 5.20")
    assert_order(parsed, "AAPL", "5.20", side="buy")
    assert str(parsed.legs[0].expiration) == "2027-04-16"


def test_a_greeks_sign_is_no_credit(parse: Parse) -> None:
    parsed = parse("delta -0.35, theta -0.08 on the AMD 180p 3/20. buy 2 @ 2.60")
    assert_order(parsed, "AMD", "2.60", side="buy")
    assert parsed.price_effect == "debit"


@pytest.mark.parametrize(
    "text",
    [
        # a condition, a past trade, a question, a modal after the numbers
        "risk 2% of a 20k account = 400. MSFT 500c 3/20 is 3.90. "
        "if it dips, BTO 1 MSFT 500c 3/20 @ 3.90",
        "AMD 180 is support, 195 resistance. bought 3 AMD 185c 3/20 @ 2.40",
        "AMD 180 is support, 195 resistance. should I buy 3 AMD 185c 3/20 @ 2.40?",
        "8 wide, 2.10 credit, max loss 590. would STO 1 SPY 600/592 put spread 3/20 @ 2.10",
        "KO rejected 72 twice, support at 68. if it loses 68, buy 2 KO 69p 3/20 @ 0.90",
        # a heading right before the code frames it
        "PLTR +14% YTD, 3W 1L. Closed: sell 2 PLTR 90c 3/20 @ 3.10",
        "P/L today +340, 3W 1L. recap: STC 2 SPY 600c 3/20 @ 3.10",
        "8 wide, 2.10 credit, max loss 590. Trade idea: STO 1 SPY 600/592 put spread 3/20 @ 2.10",
        "PPI 3/11, FOMC 3/18. Example: buy 1 AAPL 250c 4/17 @ 5.20",
        # a trade reported with its figures, then its details
        "closed 3 of 6 at 1.40, 2.10 avg: sell 3 KO 70c 3/20 @ 1.40",
        "Took profits on KO at 1.40, +80% on 6 contracts. STC 6 KO 70c 3/20 @ 1.40",
        "Yesterday 3W 1L, +420. BTO 2 SPY 600c 3/20 @ 2.10 worked best",
        # the clause talks about the trade
        "trade #9 this week, 6W 2L. buy 1 QQQ 520c 3/20 @ 3.30 was the winner",
        "NVDA +9% on 4x avg volume. buying 2 NVDA 150c 3/20 @ 4.10 was the move yesterday",
        "my 9:45 order never filled, new one at 11:05: buy 4 SOFI 20c 3/20 @ .55?",
        "delta -0.35 on the AMD 180p 3/20, still holding 2",
    ],
)
def test_number_dense_talk_stays_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


# --- strategy jargon: legs joined by "&", rolls, the wheel, covered calls, headed structures ---
@pytest.mark.parametrize(
    ("text", "ticker", "price", "legs"),
    [
        (
            "diag on NVDA: BTO 1 NVDA 150c 6/16/28 & STO 1 NVDA 170c 3/17/28, net 9.80 db",
            "NVDA",
            "9.80",
            [("buy", 1, "150"), ("sell", 1, "170")],
        ),
        (
            "Roll the covered call out and up: BTC 2 KO 70c 3/17/28 and STO 2 KO 72c 4/21/28, "
            "net .15 credit",
            "KO",
            ".15",
            [("buy", 2, "70"), ("sell", 2, "72")],
        ),
        (
            "collar the KO shares x3: sell the 72c and buy the 64p, both 3/17/28, for .20 cr",
            "KO",
            ".20",
            [("sell", 3, "72"), ("buy", 3, "64")],
        ),
        (
            "call fly SPY 3/17/28: buy 600c, sell 2x 610c, buy 620c, 1.10 debit",
            "SPY",
            "1.10",
            [("buy", 1, "600"), ("sell", 2, "610"), ("buy", 1, "620")],
        ),
        (
            "QQQ calendar 520c, sell Mar buy Apr, 2.30 debit",
            "QQQ",
            "2.30",
            [("sell", 1, "520"), ("buy", 1, "520")],
        ),
    ],
)
def test_strategy_jargon_reads_its_legs(
    parse: Parse, text: str, ticker: str, price: str, legs: list[tuple[str, int, str]]
) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker, price)
    got = sorted((leg.side, leg.quantity, f"{leg.strike.normalize():f}") for leg in parsed.legs)
    assert got == sorted(legs), parsed.to_dict()


@pytest.mark.parametrize(
    ("text", "ticker", "price", "option_type", "quantity"),
    [
        # the wheel: an assignment reported, then the next option sold
        (
            "got assigned on the SOFI 18p, so sell 2 SOFI 20c 3/17/28 @ .35",
            "SOFI",
            ".35",
            "call",
            2,
        ),
        (
            "Selling calls on the 300 PLTR I got put: sell 3 PLTR 95c 3/17/28 @ 2.10",
            "PLTR",
            "2.10",
            "call",
            3,
        ),
        ("got called away on KO. sell 1 KO 68p 3/17/28 @ .70", "KO", ".70", "put", 1),
        # shares the calls are written against are held, not traded
        ("sell 3 KO 72c 3/17/28 @ .40 against the 300 shs", "KO", ".40", "call", 3),
        ("against the PLTR shares, STO 1 PLTR 95c 3/17/28 @ 2.05", "PLTR", "2.05", "call", 1),
        # a cash-secured put
        (
            "selling a CSP on SOFI, 18 strike, Mar 17 2028 expiry, limit .45",
            "SOFI",
            ".45",
            "put",
            1,
        ),
    ],
)
def test_wheel_and_covered_call_jargon(
    parse: Parse, text: str, ticker: str, price: str, option_type: str, quantity: int
) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker, price, side="sell")
    assert [(leg.type, leg.quantity) for leg in parsed.legs] == [(option_type, quantity)]


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday: BTO 1 NVDA 150c 6/16/28 & STO 1 NVDA 170c 3/17/28, net 9.80 db",
        "diag on NVDA: BTO'd 1 NVDA 150c 6/16/28 & STO'd 1 NVDA 170c 3/17/28, net 9.80 db",
        "should I roll? BTC 2 KO 70c 3/17/28 and STO 2 KO 72c 4/21/28, net .15 credit",
        "got assigned on the SOFI 18p, so I sold 2 SOFI 20c 3/17/28 @ .35",
        "if I get assigned on the SOFI 18p, sell 2 SOFI 20c 3/17/28 @ .35",
        "got assigned on the SOFI 18p, so should I sell 2 SOFI 20c 3/17/28 @ .35?",
        "got assigned on the SOFI 18p and sold 2 SOFI 20c 3/17/28 @ .35 against them",
        "would you sell 3 KO 72c 3/17/28 @ .40 against the 300 shs?",
        "Trade idea: collar the KO shares x3: sell the 72c and buy the 64p, both 3/17/28, "
        "for .20 cr",
        "QQQ calendar 520c, sold Mar bought Apr, 2.30 debit",
        "QQQ calendar 520c, should I sell Mar buy Apr for 2.30?",
        "is a CSP on SOFI at the 18 strike for .45 worth it?",
        "covered call beats a CSP on SOFI here imo",
    ],
)
def test_strategy_jargon_talk_stays_chatter(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))
