"""Order-type qualification on the sandbox: every case of the suite passes against the
simulator, results are stored per type, and only recent passes count."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from services.db.models import TestResult, Trader
from services.errors import NotLinkedError, TastybotError
from services.orders._context import OrderContext
from services.orders._model import ResolvedLeg, ResolvedOrder
from services.orders.qualify import SUITE, is_qualified, qualification_type, qualify

pytestmark = pytest.mark.db

TODAY = date.today()


async def qualified_types(discord_id: int, *, now: datetime) -> frozenset[str]:
    """The suite's types whose latest qualification in the window passed."""
    trader = await Trader.get(discord_id=discord_id)
    return frozenset([kind for kind in SUITE if await is_qualified(trader.id, kind, now=now)])


async def test_the_whole_suite_passes_and_is_stored_per_type(
    context: OrderContext, linked: int
) -> None:
    results = await qualify(context, linked, today=TODAY)

    assert [(r.order_type, r.passed) for r in results] == [(kind, True) for kind in SUITE], [
        (r.order_type, r.reason) for r in results if not r.passed
    ]
    assert await qualified_types(linked, now=datetime.now(UTC)) == frozenset(SUITE)
    assert await TestResult.filter(kind="qualification").count() == len(SUITE)


async def test_a_pass_older_than_thirty_days_does_not_count(
    context: OrderContext, linked: int
) -> None:
    await qualify(context, linked, types=("equity_limit",), today=TODAY)
    later = datetime.now(UTC) + timedelta(days=31)

    assert await qualified_types(linked, now=datetime.now(UTC)) == {"equity_limit"}
    assert await qualified_types(linked, now=later) == frozenset()


async def test_a_later_failure_withdraws_the_qualification(
    context: OrderContext, linked: int
) -> None:
    await qualify(context, linked, types=("equity_limit",), today=TODAY)
    row = await TestResult.filter(kind="qualification").first()
    assert row is not None
    await TestResult.create(
        trader_id=row.trader_id, kind="qualification", order_type="equity_limit", passed=False
    )

    assert await qualified_types(linked, now=datetime.now(UTC)) == frozenset()


async def test_unknown_types_are_refused(context: OrderContext, linked: int) -> None:
    with pytest.raises(TastybotError, match="Unknown order types"):
        await qualify(context, linked, types=("futures_spread",), today=TODAY)


async def test_a_stranger_cannot_qualify(context: OrderContext, database: str) -> None:
    with pytest.raises(NotLinkedError):
        await qualify(context, 424242, today=TODAY)


def _legs(*kinds: str) -> tuple[ResolvedLeg, ...]:
    return tuple(
        ResolvedLeg("SPY", "Equity", "Buy to Open", Decimal(1))
        if kind == "equity"
        else ResolvedLeg("SPY   261218C00600000", "Equity Option", "Buy to Open", Decimal(1), kind)
        for kind in kinds
    )


@pytest.mark.parametrize(
    ("legs", "order_type", "expected"),
    [
        (("equity",), "Market", "equity_market"),
        (("equity",), "Limit", "equity_limit"),
        (("call",), "Market", "single_option_market"),
        (("put",), "Limit", "single_option_limit"),
        (("call", "call"), "Limit", "vertical_limit"),
        (("call", "call"), "Market", "vertical_limit"),
        (("equity", "call"), "Limit", "iron_condor_limit"),
        (("put", "put", "call", "call"), "Limit", "iron_condor_limit"),
    ],
)
def test_each_order_needs_the_qualification_of_its_shape(
    legs: tuple[str, ...], order_type: str, expected: str
) -> None:
    order = ResolvedOrder("5WT1", "SPY", _legs(*legs), order_type, None, None, "Day")
    assert qualification_type(order) == expected
