"""Writes of many callers committed together (group commit).

When many orders move at once, each step's write would be its own statement and its own
commit. A commit is most of a small write's cost (on SQLite about two thirds of its CPU, and
commits go one at a time; on Postgres a round trip and a log flush each). :class:`GroupWriter`
hands its writer, as one group, the writes made in the same turn of the event loop and those
that arrive while the group before is being written: alone, a write goes at once (after the
turn it was made in); under load, writes wait only for the group in flight, then go together.
Each caller waits until its own write is committed and hears its own outcome, so a step still
moves on only after its write is durable.

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


_Waiting = list[tuple[T, "asyncio.Future[None]"]]


class GroupWriter(Generic[T]):
    """``await group.write(item)``: ``item`` written by ``writer`` with the others waiting
    (see the module docstring)."""

    def __init__(self, writer: Callable[[list[T]], Awaitable[Outcomes]]) -> None:
        self._writer = writer
        # per event loop: the items waiting for the next group (a list while a flusher runs)
        self._waiting: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Waiting[T]] = (
            weakref.WeakKeyDictionary()
        )
        self._flushers: set[asyncio.Task[None]] = set()  # kept from the garbage collector

    async def write(self, item: T) -> None:
        loop = asyncio.get_running_loop()
        waiting = self._waiting.get(loop)
        if waiting is None:  # no flusher runs: start one (it runs once this turn is over)
            waiting = self._waiting[loop] = []
            # a fresh context: the group must not run inside the first caller's transaction
            task = loop.create_task(self._flush(loop), context=contextvars.Context())
            self._flushers.add(task)
            task.add_done_callback(self._flushers.discard)
        done: asyncio.Future[None] = loop.create_future()
        waiting.append((item, done))
        await done

    async def _flush(self, loop: asyncio.AbstractEventLoop) -> None:
        """Write groups until nothing waits: what arrives while a group is being written is
        the next group."""
        try:
            while group := self._waiting.get(loop):
                self._waiting[loop] = []
                await self._write_group(group)
        finally:
            self._waiting.pop(loop, None)

    async def _write_group(self, group: _Waiting[T]) -> None:
        outcomes: Sequence[BaseException | None]
        try:
            outcomes = await self._writer([item for item, _ in group])
        except BaseException as error:  # the database failed: every waiting caller hears it
            outcomes = [error] * len(group)
        for (_, done), outcome in zip(group, outcomes, strict=True):
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


_saves: GroupWriter[_Save] = GroupWriter(_save_group)


async def save_fields(instance: Model, fields: Sequence[str]) -> None:
    """``instance.save(update_fields=fields)``, committed with the other saves waiting (one
    transaction); returns once it is committed, raises what refused it.
    Not for a caller inside a transaction of its own (the group commits on its own)."""
    await _saves.write((instance, tuple(fields)))
