"""The database side of grouping: one trader's lots (through the P&L service, the one loader
of a trader's transactions), their stored groups and memberships, and writing a plan.

Every query is scoped by the trader (their Discord id, or their Trader row id under the row
lock a refresh holds)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from services.db.models import (
    BrokerAccount,
    GroupMember,
    GroupOrigin,
    GroupStatus,
    StrategyGroup,
    Transaction,
)
from services.environment import Environment
from services.pnl import PnLReport, account_reports
from services.strategies._grouping_lots import Opening, TransactionFacts, openings_of
from services.strategies._grouping_plan import GroupingPlan, GroupRef, GroupState, Membership

WRITE_BATCH = 500  # rows per bulk insert and ids per IN (...) list


@dataclass(frozen=True)
class AccountBook:
    """One account's lots and P&L report; ``kind`` is its type words for ``classify``."""

    account_pk: int
    environment: Environment
    account_number: str
    kind: str
    report: PnLReport
    openings: tuple[Opening, ...]


async def trader_accounts(discord_id: int) -> list[BrokerAccount]:
    """Every account of the trader, both environments (grouping covers them all)."""
    return await BrokerAccount.filter(trader__discord_id=discord_id).order_by(
        "environment", "account_number"
    )


async def load_books(discord_id: int, accounts: Sequence[BrokerAccount]) -> list[AccountBook]:
    """The lots of each of the trader's ``accounts`` (each account's own report and marks)."""
    books: list[AccountBook] = []
    for account in accounts:
        for found in await account_reports(
            discord_id, account=account.account_number, environment=account.environment
        ):
            rows = await _transaction_facts(account.id)
            books.append(
                AccountBook(
                    account_pk=account.id,
                    environment=account.environment,
                    account_number=account.account_number,
                    kind=account_kind(account),
                    report=found.report,
                    openings=openings_of(
                        found.report,
                        rows,
                        account_pk=account.id,
                        account_number=account.account_number,
                    ),
                )
            )
    return books


def account_kind(account: BrokerAccount) -> str:
    """The words ``classify`` reads to tell a cash or retirement account ("Roth IRA Cash")."""
    return f"{account.account_type} {account.margin_or_cash}".strip()


async def _transaction_facts(account_pk: int) -> dict[int, TransactionFacts]:
    rows: Sequence[tuple[int, int, int | None, str, datetime]] = await Transaction.filter(
        account_id=account_pk
    ).values_list("id", "tastytrade_id", "order_id", "transaction_type", "executed_at")
    return {
        tastytrade_id: TransactionFacts(pk, tastytrade_id, order_id, kind, executed_at)
        for pk, tastytrade_id, order_id, kind, executed_at in rows
    }


GROUP_COLUMNS = (
    "id",
    "account_id",
    "underlying",
    "strategy_key",
    "status",
    "origin",
    "user_edited",
    "archived",
    "rolled_from_id",
    "campaign",
    "opened_at",
    "closed_at",
)


async def load_groups(
    trader_pk: int, connection: BaseDBAsyncClient | None = None
) -> tuple[list[GroupState], dict[int, Membership]]:
    """The trader's stored groups and memberships (by opening transaction row id)."""
    rows: Sequence[dict[str, Any]] = (
        await StrategyGroup.filter(trader_id=trader_pk)
        .using_db(connection)
        .order_by("id")
        .values(*GROUP_COLUMNS)
    )
    groups = [group_state(row) for row in rows]
    members: Sequence[tuple[int, int, str]] = (
        await GroupMember.filter(group__trader_id=trader_pk)
        .using_db(connection)
        .values_list("opening_transaction_id", "group_id", "origin")
    )
    return groups, {
        pk: Membership(group_id=group_id, origin=GroupOrigin(origin))
        for pk, group_id, origin in members
    }


