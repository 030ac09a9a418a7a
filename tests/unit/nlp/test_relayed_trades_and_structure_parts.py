"""Talk about positions and other people's trades, and a structure written by parts.

Each test names one general cue: a news heading, a bot's post relayed after an emoji, a source
that "likes" or "suggests" a trade, a position carried, two strategies weighed with "vs", a
person's structure as a heading (and the writer's own order after a go clause), and an iron fly
or iron condor written as its body and its wings. Near misses that must stay orders sit beside
them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    "text",
    [
        "newswire: Citadel added 2M F shares @ 11.40",
        "newsflash: BTO 500 TSLA 450c 1/15 @ 3.10 on the tape",
        "Newswire: STO 20 NVDA 150p 12/18 @ 2.05",
    ],
)
def test_a_news_heading_frames_what_it_posts(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_news_talk_in_its_own_sentence_leaves_the_order(parse: Parse) -> None:
    parsed = parse("headlines are scary today. BTO 2 SPY 580p 12/18 @ 3.30")
    assert parsed.kind == "order"
    assert parsed.legs[0].strike == Decimal("580")


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f916 SweepBot: BTO 800 NVDA 150c 12/18 @ 1.05",
        "\U0001f4c8 AlertBot: STO 5 SPY 600p 12/18 @ 2.15",
        "\u2022 OptionsBot: buy 300 AMD 170c 12/18 @ 0.90",
    ],
)
def test_a_bot_named_after_an_emoji_posts_its_own_alert(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


def test_talking_to_the_bot_stays_an_order(parse: Parse) -> None:
    parsed = parse("hey bot: BTO 2 AMD 170c 12/18 @ 2.15")
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == 2


@pytest.mark.parametrize(
    "text",
    [
        "the newsletter likes the AAPL 250/260 call spread 12/18 for 3.40",
        "my mentor favors the IWM 230/225 put spread 12/18 at 1.10 credit",
        "that analyst pitches the KO 62.5c 1/15 @ .80",
    ],
)
def test_a_source_liking_a_trade_is_their_pick(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_liking_after_the_order_is_the_writers_reason(parse: Parse) -> None:
    parsed = parse("buy 1 AAPL 250/260 call spread 12/18 @ 3.40, the chart likes it")
    assert parsed.kind == "order"
    assert parsed.price == Decimal("3.40")


@pytest.mark.parametrize(
    "text",
    [
        "carrying the TSLA 400 put calendar (short 12/18, long 1/15) through earnings",
        "carrying 3 NVDA 150c 12/18 over the weekend",
    ],
)
def test_a_position_carried_is_described(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_an_order_after_a_carried_position_stays(parse: Parse) -> None:
    parsed = parse("carrying 3 NVDA 150c 12/18 over the weekend. sell 1 NVDA 150c 12/18 @ 4.20")
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "sell"


@pytest.mark.parametrize(
    "text",
    [
        "strangle vs straddle on TSLA: 400 straddle 41.00, 380p/420c strangle 25.50",
        "iron condor versus butterfly on SPX for friday, which pays more?",
    ],
)
def test_two_strategies_weighed_are_a_comparison(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_vs_against_shares_is_not_a_comparison(parse: Parse) -> None:
    parsed = parse("STO 3 KO 65c 1/15 vs 300 shares @ 1.05")
    assert parsed.kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "Jake's iron condor: SPY 560/570/640/650 12/18 for 2.80 credit, he's happy",
        "Priya's strangle: TSLA 380p/420c 12/18 for 25.50, she sold it",
        "Omar's calendar: sell 1 AMD 170c 12/18 / buy 1 AMD 170c 1/15 for 2.10",
    ],
)
def test_a_persons_structure_as_a_heading_is_their_trade(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("Ana's play: BTO 10 PLTR 30c 12/18 @ 1.40. I'm in: buy 3 PLTR 30c 12/18 @ 1.40", 3),
        (
            "Rob's alert: sell 4 IWM 220p 12/18 @ 1.10 \u2014 copying it: sell 2 IWM 220p "
            "12/18 @ 1.10",
            2,
        ),
    ],
)
def test_the_writers_order_after_a_go_clause_follows_the_post(
    parse: Parse, text: str, quantity: int
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == quantity


def test_a_persons_post_with_no_go_clause_stays_theirs(parse: Parse) -> None:
    assert parse("Ana's play: BTO 10 PLTR 30c 12/18 @ 1.40. I'm out of it though").kind == "none"


def test_a_persons_structure_judged_then_the_writers_own(parse: Parse) -> None:
    parsed = parse(
        "Jake's iron condor looks fine, doing mine: sell 1 SPY 560/570/640/650 iron condor "
        "12/18 @ 2.80"
    )
    assert parsed.kind == "order"
    assert len(parsed.legs) == 4


def test_an_iron_fly_written_as_its_straddle_and_wings_keeps_four_legs(parse: Parse) -> None:
    parsed = parse(
        "SPY iron fly 12/18: sell the 600 straddle, buy the 590p and 610c wings, 2 lots, 7.40 "
        "credit"
    )
    assert parsed.kind == "order"
    legs = sorted((leg.side, leg.type, leg.strike, leg.quantity) for leg in parsed.legs)
    assert legs == [
        ("buy", "call", Decimal("610"), 2),
        ("buy", "put", Decimal("590"), 2),
        ("sell", "call", Decimal("600"), 2),
        ("sell", "put", Decimal("600"), 2),
    ]


def test_an_iron_condor_written_as_its_strangle_and_wings_keeps_four_legs(parse: Parse) -> None:
    parsed = parse(
        "QQQ iron condor 12/18: sell the 480/540 strangle, buy the 470p and 550c wings, 1 "
        "lot, 2.60 credit"
    )
    assert parsed.kind == "order"
    assert sorted(leg.strike for leg in parsed.legs) == [
        Decimal("470"),
        Decimal("480"),
        Decimal("540"),
        Decimal("550"),
    ]


def test_a_strangle_chosen_over_a_condor_is_the_strangle(parse: Parse) -> None:
    parsed = parse(
        "forget the NVDA iron condor, a strangle is simpler: sell 1 NVDA 140p/170c strangle "
        "12/18 @ 6.10"
    )
    assert parsed.kind == "order"
    assert parsed.strategy == "strangle"
    assert len(parsed.legs) == 2


@pytest.mark.parametrize(
    "text",
    [
        "my short 3 IWM 220p 12/4 are under water. roll them: BTC 3 IWM 220p 12/4 / STO 3 IWM "
        "215p 12/18, net .55 credit",
        "calls on my T shares about to get called away, rolling: buy 4 T 28c 12/4 and sell 4 "
        "T 29c 1/15 for a .20 credit",
        "the MSFT roll went fine. same on my short AAPL calls: buy 1 AAPL 260c 12/4 and sell "
        "1 AAPL 265c 12/18 for .30 credit",
        "ok I'm rolling: sell 2 NVDA 150c 12/4, buy 2 NVDA 150c 1/15, 1.90 debit",
    ],
)
def test_a_roll_written_leg_by_leg_after_talk_about_the_position(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert len(parsed.legs) == 2
    assert {leg.side for leg in parsed.legs} == {"buy", "sell"}
    assert parsed.price is not None


@pytest.mark.parametrize(
    "text",
    [
        "rolled my short IWM puts last week: BTC 3 IWM 220p 12/4 / STO 3 IWM 215p 12/18, net "
        ".55 credit",
        "if IWM drops more, roll them: BTC 3 IWM 220p 12/4 / STO 3 IWM 215p 12/18, net .55 credit",
        "thinking about rolling: BTC 3 IWM 220p 12/4 / STO 3 IWM 215p 12/18, net .55 credit",
        "should I roll? BTC 3 IWM 220p 12/4 / STO 3 IWM 215p 12/18, net .55 credit",
        "Ben's MSFT roll went fine. same on his short AAPL calls: buy 1 AAPL 260c 12/4 and "
        "sell 1 AAPL 265c 12/18 for .30 credit",
    ],
)
def test_a_roll_reported_planned_or_asked_stays_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "the chart likes this level, buy 2 SPY 600c 12/18 @ 3.10",
        "IV likes a big move here, buy 1 NVDA 150 straddle 12/18 @ 12",
    ],
)
def test_liking_the_market_before_an_order_keeps_it(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("Leo's long the AMD 170c 12/18, I'll go smaller: buy 1 AMD 175c 12/18 @ 2.40", 1),
        ("Kim sold 10 of the IWM 220p, we'll go bigger: sell 20 IWM 220p 12/18 @ 1.15", 20),
    ],
)
def test_going_smaller_or_bigger_hands_over_to_the_writers_order(
    parse: Parse, text: str, quantity: int
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == quantity


def test_going_bigger_later_stays_a_plan(parse: Parse) -> None:
    assert parse("I'll go bigger next week: BTO 3 AMD 175c 12/18 @ 2.40").kind == "none"


def test_thanks_for_the_idea_then_the_writers_own_trade(parse: Parse) -> None:
    parsed = parse("thanks for the idea, grabbing 5 F 12c 12/18 @ .30")
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == 5


@pytest.mark.parametrize(
    "text",
    [
        "thanks for the idea: BTO 5 F 12c 12/18 @ .30",
        "thanks for the idea, I grabbed 5 F 12c 12/18 @ .30",
        "trade idea: BTO 5 F 12c 12/18 @ .30",
    ],
)
def test_an_idea_posted_or_a_trade_reported_stays_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "her TSLA put looks clever, buying 1 TSLA 380p 12/18 @ 6.10",
        "QQQ seems heavy, sell 2 QQQ 520c 12/18 @ 1.30",
    ],
)
def test_a_verdict_in_its_own_clause_then_the_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "looks like QQQ rolls over, sell 2 QQQ 520c 12/18 @ 1.30",
        "if QQQ looks heavy, sell 2 QQQ 520c 12/18 @ 1.30",
        "QQQ looks to break, sell 2 QQQ 520c 12/18 @ 1.30",
    ],
)
def test_what_may_still_happen_keeps_the_order_talk(parse: Parse, text: str) -> None:
    assert_talk(parse(text))


def test_a_remark_after_a_semicolon_leaves_the_order(parse: Parse) -> None:
    parsed = parse(
        "sell to close my 4 PFE 30 calls Dec 18 at .45 please; I would rather not sit through "
        "the data"
    )
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == 4
    assert parsed.price == Decimal("0.45")


def test_a_second_leg_after_a_semicolon_is_no_remark(parse: Parse) -> None:
    parsed = parse("BTO 1 SPY 600c 12/18; STO 1 SPY 610c 12/18 @ 2.10 debit")
    assert parsed.kind == "order"
    assert len(parsed.legs) == 2


@pytest.mark.parametrize(
    "text",
    [
        "close my 3 RIVN 15c 12/18, sell @ .20 \U0001f62d",
        "STC 2 SNAP 9c 12/18 @ .05 \U0001f62d",
    ],
)
def test_a_crying_face_after_an_order_is_a_mood(parse: Parse, text: str) -> None:
    assert parse(text).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "wish I had bought 50 RIVN at 10 \U0001f62d",
        "STC my pride, BTO instant noodles \U0001f602",
    ],
)
def test_regret_and_laughter_stay_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Enter a GTC order to sell 2 KO 65 covered calls, December 18, at 1.10.", "sell"),
        ("enter a day order to buy 3 PFE 30 calls Dec 18 at .40", "buy"),
    ],
)
def test_entering_an_order_to_is_a_request_for_that_side(
    parse: Parse, text: str, side: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].side == side


def test_enter_alone_still_buys(parse: Parse) -> None:
    parsed = parse("enter 2 PFE 30 calls 12/18 at .40")
    assert parsed.kind == "order"
    assert parsed.legs[0].side == "buy"


def test_a_dated_price_move_then_the_order(parse: Parse) -> None:
    parsed = parse(
        "IWM 220p 12/18 went 1.40 \u2192 3.10 earlier today. STC 2 IWM 220p 12/18 @ 3.05"
    )
    assert parsed.kind == "order"
    assert (parsed.legs[0].side, parsed.legs[0].quantity) == ("sell", 2)


@pytest.mark.parametrize(
    "text",
    [
        "bought IWM 220p 12/18 at 1.40, went to 3.10 earlier today. STC 2 IWM 220p 12/18 @ 3.05",
        "IWM 220p 12/18 went 1.40 \u2192 3.10 earlier today",
    ],
)
def test_a_trade_reported_with_its_move_stays_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"
