"""The order audit log: appended in order, hash-chained, tamper-evident, never forked."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from tortoise.exceptions import IntegrityError, OperationalError

from services.db.models import Environment, OrderEvent, OrderRequest
from services.orders import audit
from services.orders.audit import GENESIS, events, record, verify_chain
from services.traders import trader_for

pytestmark = pytest.mark.db


async def _order(external: str = "tb-test-1") -> OrderRequest:
    trader = await trader_for(1)
    return await OrderRequest.create(
        trader=trader,
        source="chat",
        raw_text="buy 1 SPY 600c",
        state="received",
        environment=Environment.PRODUCTION,
        external_identifier=external,
    )


async def test_events_chain_from_genesis_and_verify(database: str) -> None:
    order = await _order()
    first = await record(order, "received", {"text": "buy 1 SPY 600c"})
    second = await record(order, "resolved", {"legs": 1})

    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.entry_hash
    assert [event.kind for event in await events(order.id)] == ["received", "resolved"]
    assert await verify_chain(order.id)


async def test_editing_an_entry_breaks_the_chain(database: str) -> None:
    order = await _order()
    await record(order, "received", {"price": "2.15"})
    await record(order, "placed", {"id": 7})
    tampered = await OrderEvent.filter(order_request_id=order.id).order_by("id").first()
    assert tampered is not None
    tampered.detail = {"price": "0.01"}
    await tampered.save()

    assert not await verify_chain(order.id)


async def test_removing_an_entry_breaks_the_chain(database: str) -> None:
    order = await _order()
    for kind in ("received", "previewed", "confirmed"):
        await record(order, kind)
    middle = (await events(order.id))[1]
    await middle.delete()

    assert not await verify_chain(order.id)


async def test_concurrent_appends_never_fork_the_chain(database: str) -> None:
    order = await _order()
    await asyncio.gather(*(record(order, f"step-{n}", {"n": n}) for n in range(6)))

    log = await events(order.id)
    assert len(log) == 6
    assert len({event.prev_hash for event in log}) == 6
    assert await verify_chain(order.id)


async def test_the_database_refuses_a_second_successor_of_one_entry(database: str) -> None:
    order = await _order()
    first = await record(order, "received")
    with pytest.raises(IntegrityError):
        await OrderEvent.create(
            order_request_id=order.id,
            kind="forged",
            detail={},
            prev_hash=GENESIS,
            entry_hash="f" * 64,
            created_at=datetime.now(UTC),
        )
    assert [event.id for event in await events(order.id)] == [first.id]


async def test_each_order_has_its_own_chain(database: str) -> None:
    one, two = await _order("tb-a"), await _order("tb-b")
    await record(one, "received")
    await record(two, "received")

    assert (await events(two.id))[0].prev_hash == GENESIS
    assert await verify_chain(one.id) and await verify_chain(two.id)


async def test_an_instance_whose_head_moved_on_rereads_it_and_keeps_one_chain(
    database: str,
) -> None:
    order = await _order()
    await record(order, "received")
    elsewhere = await OrderRequest.get(id=order.id)  # as another task or process loads it
    await record(elsewhere, "status", {"status": "Live"})
    await record(order, "placed")  # its remembered head is stale: refused, re-read, appended
    await record(elsewhere, "status", {"status": "Filled"})

    log = await events(order.id)
    assert [event.kind for event in log] == ["received", "status", "placed", "status"]
    assert await verify_chain(order.id)


@pytest.fixture
def head_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The orders whose chain head was read from the database, in order."""
    reads: list[int] = []
    read_head = audit._head

    async def counted(order_id: int) -> str:
        reads.append(order_id)
        return await read_head(order_id)

    monkeypatch.setattr(audit, "_head", counted)
    return reads


async def test_appends_through_one_instance_read_the_head_once(
    database: str, head_reads: list[int]
) -> None:
    order = await _order()
    for kind in ("received", "resolved", "rehearsed", "previewed"):
        await record(order, kind)

    assert head_reads == [order.id]
    assert await verify_chain(order.id)


