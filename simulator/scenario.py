"""Load a JSON scenario, written in Tastytrade's own wire format, into an ``Environment``.

A scenario pins exact histories for tests. Format (every key dasherized, as the API sends it)::

    {
      "users": [
        {
          "username": "demo",                      # an existing user is updated, else created
          "customer": {...wire Customer...},       # optional
          "accounts": [
            {
              "account": {"account-number": "5WT00001", "margin-or-cash": "Margin", ...},
              "transactions": [ {...wire Transaction...}, ... ],   # optional
              "positions": [ {...wire CurrentPosition...}, ... ],  # optional
              "balances": {"cash-balance": "..."},                  # optional
              "balance-snapshots": [ {...wire AccountBalanceSnapshot...} ],  # optional
              "orders": [ {...wire PlacedOrder...} ]                # optional
            }
          ]
        }
      ],
      "quotes": {"AAPL": {"bid": "199.9", "ask": "200.1", "last": "200", "mark": "200"}, ...},
      "chains": {                                  # optional; data.items of
        "SPY": [                                   # GET /option-chains/SPY/nested
          {
            "underlying-symbol": "SPY", "root-symbol": "SPY",
            "expirations": [
              {
                "expiration-date": "2030-01-18", "expiration-type": "Regular",
                "settlement-type": "PM", "days-to-expiration": 1700,
                "strikes": [
                  {"strike-price": "600.0",
                   "call": "SPY   300118C00600000", "call-streamer-symbol": ".SPY300118C600",
                   "put": "SPY   300118P00600000", "put-streamer-symbol": ".SPY300118P600"}
                ]
              }
            ]
          }
        ]
      }
    }

Rules:

* The listed users' accounts replace whatever the user had (other users are left alone).
  Missing Account fields get defaults (``Individual``, ``Margin``...), so
  ``{"account-number": "5WT00001"}`` is enough.
* Transactions are kept as given and sorted by ``executed-at``. Missing ``id`` (taken from
  the environment's id source), ``account-number``, ``transaction-date`` (the New York date of
  ``executed-at``), ``description``, ``is-estimated-fee`` and ``net-value`` (= ``value``) are
  filled in. ``AccountState.cash`` is the sum of the signed net values.
* Without ``positions`` the positions are derived by replaying the transactions through
  ``Ledger.record`` (so a scenario cannot close what it never opened); with ``positions`` they
  are used as given (``account-number`` filled in).
* ``balances`` (a wire AccountBalance, any subset of its fields): only ``cash-balance`` is
  pinned. With no transactions a ``Deposit`` of ``cash-balance`` is created; with transactions,
  a different ``cash-balance`` is an error. Every other field is *derived* when served
  (``Ledger.balance``: cash, positions marked at the current quotes, margin rules), so a
  scenario that states one is checked after loading (quotes applied): a value that differs
  from what ``GET /accounts/{n}/balances/USD`` serves at load time, or an unknown field, is a
  ``ScenarioError``. ``updated-at``, ``snapshot-date`` and ``time-of-day`` are always "now"
  and ignored. ``balance-snapshots`` are served as given.
* ``quotes`` pin quotes of underlyings or OCC options via ``Market.override_quote`` when the
  market has it, otherwise by wrapping ``market.quote`` on the instance.
* ``chains`` pin the listed option chain of each named underlying via
  ``Market.override_chain``: exactly the given roots, expirations and strikes are listed (by
  ``/option-chains/{u}``, ``/nested``, ``/compact``, ``/instruments/equity-options/{occ}``,
  DXLink and order validation, so an order on any other contract of that underlying is
  rejected with 422); quotes and greeks still come from the model or ``quotes``. The
  underlying must be one of the market's, each root one of its roots. Required per
  item/expiration/strike: ``root-symbol`` and ``expirations``; ``expiration-date`` (an NYSE
  trading day, not before the simulator's today), ``expiration-type`` (Regular, Weekly,
  Quarterly, End-Of-Month), ``settlement-type`` (AM/PM) and non-empty ``strikes``;
  ``strike-price``, ``call`` and ``put`` (the OCC symbols of that root, expiration, type and
  strike). ``underlying-symbol``, the streamer symbols, ``option-chain-type`` (``Standard``)
  and ``shares-per-contract`` (100) are checked when present; ``days-to-expiration``,
  ``tick-sizes`` and ``deliverables`` are recomputed when served. Duplicate roots,
  expirations or strikes, and an open option position of an account that is not in its
  underlying's pinned chain, are ``ScenarioError``. The chain is shared by the sandbox (one
  ``Market``). Chains are applied before accounts and quotes.

``load_scenario(source, env)`` takes a path, a JSON string's path or a dict, and accepts the
two arguments in either order.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from simulator.ledger import Ledger, LedgerError, ny_date, transaction_net
from simulator.market import ROOT_TO_UNDERLYING, ChainError, Market, parse_nested_chain
from simulator.state import AccountState, Environment, User
from simulator.symbols import parse_occ
from simulator.wire import iso, money

SCENARIO_DIR = Path(__file__).with_name("scenarios")


class ScenarioError(ValueError):
    """The scenario is malformed or inconsistent."""


ACCOUNT_DEFAULTS: dict[str, Any] = {
    "nickname": "Individual",
    "account-type-name": "Individual",
    "day-trader-status": False,
    "is-closed": False,
    "is-firm-error": False,
    "is-firm-proprietary": False,
    "is-futures-approved": False,
    "is-test-drive": False,
    "margin-or-cash": "Margin",
    "is-foreign": False,
    "investment-objective": "SPECULATION",
    "suitable-options-level": "No Restrictions",
}


def load_scenario(
    source: str | Path | dict[str, Any] | Environment,
    env: Environment | str | Path | dict[str, Any],
) -> dict[str, Any]:
    """Apply a scenario to ``env``; returns the parsed scenario dict."""
    if isinstance(source, Environment):
        source, env = env, source
    if not isinstance(env, Environment) or isinstance(source, Environment):
        raise TypeError("load_scenario(source, env) needs a scenario and an Environment")
    data = read_scenario(source)
    ledger: Ledger = env.ledger if env.ledger is not None else Ledger(env.ids)
    env.ledger = ledger
    users = data.get("users", [])
    if not isinstance(users, list):
        raise ScenarioError("'users' must be a list")
    chains = data.get("chains")
    if chains is not None:
        apply_chains(env.market, chains)
    pinned: list[tuple[AccountState, dict[str, Any]]] = []
    for entry in users:
        pinned += _load_user(env, ledger, entry)
    quotes = data.get("quotes") or {}
    if quotes:
        apply_quotes(env.market, quotes)
    for _user, acct in env.all_accounts():
        ledger.mark(acct, env.market)
    for acct, balances in pinned:
        _check_positions_listed(env.market, acct)
        _check_balances(env, acct, balances)
    return data


def read_scenario(source: str | Path | dict[str, Any]) -> dict[str, Any]:
    if isinstance(source, dict):
        return source
    path = Path(source)
    if not path.exists() and (SCENARIO_DIR / path).exists():
        path = SCENARIO_DIR / path
    data = json.loads(path.read_text())
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: a scenario is a JSON object")
    return data


def _load_user(
    env: Environment, ledger: Ledger, entry: dict[str, Any]
) -> list[tuple[AccountState, dict[str, Any]]]:
    """Load one user; returns each loaded account with its scenario ``balances``."""
    username = entry.get("username")
    if not username:
        raise ScenarioError("every user needs a username")
    user = env.users.get(username)
    if user is None:
        user = User(
            username=username,
            customer={},
            accounts={},
            client_id=f"scenario-client-{username}",
            client_secret=f"scenario-secret-{username}",
        )
        user.refresh_tokens.add(f"scenario-rt-{username}")
        refresh_clients = getattr(env, "refresh_clients", None)
        if isinstance(refresh_clients, dict):
            refresh_clients[f"scenario-rt-{username}"] = user.client_id
        env.users[username] = user
    if entry.get("customer"):
        user.customer = dict(entry["customer"])
    if entry.get("password"):
        user.password = str(entry["password"])
    user.accounts = {}
    loaded: list[tuple[AccountState, dict[str, Any]]] = []
    for spec in entry.get("accounts", []):
        acct = _load_account(env, ledger, spec)
        user.accounts[acct.number] = acct
        loaded.append((acct, dict(spec.get("balances") or {})))
    return loaded


def _load_account(env: Environment, ledger: Ledger, spec: dict[str, Any]) -> AccountState:
    account = dict(spec.get("account") or {})
    number = account.get("account-number")
    if not number:
        raise ScenarioError("every account needs an account-number")
    now = iso(datetime.now(UTC))
    for key, value in ACCOUNT_DEFAULTS.items():
        account.setdefault(key, value)
    account.setdefault("opened-at", now)
    account.setdefault("created-at", account["opened-at"])
    acct = AccountState(account=account)
    transactions = [_fill_transaction(env, number, tx) for tx in spec.get("transactions", [])]
    transactions.sort(key=lambda tx: _when(tx["executed-at"]))
    positions = spec.get("positions")
    for tx in transactions:
        if positions is None:
            try:
                ledger.record(acct, tx)
            except LedgerError as exc:
                raise ScenarioError(f"account {number}: {exc}") from exc
        else:
            acct.transactions.append(tx)
            acct.cash += transaction_net(tx)
    if positions is not None:
        for position in positions:
            row = dict(position)
            row.setdefault("account-number", number)
            acct.positions[row["symbol"]] = row
    balances = spec.get("balances") or {}
    if not isinstance(balances, dict):
        raise ScenarioError(f"account {number}: balances must be a wire AccountBalance object")
    if "cash-balance" in balances:
        wanted = Decimal(str(balances["cash-balance"]))
        if not acct.transactions:
            ledger.cash(
                acct,
                sub_type="Deposit",
                amount=wanted,
                executed_at=datetime.now(UTC),
                description="ACH DEPOSIT",
            )
        elif wanted != acct.cash:
            raise ScenarioError(
                f"account {number}: cash-balance {wanted} != sum of net values {acct.cash}"
            )
    deposits = [tx for tx in acct.transactions if tx["transaction-sub-type"] == "Deposit"]
    if deposits:
        acct.initial_deposit = transaction_net(deposits[0])
    acct.balance_snapshots = [dict(s) for s in spec.get("balance-snapshots", [])]
    for order in spec.get("orders", []):
        acct.orders[int(order["id"])] = dict(order)
    return acct


def _when(value: Any) -> datetime:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value / 1000, UTC)
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _fill_transaction(env: Environment, number: str, given: dict[str, Any]) -> dict[str, Any]:
    tx = dict(given)
    if "executed-at" not in tx or "value" not in tx:
        raise ScenarioError(f"transaction {tx.get('id')} needs executed-at and value")
    if "id" not in tx:
        tx["id"] = env.next_id()
    tx.setdefault("account-number", number)
    tx.setdefault("transaction-date", ny_date(_when(tx["executed-at"])).isoformat())
    tx.setdefault("transaction-type", "Trade" if tx.get("action") else "Money Movement")
    tx.setdefault("transaction-sub-type", tx.get("action") or "Deposit")
    tx.setdefault("description", tx["transaction-sub-type"])
    tx.setdefault("is-estimated-fee", False)
    if isinstance(tx["value"], (int, float)) or "value-effect" not in tx:
        tx["value"], tx["value-effect"] = money(Decimal(str(tx["value"])))
    if "net-value" not in tx:
        tx["net-value"], tx["net-value-effect"] = tx["value"], tx["value-effect"]
    return tx


# -- balances -----------------------------------------------------------------------------------

# always "now" when served, so a scenario cannot pin them
UNPINNABLE_BALANCE_FIELDS = frozenset({"updated-at", "snapshot-date", "time-of-day"})


def _check_balances(env: Environment, acct: AccountState, given: dict[str, Any]) -> None:
    """Every ``balances`` field but ``cash-balance`` (applied while loading) is derived by
    ``Ledger.balance`` from the cash, positions and quotes; a scenario that states one must
    state the value that ``GET /accounts/{n}/balances/USD`` will serve at load time."""
    fields = {k: v for k, v in given.items() if k not in UNPINNABLE_BALANCE_FIELDS}
    fields.pop("cash-balance", None)
    if not fields:
        return
    assert env.ledger is not None
    derived = env.ledger.balance(acct, env.market)
    for key, value in fields.items():
        if key not in derived:
            raise ScenarioError(f"account {acct.number}: balances has unknown field {key!r}")
        if not _same_value(value, derived[key]):
            raise ScenarioError(
                f"account {acct.number}: balances {key} {value!r} != {derived[key]!r}, the value "
                "derived from cash, positions and quotes (only cash-balance can be pinned)"
            )


def _same_value(given: Any, derived: Any) -> bool:
    if str(given) == str(derived):
        return True
    try:
        return Decimal(str(given)) == Decimal(str(derived))
    except ArithmeticError:
        return False


# -- chains -------------------------------------------------------------------------------------


def apply_chains(market: Market, chains: Any) -> None:
    """Pin listed chains: ``{"SPY": [...wire NestedOptionChain...], ...}``.

    Every chain is validated before any is applied (``ScenarioError`` names the problem), then
    ``Market.override_chain`` replaces that underlying's listings.
    """
    if not isinstance(chains, dict):
        raise ScenarioError(
            "'chains' must be an object mapping underlying symbols to the items of "
            "GET /option-chains/{symbol}/nested"
        )
    for underlying, items in chains.items():
        try:
            parse_nested_chain(str(underlying), items, today=market.today)
        except ChainError as exc:
            raise ScenarioError(f"chains: {exc}") from exc
    for underlying, items in chains.items():
        market.override_chain(str(underlying), items)


def _check_positions_listed(market: Market, acct: AccountState) -> None:
    """An open option position on an underlying with a pinned chain must be in that chain."""
    pinned = set(market.pinned_chains())
    if not pinned:
        return
    for symbol, position in acct.positions.items():
        if position.get("instrument-type") != "Equity Option":
            continue
        parsed = parse_occ(symbol)
        underlying = ROOT_TO_UNDERLYING.get(parsed.root) if parsed else None
        if parsed is None or underlying not in pinned or parsed.expiration < market.today:
            continue
        if market.option(symbol) is None:
            raise ScenarioError(
                f"account {acct.number}: position {symbol!r} is not in the pinned "
                f"{underlying} chain"
            )


# -- quotes -------------------------------------------------------------------------------------


def apply_quotes(market: Any, quotes: dict[str, dict[str, Any]]) -> None:
    """Pin quotes on the market (``override_quote`` hook, or a wrapper around ``quote``)."""
    hook = getattr(market, "override_quote", None)
    for symbol, raw in quotes.items():
        bid = Decimal(str(raw["bid"]))
        ask = Decimal(str(raw["ask"]))
        mark = Decimal(str(raw.get("mark", (bid + ask) / 2)))
        last = Decimal(str(raw.get("last", mark)))
        bid_size = int(raw.get("bid-size", raw.get("bid_size", 10)))
        ask_size = int(raw.get("ask-size", raw.get("ask_size", 10)))
        if callable(hook):
            hook(
                symbol, bid=bid, ask=ask, last=last, mark=mark, bid_size=bid_size, ask_size=ask_size
            )
            continue
        _wrapped_overrides(market)[symbol] = _quote(bid, ask, mark, last, bid_size, ask_size)


def _quote(
    bid: Decimal, ask: Decimal, mark: Decimal, last: Decimal, bid_size: int, ask_size: int
) -> Any:
    from simulator.market import Quote

    return Quote(bid=bid, ask=ask, mark=mark, last=last, bid_size=bid_size, ask_size=ask_size)


def _wrapped_overrides(market: Any) -> dict[str, Any]:
    overrides: dict[str, Any] | None = getattr(market, "_scenario_quotes", None)
    if overrides is not None:
        return overrides
    table: dict[str, Any] = {}
    original = market.quote

    def quote(symbol: str, *args: Any, **kwargs: Any) -> Any:
        pinned = table.get(symbol)
        return pinned if pinned is not None else original(symbol, *args, **kwargs)

    market.quote = quote
    market._scenario_quotes = table
    return table
