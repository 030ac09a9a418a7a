"""Seeded trading histories: customers, accounts and a year of transactions per account.

``populate_environment(env, seed=...)`` gives every user of ``env`` a customer record and two or
three accounts (Individual margin, Individual cash, Roth IRA) and, in production, a year of
history ending at ``market.today``, all recorded through the ``Ledger`` so positions, cash and
transactions are consistent by construction. The sandbox gets the accounts with their opening
deposit only (Tastytrade's sandbox starts empty).

The history holds deposits and withdrawals, stock trades, covered calls (buy-writes and calls
sold against held stock), cash-secured and naked puts, verticals, iron condors, strangles,
butterflies, calendars, rolls (a close and an open under one order id), early closes,
expirations, assignments and exercises with stock delivery, cash settlement of index options,
dividends, credit and debit interest and fees. Option expirations are the ones listed on the
day of the trade (weekly Fridays, the Thursday before a holiday; the market's own listings for
expirations on or after ``today``) and prices come from the market's seeded history
(``price_on`` / ``option_price_on``). Retirement and cash accounts never hold naked calls or
short stock: their multi-leg positions that finish in the money are closed on expiration day.

``transactions=N`` makes the margin account of every user hold about ``N`` transactions (the
opening rate adapts as the year goes by), for pagination and load benchmarks.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from simulator import calendar
from simulator.ledger import (
    BUY_TO_CLOSE,
    BUY_TO_OPEN,
    EQUITY,
    EQUITY_OPTION,
    SELL_TO_CLOSE,
    SELL_TO_OPEN,
    Ledger,
    historical_mark,
    position_quantity,
)
from simulator.symbols import CASH_SETTLED_ROOTS, INDEX_UNDERLYINGS, occ_symbol, parse_occ
from simulator.wire import iso

if TYPE_CHECKING:
    from simulator.state import AccountState, Environment

ZERO = Decimal(0)
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MIN_PREMIUM = Decimal("0.10")

#: weekly option root of an index (monthlies use the index symbol itself)
INDEX_WEEKLY_ROOT = {"SPX": "SPXW", "NDX": "NDXP", "RUT": "RUTW"}
MARGIN, CASH, IRA = "margin", "cash", "ira"

#: strategy kinds each account style trades (the first pass goes through all of them in order)
KINDS: dict[str, tuple[str, ...]] = {
    MARGIN: (
        "long_stock",
        "covered_call",
        "short_put",
        "bull_put_spread",
        "iron_condor",
        "short_strangle",
        "bear_call_spread",
        "long_call",
        "bull_call_spread",
        "long_call_butterfly",
        "call_calendar",
        "long_put",
        "bear_put_spread",
        "long_put_butterfly",
        "put_calendar",
        "index_iron_condor",
        "index_vertical",
    ),
    CASH: (
        "cash_secured_put",
        "long_stock",
        "covered_call",
        "bull_put_spread",
        "long_call",
        "iron_condor",
        "bear_call_spread",
        "long_call_butterfly",
        "long_put",
    ),
    IRA: (
        "cash_secured_put",
        "covered_call",
        "long_stock",
        "bull_put_spread",
        "iron_condor",
        "bear_call_spread",
        "long_put_butterfly",
        "long_call",
    ),
}
ROLLABLE = frozenset({"covered_call", "short_put", "cash_secured_put", "short_strangle"})
DEBIT_KINDS = frozenset(
    {
        "long_call",
        "long_put",
        "bull_call_spread",
        "bear_put_spread",
        "long_call_butterfly",
        "long_put_butterfly",
        "call_calendar",
        "put_calendar",
    }
)

FIRST_NAMES = ("Alex", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery", "Quinn")
LAST_NAMES = ("Rivera", "Chen", "Patel", "Okafor", "Schmidt", "Novak", "Haddad", "Larsen", "Silva")
CITIES = (
    ("Chicago", "IL", "60606"),
    ("Austin", "TX", "78701"),
    ("Denver", "CO", "80202"),
    ("Boston", "MA", "02110"),
    ("Seattle", "WA", "98101"),
)


# ---------------------------------------------------------------------------------------------
# report


@dataclass
class HistoryReport:
    """What one account's generated history contains (for tests and benchmarks)."""

    account_number: str
    style: str
    kinds: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)

    def count(self, key: str, table: str = "events") -> None:
        target = self.kinds if table == "kinds" else self.events
        target[key] = target.get(key, 0) + 1


# ---------------------------------------------------------------------------------------------
# wire objects: customer, account, trading status


def _hex(seed: str, n: int) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()[:n]


