"""Chatter holding a complete order, and orders whose lead-ins echo it, round 31.

Each test names one general form: a contest entry, a caption, a song, a teaching heading and an
alert code declined by name stay talk; a screenshot promised for later, indifference to a
detail ("don't care about the fill"), a fill predicted ("it'll fill"), a wish that the order be
in, and an earnest go clause after a contest ("this one's real money:") leave the order as it
is. Chatter that looks like each order form stays chatter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from support.parsing import assert_chatter, assert_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]

ON = date(2030, 2, 11)


# A trade entered in a contest (an entry word or "for" in the contest's clause) is a game's pick.
@pytest.mark.parametrize(
    "text",
    [
        "my pick for the March trading contest: STO 2 AMD 150p 3/15 @ 2.40",
        "for the options competition I'm entering: buy 3 SOFI 15c 3/15 @ .55",
        "tournament entry #3: BTC 1 QQQ 480p 3/15 @ 1.10",
        "submitting this for the contest - sell 1 TSLA 300c 3/15 @ 6.20",
    ],
)
def test_contest_entry_is_talk(parse: Parse, text: str) -> None:
    assert_talk(parse(text, on=ON))


# A contest won or over enters nothing; an earnest go clause ends a contest entry before it.
@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        ("contest is over. buy 1 PLTR 30c 3/15 @ 2.05", "PLTR", "2.05"),
        (
            "my competition entry is already in, this one's real money: BTO 2 AMD 150c 3/15 @ 4.10",
            "AMD",
            "4.10",
        ),
        ("contest entry locked. real account now: sell 1 KO 65c 3/15 @ .90", "KO", "0.90"),
    ],
)
def test_order_after_a_contest_is_read(
    parse: Parse, text: str, underlying: str, price: str
) -> None:
    assert_order(parse(text, on=ON), underlying, price)


# A caption, a song between music notes and a teaching heading quote the order.
@pytest.mark.parametrize(
    "text",
    [
        "caption for my reel: BTO 4 HOOD 40c 3/15 @ 1.25",
        "captions ideas: sell 2 IWM 200p 3/15 @ 1.40 and chill",
        "🎵 buy 1 SPY 600c 3/15 at 2.10, ride it to the moon 🎵",
        "♪ STO 1 NVDA 140p 3/15 @ 1.80, theta gang all night ♪",
        "fact of the day for newcomers: sell 1 KO 60p 3/15 @ .70 pays you to wait",
        "webinar slide 4: buy 1 AAPL 200/210 call spread 3/15 @ 4.00",
    ],
)
def test_caption_song_and_teaching_are_talk(parse: Parse, text: str) -> None:
    assert_talk(parse(text, on=ON))


# An order after a closing music note is the writer's.
def test_order_after_a_song_is_read(parse: Parse) -> None:
    text = "🎶 it's the most wonderful time of the year 🎶 anyway, buy 2 F 12c 3/15 @ .40"
    assert_order(parse(text, on=ON), "F", "0.40")


# A screenshot promised for after the order frames nothing (its own condition neither).
@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        ("sell 2 AMD 150c 3/15 @ 3.30, screenshots to follow", "AMD", "3.30"),
        ("screenshot later tonight. BTO 1 META 700c 3/15 @ 12.40", "META", "12.40"),
        ("ss coming when it fills 📸 STC 3 NIO 5c 3/15 @ .22", "NIO", "0.22"),
        ("buy 50 shares of KO at 61.20, screenshot for the room afterwards", "KO", "61.20"),
    ],
)
def test_screenshot_to_come_leaves_the_order(
    parse: Parse, text: str, underlying: str, price: str
) -> None:
    assert_order(parse(text, on=ON), underlying, price)


# A screenshot shown now still frames what it shows.
@pytest.mark.parametrize(
    "text",
    [
        "screenshot after the fill: BTC 2 TSLA 300c 3/15 @ 1.05",
        "posting the screenshot: SELL 1 TSLA 340/350 CALL CREDIT SPREAD 3/15 @ 2.05",
        "screenshot of my ticket: buy 2 AMD 150c 3/15 @ 4.10",
    ],
)
def test_screenshot_shown_stays_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=ON))


# Indifference to a detail and a fill predicted are no negation and no fill reported.
@pytest.mark.parametrize(
    ("text", "underlying", "price"),
    [
        ("don't really care about the fill, buy 2 SPY 600c 3/15 @ 1.10", "SPY", "1.10"),
        ("idc about the fill: STO 1 IWM 200p 3/15 @ 1.35", "IWM", "1.35"),
        ("dont care about the price. sell 100 shares of F at market", "F", None),
        ("no need to double check, this should fill. buy 5 XSP 600p 3/15 @ .85", "XSP", "0.85"),
    ],
)
def test_indifference_and_predicted_fill_leave_the_order(
    parse: Parse, text: str, underlying: str, price: str | None
) -> None:
    assert_order(parse(text, on=ON), underlying, price)


# A wish that the order be in, after it, is its reason.
def test_wish_the_order_in_is_its_reason(parse: Parse) -> None:
    text = "sell 3 KO 65c 3/15 @ .95 gtc, want it working before the open"
    assert_order(parse(text, on=ON), "KO", "0.95", side="sell", quantity=3)


# Look-alikes: a negated action, a fill reported, and an alert code declined by name stay talk.
@pytest.mark.parametrize(
    "text",
    [
        "don't care, not buying 2 SPY 600c 3/15 @ 1.10",
        "it filled at 1.10 lol: buy 2 SPY 600c 3/15 @ 1.10",
        "not doing the STO 2 MSFT 480p 3/15 @ 5.10, premium got crushed",
        "ok so, NOT taking the BTO 1 NVDA 150c 3/15 @ 4.20 after all",
    ],
)
def test_look_alikes_stay_talk(parse: Parse, text: str) -> None:
    assert_chatter(parse(text, on=ON))
