"""Wheel campaigns on hand-written rows: two assigned puts, covered calls rolled once, a
partial call-away, and the figures (cost basis per share, premiums kept, P&L so far)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.strategies.wheel import campaign_figures

from .grouping_world import GroupStore, Wire, assigned, at, delivered, expired, occ, row

PUT_0 = occ("AAPL", date(2026, 1, 9), "P", 170)
PUT_1 = occ("AAPL", date(2026, 1, 16), "P", 180)
PUT_2 = occ("AAPL", date(2026, 2, 20), "P", 175)
CALL_185 = occ("AAPL", date(2026, 3, 20), "C", 185)
CALL_190 = occ("AAPL", date(2026, 4, 17), "C", 190)
PUT_3 = occ("AAPL", date(2026, 5, 15), "P", 170)
CAMPAIGN = "wheel-5WT00001-AAPL-1"


def wheel_rows() -> list[Wire]:
    """A put that expired before the wheel; two puts assigned (100 shares at 180, then 100
    at 175); two calls sold on the 200 shares and rolled once; one of the rolled calls
    assigned (100 shares called away at 190), the other expired; a new put while 100 shares
    are still held."""
    return [
        row(20, at(date(2026, 1, 2)), PUT_0, "Sell to Open", 1, 1, order=600),
        expired(21, at(date(2026, 1, 9), 21), PUT_0, 1, "Buy to Close"),
        row(1, at(date(2026, 1, 5)), PUT_1, "Sell to Open", 1, 2, order=601),
        assigned(2, at(date(2026, 1, 16), 21), PUT_1, 1, "Buy to Close"),
        delivered(3, at(date(2026, 1, 16), 21), "AAPL", "Buy to Open", 100, 180, "0.08"),
        row(4, at(date(2026, 1, 20)), PUT_2, "Sell to Open", 1, "1.5", order=602),
        assigned(5, at(date(2026, 2, 20), 21), PUT_2, 1, "Buy to Close"),
        delivered(6, at(date(2026, 2, 20), 21), "AAPL", "Buy to Open", 100, 175, "0.08"),
        row(7, at(date(2026, 2, 23)), CALL_185, "Sell to Open", 2, "1.2", order=603),
        row(8, at(date(2026, 3, 10)), CALL_185, "Buy to Close", 2, "0.8", order=604, fees="0.2"),
        row(9, at(date(2026, 3, 10)), CALL_190, "Sell to Open", 2, "1.6", order=604),
        assigned(10, at(date(2026, 4, 17), 21), CALL_190, 1, "Buy to Close"),
        delivered(11, at(date(2026, 4, 17), 21), "AAPL", "Sell to Close", 100, 190, "0.61"),
        expired(12, at(date(2026, 4, 17), 21), CALL_190, 1, "Buy to Close"),
        row(14, at(date(2026, 4, 20)), PUT_3, "Sell to Open", 1, 2, order=605),
    ]


def test_the_assigned_puts_the_shares_their_calls_and_the_next_put_are_one_campaign() -> None:
    store = GroupStore()
    store.refresh(wheel_rows())

    stock = store.group_of(3)
    assert store.lots_of(stock.id) == {3, 6, 7, 9}  # both deliveries, the calls and their roll
    in_campaign = {g.id for g in store.groups.values() if g.campaign == CAMPAIGN}
    assert in_campaign == {
        store.group_of(1).id,
        store.group_of(4).id,
        stock.id,
        store.group_of(14).id,
    }
    assert store.group_of(20).campaign is None  # expired before anything was assigned


def test_the_campaign_figures_count_every_premium_and_fee() -> None:
    """Premiums kept: put 1 200 - 1.14 = 198.86; put 2 150 - 1.14 = 148.86; calls at 185
    240 - 2.28 - 160 - 0.20 = 77.52; calls at 190 320 - 2.28 = 317.72: 742.96 in all.
    The first 100 shares (18,000.08 with fees) were called away at 190 less 0.61 of fees:
    999.31. Held: 100 shares that cost 17,500.08; cost basis (17,500.08 - 742.96) / 100 =
    167.5712. The put opened last has kept nothing yet."""
    rows = wheel_rows()
    store = GroupStore()
    store.refresh(rows)
    groups = [g for g in store.group_lots(rows).values() if g.state.campaign == CAMPAIGN]

    campaign = campaign_figures(CAMPAIGN, groups)

    assert campaign.put_assignments == 2
    assert (campaign.shares_assigned, campaign.shares_called_away) == (200, 100)
    assert campaign.shares_held == 100
    assert campaign.premiums_kept == Decimal("742.96")
    assert campaign.stock_cost == Decimal("17500.08")
    assert campaign.stock_realized == Decimal("999.31")
    assert campaign.cost_basis_per_share == Decimal("167.5712")
    assert campaign.realized == Decimal("1742.27")
    assert campaign.unrealized is None and campaign.pnl is None  # no marks in a pure test
    assert campaign.active and campaign.started_at == at(date(2026, 1, 5))


def test_a_put_sold_after_the_shares_are_gone_is_not_part_of_the_old_campaign() -> None:
    call = occ("AAPL", date(2026, 2, 20), "C", 185)
    rows = [
        row(1, at(date(2026, 1, 5)), PUT_1, "Sell to Open", 1, 2, order=601),
        assigned(2, at(date(2026, 1, 16), 21), PUT_1, 1, "Buy to Close"),
        delivered(3, at(date(2026, 1, 16), 21), "AAPL", "Buy to Open", 100, 180),
        row(4, at(date(2026, 1, 20)), call, "Sell to Open", 1, 2, order=602),
        assigned(5, at(date(2026, 2, 20), 21), call, 1, "Buy to Close"),
        delivered(6, at(date(2026, 2, 20), 21), "AAPL", "Sell to Close", 100, 185),
        row(7, at(date(2026, 2, 23)), PUT_3, "Sell to Open", 1, 2, order=603),
    ]
    store = GroupStore()
    store.refresh(rows)
    groups = [g for g in store.group_lots(rows).values() if g.state.campaign == CAMPAIGN]

    assert store.group_of(7).campaign is None
    finished = campaign_figures(CAMPAIGN, groups)
    assert finished.shares_held == 0 and finished.cost_basis_per_share is None
    assert not finished.active and finished.ended_at == at(date(2026, 2, 20), 21)
    # 198.86 kept on the put, 200 - 1.14 on the call, 500 on the shares
    assert finished.realized == Decimal("198.86") + Decimal("198.86") + Decimal(500)


def test_a_short_put_never_assigned_is_no_campaign() -> None:
    store = GroupStore()
    store.refresh(
        [
            row(1, at(date(2026, 1, 2)), PUT_0, "Sell to Open", 1, 1, order=600),
            expired(2, at(date(2026, 1, 9), 21), PUT_0, 1, "Buy to Close"),
        ]
    )

    assert all(group.campaign is None for group in store.groups.values())


def test_campaigns_are_found_again_identically() -> None:
    rows = wheel_rows()
    store = GroupStore()
    store.refresh(rows)

    assert store.refresh(rows).changes_nothing
