"""Positions described, habits, targets, verses and day changes are not orders.

Each class is one general cue that a message names a contract (or a ticker and a number)
without asking for a trade now: "long the ..." / "short the ..." describing what the writer
holds, "letting it ride" and a spread "legged into", a third party recommending a trade, a
price target's level written after "is", adding "on dips" as a habit, the "roses are red"
verse around an alert, and a ticker's change over the day written with a sign. Each comes with
near misses that must stay orders. Also: legs written inline after "short"/"long" with the
ticker and date in front are one order whose legs keep their own sides.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from nlp import ParsedOrder
from nlp._normalize import normalize

Parse = Callable[..., ParsedOrder]


class TestPositionDescribed:
    @pytest.mark.parametrize(
        "text",
        [
            "long the NVDA 180c 8/21 and short the 200c 8/21, turned into a spread last week",
            "short the TSLA 300p 7/17, fine so far",
            "long the QQQ 500 put calendar (Aug/Sep), slow and steady",
            "my IWM 200/205/240/245 condor expires friday, letting it ride",
            "META 600/620 call spread 9/18, riding it into earnings",
            "ended up with a MSFT 450/460 call vertical 8/21 that I legged into",
        ],
    )
    def test_a_held_position_is_chatter(self, parse: Parse, text: str) -> None:
        assert parse(text).kind == "none"

    @pytest.mark.parametrize(
        "text",
        [
            "long 2 SPY 600c 12/18 @ 3.10",
            "long the SPY 600c 12/18 @ 3.10",
            "short the SPY 600c 12/18 for 3.10",
            "short the QQQ 500p 12/18 1.05 credit",
            "long the NVDA 180c 12/18 x2 3.10",
            "long the QQQ 500 put calendar (Jan/Feb) 4.10 debit",
            "short 1 TSLA 300p 12/18 @ 4.25",
            "BTO 2 QQQ 520c 12/18 @ 3.10, letting it ride",
        ],
    )
    def test_orders_with_long_short_or_ride_stay_orders(self, parse: Parse, text: str) -> None:
        parsed = parse(text)
        assert parsed.kind == "order"
        assert parsed.price is not None


class TestThirdPartyRecommends:
    @pytest.mark.parametrize(
        "text",
        [
            "the newsletter recommends the AMD 200/210 call spread 12/18 for 3.20",
            "my analyst recommends BTO 2 NVDA 180c 12/18 @ 3.10",
            "that guru touts STO 1 SPY 580p 12/18 @ 2.05 every week",
        ],
    )
    def test_someone_else_recommending_is_chatter(self, parse: Parse, text: str) -> None:
        assert parse(text).kind == "none"

    @pytest.mark.parametrize(
        "text",
        [
            "BTO 2 NVDA 180c 12/18 @ 3.10 as my mentor recommends",
            "IV suggests a big move, buy 2 SPY 600 straddle 12/18 @ 10",
        ],
    )
    def test_a_reason_after_or_before_the_order_keeps_it(self, parse: Parse, text: str) -> None:
        assert parse(text).kind == "order"

    def test_an_order_after_its_own_sentence_stays(self, parse: Parse) -> None:
        parsed = parse("the newsletter recommends it. BTO 2 NVDA 180c 12/18 @ 3.10")
        assert parsed.kind == "order"
        assert parsed.price == Decimal("3.10")


class TestTargetsAndDips:
    @pytest.mark.parametrize(
        "text",
        [
            "my target for NVDA is 210, adding on dips",
            "target for HOOD is 140, adding more on pullbacks",
            "PT on AMD is 190, buying on any dip",
        ],
    )
    def test_a_target_and_a_dip_habit_are_chatter(self, parse: Parse, text: str) -> None:
        assert parse(text).kind == "none"

    @pytest.mark.parametrize(
        ("text", "price"),
        [
            ("buy 2 SPY 600c 12/18 on the dip @ 3", Decimal("3")),
            ("BTO 2 SPY 600c 12/18 @ 3.10, adding more on dips", Decimal("3.10")),
            ("buy 100 AMD at 150, target is 190", Decimal("150")),
        ],
    )
    def test_orders_keep_their_price(self, parse: Parse, text: str, price: Decimal) -> None:
        parsed = parse(text)
        assert parsed.kind == "order"
        assert parsed.price == price


class TestVerse:
    def test_roses_are_red_makes_the_alert_a_joke(self, parse: Parse) -> None:
        text = "roses are red, violets are blue, BTO 3 TSLA 400c 12/18 @ 5, tendies for you"
        assert parse(text).kind == "none"

    def test_roses_alone_do_not(self, parse: Parse) -> None:
        parsed = parse("got my wife roses. STO 1 AAPL 210p 12/18 @ 1.95")
        assert parsed.kind == "order"
        assert parsed.legs[0].side == "sell"


class TestDayChange:
    @pytest.mark.parametrize(
        "text",
        [
            "QQQ -0.85 today, 520p +0.30",
            "IWM -1.40 on the day, 230c 12/18 getting crushed",
        ],
    )
    def test_a_signed_change_over_the_day_is_no_credit(self, parse: Parse, text: str) -> None:
        assert parse(text).kind == "none"

    @pytest.mark.parametrize(
        "text",
        [
            "STO SPY 650p 12/18 -1.20 today",
            "sell 1 SPY 650p 12/18 -1.20",
        ],
    )
    def test_a_signed_price_after_the_contract_stays_a_credit(
        self, parse: Parse, text: str
    ) -> None:
        parsed = parse(text)
        assert parsed.kind == "order"
        assert (parsed.price, parsed.price_effect) == (Decimal("1.20"), "credit")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("IWM +1.10 since the open", "IWM up 1.10 since the open"),
            ("QQQ -0.85 today", "QQQ down 0.85 today"),
        ],
    )
    def test_the_change_is_rewritten_as_a_move(self, text: str, expected: str) -> None:
        # a rising day too, in a message with no minus sign anywhere
        assert normalize(text) == expected

    def test_an_order_after_the_change_is_read(self, parse: Parse) -> None:
        parsed = parse("IWM +1.10 today, BTO 2 IWM 230c 12/18 @ 1.05")
        assert parsed.kind == "order"
        assert parsed.price == Decimal("1.05")


class TestInlineLongShortLegs:
    def test_short_put_long_call_is_a_risk_reversal(self, parse: Parse) -> None:
        parsed = parse("MSFT 12/18 short 400p long 480c @ 0.55")
        assert parsed.kind == "order"
        assert {(leg.side, leg.type, leg.strike) for leg in parsed.legs} == {
            ("sell", "put", Decimal("400")),
            ("buy", "call", Decimal("480")),
        }
        assert parsed.price == Decimal("0.55")

    def test_long_call_short_call_is_a_vertical(self, parse: Parse) -> None:
        parsed = parse("SPY 12/18 long 600c short 610c @ 2.10 debit")
        assert parsed.strategy == "vertical"
        assert {(leg.side, leg.strike) for leg in parsed.legs} == {
            ("buy", Decimal("600")),
            ("sell", Decimal("610")),
        }

    def test_without_a_price_or_with_a_holding_remark_it_is_no_order(self, parse: Parse) -> None:
        assert parse("MSFT 12/18 short 400p long 480c").kind == "none"
        assert parse("MSFT 12/18 short 400p long 480c, holding both").kind == "none"


class TestStrategyOfTheAction:
    def test_a_strategy_named_with_the_action_replaces_one_talked_about(self, parse: Parse) -> None:
        parsed = parse(
            "forget the NVDA straddle, too pricey: buy 1 NVDA 170p/200c strangle 12/18 @ 9.40"
        )
        assert parsed.kind == "order"
        assert {(leg.side, leg.type, leg.strike) for leg in parsed.legs} == {
            ("buy", "put", Decimal("170")),
            ("buy", "call", Decimal("200")),
        }

    def test_a_short_name_repeats_the_strategy(self, parse: Parse) -> None:
        parsed = parse(
            "iron fly on SPX for friday: sell the 6000 fly, wings 5975/6025, 18.20 credit"
        )
        assert parsed.kind == "order"
        assert parsed.strategy == "iron_fly"

    def test_a_put_and_a_call_in_one_slash_pair_are_both_bought(self, parse: Parse) -> None:
        parsed = parse("buy 1 TSLA 280p/330c 12/18 @ 21.50")
        assert parsed.strategy == "strangle"
        assert {(leg.side, leg.type, leg.strike) for leg in parsed.legs} == {
            ("buy", "put", Decimal("280")),
            ("buy", "call", Decimal("330")),
        }

    def test_a_slash_pair_of_one_type_stays_a_vertical(self, parse: Parse) -> None:
        parsed = parse("buy 1 TSLA 280/330c 12/18 @ 5")
        assert parsed.strategy == "vertical"
        assert {leg.side for leg in parsed.legs} == {"buy", "sell"}


class TestPositionThenOrder:
    def test_holdings_then_an_announced_order(self, parse: Parse) -> None:
        parsed = parse(
            "holding KO 65c 12/18 (x2) and KO 60p 12/18 (x1). adding a call: "
            "buy 1 KO 65c 12/18 @ 1.10"
        )
        assert parsed.kind == "order"
        assert [(leg.type, leg.strike, leg.quantity) for leg in parsed.legs] == [
            ("call", Decimal("65"), 1)
        ]

    def test_two_orders_around_an_announcement_stay_refused(self, parse: Parse) -> None:
        parsed = parse("BTO 2 SPY 600c 12/18 @ 3. also add this: buy 1 QQQ 500c 12/18 @ 2")
        assert parsed.kind == "none"

    def test_long_the_spread_described_then_a_new_trade(self, parse: Parse) -> None:
        parsed = parse(
            "long the META 600c 12/18 and short the 650c 12/18 (on since Oct). new one: "
            "buy 2 META 550p 12/18 @ 6.10"
        )
        assert parsed.kind == "order"
        assert [(leg.side, leg.type, leg.strike) for leg in parsed.legs] == [
            ("buy", "put", Decimal("550"))
        ]


class TestVerbTickersAfterSharesOf:
    @pytest.mark.parametrize(
        ("text", "side", "quantity"),
        [
            ("buy 1,000 shares of GRAB @ 5.05 gtc", "buy", 1000),
            ("sell 200 shares of GRAB at 4.90", "sell", 200),
        ],
    )
    def test_a_verb_in_capitals_after_shares_of_is_the_ticker(
        self, parse: Parse, text: str, side: str, quantity: int
    ) -> None:
        parsed = parse(text)
        assert parsed.kind == "order"
        assert parsed.underlying == "GRAB"
        assert (parsed.legs[0].side, parsed.legs[0].quantity) == (side, quantity)

    def test_the_verb_in_lower_case_stays_a_verb(self, parse: Parse) -> None:
        parsed = parse("grab 100 shares of SNAP @ 9")
        assert parsed.kind == "order"
        assert parsed.underlying == "SNAP"


class TestLegsWithTheTickerWrittenLast:
    @pytest.mark.parametrize(
        "text",
        [
            "sell the 40 call and buy the 45 call on HOOD, 12/18 expiry, for 1.10 credit",
            "I want to sell the 40 call and buy the 45 call on HOOD 12/18 for 1.10 credit",
        ],
    )
    def test_the_ticker_of_the_last_leg_serves_both(self, parse: Parse, text: str) -> None:
        parsed = parse(text)
        assert parsed.kind == "order"
        assert parsed.underlying == "HOOD"
        assert {(leg.side, leg.strike) for leg in parsed.legs} == {
            ("sell", Decimal("40")),
            ("buy", Decimal("45")),
        }
        assert (parsed.price, parsed.price_effect) == (Decimal("1.10"), "credit")

    @pytest.mark.parametrize(
        "text",
        [
            "sell the 40 call and buy the 45 call on HOOD and SOFI 12/18 for 1.10 credit",
            "I want to sell the 40 call and buy the 45 call on HOOD, 12/18 expiry",
        ],
    )
    def test_two_tickers_or_no_price_make_no_order(self, parse: Parse, text: str) -> None:
        assert parse(text).kind == "none"


class TestContractRestated:
    @pytest.mark.parametrize(
        ("text", "strike", "price"),
        [
            (
                "buy 2 AMD 150c 12/18 @ 4.10, hold on, make it 2 AMD 160c 12/18 @ 2.05",
                "160",
                "2.05",
            ),
            (
                "BTO 1 NFLX 90c 12/18 @ 2.60... actually no, make it 1 of the 95c @ 1.40",
                "95",
                "1.40",
            ),
            ("buy 5 F 12c 12/18 @ .40 no wait, 5 F 13c 12/18 @ .22", "13", "0.22"),
        ],
    )
    def test_the_restated_contract_is_the_order(
        self, parse: Parse, text: str, strike: str, price: str
    ) -> None:
        parsed = parse(text)
        assert parsed.kind == "order"
        assert [(leg.side, leg.strike) for leg in parsed.legs] == [("buy", Decimal(strike))]
        assert parsed.price == Decimal(price)

    def test_another_sentence_after_sorry_is_not_a_restatement(self, parse: Parse) -> None:
        parsed = parse("sell 1 SPY 600c 12/18 @ 3 sorry wrong chat. buy 1 QQQ 500c 12/18 @ 2")
        # never the first action with the second contract ("sell ... QQQ 500c")
        if parsed.kind == "order" and parsed.underlying == "QQQ":
            assert parsed.legs[0].side == "buy"


class TestPickAfterAChain:
    @pytest.mark.parametrize(
        ("text", "ticker", "strike", "quantity"),
        [
            ("KO Jan: 60c 2.10, 62.5c 1.05, 65c .40. buy 10 of the 62.5c @ 1.05", "KO", "62.5", 10),
            (
                "IWM next fri: 230c delta .40, 235c delta .25. buy 4 of the 235c @ .90",
                "IWM",
                "235",
                4,
            ),
            (
                "AMD 12/18: 150c is 6.10, 160c is 3.20. I'll take the cheaper one, "
                "buy 2 AMD 160c 12/18 @ 3.20",
                "AMD",
                "160",
                2,
            ),
        ],
    )
    def test_the_pick_takes_the_chain_heading(
        self, parse: Parse, text: str, ticker: str, strike: str, quantity: int
    ) -> None:
        parsed = parse(text)
        assert parsed.kind == "order"
        assert parsed.underlying == ticker
        assert [(leg.strike, leg.quantity) for leg in parsed.legs] == [(Decimal(strike), quantity)]

    @pytest.mark.parametrize(
        "text",
        [
            "AMD 12/18: 150c 6.10, 160c 3.20. if it dips buy 2 of the 160c @ 3",
            "AMD 12/18: 150c is 6.10, 160c is 3.20. I'll buy the cheaper one tomorrow, "
            "buy 2 AMD 160c 12/18 @ 3.20",
        ],
    )
    def test_a_condition_or_a_plan_keeps_it_talk(self, parse: Parse, text: str) -> None:
        assert parse(text).kind == "none"


class TestTodayAfterAReport:
    def test_the_order_of_today_after_yesterdays_fill(self, parse: Parse) -> None:
        parsed = parse(
            "yesterday: STO 3 T 25p 12/18 @ .30 (filled). today: STO 3 T 24p 12/18 @ .21"
        )
        assert parsed.kind == "order"
        assert [(leg.side, leg.strike) for leg in parsed.legs] == [("sell", Decimal("24"))]
        assert parsed.price == Decimal("0.21")

    @pytest.mark.parametrize(
        "text",
        [
            "STO 3 T 25p 12/18 @ .30. today: STO 3 T 24p 12/18 @ .21",  # two orders
            "yesterday: STO 3 T 25p 12/18 @ .30 (filled). "
            "today: STO 3 T 24p 12/18 @ .21 if it dips",
        ],
    )
    def test_two_orders_or_a_condition_stay_refused(self, parse: Parse, text: str) -> None:
        assert parse(text).kind == "none"


class TestButBeforeTheImperative:
    @pytest.mark.parametrize(
        "text",
        [
            "haha can't believe I'm doing this but buy 30 AMC at 4.10",
            "this is dumb lol but sell 2 TSLA 500c 12/18 @ 3.20",
        ],
    )
    def test_a_mood_then_but_and_the_order(self, parse: Parse, text: str) -> None:
        assert parse(text).kind == "order"

    @pytest.mark.parametrize(
        "text",
        [
            "I'd never do this but buy 30 AMC at 4.10",
            "if it dips but buy 30 AMC at 4.10",
            "I don't own any but sell 2 TSLA 500c 12/18 @ 3.20 is what he did",
        ],
    )
    def test_a_hypothetical_or_a_statement_stays_talk(self, parse: Parse, text: str) -> None:
        assert parse(text).kind == "none"


class TestLongShortLegsUnderAnOrderHeading:
    @pytest.mark.parametrize(
        ("text", "ticker", "legs"),
        [
            (
                "KO, enter: short the 62.5 put, long the 60 put, 12/18, .55 credit",
                "KO",
                {("sell", "put", Decimal("62.5")), ("buy", "put", Decimal("60"))},
            ),
            (
                "order: long the qqq 520c short the qqq 530c, 12/18, 3.40 debit",
                "QQQ",
                {("buy", "call", Decimal("520")), ("sell", "call", Decimal("530"))},
            ),
        ],
    )
    def test_an_order_heading_makes_long_and_short_legs(
        self, parse: Parse, text: str, ticker: str, legs: set[tuple[str, str, Decimal]]
    ) -> None:
        parsed = parse(text)
        assert parsed.kind == "order"
        assert parsed.underlying == ticker
        assert {(leg.side, leg.type, leg.strike) for leg in parsed.legs} == legs

    @pytest.mark.parametrize(
        "text",
        [
            "his order: long the QQQ 520c short the QQQ 530c, 12/18, 3.40 debit",
            "old order: long the QQQ 520c short the QQQ 530c, 12/18, filled 3.40 debit",
            "order: long the QQQ 520c short the QQQ 530c, 12/18, 3.40 debit?",
            "KO, enter: short the 62.5 put, long the 60 put, 12/18",
        ],
    )
    def test_someone_elses_a_filled_an_asked_or_an_unpriced_one_is_not(
        self, parse: Parse, text: str
    ) -> None:
        assert parse(text).kind == "none"


class TestRatioWrittenWithAColon:
    def test_a_colon_ratio_is_read_like_1x2(self, parse: Parse) -> None:
        parsed = parse("NVDA 1:2 put ratio, buy 1 170p, sell 2 160p, 12/18, .35 db")
        assert parsed.kind == "order"
        assert {(leg.side, leg.quantity, leg.strike) for leg in parsed.legs} == {
            ("buy", 1, Decimal("170")),
            ("sell", 2, Decimal("160")),
        }

    def test_counts_that_contradict_the_ratio_are_refused(self, parse: Parse) -> None:
        assert parse("NVDA 1:2 put ratio, buy 1 170p, sell 1 160p, 12/18, .35 db").kind == "none"
