"""Writes committed in groups (`services.db.batching`), on the real database (Postgres in CI,
SQLite otherwise)."""

from __future__ import annotations

import asyncio
import contextvars

import pytest
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from services.db import batching
from services.db.batching import GroupWriter, Outcomes, save_fields
from services.db.models import Trader

CALLER = contextvars.ContextVar("caller", default="none")


async def test_items_of_one_turn_go_to_the_writer_together_and_each_hears_its_outcome() -> None:
    groups: list[list[int]] = []

    async def writer(items: list[int]) -> Outcomes:
        groups.append(items)
        return [ValueError(f"odd {item}") if item % 2 else None for item in items]

    batch: GroupWriter[int] = GroupWriter(writer)
    outcomes = await asyncio.gather(*(batch.write(n) for n in range(4)), return_exceptions=True)
    await batch.write(10)  # a later turn: a group of its own

    assert groups == [[0, 1, 2, 3], [10]]
    assert outcomes[0] is None and outcomes[2] is None
    assert [str(outcome) for outcome in outcomes[1::2]] == ["odd 1", "odd 3"]


async def test_writes_made_while_a_group_is_written_make_the_next_group() -> None:
    groups: list[list[str]] = []
    release = asyncio.Event()

    async def writer(items: list[str]) -> Outcomes:
        groups.append(items)
        if len(groups) == 1:
            await release.wait()  # the first group is slow to commit
        return [None] * len(items)

    batch: GroupWriter[str] = GroupWriter(writer)
    first = asyncio.create_task(batch.write("a"))
    await asyncio.sleep(0.01)
    later = [asyncio.create_task(batch.write(item)) for item in "bcd"]
    await asyncio.sleep(0.01)
    assert groups == [["a"]]  # b, c and d wait for the group in flight
    release.set()
    await asyncio.gather(first, *later)
    assert groups == [["a"], ["b", "c", "d"]]
    await batch.write("e")  # nothing in flight: at once
    assert groups[-1] == ["e"]


async def test_a_failing_writer_fails_every_caller_and_the_next_turn_writes_again() -> None:
    calls = 0

    async def writer(items: list[str]) -> Outcomes:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise ConnectionError("database down")
        return [None] * len(items)

    batch: GroupWriter[str] = GroupWriter(writer)
    outcomes = await asyncio.gather(batch.write("a"), batch.write("b"), return_exceptions=True)
    assert [type(outcome) for outcome in outcomes] == [ConnectionError, ConnectionError]
    await batch.write("c")  # nothing stuck from the failed group


async def test_a_cancelled_caller_leaves_the_others_their_outcome() -> None:
    release = asyncio.Event()

    async def writer(items: list[str]) -> Outcomes:
        await release.wait()
        return [None] * len(items)

    batch: GroupWriter[str] = GroupWriter(writer)
    first = asyncio.create_task(batch.write("first"))
    second = asyncio.create_task(batch.write("second"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    first.cancel()
    release.set()
    await second
    assert first.cancelled()


async def test_the_writer_runs_outside_the_first_callers_context() -> None:
    seen: list[str] = []

    async def writer(items: list[str]) -> Outcomes:
        seen.append(CALLER.get())
        return [None] * len(items)

    batch: GroupWriter[str] = GroupWriter(writer)
    CALLER.set("inside a transaction of its own")
    await batch.write("x")
    assert seen == ["none"]


@pytest.mark.usefixtures("database")
async def test_saves_of_one_turn_commit_in_one_transaction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    traders = [await Trader.create(discord_id=n) for n in range(1, 6)]
    transactions = 0
    real = batching.in_transaction

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal transactions
        transactions += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batching, "in_transaction", counted)
    for trader in traders:
        trader.max_contracts = trader.discord_id * 10
        trader.email = "not saved: not in the fields"
    await asyncio.gather(*(save_fields(t, ["max_contracts", "updated_at"]) for t in traders))

    assert transactions == 1
    rows = await Trader.all().order_by("discord_id").values_list("max_contracts", "email")
    assert rows == [(n * 10, None) for n in range(1, 6)]


@pytest.mark.usefixtures("database")
async def test_a_refused_save_fails_alone_and_the_rest_of_its_group_commits() -> None:
    first, second, third = [await Trader.create(discord_id=n) for n in (1, 2, 3)]
    first.max_contracts = 11
    second.discord_id = 3  # taken by the third: the unique index refuses it
    third.max_contracts = 33

    outcomes = await asyncio.gather(
        save_fields(first, ["max_contracts"]),
        save_fields(second, ["discord_id"]),
        save_fields(third, ["max_contracts"]),
        return_exceptions=True,
    )

    assert outcomes[0] is None and outcomes[2] is None
    assert isinstance(outcomes[1], IntegrityError)
    rows = await Trader.all().order_by("id").values_list("discord_id", "max_contracts")
    assert rows == [(1, 11), (2, None), (3, 33)]


@pytest.mark.usefixtures("database")
async def test_a_save_is_committed_when_it_returns() -> None:
    trader = await Trader.create(discord_id=7)
    trader.max_contracts = 70
    await save_fields(trader, ["max_contracts"])
    async with in_transaction() as connection:  # another connection's view on Postgres
        assert (await Trader.get(id=trader.id, using_db=connection)).max_contracts == 70
