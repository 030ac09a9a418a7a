"""Customer, account, balance, position and transaction routes."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from aiohttp import web

from simulator import history, wire
from simulator.ledger import is_cash_account, requirement
from simulator.state import ENV_KEY, USER_KEY, AccountState, Environment, User


class ApiError(Exception):
    """Raised by handlers; the app's middleware renders it as the error envelope."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message


def current_user(request: web.Request) -> User:
    user: User | None = request.get(USER_KEY)
    if user is None:
        raise ApiError(401, "token_invalid", "Unauthorized")
    return user


def owned_account(request: web.Request) -> tuple[Environment, User, AccountState]:
    """The env, user and account named by ``{account}`` (403 if not theirs, 404 if unknown)."""
    env = request.app[ENV_KEY]
    user = current_user(request)
    number = request.match_info["account"]
    acct = user.accounts.get(number)
    if acct is not None:
        return env, user, acct
    if env.account(number) is not None:
        raise ApiError(403, "not_permitted", f"You do not have access to account {number}")
    raise ApiError(404, "record_not_found", f"Account {number} not found")


def today_of(env: Environment) -> date:
    return env.today or datetime.now(UTC).date()


def _date_param(request: web.Request, key: str) -> date | None:
    raw = request.query.get(key)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError as exc:
        raise ApiError(400, "invalid_parameter", f"{key} must be YYYY-MM-DD") from exc


def _datetime_param(request: web.Request, key: str) -> datetime | None:
    raw = request.query.get(key)
    if not raw:
        return None
    try:
        return wire.parse_datetime(raw)
    except ValueError as exc:
        raise ApiError(400, "invalid_parameter", f"{key} must be a datetime") from exc


# customer / accounts ---------------------------------------------------------------------------
async def get_customer(request: web.Request) -> web.Response:
    return wire.ok(request, current_user(request).customer)


async def get_accounts(request: web.Request) -> web.Response:
    user = current_user(request)
    rows = [
        {"account": acct.account, "authority-level": "owner"} for acct in user.accounts.values()
    ]
    return wire.items(request, rows)


