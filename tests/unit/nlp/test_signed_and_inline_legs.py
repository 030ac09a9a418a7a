"""Legs written on one line with signed counts or alert codes, and a heading line over signed
legs that names the ticker and the date; someone else's trade posted under their name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def _legs(parsed: ParsedOrder) -> set[tuple[str, int, str | None, Decimal | None, date | None]]:
    return {(leg.side, leg.quantity, leg.type, leg.strike, leg.expiration) for leg in parsed.legs}


def test_signed_legs_on_one_line_each_keep_their_side(parse: Parse) -> None:
    parsed = parse("+3 AMZN 230C -3 AMZN 240C 1/15/27 lmt 2.90")
    assert parsed.kind == "order"
    assert _legs(parsed) == {
        ("buy", 3, "call", Decimal(230), date(2027, 1, 15)),
        ("sell", 3, "call", Decimal(240), date(2027, 1, 15)),
    }
    assert (parsed.price, parsed.price_effect) == (Decimal("2.90"), "debit")


def test_signed_legs_after_the_ticker_take_it(parse: Parse) -> None:
    parsed = parse("PLTR -2 140p +2 130p exp 1/15/27 @ 1.75 cr")
    assert parsed.underlying == "PLTR"
    assert _legs(parsed) == {
        ("sell", 2, "put", Decimal(140), date(2027, 1, 15)),
        ("buy", 2, "put", Decimal(130), date(2027, 1, 15)),
    }
    assert parsed.price_effect == "credit"


def test_a_short_put_and_a_long_call_keep_their_own_signs(parse: Parse) -> None:
    parsed = parse("-1 CRM 240p +1 CRM 300c 1/15/27 @ .60 db")
    assert _legs(parsed) == {
        ("sell", 1, "put", Decimal(240), date(2027, 1, 15)),
        ("buy", 1, "call", Decimal(300), date(2027, 1, 15)),
    }


def test_four_signed_legs_on_one_line_make_a_condor(parse: Parse) -> None:
    parsed = parse("-1 META 600p +1 META 590p -1 META 760c +1 META 770c 1/15/27 @ 2.65 cr")
    assert parsed.strategy == "iron_condor"
    assert len(parsed.legs) == 4


def test_signed_strikes_under_a_ticker_line(parse: Parse) -> None:
    parsed = parse("HOOD\n+2 60c 1/15/27\n-2 70c 1/15/27\n2.35 db gtc")
    assert parsed.underlying == "HOOD"
    assert _legs(parsed) == {
        ("buy", 2, "call", Decimal(60), date(2027, 1, 15)),
        ("sell", 2, "call", Decimal(70), date(2027, 1, 15)),
    }
    assert parsed.tif == "gtc"


def test_a_heading_line_lends_its_ticker_and_date_to_signed_strikes(parse: Parse) -> None:
    parsed = parse("AVGO iron condor 1/15/27\n+1 300p\n-1 310p\n-1 400c\n+1 410c\n3.15 credit")
    assert parsed.kind == "order"
    assert _legs(parsed) == {
        ("buy", 1, "put", Decimal(300), date(2027, 1, 15)),
        ("sell", 1, "put", Decimal(310), date(2027, 1, 15)),
        ("sell", 1, "call", Decimal(400), date(2027, 1, 15)),
        ("buy", 1, "call", Decimal(410), date(2027, 1, 15)),
    }


def test_a_slashed_pair_in_the_heading_is_its_date_when_the_legs_write_strikes(
    parse: Parse,
) -> None:
    parsed = parse("QQQ 12/18 put spread\nSell 2 560p\nBuy 2 550p\nLimit 1.30 credit")
    assert _legs(parsed) == {
        ("sell", 2, "put", Decimal(560), date(2026, 12, 18)),
        ("buy", 2, "put", Decimal(550), date(2026, 12, 18)),
    }
    assert parsed.missing == ()


def test_alert_codes_on_one_line_are_two_legs(parse: Parse) -> None:
    parsed = parse("STO 4 TGT 95p BTO 4 TGT 90p 1/15/27 @ 1.20 cr")
    assert _legs(parsed) == {
        ("sell", 4, "put", Decimal(95), date(2027, 1, 15)),
        ("buy", 4, "put", Decimal(90), date(2027, 1, 15)),
    }
    assert all(leg.effect == "open" for leg in parsed.legs)


def test_a_ratio_tag_after_coded_legs_is_not_the_price(parse: Parse) -> None:
    parsed = parse("BTO 1 MU 100c STO 2 MU 110c 1/15/27 @ .40 debit (1x2)")
    assert parsed.price == Decimal("0.40")
    assert _legs(parsed) == {
        ("buy", 1, "call", Decimal(100), date(2027, 1, 15)),
        ("sell", 2, "call", Decimal(110), date(2027, 1, 15)),
    }


def test_a_signed_ratio_under_a_heading(parse: Parse) -> None:
    parsed = parse("call ratio on XLE: +1 90c -2 95c, 1/15/27, 0.15 credit")
    assert _legs(parsed) == {
        ("buy", 1, "call", Decimal(90), date(2027, 1, 15)),
        ("sell", 2, "call", Decimal(95), date(2027, 1, 15)),
    }


@pytest.mark.parametrize(
    "text",
    [
        # someone else's trade posted under their name
        "Nina's spread: +3 AMD 150c -3 AMD 160c 1/15/27 @ 3.40",
        "Carlos's trade idea today: -1 KO 70p +1 KO 65p 1/15/27 @ .85 cr",
        "Priya's play: BTO 2 PINS 40c STO 2 PINS 45c 1/15/27 @ 1.10",
        # a spread position reported
        "my AVGO iron condor 1/15/27\n+1 300p\n-1 310p\n-1 400c\n+1 410c\nopened for 3.15 credit",
        "holding ORCL +1 200c -1 210c 1/15/27 from 3.80",
        # a plan
        "tomorrow maybe: GM +1 50c -1 55c 1/15/27 @ 1.30",
        # a question about structuring a spread
        "should I do ORCL +1 200c -1 210c 1/15/27 @ 3.80 or go wider?",
        "what do you think of ABNB -2 120p +2 110p 1/15/27 for 2.40 cr?",
        # a fill reported
        "filled: -1 ROKU 80p +1 ROKU 75p 1/15/27 @ 1.20 cr",
    ],
)
def test_signed_legs_in_talk_stay_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_time_word_heading_stays_the_writers_order(parse: Parse) -> None:
    parsed = parse("Today's play: +2 AMD 150c -2 AMD 160c 1/15/27 @ 3.40")
    assert parsed.kind == "order"
    assert len(parsed.legs) == 2


def test_go_short_and_long_legs_are_one_spread(parse: Parse) -> None:
    parsed = parse("go short 4 XOM 110p, long 4 XOM 105p 1/15/27 @ .70 cr")
    assert _legs(parsed) == {
        ("sell", 4, "put", Decimal(110), date(2027, 1, 15)),
        ("buy", 4, "put", Decimal(105), date(2027, 1, 15)),
    }
    assert parsed.price_effect == "credit"


def test_get_me_long_then_short_is_one_spread(parse: Parse) -> None:
    parsed = parse("get me long 2 NKE 80 call, short 2 NKE 85 call, Jan 15 2027, 1.45 debit")
    assert _legs(parsed) == {
        ("buy", 2, "call", Decimal(80), date(2027, 1, 15)),
        ("sell", 2, "call", Decimal(85), date(2027, 1, 15)),
    }


def test_a_jade_lizard_heading_lends_its_ticker_and_date(parse: Parse) -> None:
    parsed = parse(
        "jade lizard on CVX 1/15/27: sell the 140 put, sell the 165 call, buy the 170 call, "
        "1.95 credit"
    )
    assert _legs(parsed) == {
        ("sell", 1, "put", Decimal(140), date(2027, 1, 15)),
        ("sell", 1, "call", Decimal(165), date(2027, 1, 15)),
        ("buy", 1, "call", Decimal(170), date(2027, 1, 15)),
    }
    assert (parsed.price, parsed.price_effect) == (Decimal("1.95"), "credit")


@pytest.mark.parametrize(
    "text",
    [
        "I'm short 8 F 12p, long 8 F 11p 1/15/27 @ .25 cr",
        "go short 5 GM 45p, long 5 GM 40p 1/15/27, thoughts?",
        "would you go short 5 GM 45p, long 5 GM 40p 1/15/27 @ .80?",
        "thinking of a jade lizard on CVX 1/15/27: sell 1 140p / sell 1 165c / buy 1 170c @ 2",
        "how would you set up a jade lizard on CVX 1/15/27: sell 1 140p / sell 1 165c / buy 1 "
        "170c @ 2?",
    ],
)
def test_long_short_legs_and_lizards_in_talk_stay_talk(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


def test_a_risk_reversal_heading_with_short_and_long_legs(parse: Parse) -> None:
    parsed = parse("bullish RR on ORCL 1/15/27: short 180p / long 240c for 0.45 credit")
    assert parsed.underlying == "ORCL"
    assert _legs(parsed) == {
        ("sell", 1, "put", Decimal(180), date(2027, 1, 15)),
        ("buy", 1, "call", Decimal(240), date(2027, 1, 15)),
    }
    assert (parsed.price, parsed.price_effect) == (Decimal("0.45"), "credit")


def test_a_written_risk_reversal_is_never_read_as_a_strangle(parse: Parse) -> None:
    parsed = parse("ORCL 1/15/27: sell 180p / buy 240c for 0.45 credit")
    assert not (parsed.kind == "order" and parsed.strategy == "strangle")
    if parsed.kind == "order":
        assert {leg.side for leg in parsed.legs} == {"buy", "sell"}


def test_rr_in_the_ticker_slot_is_still_a_ticker(parse: Parse) -> None:
    assert parse("BTO 3 RR 5c 1/15/27 @ .35").underlying == "RR"


def test_a_risk_reversal_held_stays_talk(parse: Parse) -> None:
    assert parse("my RR on ORCL 1/15/27: short 180p / long 240c, up 0.45").kind == "none"
