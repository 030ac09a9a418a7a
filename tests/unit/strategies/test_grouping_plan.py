"""The grouping rules on hand-written rows: orders, rolls, covered calls, stock positions,
keys and status, idempotence, and a trader's edits winning over the engine."""

from __future__ import annotations

from datetime import date

from .grouping_world import (
    CLOSED,
    OPEN,
    GroupStore,
    Wire,
    assigned,
    at,
    delivered,
    expired,
    occ,
    row,
)

JAN5, JAN6, JAN20, FEB2 = date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 20), date(2026, 2, 2)
FEB20, MAR2, MAR20 = date(2026, 2, 20), date(2026, 3, 2), date(2026, 3, 20)
JAN_EXP, FEB_EXP, MAR_EXP = date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)
FAR = date(2030, 1, 18)


def iron_condor(first_id: int, order: int, day: date, expiry: date) -> list[Wire]:
    return [
        row(first_id, at(day), occ("SPY", expiry, "P", 500), "Buy to Open", 2, "0.50", order=order),
        row(first_id + 1, at(day), occ("SPY", expiry, "P", 510), "Sell to Open", 2, 1, order=order),
        row(first_id + 2, at(day), occ("SPY", expiry, "C", 560), "Sell to Open", 2, 1, order=order),
        row(
            first_id + 3,
            at(day),
            occ("SPY", expiry, "C", 570),
            "Buy to Open",
            2,
            "0.5",
            order=order,
        ),
    ]


def test_the_legs_of_one_order_form_one_group_named_by_the_catalog() -> None:
    store = GroupStore()
    store.refresh(iron_condor(1, 100, JAN5, FAR))

    (group,) = store.groups.values()
    assert store.lots_of(group.id) == {1, 2, 3, 4}
    assert (group.strategy_key, group.status, group.underlying) == ("iron_condor", OPEN, "SPY")
    assert group.opened_at == at(JAN5)
    assert group.rolled_from is None and group.campaign is None


def test_two_orders_on_one_underlying_are_two_groups() -> None:
    store = GroupStore()
    store.refresh(
        [
            row(1, at(JAN5), occ("SPY", FAR, "P", 500), "Sell to Open", 1, 2, order=100),
            row(2, at(JAN6), occ("SPY", FAR, "P", 490), "Sell to Open", 1, 2, order=101),
        ]
    )

    assert store.group_of(1).id != store.group_of(2).id
    assert {g.strategy_key for g in store.groups.values()} == {"short_put"}


def test_one_order_on_two_underlyings_is_one_group_per_underlying() -> None:
    store = GroupStore()
    store.refresh(
        [
            row(1, at(JAN5), occ("SPY", FAR, "P", 500), "Sell to Open", 1, 2, order=100),
            row(2, at(JAN5), occ("QQQ", FAR, "P", 400), "Sell to Open", 1, 2, order=100),
        ]
    )

    assert store.group_of(1).underlying == "SPY"
    assert store.group_of(2).underlying == "QQQ"
    assert store.group_of(1).id != store.group_of(2).id


def test_a_later_fill_of_the_same_order_joins_the_group_it_started() -> None:
    first = [row(1, at(JAN5), occ("SPY", FAR, "P", 500), "Sell to Open", 1, 2, order=100)]
    later = row(2, at(JAN5, 16), occ("SPY", FAR, "P", 500), "Sell to Open", 2, 2, order=100)
    store = GroupStore()
    store.refresh(first)
    plan = store.refresh([*first, later])

    assert plan.new_groups == ()
    assert store.group_of(2) == store.group_of(1)
    assert len(store.groups) == 1