async def get_account(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    return wire.ok(request, acct.account)


async def trading_status(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    return wire.ok(request, history.trading_status(acct.account))


# balances --------------------------------------------------------------------------------
def account_balance(env: Environment, acct: AccountState) -> dict[str, Any]:
    if env.ledger is not None:
        result: dict[str, Any] = env.ledger.balance(acct, env.market)
        return result
    raise ApiError(500, "internal_error", "no ledger configured")


async def balances(request: web.Request) -> web.Response:
    env, _, acct = owned_account(request)
    currency = request.match_info.get("currency", "USD").upper()
    if currency != "USD":
        raise ApiError(404, "record_not_found", f"No {currency} balance for {acct.number}")
    return wire.ok(request, account_balance(env, acct))


async def balance_snapshots(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    rows = list(acct.balance_snapshots)
    start = _date_param(request, "start-date")
    end = _date_param(request, "end-date")
    day = _date_param(request, "snapshot-date")
    tod = request.query.get("time-of-day")
    currency = request.query.get("currency", "USD").upper()
    if currency != "USD":
        rows = []

    def snap_date(row: dict[str, Any]) -> date:
        return date.fromisoformat(str(row["snapshot-date"]))

    if start:
        rows = [r for r in rows if snap_date(r) >= start]
    if end:
        rows = [r for r in rows if snap_date(r) <= end]
    if day:
        rows = [r for r in rows if snap_date(r) == day]
    if tod:
        rows = [r for r in rows if r.get("time-of-day", "EOD") == tod]
    rows.sort(key=snap_date, reverse=True)
    return wire.paginated(request, rows)


# positions -------------------------------------------------------------------------------
async def positions(request: web.Request) -> web.Response:
    env, _, acct = owned_account(request)
    rows = [dict(p) for p in acct.positions.values()]
    include_closed = request.query.get("include-closed-positions", "false") == "true"
    if not include_closed:
        rows = [p for p in rows if Decimal(str(p.get("quantity", "0"))) != 0]
    underlyings = wire.query_list(request, "underlying-symbol")
    if underlyings:
        rows = [p for p in rows if p.get("underlying-symbol") in underlyings]
    symbol = request.query.get("symbol")
    if symbol:
        rows = [p for p in rows if p.get("symbol") == symbol]
    itype = request.query.get("instrument-type")
    if itype:
        rows = [p for p in rows if p.get("instrument-type") == itype]
    if request.query.get("include-marks", "false") == "true":
        for row in rows:
            with contextlib.suppress(KeyError, AttributeError):
                mark = Decimal(str(env.market.quote(row["symbol"]).mark))
                row["mark"] = row["mark-price"] = str(mark)
    else:
        for row in rows:
            row.pop("mark", None)
            row.pop("mark-price", None)
    rows.sort(key=lambda p: (p.get("underlying-symbol", ""), p.get("symbol", "")))
    return wire.items(request, rows)


# transactions ------------------------------------------------------------------------------
def filter_transactions(request: web.Request, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    q = request.query
    types = wire.query_list(request, "types")
    if q.get("type"):
        types.append(q["type"])
    if types:
        rows = [t for t in rows if t.get("transaction-type") in types]
    subs = wire.query_list(request, "sub-type")
    if subs:
        rows = [t for t in rows if t.get("transaction-sub-type") in subs]
    for key in ("instrument-type", "symbol", "underlying-symbol", "action", "partition-key"):
        value = q.get(key)
        if value:
            rows = [t for t in rows if t.get(key) == value]
    if q.get("futures-symbol"):
        rows = [t for t in rows if t.get("symbol") == q["futures-symbol"]]
    start = _date_param(request, "start-date")
    end = _date_param(request, "end-date")
    if start:
        rows = [t for t in rows if date.fromisoformat(t["transaction-date"]) >= start]
    if end:
        rows = [t for t in rows if date.fromisoformat(t["transaction-date"]) <= end]
    start_at = _datetime_param(request, "start-at")
    end_at = _datetime_param(request, "end-at")
    if start_at:
        rows = [t for t in rows if wire.parse_datetime(t["executed-at"]) >= start_at]
    if end_at:
        rows = [t for t in rows if wire.parse_datetime(t["executed-at"]) <= end_at]
    sort = q.get("sort", "Desc")
    if sort not in ("Asc", "Desc"):
        raise ApiError(400, "invalid_parameter", "sort must be Asc or Desc")
    # AccountState.transactions is kept ascending by executed-at
    if sort == "Desc":
        rows.reverse()
    return rows


async def transactions(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    rows = filter_transactions(request, list(acct.transactions))
    return wire.paginated(request, rows)


async def transaction(request: web.Request) -> web.Response:
    _, _, acct = owned_account(request)
    raw = request.match_info["id"]
    if not raw.isdigit():
        raise ApiError(404, "record_not_found", f"Transaction {raw} not found")
    tid = int(raw)
    for txn in acct.transactions:
        if txn.get("id") == tid:
            return wire.ok(request, txn)
    raise ApiError(404, "record_not_found", f"Transaction {tid} not found")


def _signed(row: dict[str, Any], key: str) -> Decimal:
    raw = row.get(key)
    if raw is None:
        return Decimal(0)
    amount = Decimal(str(raw))
    return -abs(amount) if row.get(f"{key}-effect") == "Debit" else amount


async def total_fees(request: web.Request) -> web.Response:
    env, _, acct = owned_account(request)
    day = _date_param(request, "date") or today_of(env)
    total = Decimal(0)
    for txn in acct.transactions:
        if txn.get("transaction-date") != day.isoformat():
            continue
        for key in (
            "commission",
            "clearing-fees",
            "regulatory-fees",
            "proprietary-index-option-fees",
        ):
            total += _signed(txn, key)
    out: dict[str, Any] = {}
    wire.put_money(out, "total-fees", total)
    return wire.ok(request, out)


# net liq history ---------------------------------------------------------------------------
TIME_BACK = {"1d": 1, "1m": 31, "3m": 92, "6m": 183, "1y": 366, "all": 100_000}


async def net_liq_history(request: web.Request) -> web.Response:
    env, _, acct = owned_account(request)
    if env.is_sandbox:  # one of the services Tastytrade's sandbox does not offer
        raise ApiError(
            403, "net_liq_history_unavailable", "Net liq history is not available in the sandbox"
        )
    today = today_of(env)
    start_raw = request.query.get("start-time")
    if start_raw:
        try:
            start = wire.parse_datetime(start_raw).date()
        except ValueError as exc:
            raise ApiError(400, "invalid_parameter", "start-time must be a datetime") from exc
    else:
        back = request.query.get("time-back", "1y")
        if back not in TIME_BACK:
            raise ApiError(400, "invalid_parameter", f"time-back must be one of {list(TIME_BACK)}")
        start = today - timedelta(days=TIME_BACK[back])
    points: list[tuple[str, Decimal, Decimal]] = []
    for snap in sorted(acct.balance_snapshots, key=lambda s: str(s["snapshot-date"])):
        day = date.fromisoformat(str(snap["snapshot-date"]))
        if day < start or snap.get("time-of-day", "EOD") != "EOD":
            continue
        nlv = Decimal(str(snap["net-liquidating-value"]))
        pending = Decimal(str(snap.get("pending-cash", "0")))
        points.append((f"{day.isoformat()} 20:00:00+00", nlv, pending))
    current = account_balance(env, acct)
    points.append(
        (
            datetime.now(UTC).strftime("%Y-%m-%d %H:%M:00+00"),
            Decimal(str(current["net-liquidating-value"])),
            Decimal(0),
        )
    )
    rows = []
    prev: Decimal | None = None
    for stamp, nlv, pending in points:
        open_ = prev if prev is not None else nlv
        hi, lo = max(open_, nlv), min(open_, nlv)
        rows.append(
            {
                "open": str(open_),
                "high": str(hi),
                "low": str(lo),
                "close": str(nlv),
                "pending-cash-open": str(pending),
                "pending-cash-high": str(pending),
                "pending-cash-low": str(pending),
                "pending-cash-close": str(pending),
                "total-open": str(open_ + pending),
                "total-high": str(hi + pending),
                "total-low": str(lo + pending),
                "total-close": str(nlv + pending),
                "time": stamp,
            }
        )
        prev = nlv
    return wire.items(request, rows)


# margin ------------------------------------------------------------------------------------
def _marks(env: Environment, acct: AccountState) -> dict[str, Decimal]:
    marks: dict[str, Decimal] = {}
    symbols = set(acct.positions) | {p["underlying-symbol"] for p in acct.positions.values()}
    for symbol in symbols:
        try:
            marks[symbol] = Decimal(str(env.market.quote(symbol).mark))
        except (KeyError, AttributeError):
            pos = acct.positions.get(symbol)
            marks[symbol] = Decimal(str(pos.get("close-price", "0"))) if pos else Decimal(0)
    return marks


async def margin_requirements(request: web.Request) -> web.Response:
    env, _, acct = owned_account(request)
    balance = account_balance(env, acct)
    cash_account = is_cash_account(acct.account)
    marks = _marks(env, acct)
    by_underlying: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for symbol, pos in acct.positions.items():
        by_underlying[pos["underlying-symbol"]][symbol] = pos
    groups = []
    total = Decimal(0)
    for underlying in sorted(by_underlying):
        req = requirement(by_underlying[underlying], marks, cash_account=cash_account)
        total += req
        group: dict[str, Any] = {
            "description": underlying,
            "code": underlying,
            "underlying-symbol": underlying,
            "underlying-type": "Equity",
            "margin-calculation-type": "Cash" if cash_account else "Reg T",
            "expected-price-range-up-percent": "0.1",
            "expected-price-range-down-percent": "-0.1",
            "point-of-no-return-percent": "0.9",
            "price-increase-percent": "0.1",
            "price-decrease-percent": "-0.1",
            "groups": [],
        }
        for key in ("margin-requirement", "initial-requirement", "maintenance-requirement"):
            wire.put_money(group, key, -req)
        wire.put_money(group, "buying-power", -req)
        groups.append(group)
    equity = Decimal(str(balance["net-liquidating-value"]))
    bp = Decimal(str(balance["derivative-buying-power"]))
    out: dict[str, Any] = {
        "account-number": acct.number,
        "description": str(acct.account.get("nickname", acct.number)),
        "margin-calculation-type": "Cash" if cash_account else "Reg T",
        "option-level": str(acct.account.get("suitable-options-level") or "No Restrictions"),
        "last-state-timestamp": wire.epoch_ms(datetime.now(UTC)),
        "groups": groups,
    }
    wire.put_money(out, "margin-requirement", -total)
    wire.put_money(out, "maintenance-requirement", -total)
    wire.put_money(out, "initial-requirement", -total)
    wire.put_money(out, "reg-t-margin-requirement", -total)
    wire.put_money(out, "margin-equity", equity)
    wire.put_money(out, "option-buying-power", bp)
    wire.put_money(out, "reg-t-option-buying-power", bp)
    wire.put_money(out, "maintenance-excess", equity - total)
    return wire.ok(request, out)


def add_account_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/customers/me", get_customer)
    r.add_get("/customers/me/accounts", get_accounts)
    r.add_get("/customers/me/accounts/{account}", get_account)
    r.add_get("/accounts/{account}/trading-status", trading_status)
    r.add_get("/accounts/{account}/balances", balances)
    r.add_get("/accounts/{account}/balances/{currency}", balances)
    r.add_get("/accounts/{account}/balance-snapshots", balance_snapshots)
    r.add_get("/accounts/{account}/positions", positions)
    r.add_get("/accounts/{account}/transactions", transactions)
    r.add_get("/accounts/{account}/transactions/total-fees", total_fees)
    r.add_get("/accounts/{account}/transactions/{id}", transaction)
    r.add_get("/accounts/{account}/net-liq/history", net_liq_history)
    r.add_get("/margin/accounts/{account}/requirements", margin_requirements)
