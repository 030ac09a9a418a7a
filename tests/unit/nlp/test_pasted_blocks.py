"""Text pasted in from elsewhere (a broker's e-mail or status, a forward, a chat export, a
ticket read off a screenshot) and the writer's own line about it; near misses stay chatter."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_order

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


# --- the writer's own line after a pasted block ------
@pytest.mark.parametrize(
    ("text", "ticker", "price", "quantity"),
    [
        (
            "Status: Rejected (insufficient buying power)\nBUY 2 AMZN 230C 12/17 LMT 4.00\n\n"
            "try once more: buy 1 AMZN 230c 12/17 @ 3.80",
            "AMZN",
            "3.80",
            1,
        ),
        (
            "Subject: Order Filled\n  Filled: BUY 6 F 12C 12/17 @ 0.40\n\n"
            "taking some off now: sell to close 3 F 12c 12/17 @ 0.75",
            "F",
            "0.75",
            3,
        ),
        ("reminder from my phone: 'look at KO calls'\nbuy 4 KO 70c 12/17 @ 0.85", "KO", "0.85", 4),
    ],
)
def test_writers_line_after_pasted_block_is_the_order(
    parse: Parse, text: str, ticker: str, price: str, quantity: int
) -> None:
    assert_order(parse(text), ticker, price, quantity=quantity)


# --- a pointer back at the one order pasted above ------
@pytest.mark.parametrize(
    ("text", "ticker", "price", "quantity"),
    [
        ("Status: Expired\nSELL 2 XOM 120P 12/17 LMT 2.40\nresubmit that one", "XOM", "2.40", 2),
        (
            "fwd from the discord:\n🚨 BTO DIS 110c 12/17 @ 2.20\n\ni'm in, place 4 of those",
            "DIS",
            "2.20",
            4,
        ),
        (
            "my todo list:\n- [ ] STO 1 IWM 220p 12/17 @ 1.90\n- [ ] gym\nsend that one",
            "IWM",
            "1.90",
            1,
        ),
    ],
)
def test_pointer_places_the_pasted_order(
    parse: Parse, text: str, ticker: str, price: str, quantity: int
) -> None:
    assert_order(parse(text), ticker, price, quantity=quantity)


def test_intro_that_says_to_place_what_is_below(parse: Parse) -> None:
    parsed = parse(
        "the app froze, submit it again please:\n\n    BUY 2 GE 180 CALL 12/17 @ 3.30 LMT"
    )
    assert_order(parsed, "GE", "3.30", side="buy")


# --- a vertical ticket and OCR zeros ------
def test_vertical_ticket_with_ocr_zeros(parse: Parse) -> None:
    parsed = parse(
        "copied from the broker screen, place it:\nSell to Open\nQQQ 500 Put\n"
        "Exp 12/17/2O27\nQty 3\nLimit $4.2O"
    )
    assert_order(parsed, "QQQ", "4.20", side="sell")
    assert parsed.legs[0].quantity == 3
    assert parsed.legs[0].effect == "open"
    assert parsed.legs[0].expiration is not None


def test_ocr_zero_leaves_tickers_alone(parse: Parse) -> None:
    assert_order(parse("buy 100 O @ 55.1O"), "O", "55.10")


def test_lowercase_ticker_glued_to_strike(parse: Parse) -> None:
    parsed = parse("stc 5 riot12c 12/17 .40")
    assert_order(parsed, "RIOT", "0.40", side="sell")
    assert parsed.legs[0].strike == Decimal("12")


# --- near misses: pasted posts with no instruction of the writer's stay chatter ------
@pytest.mark.parametrize(
    "text",
    [
        "SignalBot APP — Today at 9:31 AM\n🟢 BTO TSLA 300c 12/17 @ 8.10",
        "Forwarded from Options Kings\n🚨 NEW TRADE: BTO NFLX 1100c 11/19 @ 21.50",
        "Weekly picks 📬\nBuy to open: MSFT Dec 500 calls, limit $6.00\n"
        "You are receiving this because you subscribed. Unsubscribe",
        "Jump to message ↗ Replying to @lee: sell 1 SPY 560p 12/17 @ 2.00\nis this a good entry?",
        "Status: Rejected\nBUY 1 COIN 250P 11/19 LMT 11.20\nno idea why that happened",
        "fwd from the discord:\n🚨 BTO DIS 110c 12/17 @ 2.20\n\nnot touching that one",
        # a reply that acknowledges, cheers or shrugs does not point at the pasted order
        "Forwarded from Alpha Alerts:\nBTO SPY 600c 12/18 @ 2.15\n\ncopy that",
        "fwd from the group:\nBTO SPY 600c 12/18 @ 2.15\n\nI don't get it",
        "Status: Filled\nBUY 1 SPY 600C 12/18 @ 2.15\n\nsend it",
        "Status: Filled\nBUY 1 SPY 600C 12/18 @ 2.15\n\ntake that, bears",
    ],
)
def test_pasted_post_without_instruction_is_chatter(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))