def test_a_roll_starts_a_new_group_chained_to_the_one_it_closed() -> None:
    put_jan, put_feb = occ("SPY", JAN_EXP, "P", 550), occ("SPY", FEB_EXP, "P", 545)
    put_mar = occ("SPY", MAR_EXP, "P", 540)
    store = GroupStore()
    store.refresh(
        [
            row(1, at(JAN5), put_jan, "Sell to Open", 1, 3, order=100),
            row(2, at(JAN20), put_jan, "Buy to Close", 1, 1, order=101),
            row(3, at(JAN20), put_feb, "Sell to Open", 1, "3.5", order=101),
            row(4, at(FEB20), put_feb, "Buy to Close", 1, 2, order=102),
            row(5, at(FEB20), put_mar, "Sell to Open", 1, "3.2", order=102),
        ]
    )

    first, second, third = store.group_of(1), store.group_of(3), store.group_of(5)
    assert len({first.id, second.id, third.id}) == 3
    assert (first.rolled_from, second.rolled_from, third.rolled_from) == (
        None,
        first.id,
        second.id,
    )
    assert (first.status, second.status, third.status) == (CLOSED, CLOSED, OPEN)


def test_rolling_one_side_of_a_strangle_keeps_the_position_in_its_group() -> None:
    put, call = occ("TSLA", FEB_EXP, "P", 300), occ("TSLA", FEB_EXP, "C", 400)
    call_up = occ("TSLA", FEB_EXP, "C", 420)
    store = GroupStore()
    store.refresh(
        [
            row(1, at(JAN5), put, "Sell to Open", 1, 5, order=100),
            row(2, at(JAN5), call, "Sell to Open", 1, 5, order=100),
            row(3, at(JAN20), call, "Buy to Close", 1, 9, order=101),
            row(4, at(JAN20), call_up, "Sell to Open", 1, 6, order=101),
        ]
    )

    (group,) = store.groups.values()
    assert store.lots_of(group.id) == {1, 2, 4}
    assert group.strategy_key == "short_strangle"  # the open legs: the put and the new call
    assert group.rolled_from is None


def test_stock_and_a_call_sold_in_another_order_are_one_covered_call() -> None:
    store = GroupStore()
    store.refresh(
        [
            row(1, at(MAR2), "MSFT", "Buy to Open", 100, 400, order=700),
            row(2, at(MAR2, 16), occ("MSFT", FAR, "C", 420), "Sell to Open", 1, 5, order=701),
        ]
    )

    (group,) = store.groups.values()
    assert store.lots_of(group.id) == {1, 2}
    assert group.strategy_key == "covered_call"


def test_a_call_the_shares_cannot_cover_stays_a_short_call() -> None:
    store = GroupStore()
    store.refresh(
        [
            row(1, at(MAR2), "MSFT", "Buy to Open", 50, 400, order=700),
            row(2, at(MAR2, 16), occ("MSFT", FAR, "C", 420), "Sell to Open", 1, 5, order=701),
        ]
    )

    assert store.group_of(1) != store.group_of(2)
    assert store.group_of(2).strategy_key == "short_call"


def test_shares_already_covering_a_call_do_not_cover_a_second_one() -> None:
    store = GroupStore()
    store.refresh(
        [
            row(1, at(MAR2), "MSFT", "Buy to Open", 100, 400, order=700),
            row(2, at(MAR2, 16), occ("MSFT", FAR, "C", 420), "Sell to Open", 1, 5, order=701),
            row(3, at(MAR2, 17), occ("MSFT", FAR, "C", 440), "Sell to Open", 1, 3, order=702),
        ]
    )

    assert store.group_of(2) == store.group_of(1)
    assert store.group_of(3) != store.group_of(1)


def test_a_call_sold_before_the_shares_were_bought_is_not_covered_by_them() -> None:
    store = GroupStore()
    store.refresh(
        [
            row(1, at(MAR2, 14), occ("MSFT", FAR, "C", 420), "Sell to Open", 1, 5, order=701),
            row(2, at(MAR2, 16), "MSFT", "Buy to Open", 100, 400, order=700),
        ]
    )

    assert store.group_of(1) != store.group_of(2)


