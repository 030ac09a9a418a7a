"""Realized P&L for exports: ``services.pnl.account_reports`` restricted to the period.

Scope (the same rule as the P&L views, ``services.pnl.pnl_accounts``): the trader's production
accounts, or the sandbox ones when the trader has only sandbox accounts, so simulated money is
never added to real money. Each account has its own report (lots are matched per account, and
account numbers never mix across environments), computed off the event loop over every
transaction up to the period's last day (lots closed in the period may have opened years
before); the report is then restricted to the period.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.environment import Environment
from services.errors import NotFoundError
from services.pnl import NOT_SYNCED, ClosedLot, PnLReport, account_reports
from services.reports.exports._periods import Period


@dataclass(frozen=True)
class RealizedData:
    """Per account, the engine's report restricted to the period."""

    environment: Environment
    reports: tuple[tuple[str, PnLReport], ...]  # (account number, report), account order

    @property
    def closed_lots(self) -> tuple[ClosedLot, ...]:
        """Every lot closed in the period, by close time, then account and symbol."""
        lots = [lot for _, report in self.reports for lot in report.closed_lots]
        lots.sort(key=lambda lot: (lot.closed_at, lot.account, lot.symbol, lot.open_transaction_id))
        return tuple(lots)


async def realized_data(discord_id: int, period: Period) -> RealizedData:
    """The engine's figures for the trader's reported accounts, restricted to ``period``;
    ``NotFoundError`` when the trader has nothing synced."""
    accounts = await account_reports(discord_id, until=period.end)
    if not accounts:
        raise NotFoundError(NOT_SYNCED)
    return RealizedData(
        accounts[0].environment,
        tuple(
            (item.account_number, item.report.for_period(period.start, period.end))
            for item in accounts
        ),
    )
