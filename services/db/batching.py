"""Writes made in the same turn of the event loop, committed together.

When many orders move at once, each step's write would be its own statement and its own
commit. A commit is most of a small write's cost (on SQLite about two thirds of its CPU, and
commits go one at a time; on Postgres a round trip and a log flush each): writes queued in the
same turn are better sent as one group. :class:`TurnBatch` collects them and hands the group to
its writer once the turn's callbacks have run; each caller waits until its own write is
committed and hears its own outcome, so a step still moves on only after its write is durable.

The writer reports an outcome per item (``None`` or the exception that refused it): a writer
whose grouped write fails writes the items one by one, so one refused item does not fail the
others. If the writer itself raises (the database is down), every caller hears that error.

:func:`save_fields` is the pipeline's use: ``instance.save(update_fields=...)``, grouped in one
transaction. Only a write whose caller needs nothing back but success belongs here: the
conditional UPDATE that decides a confirmation reads its row count and is never grouped.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import weakref
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

from tortoise.models import Model
from tortoise.transactions import in_transaction

log = logging.getLogger(__name__)

T = TypeVar("T")

Outcomes = list[BaseException | None]


class TurnBatch(Generic[T]):
    """``await batch.write(item)``: ``item`` written by ``writer`` with the other items of
    this turn of the event loop (see the module docstring)."""

    def __init__(self, writer: Callable[[list[T]], Awaitable[Outcomes]]) -> None:
        self._writer = writer
        # the items waiting for this turn's write, per event loop
        self._pending: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, list[tuple[T, asyncio.Future[None]]]
        ] = weakref.WeakKeyDictionary()
        self._writing: set[asyncio.Task[None]] = set()  # kept from the garbage collector

    async def write(self, item: T) -> None:
        loop = asyncio.get_running_loop()
        batch = self._pending.get(loop)
        if batch is None:
            batch = self._pending[loop] = []
            # a fresh context: the group must not run inside the first caller's transaction
            task = loop.create_task(self._flush(loop, batch), context=contextvars.Context())
            self._writing.add(task)
            task.add_done_callback(self._writing.discard)
        done: asyncio.Future[None] = loop.create_future()
        batch.append((item, done))
        await done

    async def _flush(
        self, loop: asyncio.AbstractEventLoop, batch: list[tuple[T, asyncio.Future[None]]]
    ) -> None:
        if self._pending.get(loop) is batch:
            del self._pending[loop]  # writes from now on make the next group
        outcomes: Sequence[BaseException | None]
        try:
            outcomes = await self._writer([item for item, _ in batch])
        except BaseException as error:  # the database failed: every waiting caller hears it
            outcomes = [error] * len(batch)
        for (_, done), outcome in zip(batch, outcomes, strict=True):
            if done.done():  # its caller was cancelled
                continue
            if outcome is None:
                done.set_result(None)
            else:
                done.set_exception(outcome)


_Save = tuple[Model, tuple[str, ...]]


async def _save_alone(instance: Model, fields: tuple[str, ...]) -> BaseException | None:
    try:
        await instance.save(update_fields=list(fields))
    except Exception as error:
        return error
    return None


async def _saved_together(saves: list[_Save]) -> bool:
    try:
        async with in_transaction() as connection:
            for instance, fields in saves:
                await instance.save(update_fields=list(fields), using_db=connection)
    except Exception as error:  # rolled back: each alone, so only the refused one fails
        log.info("a group of %d saves was refused (%s); saving each alone", len(saves), error)
        return False
    return True


async def _save_group(saves: list[_Save]) -> Outcomes:
    if len(saves) > 1 and await _saved_together(saves):
        return [None] * len(saves)
    return [await _save_alone(instance, fields) for instance, fields in saves]


_saves: TurnBatch[_Save] = TurnBatch(_save_group)


async def save_fields(instance: Model, fields: Sequence[str]) -> None:
    """``instance.save(update_fields=fields)``, committed with the other saves of this turn of
    the event loop (one transaction); returns once it is committed, raises what refused it.
    Not for a caller inside a transaction of its own (the group commits on its own)."""
    await _saves.write((instance, tuple(fields)))