def group_state(row: Mapping[str, Any]) -> GroupState:
    """A ``GroupState`` from a ``values(*GROUP_COLUMNS)`` row."""
    return GroupState(
        id=row["id"],
        account_pk=row["account_id"],
        underlying=row["underlying"],
        strategy_key=row["strategy_key"],
        status=GroupStatus(row["status"]),
        origin=GroupOrigin(row["origin"]),
        user_edited=row["user_edited"],
        archived=row["archived"],
        rolled_from=row["rolled_from_id"],
        campaign=row["campaign"],
        opened_at=row["opened_at"],
        closed_at=row["closed_at"],
    )


async def _new_group_ids(count: int, connection: BaseDBAsyncClient) -> list[int]:
    """``count`` ids no group has had, taken inside the caller's transaction. Postgres: from
    the id sequence (never handed out twice). SQLite: after the highest id the table has had
    (AUTOINCREMENT's record, so a deleted group's id, which an undo may still name, is never
    reused), safe because a SQLite transaction that writes is the only writer."""
    if count == 0:
        return []
    table = StrategyGroup._meta.db_table
    if connection.capabilities.dialect == "postgres":
        rows = await connection.execute_query_dict(
            "SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2)",
            [table, count],
        )
        return [int(row["id"]) for row in rows]
    highest = await connection.execute_query_dict(f'SELECT MAX("id") AS top FROM "{table}"')
    used = await connection.execute_query_dict(
        "SELECT seq FROM sqlite_sequence WHERE name = ?", [table]
    )
    top = max(int(highest[0]["top"] or 0), int(used[0]["seq"]) if used else 0)
    return list(range(top + 1, top + 1 + count))


async def write_plan(plan: GroupingPlan, trader_pk: int, connection: BaseDBAsyncClient) -> None:
    """Write ``plan`` for the trader inside the caller's transaction."""
    stored: dict[GroupRef, int] = {}

    def resolve(ref: GroupRef) -> int:
        return stored[ref] if ref < 0 else ref

    # new groups in bulk, with ids taken first: their members and rolls refer to them (a roll
    # only to a group planned before it, so the batches go in in order)
    ids = await _new_group_ids(len(plan.new_groups), connection)
    created: list[StrategyGroup] = []
    for planned, new_id in zip(plan.new_groups, ids, strict=True):
        stored[planned.ref] = new_id
        created.append(
            StrategyGroup(
                id=new_id,
                trader_id=trader_pk,
                account_id=planned.account_pk,
                underlying=planned.underlying,
                strategy_key=planned.fields.strategy_key,
                status=planned.fields.status,
                origin=GroupOrigin.SYSTEM,
                rolled_from_id=(
                    None if planned.rolled_from is None else resolve(planned.rolled_from)
                ),
                campaign=planned.fields.campaign,
                opened_at=planned.fields.opened_at,
                closed_at=planned.fields.closed_at,
            )
        )
    await StrategyGroup.bulk_create(created, batch_size=WRITE_BATCH, using_db=connection)
    if plan.stale_members:
        for start in range(0, len(plan.stale_members), WRITE_BATCH):
            await (
                GroupMember.filter(
                    opening_transaction_id__in=plan.stale_members[start : start + WRITE_BATCH],
                    group__trader_id=trader_pk,
                    origin=GroupOrigin.SYSTEM,
                )
                .using_db(connection)
                .delete()
            )
    await GroupMember.bulk_create(
        [
            GroupMember(group_id=resolve(ref), opening_transaction_id=pk, origin=GroupOrigin.SYSTEM)
            for pk, ref in plan.new_members
        ],
        batch_size=WRITE_BATCH,
        using_db=connection,
    )
    now = datetime.now(UTC)
    for group_id, changes in plan.updates.items():
        await (
            StrategyGroup.filter(id=group_id, trader_id=trader_pk)
            .using_db(connection)
            .update(**changes, updated_at=now)
        )
    if plan.deleted_groups:
        await (
            StrategyGroup.filter(id__in=list(plan.deleted_groups), trader_id=trader_pk)
            .using_db(connection)
            .delete()
        )
