"""Crowded messages, corrections inside the message and relayed alerts, round 25.

Each test names one general form: the writer's own order after a quoted one (a go clause
hands over: "copying this from #alerts: '...'", "I want 2: BTO 2 ...", "resend at 1.15:
buy ..."), a go clause after a reason's "because" ("reposting his setup bc I'm in too:"), a
price corrected after the order ("typo, make that 18.80") and a count corrected before it ("not 2
contracts, 4: ..."), an aside naming a screenshot as the source of the numbers, a quote table
or a future's quote above the order, a clause ending with "the strike," and a common word in
capitals as the ticker before an untyped strike and its date. Talk that looks like them (a
person's position talked about, a bot's preview shown back, a quoted order only reported)
stays chatter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
LegKey = tuple[str, int, str | None, Decimal | None, date | None]


def _legs(parsed: ParsedOrder) -> list[LegKey]:
    return sorted(
        (leg.side, leg.quantity, leg.type, leg.strike, leg.expiration) for leg in parsed.legs
    )


def _assert_read(
    parsed: ParsedOrder, underlying: str, legs: list[LegKey], price: Decimal | None
) -> None:
    assert parsed.kind == "order"
    assert parsed.underlying == underlying
    assert _legs(parsed) == legs
    assert parsed.price == price


# The writer's own order after a quoted one.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "copying this from #alerts: 'STO 3 IWM 230p 12/18 @ 1.45'",
            "IWM",
            [("sell", 3, "put", Decimal("230"), date(2026, 12, 18))],
            Decimal("1.45"),
        ),
        (
            "text on the pic said 'BTO AMD 12/18 220C @ 4.10'. I want 3: "
            "BTO 3 AMD 220c 12/18 @ 4.10",
            "AMD",
            [("buy", 3, "call", Decimal("220"), date(2026, 12, 18))],
            Decimal("4.10"),
        ),
        (
            "tasty said 'Order rejected: SELL 2 KO 70C 12/18 LMT 0.95'. resend at 0.90: "
            "sell 2 KO 70c 12/18 @ 0.90",
            "KO",
            [("sell", 2, "call", Decimal("70"), date(2026, 12, 18))],
            Decimal("0.90"),
        ),
    ],
)
def test_the_writers_order_after_a_quoted_one_is_read(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    _assert_read(parse(text), underlying, legs, price)


# A go clause after a reason's "because" ends the relay before it.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "reposting Dan's idea because I'm in too: buy 3 SOFI 25c 12/18 at 0.62",
            "SOFI",
            [("buy", 3, "call", Decimal("25"), date(2026, 12, 18))],
            Decimal("0.62"),
        ),
        (
            "reposting the mod's setup bc I'm in: sell 1 XLE 85p 12/18 @ 1.20",
            "XLE",
            [("sell", 1, "put", Decimal("85"), date(2026, 12, 18))],
            Decimal("1.20"),
        ),
    ],
)
def test_a_go_clause_after_because_hands_over(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    _assert_read(parse(text), underlying, legs, price)


# Corrections: a price taken back after the order, a count taken back before it.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "sell 2 MSFT 500c 12/18 @ 6.10 -- typo, make that 6.40",
            "MSFT",
            [("sell", 2, "call", Decimal("500"), date(2026, 12, 18))],
            Decimal("6.40"),
        ),
        (
            "buy 4 F 12c 1/15 @ .33, typo, .35",
            "F",
            [("buy", 4, "call", Decimal("12"), date(2027, 1, 15))],
            Decimal("0.35"),
        ),
        (
            "not 3 contracts, 6: buy 6 PFE 27c 12/18 @ .41",
            "PFE",
            [("buy", 6, "call", Decimal("27"), date(2026, 12, 18))],
            Decimal("0.41"),
        ),
        (
            "not 1.10, 1.25: sell 2 KO 70c 12/18 @ 1.10",
            "KO",
            [("sell", 2, "call", Decimal("70"), date(2026, 12, 18))],
            Decimal("1.25"),
        ),
    ],
)
def test_a_correction_in_the_message_is_applied(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    _assert_read(parse(text), underlying, legs, price)


# Numbers around the order that are not its own: a screenshot aside, a quote table, a future's
# quote, a clause ending with "the strike", a common word as the ticker before a dated strike.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "sell 3 KO 70c 12/18 @ 1.12 (quote from my screenshot: bid 1.10 ask 1.15, OI 4,310)",
            "KO",
            [("sell", 3, "call", Decimal("70"), date(2026, 12, 18))],
            Decimal("1.12"),
        ),
        (
            "strike | bid | ask\n95 | 1.10 | 1.25\n100 | 0.60 | 0.70\nbuy 2 XOM 100c 12/18 @ 0.65",
            "XOM",
            [("buy", 2, "call", Decimal("100"), date(2026, 12, 18))],
            Decimal("0.65"),
        ),
        (
            "/NQ 20,110, QQQ 610, ripping. sell 2 QQQ 620c 12/18 @ 3.10",
            "QQQ",
            [("sell", 2, "call", Decimal("620"), date(2026, 12, 18))],
            Decimal("3.10"),
        ),
        (
            "AMD 152.30, 4% under the strike, 9 DTE. sell 2 AMD 160c 12/4 @ 1.05",
            "AMD",
            [("sell", 2, "call", Decimal("160"), date(2026, 12, 4))],
            Decimal("1.05"),
        ),
        (
            "sell 2 ALL 200 12/18 @ 3.10",
            "ALL",
            [("sell", 2, None, Decimal("200"), date(2026, 12, 18))],
            Decimal("3.10"),
        ),
    ],
)
def test_numbers_beside_the_order_stay_out_of_it(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    _assert_read(parse(text), underlying, legs, price)


@pytest.mark.parametrize(
    "text",
    [
        # a person's position talked about, no action
        "Kim's PCS on SPY 640/635 12/18 for .80, SPY is 655, bold",
        "my cousin's IWM 230/225 put spread 12/18 for 1.10, gutsy",
        # a bot's preview shown back
        "the bot got it right this time. preview: SELL 2 AMD 150 PUT 12/18 @2.05",
        # a quoted order only reported or relayed, with no go clause
        "saw this in the discord: 'BTO 2 LLY 820c 12/18 @ 14.20'",
        "he said: 'BTO 2 LLY 820c 12/18 @ 14.20'. I want to see how it goes",
        # a reason with no go clause after "because"
        "reposting Dan's idea because he asked: buy 3 SOFI 25c 12/18 at 0.62",
        # a quoted order and a test after it in brackets
        "BTO 1 ORCL 170c 12/18 @ 5.55 (test, please ignore)",
        # a future's quote and no order
        "/ES 6,702 looks heavy into the close",
    ],
)
def test_look_alikes_stay_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


def test_a_time_words_play_stays_the_writers(parse: Parse) -> None:
    parsed = parse("Today's play IWM 230/235 CCS 12/18 for .55")
    assert parsed.kind == "order"
    assert parsed.underlying == "IWM"