def make_customer(username: str, rng: random.Random, created: datetime) -> dict[str, Any]:
    """A wire ``Customer`` (``GET /customers/me``)."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    city, state, postal = rng.choice(CITIES)
    address = {
        "street-one": f"{rng.randint(1, 999)} Main St",
        "city": city,
        "state-region": state,
        "postal-code": postal,
        "country": "USA",
        "is-foreign": False,
        "is-domestic": True,
    }
    margin_types = [{"name": "Cash", "is-margin": False}, {"name": "Margin", "is-margin": True}]
    return {
        "id": "me",
        "external-id": f"U{_hex(username, 12)}",
        "first-name": first,
        "last-name": last,
        "address": address,
        "mailing-address": dict(address),
        "customer-suitability": {
            "id": rng.randint(10_000, 99_999),
            "annual-net-income": 150_000,
            "covered-options-trading-experience": "Extensive",
            "employment-status": "Employed",
            "futures-trading-experience": "None",
            "liquid-net-worth": 500_000,
            "marital-status": "Single",
            "net-worth": 900_000,
            "number-of-dependents": 0,
            "stock-trading-experience": "Extensive",
            "uncovered-options-trading-experience": "Extensive",
        },
        "is-foreign": False,
        "regulatory-domain": "USA",
        "usa-citizenship-type": "Citizen",
        "home-phone-number": "",
        "mobile-phone-number": f"+1555555{rng.randint(1000, 9999)}",
        "work-phone-number": "",
        "birth-date": date(
            rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28)
        ).isoformat(),
        "email": f"{username}@example.com",
        "tax-number-type": "SSN",
        "tax-number": f"*****{rng.randint(1000, 9999)}",
        "citizenship-country": "USA",
        "agreed-to-margining": True,
        "subject-to-tax-withholding": False,
        "agreed-to-terms": True,
        "has-industry-affiliation": False,
        "has-listed-affiliation": False,
        "has-political-affiliation": False,
        "has-delayed-quotes": False,
        "has-pending-or-approved-application": True,
        "is-professional": False,
        "permitted-account-types": [
            {
                "name": "Individual",
                "description": "Individual Account",
                "is-tax-advantaged": False,
                "is-publicly-available": True,
                "has-multiple-owners": False,
                "margin-types": margin_types,
            },
            {
                "name": "Roth IRA",
                "description": "Roth IRA",
                "is-tax-advantaged": True,
                "is-publicly-available": True,
                "has-multiple-owners": False,
                "margin-types": margin_types[:1],
            },
        ],
        "created-at": iso(created),
        "user-id": str(int(_hex(username, 6), 16)),
    }


def make_account(
    number: str,
    style: str,
    opened: datetime,
    *,
    type_name: str | None = None,
    nickname: str | None = None,
) -> dict[str, Any]:
    """A wire ``Account`` (``GET /customers/me/accounts/{n}``) of a style (margin, cash, IRA)."""
    type_name = type_name or ("Roth IRA" if style == IRA else "Individual")
    nickname = nickname or {MARGIN: "Individual", CASH: "Individual Cash", IRA: "Roth IRA"}[style]
    return {
        "account-number": number,
        "external-id": f"A{_hex(number, 10)}",
        "opened-at": iso(opened),
        "nickname": nickname,
        "account-type-name": type_name,
        "day-trader-status": False,
        "is-closed": False,
        "is-firm-error": False,
        "is-firm-proprietary": False,
        "is-futures-approved": style == MARGIN,
        "is-test-drive": False,
        "margin-or-cash": "Margin" if style == MARGIN else "Cash",
        "is-foreign": False,
        "funding-date": opened.date().isoformat(),
        "investment-objective": "SPECULATION" if style == MARGIN else "GROWTH",
        "suitable-options-level": "No Restrictions" if style == MARGIN else "Defined Risk Spreads",
        "created-at": iso(opened),
    }


def account_style(account: dict[str, Any]) -> str:
    if "IRA" in str(account.get("account-type-name", "")):
        return IRA
    return MARGIN if account.get("margin-or-cash") == "Margin" else CASH


def trading_status(account: dict[str, Any]) -> dict[str, Any]:
    """A wire ``TradingStatus`` for an account (``GET /accounts/{n}/trading-status``)."""
    style = account_style(account)
    number = str(account["account-number"])
    return {
        "account-number": number,
        "equities-margin-calculation-type": "Reg T",
        "fee-schedule-name": "default",
        "futures-margin-rate-multiplier": "0.0",
        "has-intraday-equities-margin": style == MARGIN,
        "id": int(_hex(number, 7), 16),
        "is-aggregated-at-clearing": False,
        "is-closed": bool(account.get("is-closed", False)),
        "is-closing-only": False,
        "is-cryptocurrency-enabled": False,
        "is-frozen": False,
        "is-full-equity-margin-required": style != MARGIN,
        "is-futures-closing-only": False,
        "is-futures-intra-day-enabled": False,
        "is-futures-enabled": False,
        "is-in-day-trade-equity-maintenance-call": False,
        "is-in-margin-call": False,
        "is-pattern-day-trader": False,
        "is-portfolio-margin-enabled": False,
        "is-risk-reducing-only": False,
        "is-small-notional-futures-intra-day-enabled": False,
        "is-roll-the-day-forward-enabled": False,
        "are-far-otm-net-options-restricted": False,
        "options-level": str(account.get("suitable-options-level") or "No Restrictions"),
        "short-calls-enabled": style == MARGIN,
        "small-notional-futures-margin-rate-multiplier": "0.0",
        "is-equity-offering-enabled": False,
        "is-equity-offering-closing-only": False,
        "updated-at": account.get("created-at", "2025-01-02T14:30:00.000+00:00"),
        "day-trade-count": 0,
    }


def account_number(rng: random.Random, taken: set[str]) -> str:
    while True:
        number = f"5W{rng.choice('TUVWXYZ')}{rng.randint(0, 99_999):05d}"
        if number not in taken:
            taken.add(number)
            return number


# ---------------------------------------------------------------------------------------------
# environment


def populate_environment(
    env: Environment, *, seed: int, transactions: int | None = None
) -> dict[str, HistoryReport]:
    """Give every user of ``env`` a customer, accounts and (production) a year of history.

    Users' existing accounts are kept (their style comes from ``margin-or-cash`` and
    ``account-type-name``, their opening deposit from ``initial_deposit``) and their
    transactions, positions, cash and snapshots are regenerated; users without accounts get two
    or three new ones. With no users at all, one user ``demo`` is created. Deterministic for
    ``seed`` (and the market's seed and ``today``). Returns a report per account number.
    Deterministic for ``seed`` (and the market's seed and ``today``). Returns a report per
    account number.
    """
    from simulator.state import AccountState, User

    rng = random.Random(f"history:{seed}:{env.name}")
    market = env.market
    today: date = market.today
    if env.ledger is None:
        env.ledger = Ledger(env.ids)
    ledger: Ledger = env.ledger
    if not env.users:
        env.users["demo"] = User(
            username="demo",
            customer={},
            accounts={},
            client_id=f"sim-client-{_hex(f'{seed}demo', 8)}",
            client_secret=f"sim-secret-{_hex(f'{seed}demo-secret', 16)}",
        )
    start = calendar.next_trading_day(today - timedelta(days=365), inclusive=True)
    end = calendar.previous_trading_day(today)
    taken = {a.number for _, a in env.all_accounts()}
    reports: dict[str, HistoryReport] = {}
    margin_seen = False
    for index, username in enumerate(sorted(env.users)):
        user = env.users[username]
        opened = calendar.at_eastern(start - timedelta(days=rng.randint(30, 400)), time(10))
        if not user.customer:
            user.customer = make_customer(username, rng, opened)
        if not user.accounts:
            styles = [MARGIN, CASH, IRA] if index == 0 or rng.random() < 0.5 else [MARGIN, IRA]
            for style in styles:
                number = account_number(rng, taken)
                user.accounts[number] = AccountState(account=make_account(number, style, opened))
        for number, acct in user.accounts.items():
            style = account_style(acct.account)
            acct.transactions.clear()
            acct.positions.clear()
            acct.balance_snapshots.clear()
            acct.cash = ZERO
            if env.is_sandbox:
                deposit = acct.initial_deposit or Decimal(100_000 if style == MARGIN else 25_000)
                ledger.cash(
                    acct,
                    sub_type="Deposit",
                    amount=deposit,
                    description="ACH DEPOSIT",
                    executed_at=calendar.at_eastern(end, time(8)),
                )
                acct.initial_deposit = deposit
                reports[number] = HistoryReport(number, style)
                continue
            # the first margin account of each user carries the ``transactions`` target
            target = transactions if style == MARGIN and not margin_seen else None
            margin_seen = margin_seen or style == MARGIN
            acct_rng = random.Random(f"{seed}:{env.name}:{username}:{number}")
            reports[number] = generate_account_history(
                acct, market, ledger, acct_rng, start, end, style, transactions=target
            )
        margin_seen = False
    return reports


# ---------------------------------------------------------------------------------------------
# the generator


@dataclass(eq=False, slots=True)
class _Leg:
    symbol: str
    qty: Decimal  # signed: long positive
    expiration: date
    option_type: str
    strike: Decimal


@dataclass(eq=False)
class _Campaign:
    kind: str
    underlying: str
    legs: list[_Leg]
    open_cash: Decimal  # net cash received so far (credit positive), gross of fees
    reserve: Decimal
    exit_dte: int
    profit_target: Decimal
    covered_shares: Decimal = ZERO
    settle: bool = True  # may be held through expiration

    @property
    def near(self) -> date:
        return min(leg.expiration for leg in self.legs)


@dataclass
class _Context:
    acct: AccountState
    market: Any
    ledger: Ledger
    rng: random.Random
    style: str
    report: HistoryReport
    today: date
    day: date = date.min
    clock: datetime = field(default_factory=lambda: datetime.min.replace(tzinfo=UTC))
    gap: float = 600.0
    prices: dict[tuple[str, date], Decimal] = field(default_factory=dict)
    campaigns: list[_Campaign] = field(default_factory=list)
    committed: dict[str, Decimal] = field(default_factory=dict)
    increments: dict[str, Decimal] = field(default_factory=dict)
    listed: dict[str, dict[date, str]] = field(default_factory=dict)
    dividends: dict[str, dict[date, Decimal]] = field(default_factory=dict)
    capital: Decimal = ZERO
    reserved: Decimal = ZERO  # sum of the open campaigns' reserves
    kind_cycle: list[str] = field(default_factory=list)
    opened: int = 0

    @property
    def restricted(self) -> bool:
        return self.style != MARGIN

    def tick(self) -> datetime:
        self.clock += timedelta(seconds=self.rng.uniform(0.3, 1.0) * self.gap)
        return self.clock

    def spot(self, underlying: str) -> Decimal:
        return historical_mark(self.market, underlying, underlying, self.day, self.prices)

    def option_price(self, leg: _Leg, underlying: str) -> Decimal:
        return historical_mark(self.market, leg.symbol, underlying, self.day, self.prices)


def generate_account_history(
    acct: AccountState,
    market: Any,
    ledger: Ledger,
    rng: random.Random,
    start: date,
    end: date,
    style: str,
    *,
    transactions: int | None = None,
) -> HistoryReport:
    """Trade ``acct`` from ``start`` to ``end`` (inclusive trading days) in ``style``.

    ``style`` is ``"margin"``, ``"cash"`` or ``"ira"``. ``transactions`` sets the approximate
    number of transactions to generate (the default is a realistic, modest history).
    """
    report = HistoryReport(acct.number, style)
    ctx = _Context(acct, market, ledger, rng, style, report, market.today)
    days = calendar.trading_days(start, end)
    if not days:
        return report
    # VIX options price off VIX futures, which the market does not model: never trade them
    universe = [u for u in market.underlyings() if u != "VIX"]
    stocks = [u for u in universe if u not in INDEX_UNDERLYINGS]
    indexes = [u for u in universe if u in INDEX_UNDERLYINGS and u in INDEX_WEEKLY_ROOT]
    base_rate = {MARGIN: 0.7, CASH: 0.25, IRA: 0.25}[style]
    dense = transactions is not None
    deposit = acct.initial_deposit or Decimal({MARGIN: 150_000, CASH: 60_000, IRA: 60_000}[style])
    if dense and transactions:
        deposit = max(deposit, Decimal(transactions) * 150)
    ctx.kind_cycle = list(KINDS[style])
    ctx.campaigns = []
    ctx.gap = 600.0
    first = True
    tx_start = len(acct.transactions)
    for position, day in enumerate(days):
        ctx.day = day
        ctx.prices = {}
        morning = calendar.at_eastern(day, time(8))
        # money movements before the open
        if first:
            ledger.cash(
                acct,
                sub_type="Deposit",
                amount=deposit,
                executed_at=morning,
                description="ACH DEPOSIT",
            )
            acct.initial_deposit = deposit
            ctx.capital = deposit
            first = False
        else:
            _money_movements(ctx, morning, days[position - 1])
        # trading
        if dense and transactions:
            made = len(acct.transactions) - tx_start
            per_campaign = made / ctx.opened if ctx.opened > 5 else 5.0
            remaining_days = len(days) - position
            rate = max(transactions - made, 0) / (per_campaign * remaining_days)
        else:
            rate = base_rate
        opens = _poisson(rng, rate)
        expected = opens * 3 + len(ctx.campaigns) // 4 + 2
        ctx.gap = 22_000.0 / expected
        ctx.clock = calendar.at_eastern(day, time(9, 35))
        _manage_stock(ctx, stocks)
        _manage_campaigns(ctx, dense)
        for _ in range(opens):
            _open_campaign(ctx, stocks, indexes, dense)
        # expiration processing after the close
        _settle(ctx, calendar.at_eastern(day, time(16, 30)))
        snapshot = ledger.snapshot(acct, market, day, ctx.prices)
        if style == MARGIN and _meet_margin_call(ctx, snapshot, calendar.at_eastern(day, time(17))):
            snapshot = ledger.snapshot(acct, market, day, ctx.prices)
        acct.balance_snapshots.append(snapshot)
    return report


MARGIN_CALL_LEVEL = Decimal("0.95")  # requirement / net liq that makes the trader add cash
MARGIN_CALL_TARGET = Decimal("0.6")


def _meet_margin_call(ctx: _Context, snapshot: dict[str, Any], when: datetime) -> bool:
    """A margin trader whose requirement nears net liq deposits cash, as real traders must;
    otherwise the account would end the history unable to open anything."""
    requirement = Decimal(snapshot["maintenance-requirement"])
    net_liq = Decimal(snapshot["net-liquidating-value"])
    if requirement <= net_liq * MARGIN_CALL_LEVEL:
        return False
    shortfall = requirement / MARGIN_CALL_TARGET - net_liq
    amount = (shortfall / 5_000).to_integral_value(rounding=ROUND_CEILING) * 5_000
    ctx.ledger.cash(
        ctx.acct,
        sub_type="Deposit",
        amount=amount,
        executed_at=when,
        description="ACH DEPOSIT (margin call)",
    )
    # capital (which sizes new trades) stays as it was: the cash restores headroom only
    ctx.report.count("margin_call_deposit")
    return True


def _poisson(rng: random.Random, rate: float) -> int:
    if rate <= 0:
        return 0
    if rate > 30:
        return max(0, round(rng.gauss(rate, math.sqrt(rate))))
    threshold, k, p = math.exp(-rate), 0, rng.random()
    while p > threshold:
        p *= rng.random()
        k += 1
    return k


# -- money movements ----------------------------------------------------------------------------


def _money_movements(ctx: _Context, morning: datetime, previous: date) -> None:
    acct, ledger, day, rng = ctx.acct, ctx.ledger, ctx.day, ctx.rng
    if day.month != previous.month:  # first trading day of a month
        if acct.cash > 0:
            interest = (acct.cash * Decimal("0.02") / 12).quantize(CENT, ROUND_HALF_UP)
            if interest >= CENT:
                ledger.cash(
                    acct,
                    sub_type="Credit Interest",
                    amount=interest,
                    executed_at=morning,
                    description="INTEREST ON CREDIT BALANCE",
                )
                ctx.report.count("credit_interest")
        elif acct.cash < 0:
            interest = (-acct.cash * Decimal("0.08") / 12).quantize(CENT, ROUND_HALF_UP)
            if interest >= CENT:
                ledger.cash(
                    acct,
                    sub_type="Debit Interest",
                    amount=-interest,
                    executed_at=morning,
                    description="INTEREST ON DEBIT BALANCE",
                )
                ctx.report.count("debit_interest")
        if ctx.style == IRA:
            ledger.cash(
                acct,
                sub_type="Deposit",
                amount=Decimal(500),
                executed_at=morning,
                description="ROTH IRA CONTRIBUTION",
            )
            ctx.capital += 500
            ctx.report.count("deposit")
        elif rng.random() < 0.25:
            amount = Decimal(rng.choice((1000, 2500, 5000)))
            ledger.cash(
                acct,
                sub_type="Deposit",
                amount=amount,
                executed_at=morning,
                description="ACH DEPOSIT",
            )
            ctx.capital += amount
            ctx.report.count("deposit")
        elif rng.random() < 0.15 and acct.cash > 20_000:
            amount = Decimal(rng.choice((500, 1000, 2000)))
            ledger.cash(
                acct,
                sub_type="Withdrawal",
                amount=-amount,
                executed_at=morning,
                description="ACH WITHDRAWAL",
            )
            ctx.capital -= amount
            ctx.report.count("withdrawal")
        if day.month in (3, 9) or rng.random() < 0.1:
            ledger.cash(
                acct,
                sub_type="Fee",
                amount=Decimal("-1.50"),
                executed_at=morning,
                description="Regulatory Fee Adjustment",
            )
            ctx.report.count("fee")
    # dividends on the market's ex-dates, for the shares held (short stock pays them)
    for symbol, position in list(acct.positions.items()):
        if position["instrument-type"] != EQUITY:
            continue
        per_share = _dividend_on(ctx, symbol, day)
        if not per_share:
            continue
        amount = position_quantity(position) * per_share
        ledger.cash(
            acct,
            sub_type="Dividend",
            amount=amount,
            executed_at=morning,
            description=f"{symbol} CASH DIVIDEND @ {per_share} PER SHARE",
            symbol=symbol,
        )
        ctx.report.count("dividend")


def _dividend_on(ctx: _Context, symbol: str, day: date) -> Decimal:
    table = ctx.dividends.get(symbol)
    if table is None:
        try:
            events = ctx.market.dividends(symbol)
        except (AttributeError, KeyError):
            events = []
        table = {e.occurred_date: Decimal(e.amount) for e in events}
        ctx.dividends[symbol] = table
    return table.get(day, ZERO)


# -- strikes, expirations, symbols ----------------------------------------------------------------


def _increment(ctx: _Context, underlying: str, spot: Decimal) -> Decimal:
    inc = ctx.increments.get(underlying)
    if inc is None:
        inc = ZERO
        steps = getattr(ctx.market, "strike_steps", None)
        if steps is not None:
            try:
                inc = Decimal(str(steps(underlying)[0]))
            except KeyError:
                inc = ZERO
        if not inc:
            inc = Decimal("0.5") if spot < 25 else Decimal(1) if spot < 500 else Decimal(5)
        ctx.increments[underlying] = inc
    return inc


def _listed(ctx: _Context, underlying: str) -> dict[date, str]:
    """The market's listed (current) expirations of ``underlying`` with their roots."""
    table = ctx.listed.get(underlying)
    if table is None:
        try:
            table = {e.date: e.root for e in ctx.market.expirations(underlying)}
        except KeyError:
            table = {}
        ctx.listed[underlying] = table
    return table


def _root(ctx: _Context, underlying: str, expiration: date) -> str:
    listed = _listed(ctx, underlying)
    if expiration in listed:
        return listed[expiration]
    weekly = INDEX_WEEKLY_ROOT.get(underlying)
    if weekly and expiration != calendar.monthly_expiration(expiration.year, expiration.month):
        return weekly
    return underlying


def _expiration(ctx: _Context, underlying: str, dte: int) -> date | None:
    """A listed expiration about ``dte`` calendar days after the trade day."""
    target = ctx.day + timedelta(days=dte)
    if target < ctx.today:
        friday = target + timedelta(days=(4 - target.weekday()) % 7)
        exp = calendar.weekly_expiration(friday)
        if exp > ctx.day and exp < ctx.today:
            return exp
    listed = [d for d in _listed(ctx, underlying) if d > ctx.day]
    if not listed:
        return None
    return min(listed, key=lambda d: abs((d - target).days))


def _strike(ctx: _Context, underlying: str, expiration: date, wanted: Decimal) -> Decimal:
    spot = ctx.spot(underlying)
    if expiration >= ctx.today:
        try:
            strikes = ctx.market.strikes(underlying, expiration)
        except (KeyError, ValueError):
            strikes = []
        if strikes:
            return min(strikes, key=lambda k: abs(k - wanted))
    inc = _increment(ctx, underlying, spot)
    return max(inc, (wanted / inc).quantize(Decimal(1), ROUND_HALF_UP) * inc)


def _leg(
    ctx: _Context,
    underlying: str,
    expiration: date,
    option_type: str,
    wanted: Decimal,
    qty: Decimal,
) -> _Leg | None:
    strike = _strike(ctx, underlying, expiration, wanted)
    symbol = occ_symbol(_root(ctx, underlying, expiration), expiration, option_type, strike)
    if expiration >= ctx.today and ctx.market.option(symbol) is None:
        return None
    return _Leg(symbol, qty, expiration, option_type, strike)


# -- executing orders --------------------------------------------------------------------------


def _price(ctx: _Context, underlying: str, leg: _Leg) -> Decimal:
    raw = ctx.option_price(leg, underlying)
    return max(raw.quantize(CENT, ROUND_HALF_UP), CENT)


def _execute(
    ctx: _Context, underlying: str, fills: list[tuple[str, str, str, Decimal, Decimal]]
) -> Decimal:
    """Record one order's fills (symbol, instrument type, action, qty, price); buys go first.

    Returns the order's gross cash flow (credit positive).
    """
    order_id = ctx.ledger.next_id()
    when = ctx.tick()
    flow = ZERO
    for symbol, itype, action, qty, price in sorted(fills, key=lambda f: f[2][0] != "B"):
        ctx.ledger.trade(
            ctx.acct,
            symbol=symbol,
            instrument_type=itype,
            underlying=underlying,
            action=action,
            quantity=qty,
            price=price,
            executed_at=when,
            order_id=order_id,
        )
        mult = HUNDRED if itype == EQUITY_OPTION else Decimal(1)
        flow += (price if action[0] == "S" else -price) * qty * mult
    return flow


def _conflicts(ctx: _Context, legs: list[_Leg]) -> bool:
    seen: set[str] = set()
    for leg in legs:
        if leg.symbol in seen:
            return True
        seen.add(leg.symbol)
        position = ctx.acct.positions.get(leg.symbol)
        if position is not None and (position["quantity-direction"] == "Long") != (leg.qty > 0):
            return True
    return False


def _open_fills(ctx: _Context, underlying: str, legs: list[_Leg]) -> list[Any] | None:
    fills: list[Any] = []
    for leg in legs:
        price = _price(ctx, underlying, leg)
        if leg.qty < 0 and price < MIN_PREMIUM:
            return None
        action = BUY_TO_OPEN if leg.qty > 0 else SELL_TO_OPEN
        fills.append((leg.symbol, EQUITY_OPTION, action, abs(leg.qty), price))
    return fills


def _close_fills(ctx: _Context, underlying: str, legs: list[_Leg]) -> list[Any]:
    return [
        (
            leg.symbol,
            EQUITY_OPTION,
            SELL_TO_CLOSE if leg.qty > 0 else BUY_TO_CLOSE,
            abs(leg.qty),
            _price(ctx, underlying, leg),
        )
        for leg in legs
    ]


# -- opening -----------------------------------------------------------------------------------


def _affordable(ctx: _Context, reserve: Decimal, cost: Decimal) -> bool:
    if ctx.restricted:
        return ctx.acct.cash - ctx.reserved - reserve - cost >= 1000
    stock = sum(
        (
            abs(position_quantity(p)) * Decimal(p["average-open-price"])
            for p in ctx.acct.positions.values()
            if p["instrument-type"] == EQUITY
        ),
        ZERO,
    )
    used = ctx.reserved + stock / 2 + reserve + max(cost, ZERO)
    return used <= ctx.capital * Decimal("0.6")


def _next_kind(ctx: _Context) -> str:
    if ctx.kind_cycle:
        return ctx.kind_cycle.pop(0)
    return ctx.rng.choice(KINDS[ctx.style])


def _open_campaign(ctx: _Context, stocks: list[str], indexes: list[str], dense: bool) -> None:
    rng = ctx.rng
    kind = _next_kind(ctx)
    if kind.startswith("index_"):
        if not indexes:
            return
        underlying = rng.choice(indexes)
    else:
        if not stocks:
            return
        underlying = rng.choice(stocks)
    spot = ctx.spot(underlying)
    if kind == "long_stock":
        _buy_stock(ctx, underlying, spot)
        return
    vol = 0.16 if underlying in INDEX_UNDERLYINGS else 0.28
    dte = rng.choice((3, 5, 7, 10)) if dense else rng.choice((21, 30, 38, 45, 52))
    exp = _expiration(ctx, underlying, dte)
    if exp is None:
        return
    years = max((exp - ctx.day).days, 1) / 365
    w = spot * Decimal(vol * math.sqrt(years))
    inc = _increment(ctx, underlying, spot)
    width = max(inc, (w * Decimal("0.35") / inc).quantize(Decimal(1)) * inc)
    qty = Decimal(1 if dense or underlying in INDEX_UNDERLYINGS else rng.choice((1, 1, 2, 3)))
    legs = _build_legs(ctx, kind, underlying, exp, spot, w, width, qty)
    if not legs:
        return
    if _conflicts(ctx, legs):
        return
    strikes = [leg.strike for leg in legs]
    covered = ZERO
    stock_fill: list[Any] = []
    if kind == "covered_call":
        covered = qty * HUNDRED
        free = _free_shares(ctx, underlying)
        held = ctx.acct.positions.get(underlying)
        if held is not None and held["quantity-direction"] == "Short":
            return
        if free < covered:
            stock_fill = [(underlying, EQUITY, BUY_TO_OPEN, covered, spot.quantize(CENT))]
    reserve = _reserve(kind, legs, spot, width, qty)
    fills = _open_fills(ctx, underlying, legs)
    if fills is None:
        return
    cost = sum(
        (
            (p if a.startswith("Buy") else -p) * q * (HUNDRED if t == EQUITY_OPTION else 1)
            for _, t, a, q, p in fills + stock_fill
        ),
        ZERO,
    )
    if not _affordable(ctx, reserve, cost):
        return
    if kind in ("iron_condor", "index_iron_condor") and len(set(strikes)) < 4:
        return
    flow = _execute(ctx, underlying, stock_fill + fills)
    if stock_fill:
        flow += stock_fill[0][3] * stock_fill[0][4]  # the stock is not part of the campaign
    if covered:
        ctx.committed[underlying] = ctx.committed.get(underlying, ZERO) + covered
    multi_exp = len({leg.expiration for leg in legs}) > 1
    exit_dte = rng.choice((0, 0, 3, 7, 14, 21)) if not dense else rng.choice((0, 2, 4))
    if multi_exp:
        exit_dte = max(exit_dte, 2)
    if ctx.restricted and kind in ("long_call", "long_put"):
        exit_dte = max(exit_dte, 1)
    name = kind
    if kind == "index_vertical":
        name = "bull_put_spread" if legs[0].option_type == "P" else "bear_call_spread"
    if kind == "index_iron_condor":
        name = "iron_condor"
    ctx.campaigns.append(
        _Campaign(
            kind=name,
            underlying=underlying,
            legs=legs,
            open_cash=flow,
            reserve=reserve,
            exit_dte=exit_dte,
            profit_target=Decimal(rng.choice(("0.5", "0.5", "0.75"))),
            covered_shares=covered,
        )
    )
    ctx.reserved += reserve
    ctx.opened += 1
    ctx.report.count(name, "kinds")
    if underlying in INDEX_UNDERLYINGS:
        ctx.report.count("index_option_campaign")


def _build_legs(
    ctx: _Context,
    kind: str,
    u: str,
    exp: date,
    spot: Decimal,
    w: Decimal,
    width: Decimal,
    q: Decimal,
) -> list[_Leg] | None:
    rng = ctx.rng
    half = Decimal("0.5")
    specs: list[tuple[date, str, Decimal, Decimal]]
    if kind in ("short_put", "cash_secured_put"):
        near = rng.random() < 0.3  # close to the money: assignments happen
        specs = [(exp, "P", spot - w * (Decimal("0.05") if near else Decimal("0.45")), -q)]
    elif kind == "covered_call":
        near = rng.random() < 0.3
        specs = [(exp, "C", spot + w * (Decimal("0.05") if near else half), -q)]
    elif kind == "long_call":
        specs = [(exp, "C", spot - w * Decimal("0.3"), q)]
    elif kind == "long_put":
        specs = [(exp, "P", spot + w * Decimal("0.3"), q)]
    elif kind == "bull_put_spread" or (kind == "index_vertical" and rng.random() < 0.5):
        k = spot - w * Decimal("0.3")
        specs = [(exp, "P", k, -q), (exp, "P", k - width, q)]
    elif kind in ("bear_call_spread", "index_vertical"):
        k = spot + w * Decimal("0.3")
        specs = [(exp, "C", k, -q), (exp, "C", k + width, q)]
    elif kind == "bull_call_spread":
        specs = [(exp, "C", spot, q), (exp, "C", spot + width, -q)]
    elif kind == "bear_put_spread":
        specs = [(exp, "P", spot, q), (exp, "P", spot - width, -q)]
    elif kind in ("iron_condor", "index_iron_condor"):
        lo, hi = spot - w * Decimal("0.6"), spot + w * Decimal("0.6")
        specs = [
            (exp, "P", lo - width, q),
            (exp, "P", lo, -q),
            (exp, "C", hi, -q),
            (exp, "C", hi + width, q),
        ]
    elif kind == "short_strangle":
        specs = [
            (exp, "P", spot - w * Decimal("0.7"), -q),
            (exp, "C", spot + w * Decimal("0.7"), -q),
        ]
    elif kind in ("long_call_butterfly", "long_put_butterfly"):
        t = "C" if kind == "long_call_butterfly" else "P"
        specs = [(exp, t, spot - width, q), (exp, t, spot, -2 * q), (exp, t, spot + width, q)]
    elif kind in ("call_calendar", "put_calendar"):
        far = _expiration(ctx, u, (exp - ctx.day).days + 28)
        if far is None or far <= exp:
            return None
        t = "C" if kind == "call_calendar" else "P"
        specs = [(exp, t, spot, -q), (far, t, spot, q)]
    else:
        return None
    legs: list[_Leg] = []
    for e, t, k, n in specs:
        if k <= 0:
            return None
        leg = _leg(ctx, u, e, t, k, n)
        if leg is None:
            return None
        legs.append(leg)
    if kind in ("long_call_butterfly", "long_put_butterfly"):
        k1, k2, k3 = (leg.strike for leg in legs)
        if not k1 < k2 < k3 or k2 - k1 != k3 - k2:
            return None
    elif len({(leg.strike, leg.expiration, leg.option_type) for leg in legs}) < len(legs):
        return None
    return legs


def _reserve(kind: str, legs: list[_Leg], spot: Decimal, width: Decimal, q: Decimal) -> Decimal:
    shorts = [leg for leg in legs if leg.qty < 0]
    longs = [leg for leg in legs if leg.qty > 0]
    if kind in ("short_put", "cash_secured_put"):
        return shorts[0].strike * HUNDRED * q
    if kind == "short_strangle":
        return spot * Decimal("0.2") * HUNDRED * q
    if kind == "covered_call" or not shorts or kind.endswith("calendar"):
        return ZERO
    if kind.endswith("butterfly"):
        return ZERO
    widest = ZERO
    for t in ("P", "C"):
        s = [leg.strike for leg in shorts if leg.option_type == t]
        lg = [leg.strike for leg in longs if leg.option_type == t]
        if s and lg:
            widest = max(widest, abs(s[0] - lg[0]))
    return widest * HUNDRED * q


def _free_shares(ctx: _Context, underlying: str) -> Decimal:
    position = ctx.acct.positions.get(underlying)
    held = position_quantity(position) if position else ZERO
    return held - ctx.committed.get(underlying, ZERO)


def _buy_stock(ctx: _Context, underlying: str, spot: Decimal) -> None:
    position = ctx.acct.positions.get(underlying)
    if position is not None and position["quantity-direction"] == "Short":
        return
    budget = min(ctx.capital * Decimal("0.05"), Decimal(20_000))
    shares = int(budget / spot) if spot > 0 else 0
    if shares < 1:
        return
    shares = ctx.rng.choice((shares, max(1, shares // 100 * 100) or shares, max(1, shares // 2)))
    price = spot.quantize(CENT)
    cost = price * shares
    if not _affordable(ctx, ZERO, cost):
        return
    _execute(ctx, underlying, [(underlying, EQUITY, BUY_TO_OPEN, Decimal(shares), price)])
    ctx.report.count("long_stock", "kinds")
    ctx.opened += 1


# -- managing ----------------------------------------------------------------------------------


def _manage_stock(ctx: _Context, stocks: list[str]) -> None:
    """Cover short stock, sell some free shares now and then, write calls on idle shares."""
    rng = ctx.rng
    for symbol, position in list(ctx.acct.positions.items()):
        if position["instrument-type"] != EQUITY:
            continue
        price = ctx.spot(symbol).quantize(CENT)
        qty = position_quantity(position)
        if qty < 0:
            _execute(ctx, symbol, [(symbol, EQUITY, BUY_TO_CLOSE, -qty, price)])
            ctx.report.count("stock_cover")
            continue
        free = _free_shares(ctx, symbol)
        if free <= 0:
            continue
        roll = rng.random()
        if roll < 0.04:
            amount = free if rng.random() < 0.6 or free < 2 else Decimal(int(free / 2))
            _execute(ctx, symbol, [(symbol, EQUITY, SELL_TO_CLOSE, amount, price)])
            ctx.report.count("stock_sale")
        elif roll < 0.12 and free >= HUNDRED and symbol in stocks:
            _open_covered_on(ctx, symbol)


def _open_covered_on(ctx: _Context, symbol: str) -> None:
    """Sell calls against shares already held (the wheel's second half)."""
    spot = ctx.spot(symbol)
    exp = _expiration(ctx, symbol, ctx.rng.choice((21, 30, 45)))
    if exp is None:
        return
    q = Decimal(int(_free_shares(ctx, symbol) / HUNDRED))
    q = min(q, Decimal(5))
    years = max((exp - ctx.day).days, 1) / 365
    w = spot * Decimal(0.28 * math.sqrt(years))
    leg = _leg(ctx, symbol, exp, "C", spot + w * Decimal("0.4"), -q)
    if leg is None or q < 1 or _conflicts(ctx, [leg]):
        return
    fills = _open_fills(ctx, symbol, [leg])
    if fills is None:
        return
    flow = _execute(ctx, symbol, fills)
    ctx.committed[symbol] = ctx.committed.get(symbol, ZERO) + q * HUNDRED
    ctx.campaigns.append(
        _Campaign(
            "covered_call",
            symbol,
            [leg],
            flow,
            ZERO,
            ctx.rng.choice((0, 7, 21)),
            Decimal("0.5"),
            covered_shares=q * HUNDRED,
        )
    )
    ctx.opened += 1
    ctx.report.count("covered_call", "kinds")


def _liquidation(ctx: _Context, c: _Campaign) -> Decimal:
    return sum((leg.qty * _price(ctx, c.underlying, leg) * HUNDRED for leg in c.legs), ZERO)


def _manage_campaigns(ctx: _Context, dense: bool) -> None:
    rng = ctx.rng
    check = 0.8 if dense else 0.35
    for c in list(ctx.campaigns):
        dte = (c.near - ctx.day).days
        expiring = dte == 0
        if expiring:
            if _must_close_at_expiry(ctx, c) or rng.random() < 0.2:
                _close(ctx, c, "expiration_day_close")
            continue
        due = dte <= c.exit_dte
        if not due and rng.random() > check:
            continue
        pnl = c.open_cash + _liquidation(ctx, c)
        basis = abs(c.open_cash) or Decimal(1)
        if pnl >= c.profit_target * basis:
            _close(ctx, c, "profit_take")
        elif pnl <= -2 * basis or (c.kind in DEBIT_KINDS and pnl <= -basis * Decimal("0.7")):
            _close(ctx, c, "stop_loss")
        elif due:
            if c.kind in ROLLABLE and rng.random() < 0.6:
                _roll(ctx, c)
            else:
                _close(ctx, c, "early_close")


def _must_close_at_expiry(ctx: _Context, c: _Campaign) -> bool:
    """Restricted accounts close multi-leg and long positions that would deliver stock."""
    if len({leg.expiration for leg in c.legs}) > 1:
        return True
    if not ctx.restricted or c.kind in ("covered_call", "cash_secured_put"):
        return False
    spot = ctx.spot(c.underlying)
    for leg in c.legs:
        itm = spot - leg.strike if leg.option_type == "C" else leg.strike - spot
        if itm >= CENT:
            return True
    return False


def _finish(ctx: _Context, c: _Campaign) -> None:
    ctx.campaigns.remove(c)
    ctx.reserved -= c.reserve
    if c.covered_shares:
        left = ctx.committed.get(c.underlying, ZERO) - c.covered_shares
        ctx.committed[c.underlying] = max(left, ZERO)


def _close(ctx: _Context, c: _Campaign, reason: str) -> None:
    _execute(ctx, c.underlying, _close_fills(ctx, c.underlying, c.legs))
    _finish(ctx, c)
    ctx.report.count(reason)


def _roll(ctx: _Context, c: _Campaign) -> None:
    """Close the campaign's legs and open the same shape further out in one order."""
    spot = ctx.spot(c.underlying)
    exp = _expiration(ctx, c.underlying, (c.near - ctx.day).days + 28)
    if exp is None or exp <= c.near:
        _close(ctx, c, "early_close")
        return
    years = max((exp - ctx.day).days, 1) / 365
    w = spot * Decimal(0.28 * math.sqrt(years))
    new: list[_Leg] = []
    for leg in c.legs:
        if leg.option_type == "P":
            wanted = min(leg.strike, spot - w * Decimal("0.3"))
        else:
            wanted = max(leg.strike, spot + w * Decimal("0.3"))
        moved = _leg(ctx, c.underlying, exp, leg.option_type, wanted, leg.qty)
        if moved is None:
            _close(ctx, c, "early_close")
            return
        new.append(moved)
    if _conflicts(ctx, new):
        _close(ctx, c, "early_close")
        return
    opens = _open_fills(ctx, c.underlying, new)
    if opens is None:
        _close(ctx, c, "early_close")
        return
    if c.kind in ("short_put", "cash_secured_put"):
        reserve = new[0].strike * HUNDRED * abs(new[0].qty)
        if ctx.restricted and not _affordable(ctx, reserve - c.reserve, ZERO):
            _close(ctx, c, "early_close")
            return
        ctx.reserved += reserve - c.reserve
        c.reserve = reserve
    c.open_cash += _execute(ctx, c.underlying, _close_fills(ctx, c.underlying, c.legs) + opens)
    c.legs = new
    ctx.report.count("roll")


def _settle(ctx: _Context, when: datetime) -> None:
    """Expire, assign and exercise today's expiring options; update the campaigns."""
    expiring = [
        (s, p)
        for s, p in ctx.acct.positions.items()
        if (o := parse_occ(s)) is not None and o.expiration <= ctx.day
    ]
    if not expiring:
        return
    prices = {p["underlying-symbol"]: ctx.spot(p["underlying-symbol"]) for _, p in expiring}
    for tx in ctx.ledger.settle_expiring(ctx.acct, ctx.day, prices, when):
        sub = tx["transaction-sub-type"]
        if tx["instrument-type"] == EQUITY_OPTION:
            ctx.report.count(sub.lower().replace(" ", "_"))
    for c in list(ctx.campaigns):
        c.legs = [leg for leg in c.legs if leg.expiration > ctx.day]
        if not c.legs:
            _finish(ctx, c)


def campaign_kinds() -> dict[str, tuple[str, ...]]:
    """The strategy kinds each account style trades."""
    return dict(KINDS)


def is_index(underlying: str) -> bool:
    return underlying in INDEX_UNDERLYINGS or underlying in CASH_SETTLED_ROOTS


# ---------------------------------------------------------------------------------------------
# audit


def audit(acct: AccountState, today: date) -> list[str]:
    """Consistency problems of an account's records (an empty list when all is well).

    Checks: unique ids, ``executed-at`` ascending, cash = sum of signed net values, every
    close has an open before it (quantities never cross zero), positions = the net of the
    transactions, no option position past its expiration, and for cash/IRA accounts no short
    stock and no naked short calls after any moment's transactions.
    """
    from simulator.ledger import transaction_net

    problems: list[str] = []
    ids = [tx["id"] for tx in acct.transactions]
    if len(ids) != len(set(ids)):
        problems.append("duplicate transaction ids")
    stamps = [tx["executed-at"] for tx in acct.transactions]
    if stamps != sorted(stamps):
        problems.append("transactions are not ascending by executed-at")
    total = sum((transaction_net(tx) for tx in acct.transactions), ZERO)
    if total != acct.cash:
        problems.append(f"cash {acct.cash} != sum of net values {total}")
    restricted = account_style(acct.account) != MARGIN
    held: dict[str, Decimal] = {}
    underlying_of: dict[str, str] = {}
    for index, tx in enumerate(acct.transactions):
        action = tx.get("action")
        if not action or tx.get("quantity") is None:
            continue
        symbol = tx["symbol"]
        underlying_of[symbol] = tx.get("underlying-symbol") or symbol
        qty = Decimal(tx["quantity"])
        before = held.get(symbol, ZERO)
        after = before + (qty if action.startswith("Buy") else -qty)
        crossed = after < 0 if before > 0 else after > 0
        if action.endswith("Close") and (before == 0 or crossed):
            problems.append(f"tx {tx['id']}: {action} {qty} {symbol} with {before} held")
        if action.endswith("Open") and before and (before > 0) != (after > 0):
            problems.append(f"tx {tx['id']}: {action} {symbol} against {before}")
        held[symbol] = after
        last = index + 1 == len(acct.transactions)
        if restricted and (last or stamps[index + 1] != stamps[index]):
            problems.extend(_restricted_problems(tx, held, underlying_of))
    for symbol, qty in held.items():
        position = acct.positions.get(symbol)
        have = ZERO if position is None else position_quantity(position)
        if have != qty:
            problems.append(f"position {symbol}: {have} held but transactions net {qty}")
    for symbol in acct.positions:
        if symbol not in held:
            problems.append(f"position {symbol} has no transactions")
        opt = parse_occ(symbol)
        if opt is not None and opt.expiration < today:
            problems.append(f"option {symbol} is held past its expiration")
    return problems


def _restricted_problems(
    tx: dict[str, Any], held: dict[str, Decimal], underlying_of: dict[str, str]
) -> list[str]:
    out: list[str] = []
    calls: dict[str, Decimal] = {}
    for symbol, qty in held.items():
        if not qty:
            continue
        opt = parse_occ(symbol)
        if opt is None:
            if qty < 0:
                out.append(f"after tx {tx['id']}: short stock {symbol} in a cash/IRA account")
            continue
        if opt.option_type == "C":
            u = underlying_of[symbol]
            calls[u] = calls.get(u, ZERO) + qty
    for u, net in calls.items():
        shares = max(held.get(u, ZERO), ZERO)
        if net * HUNDRED + shares < 0:
            out.append(f"after tx {tx['id']}: naked short calls on {u} in a cash/IRA account")
    return out
