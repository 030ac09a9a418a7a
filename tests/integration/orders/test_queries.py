"""`/orders` and `/order show` reads against a real database: scopes, pages, an expired
preview read as expired, the audit trail, and nothing of another trader's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from services.db.models import OrderRequest, TestResult
from services.environment import Environment
from services.errors import NotFoundError, ValidationError
from services.orders import audit
from services.orders._model import OrderState
from services.orders.queries import (
    MAX_LISTED,
    PER_PAGE,
    list_orders,
    order_choices,
    order_detail,
    order_lines,
    parse_order_id,
    parse_scope,
    shown_previews,
)
from services.traders import trader_for

pytestmark = pytest.mark.db

TRADER, OTHER = 3003, 4004
LEG = {
    "symbol": "SPY   270115C00600000",
    "instrument_type": "Equity Option",
    "action": "Buy to Open",
    "quantity": "10",
    "option_type": "call",
    "strike": "600",
    "expiration": "2027-01-15",
    "streamer_symbol": ".SPY270115C600",
}


async def _order(
    discord_id: int = TRADER,
    state: OrderState = OrderState.PLACED,
    *,
    text: str = "buy 10 SPY 600c next month @ 1",
    **fields: Any,
) -> OrderRequest:
    trader = await trader_for(discord_id)
    count = await OrderRequest.all().count()
    return await OrderRequest.create(
        trader=trader,
        source="chat",
        raw_text=text,
        underlying="SPY",
        legs=[LEG],
        price=Decimal("1.00"),
        price_effect="Debit",
        state=state,
        environment=Environment.PRODUCTION,
        external_identifier=f"tb-q-{count}",
        **fields,
    )


async def test_live_lists_what_is_waiting_or_working_newest_first(database: str) -> None:
    placed = await _order(state=OrderState.PLACED)
    asked = await _order(state=OrderState.NEEDS_CHOICE)
    await _order(state=OrderState.FILLED)
    await _order(state=OrderState.INVALID)

    page = await list_orders(TRADER, "live")

    assert [line.order_id for line in page.items] == [asked.id, placed.id]
    assert page.items[1].legs[0].strike == 600 and page.items[1].is_working


async def test_an_expired_preview_is_not_live_and_reads_expired(database: str) -> None:
    past = datetime.now(UTC) - timedelta(seconds=5)
    stale = await _order(state=OrderState.PREVIEWED, preview_expires_at=past)
    fresh = await _order(
        state=OrderState.PREVIEWED, preview_expires_at=datetime.now(UTC) + timedelta(minutes=1)
    )

    live = await list_orders(TRADER, "live")
    recent = await list_orders(TRADER, "recent")

    assert [line.order_id for line in live.items] == [fresh.id]
    states = {line.order_id: line.state for line in recent.items}
    assert states == {stale.id: OrderState.EXPIRED, fresh.id: OrderState.PREVIEWED}


async def test_today_lists_only_todays_orders(database: str) -> None:
    today = await _order(state=OrderState.FILLED)
    old = await _order(state=OrderState.FILLED)
    await OrderRequest.filter(id=old.id).update(created_at=datetime.now(UTC) - timedelta(days=3))

    page = await list_orders(TRADER, "today")

    assert [line.order_id for line in page.items] == [today.id]


async def test_lists_page_and_stop_at_the_newest_hundred(database: str) -> None:
    for _ in range(MAX_LISTED + 5):
        await _order(state=OrderState.FILLED)

    first = await list_orders(TRADER, "recent")
    last = await list_orders(TRADER, "recent", page=first.pages)

    assert first.total == MAX_LISTED and first.pages == MAX_LISTED // PER_PAGE
    assert len(first.items) == PER_PAGE and len(last.items) == PER_PAGE
    assert first.items[0].order_id > last.items[-1].order_id
    with pytest.raises(ValidationError, match="Choose a page from 1 to 10"):
        await list_orders(TRADER, "recent", page=first.pages + 1)


async def test_another_traders_orders_are_never_listed_or_shown(database: str) -> None:
    mine = await _order(TRADER)
    theirs = await _order(OTHER)

    for scope in ("live", "today", "recent"):
        page = await list_orders(TRADER, scope)
        assert [line.order_id for line in page.items] == [mine.id]
    with pytest.raises(NotFoundError, match=f"No order #{theirs.id} of yours"):
        await order_detail(TRADER, theirs.id)
    assert [line.order_id for line in await order_lines(TRADER, [mine.id, theirs.id])] == [mine.id]
    assert [line.order_id for line in await order_choices(TRADER)] == [mine.id]


async def test_detail_shows_fills_dry_run_rehearsal_and_an_intact_audit_trail(
    database: str,
) -> None:
    request = await _order(
        state=OrderState.FILLED,
        production_order_id=1104,
        broker_status="Filled",
        filled_quantity=Decimal(10),
        average_fill_price=Decimal("0.98"),
        dry_run={"fees": "11.00", "buying_power_change": "1011.00", "buying_power_effect": "Debit"},
    )
    for kind in ("received", "resolved", "rehearsed", "confirmed", "placed", "status"):
        await audit.record(request, kind, {"n": kind})
    await TestResult.create(
        trader=await trader_for(TRADER), order_request=request, kind="rehearsal", passed=True
    )

    detail = await order_detail(TRADER, request.id)

    assert detail.line.state is OrderState.FILLED
    assert (detail.line.filled_quantity, detail.line.average_fill_price) == (10, Decimal("0.98"))
    assert (detail.fees, detail.buying_power_change) == (Decimal("11.00"), Decimal("1011.00"))
    assert detail.rehearsal_passed is True and detail.production_order_id == 1104
    assert [entry.kind for entry in detail.audit][:2] == ["received", "resolved"]
    assert detail.audit_intact


async def test_a_tampered_audit_trail_is_reported_broken(database: str) -> None:
    request = await _order()
    await audit.record(request, "received", {"text": "x"})
    await audit.record(request, "placed", {"order_id": 1})
    first = (await audit.events(request.id))[0]
    first.detail = {"text": "changed"}
    await first.save()

    assert not (await order_detail(TRADER, request.id)).audit_intact


async def test_the_working_orders_messages_are_found_for_status_edits(database: str) -> None:
    shown = await _order(preview_channel_id=11, preview_message_id=12)
    await _order()  # never shown as a message (an ephemeral slash reply)
    await _order(state=OrderState.FILLED, preview_channel_id=13, preview_message_id=14)

    [found] = await shown_previews()

    assert (found.order_id, found.discord_id) == (shown.id, TRADER)
    assert (found.channel_id, found.message_id) == (11, 12)


async def test_autocomplete_offers_orders_whose_number_starts_as_typed(database: str) -> None:
    orders = [await _order(state=OrderState.FILLED) for _ in range(12)]
    working = await _order(state=OrderState.PLACED)

    typed = str(orders[0].id)[0]
    offered = await order_choices(TRADER, typed)
    only_working = await order_choices(TRADER, working_only=True)

    assert offered and all(str(line.order_id).startswith(typed) for line in offered)
    assert [line.order_id for line in only_working] == [working.id]


@pytest.mark.parametrize(("typed", "expected"), [("12", 12), ("#7", 7), (" 3 ", 3), (5, 5)])
def test_an_order_number_is_read_as_typed(typed: str | int, expected: int) -> None:
    assert parse_order_id(typed) == expected


@pytest.mark.parametrize(
    "typed", ["", "abc", "-3", "0", "1.5", "99999999999", "１２", "12; DROP TABLE x", "#"]
)
def test_anything_but_an_order_number_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="order's number"):
        parse_order_id(typed)


@pytest.mark.parametrize(
    ("typed", "scope"), [(None, "live"), (" TODAY ", "today"), ("recent", "recent")]
)
def test_a_scope_is_read_as_typed(typed: str | None, scope: str) -> None:
    assert parse_scope(typed) == scope


@pytest.mark.parametrize("typed", ["all", "x" * 500, "live;"])
def test_an_unknown_scope_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="Choose `live`, `today` or `recent`"):
        parse_scope(typed)
