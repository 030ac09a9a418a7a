"""Legs written one by one: a count written once after the legs, a signed ratio
under a heading with "net debit", a bull or bear call/put heading, and legs held opposite ways
("long the ... / short the ...") under a structure named with its count.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_strikes_on_one_day

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def _legs(parsed: ParsedOrder) -> list[tuple[str, int, str | None, Decimal | None]]:
    return sorted((leg.side, leg.quantity, leg.type, leg.strike) for leg in parsed.legs)


def test_a_count_written_once_after_the_legs_counts_each(parse: Parse) -> None:
    parsed = parse("buy the QQQ 500 call, sell the 510 call, 12/18 exp, 3 lots, pay up to 4.10")
    assert parsed.kind == "order"
    assert _legs(parsed) == [
        ("buy", 3, "call", Decimal("500")),
        ("sell", 3, "call", Decimal("510")),
    ]


def test_counts_written_on_each_leg_stay_a_ratio(parse: Parse) -> None:
    parsed = parse("buy 1 QQQ 500c / sell 2 QQQ 510c 12/18 @ .40")
    assert parsed.kind == "order"
    assert _legs(parsed) == [
        ("buy", 1, "call", Decimal("500")),
        ("sell", 2, "call", Decimal("510")),
    ]


def test_a_signed_ratio_under_a_heading_with_net_debit(parse: Parse) -> None:
    parsed = parse("AMD 12/18 ratio: +1 170c -2 185c, net debit .25")
    assert parsed.kind == "order"
    assert _legs(parsed) == [
        ("buy", 1, "call", Decimal("170")),
        ("sell", 2, "call", Decimal("185")),
    ]
    assert (parsed.price, parsed.price_effect) == (Decimal("0.25"), "debit")


@pytest.mark.parametrize(
    ("text", "effect"),
    [
        ("bear call on NVDA 12/18: sell 160c buy 165c, 3x, 1.40 credit", "credit"),
        ("bull put on IWM 12/18: sell 220p buy 215p, 2x, .95 credit", "credit"),
    ],
)
def test_a_bull_or_bear_heading_names_the_spread(parse: Parse, text: str, effect: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert len(parsed.legs) == 2
    assert {leg.side for leg in parsed.legs} == {"buy", "sell"}
    assert parsed.price_effect == effect


@pytest.mark.parametrize(
    ("text", "legs"),
    [
        (
            "collar on AAPL 12/18: long the 230p / short the 270c, 2 contracts, 0.20 debit",
            [("buy", 2, "put", Decimal("230")), ("sell", 2, "call", Decimal("270"))],
        ),
        (
            "risk reversal in TSLA 12/18, short the 380 put and long the 450 call, 1 lot, 0.50 cr",
            [("buy", 1, "call", Decimal("450")), ("sell", 1, "put", Decimal("380"))],
        ),
    ],
)
def test_legs_held_opposite_ways_under_a_structure_with_a_count(
    parse: Parse, text: str, legs: list[tuple[str, int, str, Decimal]]
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert _legs(parsed) == legs


@pytest.mark.parametrize(
    "text",
    [
        "collar on AAPL 12/18: long the 230p / short the 270c",
        "my collar on AAPL: long the 230p / short the 270c, been fine so far",
    ],
)
def test_a_collar_described_without_count_or_price_is_no_order(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "IWM 12/18 broken wing put fly 220/215/205, x2, 0.30 credit",
        "buy 2 IWM 12/18 broken-wing put fly 220/215/205 for 0.30 credit",
    ],
)
def test_a_broken_wing_fly_is_bought_even_for_a_credit(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert _legs(parsed) == [
        ("buy", 2, "put", Decimal("205")),
        ("buy", 2, "put", Decimal("220")),
        ("sell", 4, "put", Decimal("215")),
    ]
    assert parsed.price_effect == "credit"


def test_a_plain_fly_for_a_credit_is_still_sold(parse: Parse) -> None:
    parsed = parse("IWM 12/18 put fly 220/215/210, x2, 1.30 credit")
    assert parsed.kind == "order"
    assert {leg.side for leg in parsed.legs if leg.strike == Decimal("215")} == {"buy"}


def test_a_bwb_with_its_body_count_written(parse: Parse) -> None:
    parsed = parse(
        "BWB on NDX 12/18 calls: long 21000, short 2x 21100, long 21250, net credit 1.10"
    )
    assert parsed.kind == "order"
    assert parsed.underlying == "NDX"
    assert _legs(parsed) == [
        ("buy", 1, "call", Decimal("21000")),
        ("buy", 1, "call", Decimal("21250")),
        ("sell", 2, "call", Decimal("21100")),
    ]


def test_a_count_before_a_strategy_is_still_the_count(parse: Parse) -> None:
    parsed = parse("buy 2x SPY 600/610/620 call fly 12/18 @ 1.10")
    assert parsed.kind == "order"
    assert {leg.quantity for leg in parsed.legs} == {2, 4}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("$AMD 170/180 cs for 12/18, buy 3 @ 3.40", "call"),
        ("sell 2 QQQ 500/490 ps 12/18 @ 2.10", "put"),
    ],
)
def test_spread_initials_after_strikes(parse: Parse, text: str, kind: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert {leg.type for leg in parsed.legs} == {kind}
    assert parsed.missing == ()


def test_cs_without_strikes_is_no_spread(parse: Parse) -> None:
    parsed = parse("BTO 2 AMD 170c 12/18 @ 3.40 cs rep said fills are slow")
    assert len(parsed.legs) <= 1


def test_one_leg_sent_with_the_other_legs_plan_set_apart(parse: Parse) -> None:
    parsed = parse(
        "Legging into the NVDA 150/160 call spread, first leg only: buy 3 NVDA 150c 12/18 @ 6.20."
        " Will sell the 160s later."
    )
    assert parsed.kind == "order"
    assert len(parsed.legs) == 1
    assert (parsed.legs[0].side, parsed.legs[0].strike) == ("buy", Decimal("150"))


def test_legging_without_a_leg_heading_is_still_refused(parse: Parse) -> None:
    parsed = parse("legging into the NVDA 150/160 call spread tomorrow, long leg first")
    assert parsed.kind == "none"


@pytest.mark.parametrize(
    ("text", "strikes", "day"),
    [
        ("MSFT Dec 10-wide call debit spread starting at the 500, x2, 4.10 db", {"500", "510"}, 18),
        ("sell 2 QQQ 12/18 5-wide put credit spread at the 480 for 1.05", {"480", "475"}, 18),
    ],
)
def test_a_vertical_from_its_width_and_one_strike(
    parse: Parse, text: str, strikes: set[str], day: int
) -> None:
    assert_strikes_on_one_day(parse(text), strikes, day)


def test_a_month_and_day_before_a_strike_stay_the_date(parse: Parse) -> None:
    parsed = parse("buy 1 SPY Dec 5 600c @ 2")
    assert parsed.kind == "order"
    assert parsed.legs[0].expiration is not None and parsed.legs[0].expiration.day == 5


def test_a_condor_from_its_short_strikes_and_wing_width(parse: Parse) -> None:
    parsed = parse("condor on QQQ 12/18, short 480p/540c, wings 10 wide, 1 lot, 2.30 cr")
    assert parsed.kind == "order"
    assert _legs(parsed) == [
        ("buy", 1, "call", Decimal("550")),
        ("buy", 1, "put", Decimal("470")),
        ("sell", 1, "call", Decimal("540")),
        ("sell", 1, "put", Decimal("480")),
    ]


def test_a_fly_from_its_body_and_width_after_its_date(parse: Parse) -> None:
    parsed = parse("SPY 12/11 call butterfly, 10-wide wings around 600: buy 2, pay 2.40")
    assert parsed.kind == "order"
    assert {str(leg.strike) for leg in parsed.legs} == {"590", "600", "610"}
    assert all(leg.expiration is not None and leg.expiration.day == 11 for leg in parsed.legs)


def test_a_strike_pair_as_wide_as_written_stays_the_strikes(parse: Parse) -> None:
    parsed = parse("SPY 600/605 call spread 5 wide 12/18, buy 1 @ 2")
    assert parsed.kind == "order"
    assert {str(leg.strike) for leg in parsed.legs} == {"600", "605"}


@pytest.mark.parametrize(
    ("text", "legs"),
    [
        (
            "buy 1 QQQ 12/18 500/480 1x2 put spread for .20 debit",
            [("buy", 1, "put", Decimal("500")), ("sell", 2, "put", Decimal("480"))],
        ),
        (
            "buy 2 SPY 12/18 600/620 call 1x2 @ .30",
            [("buy", 2, "call", Decimal("600")), ("sell", 4, "call", Decimal("620"))],
        ),
    ],
)
def test_an_inline_ratio_counts_each_strike(
    parse: Parse, text: str, legs: list[tuple[str, int, str, Decimal]]
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert _legs(parsed) == legs
    assert parsed.price is not None and parsed.price < 1


def test_a_price_times_count_is_no_ratio(parse: Parse) -> None:
    parsed = parse("sell 1 SPY 600c 12/18 1.85x10")
    assert parsed.kind == "order"
    assert (parsed.price, parsed.legs[0].quantity) == (Decimal("1.85"), 10)


def test_a_ratio_without_two_strikes_is_refused(parse: Parse) -> None:
    assert parse("sell SPY 600c 12/18 1x2 puts").kind == "none"


def test_shares_with_a_put_bought_and_a_call_sold_all_at_market(parse: Parse) -> None:
    parsed = parse(
        "collar on new shares: buy 200 KO shares at market, buy 2 KO 12/18 60p, sell 2 KO "
        "12/18 70c, all at market"
    )
    assert parsed.kind == "order"
    assert parsed.order_type == "market"
    assert sorted((leg.side, leg.type or "", leg.quantity) for leg in parsed.legs) == [
        ("buy", "equity", 200),
        ("buy", "put", 2),
        ("sell", "call", 2),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "buy 200 KO shares, buy 2 KO 12/18 60p, sell 2 KO 12/18 70c",
        "buy 200 KO shares, sell 2 KO 12/18 60p, sell 2 KO 12/18 70c, all at market",
    ],
)
def test_three_legs_without_market_or_not_a_collar_are_refused(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Maya is rolling her IWM puts: BTC 2 IWM 220p 12/4 / STO 2 IWM 215p 12/18, net .60 credit",
        "he put on his spread: buy 1 AMD 170c 12/18 / sell 1 AMD 180c 12/18 @ 3.10",
    ],
)
def test_legs_under_a_heading_about_another_person_are_theirs(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_legs_from_a_platforms_builder_stay_the_writers(parse: Parse) -> None:
    parsed = parse(
        "doing it here, from their builder:\nBuy 1 AMD Dec 18 2026 170 Call\n"
        "Sell 1 AMD Dec 18 2026 180 Call\nLimit: $3.10 net debit"
    )
    assert parsed.kind == "order"
    assert len(parsed.legs) == 2
