"""Plain English from many kinds of traders: polite and hedged requests to the bot, wishes said
without "to", a count written once for a spread, lower-case tickers beside their contract,
typos in months and order words, dates in words, buy-writes and covered calls on shares held,
closing a short, pasted tables and tickets. The chatter next to each form stays chatter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder
from nlp._normalize import normalize

Parse = Callable[..., ParsedOrder]


# --- requests and wishes addressed to the bot ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "side", "ticker"),
    [
        ("Hi! Could you place an order to buy 40 shares of PEP at 150.20? Thanks.", "buy", "PEP"),
        ("can you please put in an order to sell 2 KO 70c 1/15/27 at .90?", "sell", "KO"),
        (
            "could you sell 3 XOM 120 calls for Jan 15 27 at 2.10 or better? thank you",
            "sell",
            "XOM",
        ),
        (
            "hey bot can u grab me 2 of the AMD 200 calls for 12/18, nothing above 4.10",
            "buy",
            "AMD",
        ),
        ("hey bot sell 2 PLTR 150 puts 12/18 at 3.20 thanks", "sell", "PLTR"),
        ("i want sell 2 put AMZN strike 200 for december 18, price minimum 3,40", "sell", "AMZN"),
        ("i need buy 100 share of PFE now at market price", "buy", "PFE"),
        (
            "I am want to buy the QQQ calls 600 strike, quantity 3, for 12/18, price 4.10",
            "buy",
            "QQQ",
        ),
        ("hello, i wish to acquire 20 share of COST at limit 905", "buy", "COST"),
        (
            "ok so I need to close my 4 long HOOD 90 calls 12/18, sell them at 2.05 please",
            "sell",
            "HOOD",
        ),
        ("i'd like to get four intc 25 calls 1/15/27 no more than 1.10", "buy", "INTC"),
        ("what I want is to sell 2 IWM 230 puts 12/18, and I'd want at least 1.45", "sell", "IWM"),
    ],
)
def test_a_request_or_wish_naming_the_whole_order_is_an_order(
    parse: Parse, text: str, side: str, ticker: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.notes
    assert parsed.underlying == ticker
    assert parsed.legs[0].side == side


def test_a_request_in_question_form_keeps_its_price_and_time_in_force(parse: Parse) -> None:
    parsed = parse("Could you place an order to buy 40 shares of PEP at 150.20? Day order please.")
    assert (parsed.kind, parsed.price, parsed.tif) == ("order", Decimal("150.20"), "day")
    assert parsed.legs[0].quantity == 40


@pytest.mark.parametrize(
    "text",
    [
        "hello! not sure if I'm doing this right but I want to sell one AMD 150 put 12/18, "
        "and I'd like at least 4.50 for it",
        "Hello, I don't really know the lingo yet, but I'd like to buy 30 shares of MSFT, "
        "and I'm fine paying the market price. Thanks!",
        "sorry still learning how this works lol, please buy 1 QQQ 600 put 12/18, pay up to 5",
        "hey so i'm trying to get out of my AMD position, close my 2 long AMD 160c 12/18 at market",
        "hi all. I finally decided to write some calls on my KO shares. could you sell 1 KO 72 "
        "call for Jan 15 27 at .80 or better? thank you",
    ],
)
def test_an_instruction_after_hedging_or_an_aside_is_an_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "should I buy NVDA 140c 12/18 at 3?",
        "can you sell 1 MSFT 500p before earnings?",
        "can you sell 1 DIS 125 call 1/15/27 at 1.40, or is that too low?",
        "will you sell 1 DIS 125 call 1/15/27 at 1.40? or hold?",
        "would you place an order to buy 100 shares of KO at 68.50?",
        "could you tell me if I should sell 1 DIS 125 call for Jan 15 27 at 1.40?",
        "not sure if I should buy 2 NVDA 140c 12/18 at 3",
        "I wonder if I should close my 2 SPY 600c 12/18 @ 2",
        "might grab some SPY calls tomorrow",
        "if it dips I'd buy 2 SPY 600c 12/18 @ 2",
        "next week I want to open 3 IWM 230/225 PCS 1/15/27 for 1.00",
        "kinda want to buy some TSLA puts",
        "I wish I could buy 2 SPY 600c 12/18 @ 2",
        "my wife wants me to sell 2 SPY 600c 12/18 @ 2",
        "hey bot did you buy 2 SPY 600c 12/18 @ 2?",
        "the bot sold 2 SPY 600c 12/18 @ 2 for me",
        "I tried to sell my 2 AAPL 250c 12/18 at 5 but no fill",
        "don't buy calls into earnings, sell 2 puts instead? no",
        "what I want is SPY to hit 600",
        "kinda need to close my 5 long SOFI 25 calls 11/20",
    ],
)
def test_questions_plans_and_talk_stay_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


# --- a count written once for the whole order ----------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "bull put spread 580/575 on SPY for 12/18, do 3 at 1.10 credit",
        "buy the 600/605 call spread on QQQ expiring 12/18, 3 of them, 2.20 debit",
        "let's do 3 of the IWM 240/245 call spreads for 12/18 at 1.95 debit",
        "go long the TSLA 400 straddle 1/15/27, 3 of them, max 40.60",
        "3 of the NVDA 200 calls 1/15/27 please, buy limit 12.40",
    ],
)
def test_a_count_written_once_applies_to_every_leg(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert {leg.quantity for leg in parsed.legs} == {3}


# --- lower-case tickers beside their contract ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("sell two uber 85 calls 12/18 at 1.35", "UBER"),
        ("buy five spy 655 calls expiring 12/18 at 2.05", "SPY"),
        ("um go ahead and buy two spx 6800 puts 0dte at 4.50", "SPX"),
        ("sell 5 puts on tsla strike 350 exp dec 18 at 11.20", "TSLA"),
        ("buy a hundred shares of dis limit 104.20", "DIS"),
        ("close my long nvda 190 calls 1/15/27 all 4 of them sell at 11.40", "NVDA"),
    ],
)
def test_a_lower_case_ticker_beside_its_contract_is_read(
    parse: Parse, text: str, ticker: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.underlying == ticker


@pytest.mark.parametrize(
    "text", ["nice uber 85 calls printing", "buy some 600 calls", "sold two uber 85 calls at 1.35"]
)
def test_a_lower_case_word_without_an_order_is_no_ticker(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


# --- typos and dates in words --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expiration"),
    [
        ("by 2 AAPL 235 calls for Febuary, limit 8.10", date(2027, 2, 19)),
        ("buy 3 XOM 125 calss for Decmeber at 2.10", date(2026, 12, 18)),
        ("buuy 3 AMZN 240 calls Janaury 15 2027 @ 9.45", date(2027, 1, 15)),
        ("sell 1 SPY 620 put expring Septmber 30 at 2.25", date(2027, 9, 30)),
        ("sell two UBER 85 calls for december eighteenth at 1.35", date(2026, 12, 18)),
        ("buy 2 AMD 200 calls January twenty-first 2028 at 9", date(2028, 1, 21)),
        ("buy 2 AMD 200 calls the fifteenth of January at 9", date(2027, 1, 15)),
    ],
)
def test_typed_slips_and_dates_in_words_are_read(parse: Parse, text: str, expiration: date) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].type in ("call", "put")
    assert parsed.legs[0].expiration == expiration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Augusta", "Augusta"),
        ("decent octopus novice", "decent octopus novice"),
        ("Novmber Septmber", "november september"),
        ("buy 5 clals, 5 ptus", "buy 5 calls, 5 puts"),
    ],
)
def test_only_slips_of_a_month_or_a_type_are_rewritten(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_swapped_letters_in_close_still_close(parse: Parse) -> None:
    parsed = parse("clsoe my 6 long HOOD 90 calls exp 12/18 at 3.40")
    assert (parsed.legs[0].side, parsed.legs[0].effect) == ("sell", "close")
    assert parsed.legs[0].quantity == 6


# --- closing, buy-writes and covered calls -------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("close my 2 short MSFT 460 puts for Jan 15 27, pay up to 1.85", "buy"),
        ("close out my short 3 XLE 95 puts 12/18, buy them back at .40", "buy"),
        ("close my 2 long MSFT 460 calls 1/15/27 at 9", "sell"),
        ("please close position: 4 contract TSLA call 400 exp 18 dec, sell at 22.30", "sell"),
    ],
)
def test_closing_a_short_buys_it_back(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert (parsed.legs[0].side, parsed.legs[0].effect) == (side, "close")


@pytest.mark.parametrize(
    "text",
    [
        "buy 300 F shares and sell 3 of the 13 calls for Dec 18 against them, net 11.85",
        "buy-write on F: buy 300 shares and sell 3 of the 13 calls Dec 18, 11.85 net debit",
    ],
)
def test_a_buy_write_buys_the_shares_and_sells_the_calls(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    legs = {(leg.side, leg.type): leg.quantity for leg in parsed.legs}
    assert legs == {("buy", "equity"): 300, ("sell", "call"): 3}
    assert (parsed.price, parsed.price_effect) == (Decimal("11.85"), "debit")


def test_shares_and_options_without_a_buy_write_stay_refused(parse: Parse) -> None:
    assert parse("buy 100 KO and sell 1 KO 70c 12/18 @ 1.10").kind == "none"
    assert parse("sell 100 KO shares and sell 1 KO 70c 12/18 @ 1.10").kind == "none"


@pytest.mark.parametrize(
    ("text", "quantity", "strike"),
    [
        ("Please sell 2 covered calls on my INTC shares, strike 40, exp 1/15/2027, min .85", 2, 40),
        ("sell 1 covered call on my 100 AAPL shares, 240 strike, 12/18, at least 2.90", 1, 240),
        ("write calls on my 300 shares of T, 3 contracts of the 29 strike 1/15/27 at .34", 3, 29),
    ],
)
def test_a_covered_call_on_shares_held_sells_the_calls(
    parse: Parse, text: str, quantity: int, strike: int
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    (leg,) = parsed.legs
    assert (leg.side, leg.type, leg.quantity, leg.strike) == (
        "sell",
        "call",
        quantity,
        Decimal(strike),
    )


def test_selling_shares_held_still_sells_the_shares(parse: Parse) -> None:
    parsed = parse("i need sell my 200 share of T now at market price")
    assert (parsed.legs[0].type, parsed.legs[0].quantity) == ("equity", 200)


# --- alert-room shorthand and broker tickets -----------------------------------------------------
def test_a_table_pasted_as_rows_is_read_by_its_keys(parse: Parse) -> None:
    parsed = parse("Side | Qty | Contract | Limit\nSTO | 2 | SPY 680p 1/15/27 | 3.10")
    assert parsed.kind == "order"
    assert (parsed.legs[0].side, parsed.legs[0].quantity) == ("sell", 2)
    assert parsed.price == Decimal("3.10")


@pytest.mark.parametrize(
    "text",
    [
        "Tasty ticket\n+1 Jan 15 27 AAPL 270 C\n-1 Jan 15 27 AAPL 290 C\n3.80 db",
        "sending: +1 Jan 15 27 AAPL 270 C / -1 Jan 15 27 AAPL 290 C lim 3.80 db",
    ],
)
def test_signed_legs_with_the_date_first_are_one_spread(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert {(leg.side, leg.strike) for leg in parsed.legs} == {
        ("buy", Decimal("270")),
        ("sell", Decimal("290")),
    }
    assert parsed.price_effect == "debit"


def test_a_thinkorswim_straddle_keeps_its_count_and_strike(parse: Parse) -> None:
    parsed = parse("BUY +3 STRADDLE SPY 100 (Weeklys) 4 DEC 26 700 @14.20 LMT")
    assert {(leg.quantity, leg.strike) for leg in parsed.legs} == {(3, Decimal("700"))}


def test_a_verbless_vertical_takes_its_side_from_debit(parse: Parse) -> None:
    parsed = parse("SPY 700/705c 12/18 1.20 db")
    assert parsed.kind == "order"
    assert {(leg.side, leg.strike) for leg in parsed.legs} == {
        ("buy", Decimal("700")),
        ("sell", Decimal("705")),
    }


def test_a_date_before_the_strategy_is_the_date(parse: Parse) -> None:
    parsed = parse("SPY 12/31 IC: 640/645/720/725 STO @ 1.60 cr")
    assert {leg.expiration for leg in parsed.legs} == {date(2026, 12, 31)}
    assert {leg.strike for leg in parsed.legs} == {Decimal(s) for s in (640, 645, 720, 725)}


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("BTO 5 cts $AMD 240C 12/18 @ 3.60", 5),
        ("add 2 more COST 1000 calls March 2027 at 38.50", 2),
    ],
)
def test_counts_before_the_ticker(parse: Parse, text: str, quantity: int) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == quantity


def test_forty_cents_is_still_a_price(parse: Parse) -> None:
    assert parse("sell 2 AMD 240C 12/18 @ 40 cts").price == Decimal("0.40")


def test_a_stock_alert_heading_before_long(parse: Parse) -> None:
    parsed = parse("🚨 Stock alert: Long $HIMS 300 sh @ 41.15")
    assert parsed.kind == "order"
    assert (parsed.legs[0].side, parsed.legs[0].quantity) == ("buy", 300)
    assert parse("Stock alert: long HIMS is my favorite").kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "AlgoBot: STO signal SPX 6700/6690p 0DTE, win prob 82%",
        "SPX GEX flip 6850, call wall 7000, put wall 6700",
        "$META 760c: entry 6.40 exit 11.20 (+75%) 🚀",
        "nothing above 3 in SPY today",
    ],
)
def test_signals_levels_and_results_stay_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "expiration"),
    [
        ("sell 2 AMD 150 puts december eighteen at 3.10", date(2026, 12, 18)),
        ("buy 1 SPY 600 call jan twenty-nine 2027 at 9", date(2027, 1, 29)),
        ("buy 2 KO 70 calls Marhc 19 2027 at 1.10", date(2027, 3, 19)),
    ],
)
def test_a_day_said_in_words_after_its_month(parse: Parse, text: str, expiration: date) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].expiration == expiration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I may one day buy calls", "I may one day buy calls"),
        ("the jan one fifty calls", "the jan one fifty calls"),
        ("jan five puts", "jan five puts"),
    ],
)
def test_number_words_that_are_not_a_day_stay(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("can I get 3 AAPL 250 calls for Dec 18 at 4.10?", "buy"),
        ("Hi, could I get 2 of the SPY 600 puts 12/18, limit 5.20 please", "buy"),
        ("would you please sell 2 KO 70c 12/18 at .90?", "sell"),
        ("would you kindly buy 100 shares of PEP at 150?", "buy"),
    ],
)
def test_asking_for_the_whole_order_is_a_request(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == side


@pytest.mark.parametrize(
    "text",
    [
        "can I get SPY calls in my IRA?",
        "can I sell 2 SPY 600c 12/18 at 2?",
        "would you buy 2 SPY 600c 12/18 @ 2?",
        "would you sell 2 KO 70c 12/18 at .90 please?",
        "can I get 3 AAPL 250 calls for Dec 18 at 4.10 or is that too much?",
    ],
)
def test_asking_whether_stays_a_question(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "side", "quantity"),
    [
        ("Could you please buy me 2 NVDA 190 puts for 12/18? Max I want to pay is 3.20", "buy", 2),
        (
            "I'd like to open a put credit spread on SPY, 640/635, 12/18, 3 contracts, 1.10 credit",
            "sell",
            3,
        ),
        ("i wanna sell 2 COIN 300 calls 12/18 at 12", "sell", 2),
        ("can you short 100 shares of TSLA at 410", "sell", 100),
        ("place a limit order to buy 5 AMD 170 calls 12/18 at 3.10", "buy", 5),
        ("hey there, could you help me sell 2 SQ 80 calls dec 18 for 1.60 please", "sell", 2),
        ("I want you to buy 2 SPY 650 puts 12/18 at 6.10", "buy", 2),
        ("buy two hundred shares of F at 11.20", "buy", 200),
    ],
)
def test_more_ways_to_ask_for_an_order(parse: Parse, text: str, side: str, quantity: int) -> None:
    parsed = parse(text)
    assert parsed.kind == "order", parsed.notes
    assert {leg.quantity for leg in parsed.legs} == {quantity}
    assert side in {leg.side for leg in parsed.legs}


def test_a_part_of_the_position_is_not_a_date(parse: Parse) -> None:
    parsed = parse("Trim 1/2 NVDA 200c 12/18 @ 6.40")
    assert parsed.legs[0].expiration == date(2026, 12, 18)


def test_hundreds_in_words_name_the_strike(parse: Parse) -> None:
    parsed = parse("buy two contracts of the META seven hundred calls 12/18, no more than 18")
    assert (parsed.legs[0].quantity, parsed.legs[0].strike) == (2, Decimal("700"))


@pytest.mark.parametrize(
    "text",
    [
        "he wants me to sell 2 SPY 650 puts 12/18 at 6.10",
        "can you help me understand how to sell 2 SQ 80 calls dec 18 for 1.60",
        "wanna sell 2 COIN 300 calls 12/18 at 12?",
        "what should I pay for 2 SPY 650 puts 12/18?",
    ],
)
def test_wishes_of_others_and_questions_stay_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("make for me buy of 3 puts QQQ strike 590 expiration 12/18, until 2.60 maximum", "buy"),
        ("please place a buy order for 3 AAPL 250 calls 12/18 at 4.10", "buy"),
        ("place a limit sell order for 2 TSLA 400c 12/18 at 20", "sell"),
    ],
)
def test_the_side_said_as_a_noun(parse: Parse, text: str, side: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == side


@pytest.mark.parametrize(
    "text",
    [
        "I placed a buy order for 3 AAPL 250 calls 12/18 at 4.10",
        "should I place a sell order for 2 TSLA 400c 12/18 at 20?",
    ],
)
def test_an_order_placed_or_asked_about_stays_chatter(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_cts_counts_contracts_unless_it_follows_a_price_word(parse: Parse) -> None:
    parsed = parse("scaling into $QQQ 600p 12/18 @ 5.20, 2 cts")
    assert (parsed.legs[0].quantity, parsed.price) == (2, Decimal("5.20"))


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        ("buy two apple 250 calls december eighteen at 4.10", "AAPL"),
        ("Please buy 10 shares of Apple at 255 limit", "AAPL"),
        ("sell 5 puts on nvidia strike 180 12/18 at 4", "NVDA"),
    ],
)
def test_a_company_name_where_the_ticker_goes(parse: Parse, text: str, ticker: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.underlying == ticker


@pytest.mark.parametrize(
    "text", ["Apple announces $110B buyback", "buy apple pie", "I love apple 250 calls"]
)
def test_a_company_name_in_talk_is_no_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_decimal_point_said_aloud_and_a_slip_in_sell(parse: Parse) -> None:
    assert parse("buy 3 spy 600 puts 12/18 at 2 point 5").price == Decimal("2.5")
    assert parse("sel 2 AMD 200 calls 12/18 at 4").legs[0].side == "sell"


def test_a_buy_write_needs_its_net_price(parse: Parse) -> None:
    assert parse("buy 100 AAPL shares and sell 1 AAPL 270c 12/18 @ 3").kind == "none"


def test_a_ticker_in_capitals_after_a_count_is_no_type_slip(parse: Parse) -> None:
    parsed = parse("buy 100 CALM shares at 80")
    assert (parsed.underlying, parsed.legs[0].type) == ("CALM", "equity")


def test_advice_to_others_is_not_an_order(parse: Parse) -> None:
    assert parse("my advice: please buy 1 SPY 640 put 12/18 as a hedge").kind == "none"
    assert parse("thanks for the advice, buy 2 SPY 600c 12/18 @ 2").kind == "order"


def test_a_price_put_off_until_later_is_a_plan(parse: Parse) -> None:
    assert parse("thx bot, I'd like to buy 2 more NVDA 190 calls 12/18 at 5 later").kind == "none"
    assert parse("buy 2 SPY 680p 12/18 at 7.40. back later").kind == "order"


def test_a_level_in_the_plural_is_no_strike_outside_a_roll(parse: Parse) -> None:
    parsed = parse("SPY back to the 600s, buy 2 SPY 610c 12/18 @ 2")
    assert parsed.kind == "order"
    assert [leg.strike for leg in parsed.legs] == [Decimal("610")]
