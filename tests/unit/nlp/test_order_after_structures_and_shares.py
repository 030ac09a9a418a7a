"""The one contract ordered after a head that names a structure or shares held, a
position held with "I'm in the ...", a month's dot that ends a sentence, and a call written
against shares in desk notation.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from support.parsing import assert_strikes_on_one_day

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


@pytest.mark.parametrize(
    ("text", "side", "strike", "kind"),
    [
        (
            "the iron condor is too much work. just sell 1 SPY 560p 12/18 @ 2.40",
            "sell",
            "560",
            "put",
        ),
        (
            "the 250/255 call spread only pays .60, so buy the single call: BTO 2 AAPL 250c "
            "12/18 @ 3.10",
            "buy",
            "250",
            "call",
        ),
        (
            "only closing the short put leg of my strangle: BTC 1 TSLA 380p 12/18 @ 1.20",
            "buy",
            "380",
            "put",
        ),
        (
            "I'm in the NVDA 150/160 call spread for Dec. Adding a hedge: buy 1 NVDA 130p "
            "12/18 @ 2.05",
            "buy",
            "130",
            "put",
        ),
    ],
)
def test_the_contract_ordered_after_a_structure_talked_about(
    parse: Parse, text: str, side: str, strike: str, kind: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert len(parsed.legs) == 1
    leg = parsed.legs[0]
    assert (leg.side, leg.strike, leg.type) == (side, Decimal(strike), kind)


def test_a_structure_ordered_whole_keeps_its_legs(parse: Parse) -> None:
    parsed = parse("the single put is too risky. sell 1 SPY 560/555 put spread 12/18 @ 1.10")
    assert parsed.kind == "order"
    assert len(parsed.legs) == 2


@pytest.mark.parametrize(
    "text",
    [
        "I'm in the AMD 170/180 call spread for Dec.",
        "I'm in the SPY 600c 12/18 @ 3.10 avg",
        "we're in the QQQ 500/490 put spread 12/18",
    ],
)
def test_im_in_the_contract_is_a_position_held(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_im_in_as_a_go_clause_stays(parse: Parse) -> None:
    parsed = parse("I'm in too: buy 20 AMD @ 150")
    assert parsed.kind == "order"
    assert parsed.legs[0].quantity == 20


@pytest.mark.parametrize(
    "text",
    [
        "buy 2 AAPL 230p Nov. 17 @ 2.15",
        "buy 2 AAPL 230p Nov. exp @ 2.15",
    ],
)
def test_a_month_abbreviation_dot_still_goes(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].expiration is not None
    assert parsed.legs[0].expiration.month == 11


@pytest.mark.parametrize(
    ("text", "strike"),
    [
        ("300 KO shares sitting idle in the account. STO 3 KO 65c 12/18 @ 1.10", "65"),
        ("200 INTC shares sitting there. sell 2 INTC 40 calls 12/18 @ .55", "40"),
    ],
)
def test_shares_held_in_their_own_sentence_are_not_the_order(
    parse: Parse, text: str, strike: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].type == "call"
    assert parsed.legs[0].strike == Decimal(strike)


def test_shares_bought_in_the_orders_sentence_stay_shares(parse: Parse) -> None:
    parsed = parse("calls are too pricey. buy 100 KO shares @ 62.10")
    assert parsed.kind == "order"
    assert parsed.legs[0].type == "equity"
    assert parsed.legs[0].quantity == 100


@pytest.mark.parametrize(
    "text",
    [
        "SELL 3 KO 65C 12/18 vs 300 shs LMT 1.10 GTC",
        "sell 2 AAPL 250 calls 12/18 against 200 shares at 3.10",
    ],
)
def test_a_call_written_against_shares_is_one_leg(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert len(parsed.legs) == 1
    assert parsed.legs[0].type == "call"
    assert parsed.legs[0].side == "sell"


@pytest.mark.parametrize(
    ("text", "strikes", "day"),
    [
        (
            "NDX 11/21 CCS: short 21500c / long 21550c, 2 contracts, net 8.40 cr",
            {"21500", "21550"},
            21,
        ),
        ("STO 1 QQQ 12/4 iron fly 520 center, 510/530 wings @ 6.10", {"510", "520", "530"}, 4),
    ],
)
def test_a_date_before_a_strategy_whose_strikes_come_later(
    parse: Parse, text: str, strikes: set[str], day: int
) -> None:
    assert_strikes_on_one_day(parse(text), strikes, day)


def test_a_slashed_pair_before_a_strategy_with_a_date_after_is_the_strikes(parse: Parse) -> None:
    parsed = parse("sell 1 IWM 230/225 put spread 12/18 @ 1.05")
    assert parsed.kind == "order"
    assert {str(leg.strike) for leg in parsed.legs} == {"230", "225"}


def test_the_pick_completed_from_the_contracts_held(parse: Parse) -> None:
    parsed = parse("I hold NVDA 150c 12/18 x4 and 160c 12/18 x4; sell to close the 4 160c @ 2.20")
    assert parsed.kind == "order"
    (leg,) = parsed.legs
    assert (leg.side, leg.effect, leg.quantity, leg.strike) == ("sell", "close", 4, Decimal("160"))
    assert leg.expiration is not None and (leg.expiration.month, leg.expiration.day) == (12, 18)


def test_a_pick_of_a_contract_not_held_is_not_completed(parse: Parse) -> None:
    parsed = parse("I hold NVDA 150c 12/18 x4 and 160c 12/18 x4; sell to close the 4 170c @ 2.20")
    assert parsed.kind == "none"


@pytest.mark.parametrize(
    ("text", "strike"),
    [
        ("I'm short 3 KO 62.5p 12/18 from last month. buy 3 KO 60p 12/18 @ .25", "60"),
        ("sold 2 IWM 220p last week. buy 2 IWM 210p 12/18 @ .40", "210"),
    ],
)
def test_an_order_on_another_contract_than_the_one_reported(
    parse: Parse, text: str, strike: str
) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.legs[0].strike == Decimal(strike)


def test_the_reported_contract_itself_stays_the_report(parse: Parse) -> None:
    assert parse("bought 2 IWM 220p last week. STC 2 IWM 220p @ 3").kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "buy 1 QQQ 480p 12/18 @ .90 to turn it into a spread",
        "sell 1 SPY 610c 12/18 @ 1.20, making it a butterfly",
    ],
)
def test_the_structure_an_order_makes_is_its_purpose(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert len(parsed.legs) == 1
    assert parsed.missing == ()


def test_shares_bought_after_a_hedged_position_described(parse: Parse) -> None:
    parsed = parse(
        "I'm long 100 SOFI + 1 SOFI 14p 12/18 as a hedge. adding shares: buy 100 SOFI @ 15.20"
    )
    assert parsed.kind == "order"
    (leg,) = parsed.legs
    assert (leg.type, leg.quantity, leg.side) == ("equity", 100, "buy")


def test_a_put_bought_beside_shares_held_stays_the_put(parse: Parse) -> None:
    parsed = parse("I'm long 100 SOFI shares. buy 1 SOFI 14p 12/18 @ .40 as a hedge")
    assert parsed.kind == "order"
    (leg,) = parsed.legs
    assert (leg.type, leg.strike) == ("put", Decimal("14"))
