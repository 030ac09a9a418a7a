"""Reading a trader's synced accounts: dashboard, positions, transactions, closed trades and
P&L. Every function takes the acting trader's Discord id and reads only that trader's rows;
results are frozen dataclasses of plain values."""

from services.portfolio._accounts import NOT_LINKED, clean_account
from services.portfolio._model import (
    AccountSummary,
    Dashboard,
    Page,
    PositionLine,
    RealizedFigures,
    Totals,
    TransactionFilter,
    TransactionLine,
)
from services.portfolio.dashboard import dashboard
from services.portfolio.periods import PERIOD_HELP, Period, parse_day, parse_period
from services.portfolio.pnl import (
    STRATEGY_LATER,
    Grouping,
    PnLSummary,
    Scope,
    TradeList,
    closed_trades,
    parse_grouping,
    pnl_summary,
)
from services.portfolio.reads import (
    account_choices,
    clean_symbol,
    positions_page,
    transactions_page,
    underlying_choices,
)

__all__ = [
    "NOT_LINKED",
    "PERIOD_HELP",
    "STRATEGY_LATER",
    "AccountSummary",
    "Dashboard",
    "Grouping",
    "Page",
    "Period",
    "PnLSummary",
    "PositionLine",
    "RealizedFigures",
    "Scope",
    "Totals",
    "TradeList",
    "TransactionFilter",
    "TransactionLine",
    "account_choices",
    "clean_account",
    "clean_symbol",
    "closed_trades",
    "dashboard",
    "parse_day",
    "parse_grouping",
    "parse_period",
    "pnl_summary",
    "positions_page",
    "transactions_page",
    "underlying_choices",
]
