"""P&L from Tastytrade transactions: FIFO lots, realized and unrealized P&L, fees, cash items.

``compute_pnl(transactions, marks=None) -> PnLReport`` is pure (no I/O, no clock): it takes the
SDK's ``tastytrade.account.Transaction`` models in any order and ``marks`` (position symbol ->
mark price). ``pnl_for_trader`` reads one trader's synced rows and latest marks and calls it;
``account_reports`` does the same one account at a time, and ``pnl_accounts`` names the
accounts either covers (production first, sandbox only when there is nothing else).

Conventions (what every figure means):

* **Signs.** The SDK signs money at parse time: a ``Debit`` ``value``/``net-value``/fee is
  negative, a ``Credit`` positive. A row's cash flow is its signed ``value``; its fees are
  ``commission + clearing-fees + regulatory-fees + proprietary-index-option-fees +
  other-charge``, reported positive when charged (a row with no fee field falls back to
  ``value - net-value``). Net cash = cash flow - fees = ``net-value``.
* **Lots.** Trades are matched FIFO per account and symbol (and side), in the order
  (``executed-at``, ``id``); a row repeated (same account and id) counts once, and a row that
  reverses another (``reverses-id``) cancels both. ``Buy to Open``/``Sell to Open`` open a
  long/short lot; ``Sell to Close``/``Buy to Close`` close long/short lots; futures-style
  ``Buy``/``Sell`` close the opposite side first and open the rest. Short and long lots work
  alike.
* **Realized.** A closed lot's P&L = its share of the opening row's cash flow + its share of the
  closing row's cash flow - both shares of fees, each share pro-rated by quantity (rounded to
  the cent; the last piece of a row takes the exact remainder, so shares add up to the row).
  A partial close splits the lot: the closed part becomes a ``ClosedLot``, the rest stays open.
  Realized P&L is dated by the closing row's ``transaction-date`` (by day, ``YYYY-MM`` month,
  year), grouped by underlying and by account.
* **Expirations, assignments, exercises.** Tastytrade removes the option with a
  ``Receive Deliver`` row (sub-type ``Expiration``, ``Assignment`` or ``Exercise``) that may
  carry no action and no price: the lot it closes is found from the open position in that
  account and symbol. The option lot closes at zero (the row's value, 0); the stock delivered by
  an assignment/exercise arrives as its own ``Receive Deliver`` row at the strike (with an
  action, or without one: then a debit buys and a credit sells, closing opposite lots first) and
  opens or closes a stock lot at that price, with its own fees.
* **Cash-settled index options** (SPX/SPXW, XSP, NDX, RUT, VIX...: the sub-type decides, no root
  list): a ``Cash Settled Assignment``/``Cash Settled Exercise`` row (no action, price = the
  strike, value = the settlement cash) closes the option lot at that cash. A removal's
  ``close_price`` is the cash per unit, ``|value| / (quantity x multiplier)`` (0 for an
  expiration), never the strike it carries.
* **Splits.** ``Forward Split``/``Reverse Split`` (and ``Symbol Change``) rows of one account,
  day, sub-type and underlying are taken together. A removal is a row with a closing action;
  without an action, a symbol booked once in the group is removed when it is open (the symbol
  changes), and a symbol booked twice (out and in) is removed by its credit for a long
  position or its debit for a short one (or, without cash, by the row of the open quantity).
  Each removal is paired with its addition (the only one, else the one of equal value nearest
  by id). The removed lots move onto the new symbol and quantity (quantity x new/old, open
  price / new/old) keeping their dates, cash flows and fees: no P&L, and the pair's offsetting
  cash is ignored. A split row that cannot be paired, or of a position that is not open, is an
  anomaly.
* **Multiplier.** Never assumed: per symbol it is ``|value| / (quantity x price)`` from the
  fill where ``|value|`` is largest, snapped to the integer it rounds from when within the
  cent rounding of ``value`` (removal and split rows are skipped: a cash settlement's price is
  the strike). A symbol without such a fill has no multiplier (lots moved by a split to a new
  symbol keep the old symbol's).
* **Unrealized.** For an open lot with a mark: ``mark x remaining quantity x multiplier``
  (negative for a short lot) + the lot's remaining signed net opening cash flow (its cash
  flow share - its fee share). Lots without a mark or multiplier have ``unrealized = None``,
  are left out of the total and listed in ``unmarked_symbols``. So, when every lot is matched
  and marked, realized + unrealized = the net cash of every trade row (split pairs aside) +
  the marked value of the open lots.
* **Non-trade cash.** ``Money Movement`` rows (dividends, credit/debit interest, deposits,
  withdrawals, account fees, adjustments), and any row that moves no quantity of a symbol, are
  never trade P&L: they are ``cash_items`` with totals ``dividends``, ``interest``,
  ``money_movements`` and ``other_cash`` (their ``net-value``).
* **Periods and accounts.** ``report.for_period(start, end)`` keeps the lots closed, the cash
  dated and the trade fees charged in ``[start, end]``; ``report.for_account(number)`` keeps
  one account. Open lots and unrealized P&L are always as of the marks.
* **Anomalies.** A close with no open lot to match (history starting after the opening), an
  unsupported corporate action, or a split row without its pair is kept out of realized P&L
  and listed in ``anomalies`` with its unapplied net cash.
"""

from services.pnl._engine import compute_pnl, fees_charged
from services.pnl._model import (
    Anomaly,
    CashCategory,
    CashItem,
    ClosedLot,
    CloseReason,
    OpenLot,
    PnLReport,
    Side,
    month_key,
)
from services.pnl._service import (
    NOT_SYNCED,
    AccountPnL,
    account_reports,
    latest_marks,
    pnl_accounts,
    pnl_for_trader,
)

__all__ = [
    "NOT_SYNCED",
    "AccountPnL",
    "Anomaly",
    "CashCategory",
    "CashItem",
    "CloseReason",
    "ClosedLot",
    "OpenLot",
    "PnLReport",
    "Side",
    "account_reports",
    "compute_pnl",
    "fees_charged",
    "latest_marks",
    "month_key",
    "pnl_accounts",
    "pnl_for_trader",
]
