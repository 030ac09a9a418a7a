"""What each chart needs, read for the acting trader, and the charts themselves.

The loaders (``*_data``) read through the existing services: realized P&L per closing day from
``services.pnl.account_reports`` (per account, so lots never mix across accounts), P&L by
strategy from ``services.strategies.reports``, net liquidating value from the accounts'
balance snapshots (one per sync), and for a payoff the legs of a typed order (``nlp``) or the
open legs of a strategy group, valued in the market the trader's own linked grant quotes
(``BrokerQuotes``). Scope is P&L's: one account when asked, else the production accounts (the
sandbox ones when there are no others). Empty data raises ``NotFoundError`` saying there is
nothing to chart; malformed input raises ``ValidationError`` saying what would work.

The ``*_chart`` functions load and render (in a worker thread) in one call, for the cog.
"""

from services.reports.chart_data._charts import (
    breakdown_chart,
    calendar_chart,
    equity_chart,
    order_payoff_chart,
    payoff_chart,
    pnl_chart,
)
from services.reports.chart_data._history import (
    STRATEGY_ACCOUNTS,
    breakdown_data,
    breakdown_kind,
    calendar_data,
    cumulative_pnl_data,
    equity_curve_data,
)
from services.reports.chart_data._payoff import (
    MarketInputs,
    OrderPosition,
    QuoteSource,
    entry_cash_flow,
    group_position,
    group_reference,
    order_position,
    payoff_spec,
    strategy_title,
)
from services.reports.chart_data._periods import (
    CHART_PERIOD_HELP,
    accounts_label,
    chart_period,
    chart_year,
)
from services.reports.chart_data._quotes import BrokerQuotes

__all__ = [
    "CHART_PERIOD_HELP",
    "STRATEGY_ACCOUNTS",
    "BrokerQuotes",
    "MarketInputs",
    "OrderPosition",
    "QuoteSource",
    "accounts_label",
    "breakdown_chart",
    "breakdown_data",
    "breakdown_kind",
    "calendar_chart",
    "calendar_data",
    "chart_period",
    "chart_year",
    "cumulative_pnl_data",
    "entry_cash_flow",
    "equity_chart",
    "equity_curve_data",
    "group_position",
    "group_reference",
    "order_payoff_chart",
    "order_position",
    "payoff_chart",
    "payoff_spec",
    "pnl_chart",
    "strategy_title",
]
