"""Round 34 (the dev halves of b58-b63): a word ticker after the count of the writer's position
("close my short 1 COST 850p ..."), "shares" misspelled ("Sell 40 shres of NEE ..."), the news
or the market remarked on after the order, the structure an order serves, and words that are
not talk around the order (a company's name beside its ticker, a greeting to the room)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_sure_order

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
ON = date(2030, 9, 10)
SEP20 = date(2030, 9, 20)


@pytest.mark.parametrize(
    ("text", "underlying", "side", "quantity", "kind", "strike"),
    [
        ("close my short 1 COST 850p 9/20 @ 2.30", "COST", "buy", 1, "put", "850"),
        ("close my 2 NOW 900c 9/20 @ 2.30", "NOW", "sell", 2, "call", "900"),
        ("close my long 3 COST 900c 9/20 @ 2.30", "COST", "sell", 3, "call", "900"),
        ("close our short 4 COST 800p 9/20 @ 2.30", "COST", "buy", 4, "put", "800"),
        # a plain word as the ticker still follows a count ("NOW" is ServiceNow)
        ("close our short 4 NOW 800p 9/20 @ 2.30", "NOW", "buy", 4, "put", "800"),
        ("close my long 2 ALL 200c 9/20 @ 2.30", "ALL", "sell", 2, "call", "200"),
    ],
)
def test_a_word_ticker_after_the_count_of_the_writers_position(
    parse: Parse, text: str, underlying: str, side: str, quantity: int, kind: str, strike: str
) -> None:
    assert_sure_order(
        parse(text, on=ON),
        underlying,
        [(side, "close", quantity, kind, Decimal(strike), SEP20)],
        Decimal("2.30"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "my short 1 COST 850p 9/20 is up 40%",  # a position talked about: no action
        "close my short 1 cost basis question 9/20",  # no contract after the word
    ],
)
def test_a_position_named_without_an_order_stays_talk(parse: Parse, text: str) -> None:
    assert parse(text, on=ON).kind == "none"


@pytest.mark.parametrize(
    ("text", "side", "quantity", "underlying", "price"),
    [
        ("Sell 40 shres of NEE at 80.25 please", "sell", 40, "NEE", "80.25"),
        ("buy 10 sahres of F at 11.40", "buy", 10, "F", "11.40"),
        ("buy 25 sharse of KO at 61.05", "buy", 25, "KO", "61.05"),
    ],
)
def test_shares_misspelled_still_count_shares(
    parse: Parse, text: str, side: str, quantity: int, underlying: str, price: str
) -> None:
    assert_sure_order(
        parse(text, on=ON),
        underlying,
        [(side, None, quantity, "equity", None, None)],
        Decimal(price),
    )


@pytest.mark.parametrize("word", ["share", "shared", "shores", "shapes", "stares"])
def test_english_words_near_shares_stay_as_typed(word: str) -> None:
    from nlp._spelling import correct_spelling

    assert correct_spelling(f"buy 10 {word} of F") == f"buy 10 {word} of F"


@pytest.mark.parametrize(
    "text",
    [
        "sell to close 2 JPM 260c 9/20 @ 7.80, earnings were great 🎉",
        "sell to close 2 JPM 260c 9/20 @ 7.80 - the CPI was hot",
        "sell to close 2 JPM 260c 9/20 @ 7.80, guidance was solid",
    ],
)
def test_the_news_remarked_on_after_the_order_reports_no_trade(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=ON),
        "JPM",
        [("sell", "close", 2, "call", Decimal("260"), SEP20)],
        Decimal("7.80"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "earnings were great, sold 2 JPM 260c 9/20 @ 7.80",  # the trade itself reported
        "sold 2 JPM 260c 9/20 @ 7.80, earnings were great",
    ],
)
def test_a_trade_reported_beside_the_news_stays_a_report(parse: Parse, text: str) -> None:
    assert parse(text, on=ON).kind == "none"


# The company's name beside its ticker, a greeting to the room, a limit's "or better" and what
# a short option is are not talk around the order: the bot does not ask about them.
@pytest.mark.parametrize(
    ("text", "underlying"),
    [
        ("Morning folks ☕\nbuy 20 shares of Abbott (ABT) at 130.85", "ABT"),
        ("put in a buy for 40 shares of Duke Energy DUK limit 118", "DUK"),
        ("Please buy 25 shares of Procter & Gamble, PG, at $171.50 or better.", "PG"),
        ("Hi everyone, please buy 30 shares of McDonald's (MCD) at 290.40", "MCD"),
        ("sell to open 1 AAPL 210 put 10/18 @ 2.85, cash secured", "AAPL"),
        ("STO 1 AAPL 260c 10/18 @ 2.90 covered", "AAPL"),
    ],
)
def test_names_greetings_and_descriptors_are_not_remarks(
    parse: Parse, text: str, underlying: str
) -> None:
    parsed = parse(text, on=ON)

    assert parsed.kind == "order" and parsed.underlying == underlying, parsed.to_dict()
    assert parsed.sure, parsed.remarks


@pytest.mark.parametrize(
    "text",
    [
        "Sell 300 shares of AT&T (T) at market please. Moving the money into bonds.",
        "buy 20 shares of ABT at 130.85, Grandpa Joe swears it doubles",  # names not beside it
    ],
)
def test_talk_beside_a_named_company_still_asks(parse: Parse, text: str) -> None:
    parsed = parse(text, on=ON)

    assert parsed.kind == "order" and not parsed.sure, parsed.remarks


@pytest.mark.parametrize(
    "text",
    [
        "close my 10 IWM 230c 9/20 at mkt, this tape is trash",
        "close my 10 IWM 230c 9/20 at mkt - the tape looks heavy",
        "close my 10 IWM 230c 9/20 at mkt, flow is wild today",
    ],
)
def test_the_market_judged_after_the_order_is_no_flow_report(parse: Parse, text: str) -> None:
    parsed = parse(text, on=ON)

    assert parsed.kind == "order" and parsed.order_type == "market", parsed.to_dict()
    assert [(leg.side, leg.effect, leg.quantity) for leg in parsed.legs] == [("sell", "close", 10)]


def test_a_flow_report_heading_the_order_stays_a_report(parse: Parse) -> None:
    assert parse("huge tape today, BTO 2 IWM 230c 9/20 @ 2.15", on=ON).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "BTO 1 SPY 505p 9/20 @ 2.30 hedge for the condors",
        "BTO 1 SPY 505p 9/20 @ 2.30 as a hedge against my strangle",
        "BTO 1 SPY 505p 9/20 @ 2.30, protection for our iron condors",
    ],
)
def test_the_structure_an_order_serves_is_not_the_structure_traded(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=ON),
        "SPY",
        [("buy", "open", 1, "put", Decimal("505"), SEP20)],
        Decimal("2.30"),
    )
