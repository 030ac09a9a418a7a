"""SQL written by hand for the few reads every order makes, run through the ORM's connection.

Tortoise builds a query's SQL anew each time it runs (pypika): for a small indexed read that
costs several times what the database takes to answer it (measured on this project's order
path: 0.35 to 0.8 ms of CPU a read, against about 0.1 ms for the same read sent as text). An
order makes six such reads, and in a burst of orders that CPU is what the last order waits for
(``bench/orders.py``). Only reads on that path are written here; everything else stays with the
ORM.

A :class:`Statement` holds its SQL with ``?`` placeholders and gives the driver ``?`` (SQLite)
or ``$1``... (Postgres). It runs on the model's own connection, or the transaction the caller
is in, and rows come back as the model instances the ORM itself builds from them
(:func:`fetch_models`), or as plain rows (:func:`fetch_rows`). Parameters are ints, strings,
booleans and datetimes (enum members as their ``.value``), bound by the driver, never formatted
into the text. Each statement has a test on both databases comparing it with the ORM query it
stands for (``tests/integration/db/test_statements.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

M = TypeVar("M", bound=Model)

_PLACEHOLDER = re.compile(r"\?")


class Statement:
    """One hand-written read (see the module docstring). The SQL must not hold a ``?``
    other than its placeholders (no string literal with one)."""

    __slots__ = ("_numbered", "sql")

    def __init__(self, sql: str) -> None:
        self.sql = " ".join(sql.split())
        counter = iter(range(1, self.sql.count("?") + 1))
        self._numbered = _PLACEHOLDER.sub(lambda _: f"${next(counter)}", self.sql)

    def text(self, connection: BaseDBAsyncClient) -> str:
        """The SQL in ``connection``'s placeholder style."""
        return self._numbered if connection.capabilities.dialect == "postgres" else self.sql


def _connection(model: type[Model]) -> BaseDBAsyncClient:
    # the model's connection as its own queries would use it (a transaction's, inside one)
    return model._choose_db()


async def fetch_models(model: type[M], statement: Statement, *values: Any) -> list[M]:
    """Run ``statement``, which selects every column of ``model``'s table, and build the
    instances from its rows as the ORM does."""
    connection = _connection(model)
    executor = connection.executor_class(model=model, db=connection)
    found: list[M] = await executor.execute_select(statement.text(connection), list(values))
    return found


async def fetch_rows(model: type[Model], statement: Statement, *values: Any) -> Sequence[Any]:
    """Run ``statement`` on ``model``'s connection; its rows as the driver returns them
    (indexable by position and by column name)."""
    connection = _connection(model)
    _, rows = await connection.execute_query(statement.text(connection), list(values))
    return rows