async def test_a_new_chain_starts_without_a_read_and_a_wrong_start_is_corrected(
    database: str, head_reads: list[int]
) -> None:
    fresh = await _order("tb-new")
    audit.new_chain(fresh)
    first = await record(fresh, "received")
    assert first.prev_hash == GENESIS
    assert head_reads == []

    stale = await OrderRequest.get(id=fresh.id)
    audit.new_chain(stale)  # wrongly: the log has an entry already
    second = await record(stale, "resolved")
    assert second.prev_hash == first.entry_hash  # refused, read, appended after it
    assert head_reads == [fresh.id]
    assert await verify_chain(fresh.id)


async def test_a_request_read_again_appends_after_the_head_kept_in_this_process(
    database: str, head_reads: list[int]
) -> None:
    order = await _order()
    await record(order, "previewed")  # the pipeline's instance (its first append reads)
    confirming = await OrderRequest.get(id=order.id)  # the confirmation reads the request
    await record(confirming, "confirmed")

    assert head_reads == [order.id]
    assert [event.kind for event in await events(order.id)] == ["previewed", "confirmed"]
    assert await verify_chain(order.id)


async def test_a_kept_head_another_process_moved_on_is_read_again(
    database: str, head_reads: list[int]
) -> None:
    order = await _order()
    previewed = await record(order, "previewed")
    at = datetime.now(UTC)
    await OrderEvent.create(  # another process confirms: this one's kept head is stale
        order_request_id=order.id,
        kind="confirmed",
        detail={},
        prev_hash=previewed.entry_hash,
        entry_hash=audit.entry_hash(order.id, "confirmed", {}, at, previewed.entry_hash),
        created_at=at,
    )
    await record(await OrderRequest.get(id=order.id), "placed")

    assert head_reads == [order.id, order.id]  # the first append, then after the refusal
    assert [event.kind for event in await events(order.id)] == ["previewed", "confirmed", "placed"]
    assert await verify_chain(order.id)


async def test_appends_of_one_turn_are_written_together(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    orders = [await _order(f"tb-turn-{n}") for n in range(5)]
    batches: list[int] = []
    bulk_create = OrderEvent.bulk_create

    def counted(objects: list[OrderEvent], *args: object, **kwargs: object) -> object:
        batches.append(len(objects))
        return bulk_create(objects, *args, **kwargs)  # type: ignore[arg-type]

    for order in orders:  # one by one: each head is then known without a read
        await record(order, "received")
    monkeypatch.setattr(OrderEvent, "bulk_create", counted)
    await asyncio.gather(*(record(order, "resolved") for order in orders))
    await asyncio.gather(*(record(order, "rehearsed") for order in orders))

    assert batches == [5, 5]  # one statement and one commit per turn, not one per entry
    for order in orders:
        kinds = [event.kind for event in await events(order.id)]
        assert kinds == ["received", "resolved", "rehearsed"]
        assert await verify_chain(order.id)


async def test_a_moved_head_in_a_shared_write_is_read_again_and_every_chain_stays_whole(
    database: str,
) -> None:
    one, two, three = [await _order(f"tb-share-{n}") for n in range(3)]
    heads = [await record(order, "previewed") for order in (one, two, three)]
    at = datetime.now(UTC)
    await OrderEvent.create(  # another process appends to the second order only
        order_request_id=two.id,
        kind="status",
        detail={},
        prev_hash=heads[1].entry_hash,
        entry_hash=audit.entry_hash(two.id, "status", {}, at, heads[1].entry_hash),
        created_at=at,
    )

    await asyncio.gather(*(record(order, "confirmed") for order in (one, two, three)))

    assert [event.kind for event in await events(two.id)] == ["previewed", "status", "confirmed"]
    for order in (one, two, three):
        assert [event.kind for event in await events(order.id)][-1] == "confirmed"
        assert await verify_chain(order.id)


async def test_a_failed_shared_write_is_reported_to_every_append_in_it(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    orders = [await _order(f"tb-fail-{n}") for n in range(3)]
    for order in orders:
        await record(order, "received")

    async def failing(*args: object, **kwargs: object) -> None:
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(OrderEvent, "bulk_create", failing)
    results = await asyncio.gather(
        *(record(order, "resolved") for order in orders), return_exceptions=True
    )

    assert all(isinstance(result, OperationalError) for result in results)
    monkeypatch.undo()
    for order in orders:  # nothing was written and nothing wrong is remembered as the head
        assert [event.kind for event in await events(order.id)] == ["received"]
        await record(order, "resolved")
        assert await verify_chain(order.id)
