"""A preview whose market moved cannot be confirmed, against the simulator: the preview keeps
the market it was made at, Confirm reads the market again and refuses (the preview expires,
nothing reaches production) when the underlying or the order's price moved past the policy;
a small move, quotes that cannot be read, a preview made without market data and an
auto-confirm right after the preview still place exactly one order."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from decimal import Decimal

import pytest

from services.db.models import OrderEvent, OrderRequest
from services.orders._context import OrderContext
from services.orders._model import OrderState
from services.orders.audit import verify_chain
from services.orders.confirmation import AlreadyHandledError, MarketMovedError, confirm_order
from services.orders.limits import update_limits
from services.orders.market_moves import MarketMovePolicy
from services.orders.pipeline import Previewed
from simulator.server import RunningSimulator

from .conftest import previewed

pytestmark = pytest.mark.db

CALLS = "buy 10 calls for SPY at strike 600 expiring next month @ 1.00"  # rests below the ask
CENT = Decimal("0.01")


def put_spy_at(sim: RunningSimulator, spot: str) -> None:
    """Pin SPY (its options are priced from it) at ``spot`` with a two-cent market."""
    price = Decimal(spot)
    sim.production.market.override_quote("SPY", bid=price - CENT, ask=price + CENT, last=price)


async def _previewed(
    context: OrderContext, discord_id: int, text: str = CALLS, *, by_command: bool = False
) -> Previewed:
    return await previewed(context, discord_id, text, by_command=by_command)


async def _placed(sim: RunningSimulator, order_id: int) -> list[object]:
    """What production accepted for the order: the simulator's ground truth."""
    request = await OrderRequest.get(id=order_id)
    return list(sim.accepted_orders("production", external_identifier=request.external_identifier))