def test_stock_bought_again_and_stock_delivered_add_to_the_stock_position() -> None:
    put = occ("AAPL", JAN_EXP, "P", 180)
    store = GroupStore()
    store.refresh(
        [
            row(1, at(JAN5), "AAPL", "Buy to Open", 50, 190, order=600),
            row(2, at(JAN6), "AAPL", "Buy to Open", 50, 185, order=601),
            row(3, at(JAN6, 16), put, "Sell to Open", 1, 2, order=602),
            assigned(4, at(JAN_EXP, 21), put, 1, "Buy to Close"),
            delivered(5, at(JAN_EXP, 21), "AAPL", "Buy to Open", 100, 180),
        ]
    )

    stock = store.group_of(1)
    assert store.lots_of(stock.id) == {1, 2, 5}
    assert stock.strategy_key == "long_stock"
    assert store.group_of(3) != stock


def test_shares_a_spread_settled_in_the_money_bought_and_sold_at_once_are_its_result() -> None:
    """A bull put spread 180/170 expiring with the stock at 160: the short put is assigned
    (100 shares bought at 180), the long put exercised (sold at 170), in one settlement."""
    short, long = occ("AAPL", JAN_EXP, "P", 180), occ("AAPL", JAN_EXP, "P", 170)
    settled = at(JAN_EXP, 21)
    store = GroupStore()
    store.refresh(
        [
            row(1, at(JAN5), short, "Sell to Open", 1, 4, order=600),
            row(2, at(JAN5), long, "Buy to Open", 1, 1, order=600),
            assigned(3, settled, short, 1, "Buy to Close"),
            delivered(4, settled, "AAPL", "Buy to Open", 100, 180),
            row(
                5, settled, long, "Sell to Close", 1, 0, kind="Receive Deliver", sub_type="Exercise"
            ),
            delivered(6, settled, "AAPL", "Sell to Close", 100, 170),
        ]
    )

    (group,) = store.groups.values()
    assert store.lots_of(group.id) == {1, 2, 4}
    assert (group.strategy_key, group.status) == ("bull_put_spread", CLOSED)


def test_stock_bought_after_the_position_was_sold_starts_a_new_group() -> None:
    store = GroupStore()
    store.refresh(
        [
            row(1, at(JAN5), "AAPL", "Buy to Open", 50, 190, order=600),
            row(2, at(JAN6), "AAPL", "Sell to Close", 50, 195, order=601),
            row(3, at(JAN20), "AAPL", "Buy to Open", 50, 185, order=602),
        ]
    )

    assert store.group_of(1) != store.group_of(3)
    assert store.group_of(1).status is CLOSED and store.group_of(3).status is OPEN


def test_a_closed_group_is_named_by_the_legs_its_first_order_opened() -> None:
    """Four calls written in turn on the same shares: a covered call, once all is closed."""
    rows = [row(1, at(JAN5), "NVDA", "Buy to Open", 100, 140, order=500)]
    expiries = (JAN_EXP, FEB_EXP, MAR_EXP)
    for index, expiry in enumerate(expiries):
        call = occ("NVDA", expiry, "C", 150 + index)
        opened = at(date(2026, 1 + index, 6))
        rows += [
            row(10 + index, opened, call, "Sell to Open", 1, 2, order=510 + index),
            expired(20 + index, at(expiry, 21), call, 1, "Buy to Close"),
        ]
    rows.append(row(30, at(date(2026, 4, 1)), "NVDA", "Sell to Close", 100, 150, order=530))
    store = GroupStore()
    store.refresh(rows)

    (group,) = store.groups.values()
    assert store.lots_of(group.id) == {1, 10, 11, 12}
    assert (group.status, group.strategy_key) == (CLOSED, "covered_call")
    assert group.closed_at == at(date(2026, 4, 1))


def test_the_key_follows_the_open_legs_as_they_close() -> None:
    condor = iron_condor(1, 100, JAN5, FAR)
    put_side_closed = [
        row(5, at(FEB2), condor[0]["symbol"], "Sell to Close", 2, "0.1", order=101),
        row(6, at(FEB2), condor[1]["symbol"], "Buy to Close", 2, "0.2", order=101),
    ]
    store = GroupStore()
    store.refresh(condor)
    store.refresh(condor + put_side_closed)

    (group,) = store.groups.values()
    assert group.strategy_key == "bear_call_spread"
    assert group.status is OPEN


