"""The pure parts of a firing: the listed strike ``atm`` stands for (nearest the spot, ties to
the lower; the next listed expiration when none is listed that day, every root), and how an
order reads in the notice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from unit.orders._chains import SPY, chain, listing

from services.orders._model import ResolvedLeg, ResolvedOrder
from services.signals.firing import atm_strikes, nearest_strike, order_line


def test_the_nearest_strike_to_the_spot() -> None:
    strikes = [Decimal(k) for k in (580, 585, 590)]

    assert nearest_strike(strikes, Decimal("586.9")) == Decimal(585)
    assert nearest_strike(strikes, Decimal("588.1")) == Decimal(590)
    assert nearest_strike(strikes, Decimal("700")) == Decimal(590)


def test_a_tie_goes_to_the_lower_strike() -> None:
    assert nearest_strike([Decimal(590), Decimal(585)], Decimal("587.5")) == Decimal(585)


def test_no_strikes_no_atm() -> None:
    assert nearest_strike([], Decimal(500)) is None


def test_strikes_of_the_expiration_the_order_names() -> None:
    assert atm_strikes(SPY, date(2026, 1, 6)) == tuple(Decimal(k) for k in range(580, 621, 5))


def test_an_unlisted_day_takes_the_next_listed_expiration() -> None:
    listed = chain(
        "QQQ",
        {"QQQ": [listing("QQQ", date(2026, 1, 9), (500, 505)),
                 listing("QQQ", date(2026, 1, 16), (510, 515))]},
    )  # fmt: skip

    assert atm_strikes(listed, date(2026, 1, 10)) == (Decimal(510), Decimal(515))
    assert atm_strikes(listed, date(2026, 2, 1)) == ()


def test_every_root_listing_that_day_counts() -> None:
    spx = chain(
        "SPX",
        {"SPX": [listing("SPX", date(2026, 1, 16), (5800, 5900), expiration_type="Regular")],
         "SPXW": [listing("SPXW", date(2026, 1, 16), (5850, 5900))]},
        cash_settled=True,
    )  # fmt: skip

    assert atm_strikes(spx, date(2026, 1, 16)) == (Decimal(5800), Decimal(5850), Decimal(5900))


def test_an_order_line_names_the_legs_price_and_time_in_force() -> None:
    order = ResolvedOrder(
        account_number="5WT00001",
        underlying="SPY",
        legs=(
            ResolvedLeg(
                "SPY   260106P00585000", "Equity Option", "Buy to Open", Decimal(1), "put",
                Decimal(585), date(2026, 1, 6),
            ),
        ),
        order_type="Limit",
        price=Decimal("1.20"),
        price_effect="Debit",
        time_in_force="Day",
    )  # fmt: skip

    assert order_line(order) == "Buy to Open 1 SPY   260106P00585000 @ 1.2 Debit (Day)"
    market = ResolvedOrder("5WT00001", "SPY", order.legs, "Market", None, None, "Day")
    assert order_line(market).endswith("@ market (Day)")
