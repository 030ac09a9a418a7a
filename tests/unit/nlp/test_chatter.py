"""Chatter is never an order: questions, past tense, plans, negations, watchlists, flow."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        "should I buy SPY calls?",
        "What do you think about AAPL?",
        "is 450 a good strike for SPY?",
        "how much buying power do I have left",
        "did my TSLA order fill",
        "I sold AAPL yesterday",
        "bought 5 QQQ puts this morning, already up 30%",
        "closed my MSFT calls for a 40% gain",
        "my AMD calls expired worthless",
        "was going to buy NFLX but missed the dip",
        "thinking about buying some NVDA calls next week",
        "if SPY breaks 600 I'm buying calls",
        "I plan on adding to SPY and XOM tomorrow",
        "Eyeing SMH short on the next bounce",
        "AMD short on watch",
        "don't buy TSLA here",
        "watchlist for tomorrow: AMD, NVDA, SMCI",
        "COIN massive bullish flow spotted, 207.5C 05/15/2026, call buyer hits the tape",
        "SPY 600c 12/18 looks juicy",
        "NVDA earnings tonight, IV is insane",
        "gm traders",
        "",
        "   ",
        "$MDB 270% gain",
    ],
)
def test_chatter_is_not_an_order(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "none"
    assert parsed.legs == ()
    assert parsed.underlying is None


def test_none_explains_why(parse: Parse) -> None:
    assert parse("I sold AAPL yesterday").notes[0] == "past tense: sold"


def test_explicit_alert_code_outweighs_chatter_words(parse: Parse) -> None:
    parsed = parse("I was waiting patiently for this BTO NIO 11/13 35P @1.08")
    assert parsed.kind == "order"
    assert parsed.underlying == "NIO"


def test_question_mark_outweighs_an_alert_code(parse: Parse) -> None:
    assert parse("BTO NIO 11/13 35P @1.08?").kind == "none"


def test_contract_with_price_is_an_order_without_a_verb(parse: Parse) -> None:
    parsed = parse("PLTR $150 put 8/22 $3.40")
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "buy"


def test_ticker_without_action_suggests_how_to_order(parse: Parse) -> None:
    parsed = parse("SPY 600c")
    assert parsed.kind == "none"
    assert parsed.suggestions and "buy" in parsed.suggestions[0]


@pytest.mark.parametrize(
    "text",
    [
        "Trade log 11/13: STC NFLX 105c @ 4.40, +60%",
        "Trade idea: BTO SPY 600c 12/18 @ 2.15",
        "P/L today +$1,240 on SPX 0dte flies",
        "Block trade: SELL 4,000 IWM 230p 12/18 at 2.05 on the bid",
        "sold to open 2 AAPL 240p 12/18 @ 3",
        "STO'd 2 SPY 580p 12/18 @ 3",
        "Scalped SPY 600c 12/18 2.15 to 2.80",
        "SPY 600c 12/18 now 3.10",
        "AAPL 250c 12/18 @ 3.00 -> 4.50",
        "holding 10 AMD 160c 12/18 @ 2.10 into earnings",
        "My position: 5 SPY 600c 12/18 @ 2.15",
        "Long 5 SPY 600c 12/18 avg 2.10",
        "buying 5 SPY 600c 12/18 @ 2 when it opens",
        "gonna sell my AMD puts tomorrow",
        "about to buy 5 NVDA 200c 12/18",
    ],
)
def test_reports_quotes_positions_and_plans_are_not_orders(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"
