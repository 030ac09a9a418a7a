"""Checks on one parse result, shared by the parser's unit tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nlp import ParsedOrder
from nlp._second_opinion import RESCUED

# a leg as (side, effect, quantity, type, strike, expiration)
LegKey = tuple[str, str | None, int, str | None, Decimal | None, date | None]


def leg_keys(parsed: ParsedOrder) -> list[LegKey]:
    """The parsed legs as sorted keys (legs are unordered)."""
    return sorted(
        (leg.side, leg.effect, leg.quantity, leg.type, leg.strike, leg.expiration)
        for leg in parsed.legs
    )


def assert_sure_order(
    parsed: ParsedOrder, underlying: str, legs: list[LegKey], price: Decimal | None
) -> None:
    """``parsed`` is an order the parser is sure of, with these legs (any order) and price."""
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.sure
    assert parsed.underlying == underlying
    assert leg_keys(parsed) == sorted(legs)
    assert parsed.price == price


def assert_order(
    parsed: ParsedOrder,
    underlying: str,
    price: str | None = None,
    *,
    side: str | None = None,
    quantity: int | None = None,
) -> None:
    """``parsed`` is an order on ``underlying`` (at ``price``, and with a first leg on
    ``side`` of ``quantity``, when given)."""
    got = (parsed.kind, parsed.underlying)
    assert got == ("order", underlying), parsed.to_dict()
    if price is not None:
        assert parsed.price == Decimal(price), parsed.to_dict()
    if side is not None:
        assert parsed.legs[0].side == side, parsed.to_dict()
    if quantity is not None:
        assert parsed.legs[0].quantity == quantity, parsed.to_dict()


def assert_chatter(parsed: ParsedOrder) -> None:
    assert parsed.kind == "none", parsed.to_dict()


def assert_talk(parsed: ParsedOrder) -> None:
    """The rules read ``parsed``'s message as talk: it is no order, or an order only because
    the second opinion overruled them (nlp._second_opinion), which the bot asks about before
    it acts. The talk the model reads as an order: "opinion: buy 2 NFLX 1100c 12/18 @ 14.20"."""
    assert parsed.kind == "none" or parsed.doubt == RESCUED, parsed.to_dict()
    assert parsed.sure or parsed.doubt == RESCUED, parsed.to_dict()


def assert_strikes_on_one_day(parsed: ParsedOrder, strikes: set[str], day: int) -> None:
    """``parsed`` is an order whose legs have exactly ``strikes``, all expiring on ``day``."""
    assert parsed.kind == "order", parsed.to_dict()
    assert {str(leg.strike) for leg in parsed.legs} == strikes, parsed.to_dict()
    expirations = [leg.expiration for leg in parsed.legs]
    assert all(when is not None and when.day == day for when in expirations), parsed.to_dict()
