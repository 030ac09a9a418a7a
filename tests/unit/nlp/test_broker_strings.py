"""thinkorswim order strings, price spellings, multi-line alerts and bot chatter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def test_thinkorswim_single_option(parse: Parse) -> None:
    parsed = parse("BUY +4 IWM 100 (Weeklys) 11 DEC 26 235 CALL @1.45 LMT")
    leg = parsed.legs[0]
    assert (leg.side, leg.quantity, leg.strike, leg.type) == ("buy", 4, Decimal(235), "call")
    assert leg.expiration == date(2026, 12, 11)
    assert parsed.price == Decimal("1.45")


def test_thinkorswim_vertical_sells_the_first_strike(parse: Parse) -> None:
    parsed = parse("SELL -3 VERTICAL RUT 100 (Quarterlys) 18 JUN 27 2100/2090 PUT @2.20 LMT")
    legs = {(leg.side, leg.strike, leg.quantity) for leg in parsed.legs}
    assert legs == {("sell", Decimal(2100), 3), ("buy", Decimal(2090), 3)}
    assert parsed.price_effect == "credit"


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("buy 2 MRVL 90c 1/16 pay up to 3.60", Decimal("3.60")),
        ("buy 1 QQQ 520/530 call spread 12/18 net 4.10", Decimal("4.10")),
        ("BTO LULU 400c 12/18 lim2.25", Decimal("2.25")),
        ("BTO LULU 400c 12/18 @ lim 2.25", Decimal("2.25")),
        ("BTO LULU 400c 12/18 @ 2,25", Decimal("2.25")),
        ("BTO LULU 400c 12/18 LMT 2.25", Decimal("2.25")),
    ],
)
def test_price_spellings(parse: Parse, text: str, price: Decimal) -> None:
    assert parse(text).price == price


def test_a_negative_limit_is_a_credit(parse: Parse) -> None:
    parsed = parse("buy 1 IWM 230/225 put spread 12/18 @ -0.65")
    assert parsed.price == Decimal("0.65") and parsed.price_effect == "credit"


def test_multi_line_alert_reads_the_headline(parse: Parse) -> None:
    parsed = parse("Adding $ORCL 210c 16 Jan @ 3.40\n1/3 size\nStop: LOD\n(lotto) 2 more on dip")
    leg = parsed.legs[0]
    assert (leg.strike, leg.expiration, leg.quantity) == (Decimal(210), date(2027, 1, 16), 1)
    assert parsed.price == Decimal("3.40")


@pytest.mark.parametrize(
    "text",
    [
        "shoulda bought the TSLA dip, ugh",
        "kicking myself for not selling my NVDA calls",
        "CALL signal confirmed on QQQ at 2026-11-20T14:45Z | Price: 512.3",
        "SELL signal triggered for XLK, price 231.10",
    ],
)
def test_regrets_and_indicator_bots_are_not_orders(parse: Parse, text: str) -> None:
    assert parse(text).kind == "none"


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("buy 2 KHC 55c 12/18 for a buck fifteen", Decimal("1.15")),
        ("buy 2 KHC 55c 12/18 for two bucks", Decimal("2")),
        ("sell 2 KHC 50p 12/18 for a buck and a quarter", Decimal("1.25")),
        ("sell 2 KHC 50p 12/18 for half a buck", Decimal("0.50")),
        ("buy 10 KHC 60c 12/18 @ a nickel", Decimal("0.05")),
        ("buy 2 KHC 55c 12/18 up to 1.40", Decimal("1.40")),
        ("buy 2 KHC 55c 12/18 max 1.40", Decimal("1.40")),
        ("sell 2 KHC 50p 12/18 min .95", Decimal("0.95")),
    ],
)
def test_spoken_and_bounded_prices(parse: Parse, text: str, price: Decimal) -> None:
    parsed = parse(text)
    assert parsed.order_type == "limit"
    assert parsed.price == price


def test_up_to_a_count_is_not_a_price(parse: Parse) -> None:
    parsed = parse("buy up to 6 contracts of KHC 55c 12/18 @ 1.10")
    assert parsed.price == Decimal("1.10")


@pytest.mark.parametrize(
    "text",
    [
        "BTO 1 KHC 55c 12/18 @ 1.10 good-til-canceled",
        "BTO 1 KHC 55c 12/18 @ 1.10 good until cancelled",
    ],
)
def test_good_til_canceled_spellings_are_gtc(parse: Parse, text: str) -> None:
    parsed = parse(text)
    assert parsed.kind == "order"
    assert parsed.tif == "gtc"


def test_thinkorswim_calendar_has_both_expirations(parse: Parse) -> None:
    parsed = parse("BUY +1 CALENDAR IWM 100 18 DEC 26/15 JAN 27 240 CALL @1.60 LMT")
    legs = {(leg.side, leg.strike, leg.expiration) for leg in parsed.legs}
    assert legs == {
        ("sell", Decimal(240), date(2026, 12, 18)),
        ("buy", Decimal(240), date(2027, 1, 15)),
    }