async def test_the_preview_keeps_the_market_it_was_made_at(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    put_spy_at(sim, "600.10")
    preview = (await _previewed(context, trader)).preview

    request = await OrderRequest.get(id=preview.order_id)
    call = preview.order.legs[0].symbol
    mark = sim.production.market.quote(call).mark
    assert request.dry_run["quoted"] == {
        "underlying": "SPY",
        "underlying_price": "600.10",
        "legs": {call: str(mark)},
    }


async def test_a_preview_whose_underlying_moved_is_refused_and_expires_unsent(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    put_spy_at(sim, "600.10")
    preview = (await _previewed(context, trader)).preview
    put_spy_at(sim, "607.25")  # +1.19%

    with pytest.raises(MarketMovedError) as refused:
        await confirm_order(context, trader, preview.order_id, preview.confirm_hash)

    message = refused.value.user_message
    assert message.startswith("SPY moved from 600.10 to 607.25"), message
    assert message.endswith(
        "since the preview; nothing was sent. Send the order again for a fresh preview."
    )
    request = await OrderRequest.get(id=preview.order_id)
    assert request.state == OrderState.EXPIRED
    assert request.confirmed_at is None
    assert await _placed(sim, preview.order_id) == []
    [expired] = await OrderEvent.filter(order_request_id=preview.order_id, kind="expired")
    assert expired.detail["reason"] == "market_moved"
    assert expired.detail["moves"][0] == {"what": "SPY", "before": "600.10", "after": "607.25"}
    assert await verify_chain(preview.order_id)
    with pytest.raises(AlreadyHandledError):  # a later press changes nothing
        await confirm_order(context, trader, preview.order_id, preview.confirm_hash)
    assert await _placed(sim, preview.order_id) == []


async def test_an_option_repriced_past_its_allowance_is_refused(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    put_spy_at(sim, "600.10")
    preview = (await _previewed(context, trader)).preview
    call = preview.order.legs[0].symbol
    then = Decimal((await OrderRequest.get(id=preview.order_id)).dry_run["quoted"]["legs"][call])
    dearer = (then * Decimal("1.2")).quantize(CENT)  # 20% up, the underlying unchanged
    sim.production.market.override_quote(call, bid=dearer - CENT, ask=dearer + CENT)

    with pytest.raises(MarketMovedError) as refused:
        await confirm_order(context, trader, preview.order_id, preview.confirm_hash)

    assert refused.value.user_message.startswith("The order's price at the market moved from "), (
        refused.value.user_message
    )
    assert f"debit to {dearer:.2f} debit since the preview" in refused.value.user_message
    assert (await OrderRequest.get(id=preview.order_id)).state == OrderState.EXPIRED
    assert await _placed(sim, preview.order_id) == []


async def test_presses_at_once_after_a_move_place_nothing(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    put_spy_at(sim, "600.10")
    preview = (await _previewed(context, trader)).preview
    put_spy_at(sim, "590.00")

    results = await asyncio.gather(
        *(confirm_order(context, trader, preview.order_id, preview.confirm_hash) for _ in range(5)),
        return_exceptions=True,
    )

    assert all(isinstance(r, MarketMovedError | AlreadyHandledError) for r in results), results
    assert any(isinstance(r, MarketMovedError) for r in results)
    assert await OrderEvent.filter(order_request_id=preview.order_id, kind="expired").count() == 1
    assert await _placed(sim, preview.order_id) == []


async def test_a_move_under_the_thresholds_places_exactly_one_order(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    put_spy_at(sim, "600.10")
    preview = (await _previewed(context, trader)).preview
    put_spy_at(sim, "600.70")  # +0.1%: the call moves a few tenths of its price

    results = await asyncio.gather(
        *(confirm_order(context, trader, preview.order_id, preview.confirm_hash) for _ in range(5)),
        return_exceptions=True,
    )

    placed = [r for r in results if not isinstance(r, BaseException)]
    assert len(placed) == 1, results
    assert all(isinstance(r, AlreadyHandledError) for r in results if r not in placed), results
    assert placed[0].state in (OrderState.PLACED, OrderState.FILLED)
    assert len(await _placed(sim, preview.order_id)) == 1


async def test_quotes_refused_at_confirmation_do_not_block_it(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    put_spy_at(sim, "600.10")
    preview = (await _previewed(context, trader)).preview
    put_spy_at(sim, "620.00")  # a move that cannot be seen:
    sim.production.market_data_enabled = False  # market data answers 403 now

    placement = await confirm_order(context, trader, preview.order_id, preview.confirm_hash)

    assert placement.state in (OrderState.PLACED, OrderState.FILLED)
    assert len(await _placed(sim, preview.order_id)) == 1


async def test_a_market_data_read_that_hangs_does_not_hold_the_confirmation(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    preview = (await _previewed(context, trader)).preview
    await sim.set_faults(
        {
            "seed": 1,
            "rules": [
                {"kind": "hang", "seconds": 30, "path": "/market-data/*", "env": "production"}
            ],
        }
    )
    impatient = dataclasses.replace(context, market_move=MarketMovePolicy(read_timeout_s=0.3))
    try:
        started = time.monotonic()
        placement = await confirm_order(impatient, trader, preview.order_id, preview.confirm_hash)
        took = time.monotonic() - started
    finally:
        await impatient.close()

    assert placement.state in (OrderState.PLACED, OrderState.FILLED)
    assert took < 3  # the read is given up after 0.3 s (its retries alone take 6 s)
    assert len(await _placed(sim, preview.order_id)) == 1


async def test_a_preview_made_without_market_data_keeps_none_and_confirms(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    put_spy_at(sim, "600.10")
    sim.production.market_data_enabled = False
    preview = (await _previewed(context, trader)).preview
    sim.production.market_data_enabled = True
    put_spy_at(sim, "620.00")

    request = await OrderRequest.get(id=preview.order_id)
    assert "quoted" not in request.dry_run
    placement = await confirm_order(context, trader, preview.order_id, preview.confirm_hash)
    assert placement.state in (OrderState.PLACED, OrderState.FILLED)
    assert len(await _placed(sim, preview.order_id)) == 1


async def test_an_auto_confirm_right_after_the_preview_places_once(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    await update_limits(trader, auto_confirm_threshold="500")
    put_spy_at(sim, "600.10")

    outcome = await _previewed(context, trader, CALLS.replace("buy 10", "buy 1"), by_command=True)

    assert outcome.preview.auto_confirm
    assert outcome.placement is not None, outcome
    assert outcome.placement.state in (OrderState.PLACED, OrderState.FILLED)
    assert len(await _placed(sim, outcome.preview.order_id)) == 1


async def test_a_message_read_as_an_order_waits_for_confirm_under_the_threshold(
    context: OrderContext, trader: int, sim: RunningSimulator
) -> None:
    """Auto-confirm is for the order command: a chat line read as an order (a DM, a mention,
    an order channel) may be a misreading, so it is never placed without the trader's press."""
    await update_limits(trader, auto_confirm_threshold="500")
    put_spy_at(sim, "600.10")

    outcome = await _previewed(context, trader, CALLS.replace("buy 10", "buy 1"))

    assert not outcome.preview.auto_confirm and outcome.placement is None
    request = await OrderRequest.get(id=outcome.preview.order_id)
    assert request.state == OrderState.PREVIEWED
    assert await _placed(sim, outcome.preview.order_id) == []