def test_a_short_put_in_a_cash_account_is_cash_secured() -> None:
    store = GroupStore(kind="Individual Cash")
    store.refresh([row(1, at(JAN5), occ("SPY", FAR, "P", 500), "Sell to Open", 1, 2, order=100)])

    assert store.group_of(1).strategy_key == "cash_secured_put"


def test_a_second_refresh_with_nothing_new_changes_nothing() -> None:
    rows = [
        *iron_condor(1, 100, JAN5, FAR),
        row(5, at(MAR2), "MSFT", "Buy to Open", 100, 400, order=700),
        row(6, at(MAR2, 16), occ("MSFT", FAR, "C", 420), "Sell to Open", 1, 5, order=701),
    ]
    store = GroupStore()
    first = store.refresh(rows)
    again = store.refresh(rows)

    assert not first.changes_nothing
    assert again.changes_nothing


def test_every_lot_lands_in_exactly_one_group() -> None:
    rows = iron_condor(1, 100, JAN5, FAR) + iron_condor(11, 110, JAN6, FAR)
    rows.append(row(21, at(JAN20), "SPY", "Buy to Open", 100, 550, order=120))
    store = GroupStore()
    plan = store.refresh(rows)

    pks = [pk for pk, _ in plan.new_members]
    assert sorted(pks) == [1, 2, 3, 4, 11, 12, 13, 14, 21]
    assert plan.openings == len(pks)


def test_an_edited_group_is_never_joined_or_retyped_but_follows_its_lots_status() -> None:
    condor = iron_condor(1, 100, JAN5, FAR)
    store = GroupStore()
    store.refresh(condor)
    (group,) = store.groups.values()
    store.edit(group.id, strategy_key="custom", campaign="mine")
    # a later fill of the same order, and the whole condor closed
    later = row(9, at(JAN5, 16), condor[0]["symbol"], "Buy to Open", 1, "0.5", order=100)
    closing = [
        row(40 + index, at(FEB2), leg["symbol"], action, leg["quantity"], "0.1", order=101)
        for index, (leg, action) in enumerate(
            zip(
                condor,
                ("Sell to Close", "Buy to Close", "Buy to Close", "Sell to Close"),
                strict=True,
            )
        )
    ]
    store.refresh([*condor, later, *closing])

    edited = store.groups[group.id]
    assert (edited.strategy_key, edited.campaign, edited.user_edited) == ("custom", "mine", True)
    assert store.lots_of(group.id) == {1, 2, 3, 4}
    assert store.group_of(9).id != group.id  # the new fill did not join the edited group
    assert store.group_of(9).status is OPEN
    assert edited.status is CLOSED  # its own lots all closed: the status follows them


def test_a_lot_the_trader_moved_stays_where_they_put_it() -> None:
    rows = [
        row(1, at(MAR2), "MSFT", "Buy to Open", 100, 400, order=700),
        row(2, at(MAR2, 16), occ("SPY", FAR, "P", 500), "Sell to Open", 1, 2, order=701),
    ]
    store = GroupStore()
    store.refresh(rows)
    stock = store.group_of(1)
    store.move(2, stock.id)
    plan = store.refresh(rows)

    assert store.group_of(2).id == stock.id
    assert plan.new_members == () and plan.new_groups == ()


def test_a_reversed_opening_leaves_its_group_and_an_empty_engine_group_goes() -> None:
    put = occ("SPY", FAR, "P", 500)
    first = [row(1, at(JAN5), put, "Sell to Open", 1, 2, order=100)]
    store = GroupStore()
    store.refresh(first)
    (group,) = store.groups.values()
    reversal = {**row(2, at(JAN6), put, "Buy to Close", 1, 2), "reverses-id": 1}
    plan = store.refresh([*first, reversal])

    assert plan.stale_members == (1,)
    assert plan.deleted_groups == (group.id,)
    assert store.groups == {} and store.members == {}


def test_fractional_shares_are_a_stock_position() -> None:
    store = GroupStore()
    store.refresh([row(1, at(JAN5), "SPY", "Buy to Open", "0.5", 500, order=1)])

    (group,) = store.groups.values()
    assert group.strategy_key == "long_stock"
