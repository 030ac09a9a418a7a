"""A trader's risk limits and switches, and what they used today: the stored side of the risk
check (:mod:`services.orders.risk` is the pure side).

Limits are set by the trader (``/settings risk``); each is ``None`` for no limit. Values typed
by a person are parsed here, in one place: counts are whole numbers, amounts are dollars with
at most cents (``$5,000``, ``2.5k``), underlyings are upper-case tickers, and ``none`` clears.

Orders per day are counted per trader, over all their production accounts: requests that went
(or are going) to production, in the states confirmed, placing, placed, partially filled and
filled, on today's exchange date (New York), dated by their confirmation (their creation when a
confirmation time was not recorded).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from tortoise.expressions import Q

from services.db.models import BrokerAccount, Environment, OrderRequest, Position, Trader
from services.errors import NotFoundError, ValidationError
from services.option_symbols import parse_option_symbol
from services.orders._model import OrderState, ResolvedOrder, RiskLimits, RiskUsage
from services.orders.market import BrokerPosition
from services.orders.risk import Holding, covered_short_symbols
from services.parsing import EXCHANGE_TZ, exchange_today
from services.traders import existing_trader, trader_for

# sane maxima: anything larger is a typo or hostile, not a limit
MAX_CONTRACTS_LIMIT = 10_000
MAX_ORDERS_PER_DAY_LIMIT = 1_000
MAX_AMOUNT = Decimal(1_000_000_000)
MAX_UNDERLYINGS = 100
# longest text a single value may be (a count or an amount), and a list of underlyings
MAX_VALUE_CHARS = 32
MAX_UNDERLYINGS_CHARS = 1_500
CLEAR_WORDS = frozenset({"none", "clear", "unlimited", "no limit", "nolimit", "-"})
SWITCH_WORDS = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}
CASH_ACCOUNT = "cash"
EQUITY, EQUITY_OPTION = "Equity", "Equity Option"

# the requests that count against max orders per day: sent (or being sent) to production
COUNTED_STATES = (
    OrderState.CONFIRMED,
    OrderState.PLACING,
    OrderState.PLACED,
    OrderState.PARTIALLY_FILLED,
    OrderState.FILLED,
)

# a ticker: letters and digits, optionally a class after "." or "/" (BRK.B, BRK/B)
_TICKER = re.compile(r"[A-Z][A-Z0-9]{0,5}(?:[./][A-Z0-9]{1,3})?")
_ACCOUNT_NUMBER = re.compile(r"[A-Z0-9]{1,32}")
_AMOUNT = re.compile(r"(\d+(?:\.\d*)?|\.\d+)([KM]?)")
_SCALE = {"": Decimal(1), "K": Decimal(1_000), "M": Decimal(1_000_000)}
# OCC option symbol: root padded to six, YYMMDD, C/P, strike x 1000 on eight digits

LABELS = {
    "max_contracts": "Max contracts",
    "max_notional": "Max notional",
    "max_loss_per_order": "Max loss per order",
    "max_orders_per_day": "Max orders per day",
    "allowed_underlyings": "Allowed underlyings",
    "naked_options_allowed": "Naked short options",
    "auto_confirm_threshold": "Auto-confirm threshold",
}


@dataclass(frozen=True, slots=True)
class RiskSettings:
    """What `/settings risk` shows: the limits and the default account orders go to."""

    limits: RiskLimits
    default_account_number: str | None


@dataclass(frozen=True, slots=True)
class AccountChoice:
    """A production account the trader may pick as their default."""

    account_number: str
    nickname: str


# --- parsing what a person typed ---------------------------------------------------------------


def _is_clear(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in CLEAR_WORDS)


def _text(name: str, value: str, limit: int = MAX_VALUE_CHARS) -> str:
    text = value.strip()
    if len(text) > limit:
        raise ValidationError(f"{LABELS[name]}: that value is too long.")
    return text


def parse_count(name: str, value: object, maximum: int) -> int | None:
    """A whole number from 1 to ``maximum`` (``1,000`` allowed), or ``None`` to clear."""
    if _is_clear(value):
        return None
    refusal = f"{LABELS[name]} must be a whole number from 1 to {maximum:,}, or `none` to clear it."
    if isinstance(value, bool):
        raise ValidationError(refusal)
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        digits = _text(name, value).replace(",", "").replace("_", "")
        if not digits.isascii() or not digits.isdigit():
            raise ValidationError(refusal)
        number = int(digits)
    else:
        raise ValidationError(refusal)
    if not 1 <= number <= maximum:
        raise ValidationError(refusal)
    return number


def parse_amount(name: str, value: object) -> Decimal | None:
    """Dollars above 0 and at most a billion, in cents at most (``$5,000``, ``2.5k``, ``1m``),
    or ``None`` to clear."""
    if _is_clear(value):
        return None
    refusal = (
        f"{LABELS[name]} must be an amount in dollars above 0 and at most "
        f"${MAX_AMOUNT:,} (like 5000, $2,500.50 or 10k), or `none` to clear it."
    )
    if isinstance(value, bool):
        raise ValidationError(refusal)
    if isinstance(value, Decimal | int):
        amount = Decimal(value)
    elif isinstance(value, str):
        text = _text(name, value).upper().replace(",", "").replace("_", "").replace(" ", "")
        found = _AMOUNT.fullmatch(text.removeprefix("$"))
        if found is None:
            raise ValidationError(refusal)
        try:
            amount = Decimal(found.group(1)) * _SCALE[found.group(2)]
        except InvalidOperation:
            raise ValidationError(refusal) from None
    else:
        raise ValidationError(refusal)
    if not amount.is_finite() or not 0 < amount <= MAX_AMOUNT:
        raise ValidationError(refusal)
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(f"{LABELS[name]}: give dollars and cents at most (like 2500.50).")
    return amount.quantize(Decimal("0.01"))


def parse_switch(name: str, value: object) -> bool:
    """``on``/``off`` (or yes/no, true/false, a bool)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in SWITCH_WORDS:
        return SWITCH_WORDS[value.strip().lower()]
    raise ValidationError(f"{LABELS[name]}: say `on` or `off`.")


def parse_underlyings(value: object) -> frozenset[str] | None:
    """Tickers separated by spaces or commas (``SPY, QQQ IWM``), upper-cased, at most
    :data:`MAX_UNDERLYINGS` of them; ``none`` clears the list (every underlying allowed)."""
    name = "allowed_underlyings"
    if _is_clear(value):
        return None
    if isinstance(value, str):
        words = _text(name, value, MAX_UNDERLYINGS_CHARS).replace(",", " ").split()
    elif isinstance(value, Iterable) and not isinstance(value, bytes):
        words = [str(word) for word in value]
        if sum(len(word) for word in words) > MAX_UNDERLYINGS_CHARS:
            raise ValidationError(f"{LABELS[name]}: that list is too long.")
    else:
        raise ValidationError(f"{LABELS[name]}: list tickers like `SPY QQQ IWM`.")
    tickers = {word.strip().upper().removeprefix("$") for word in words if word.strip()}
    if not tickers:
        raise ValidationError(
            f"{LABELS[name]}: list at least one ticker, or `none` to allow every underlying."
        )
    bad = sorted(ticker for ticker in tickers if not _TICKER.fullmatch(ticker))
    if bad:
        shown = ", ".join(f"`{ticker[:12]}`" for ticker in bad[:5])
        raise ValidationError(f"{LABELS[name]}: not a ticker: {shown}.")
    if len(tickers) > MAX_UNDERLYINGS:
        raise ValidationError(
            f"{LABELS[name]}: at most {MAX_UNDERLYINGS} underlyings ({len(tickers)} given)."
        )
    return frozenset(tickers)


def _clean_account(text: str) -> str:
    cleaned = text.strip().upper()
    if len(cleaned) > MAX_VALUE_CHARS or not _ACCOUNT_NUMBER.fullmatch(cleaned):
        raise ValidationError("That is not an account number (letters and digits, like 5WT00001).")
    return cleaned


# --- stored limits -------------------------------------------------------------------------------


def _limits_of(trader: Trader | None) -> RiskLimits:
    if trader is None:
        return RiskLimits()
    stored = trader.allowed_underlyings
    allowed = (
        frozenset(str(ticker).upper() for ticker in stored) if isinstance(stored, list) else None
    )
    return RiskLimits(
        max_contracts=trader.max_contracts,
        max_notional=trader.max_notional,
        max_loss_per_order=trader.max_loss_per_order,
        max_orders_per_day=trader.max_orders_per_day,
        allowed_underlyings=allowed,
        naked_options_allowed=trader.naked_options_allowed,
        production_trading_enabled=trader.production_trading_enabled,
        auto_confirm_threshold=trader.auto_confirm_threshold,
    )


async def load_limits(discord_id: int) -> RiskLimits:
    """The trader's limits (no limits, naked off and production off for a trader Tastybot has
    not seen; no row is made)."""
    return _limits_of(await existing_trader(discord_id))


def limits_of(trader: Trader) -> RiskLimits:
    """The limits of a trader already read (the pipeline has them at hand)."""
    return _limits_of(trader)


async def risk_settings(discord_id: int) -> RiskSettings:
    """The trader's limits and default account, for showing them."""
    trader = await existing_trader(discord_id)
    return RiskSettings(
        limits=_limits_of(trader),
        default_account_number=None if trader is None else trader.default_account_number,
    )


def _stored(name: str, value: object) -> Any:
    if name == "max_contracts":
        return parse_count(name, value, MAX_CONTRACTS_LIMIT)
    if name == "max_orders_per_day":
        return parse_count(name, value, MAX_ORDERS_PER_DAY_LIMIT)
    if name in ("max_notional", "max_loss_per_order", "auto_confirm_threshold"):
        return parse_amount(name, value)
    if name == "naked_options_allowed":
        return parse_switch(name, value)
    if name == "allowed_underlyings":
        tickers = parse_underlyings(value)
        return None if tickers is None else sorted(tickers)
    # production trading and the default account have their own functions (and checks)
    raise TypeError(f"update_limits() got an unknown limit {name!r}")


async def update_limits(discord_id: int, **changes: object) -> RiskLimits:
    """Change some of the trader's limits and return them all. Each value may be typed text
    (``"10"``, ``"$5,000"``, ``"SPY QQQ"``, ``"on"``, ``"none"`` to clear) or a plain value;
    a value that does not pass changes nothing (``ValidationError`` says why)."""
    fields = {name: _stored(name, value) for name, value in changes.items()}
    trader = await trader_for(discord_id)
    if fields:
        await Trader.filter(id=trader.id).update(**fields)
    return await load_limits(discord_id)


async def set_production_trading(discord_id: int, enabled: bool) -> RiskLimits:
    """Turn production trading on or off (off, no order of this trader reaches production)."""
    trader = await trader_for(discord_id)
    await Trader.filter(id=trader.id).update(production_trading_enabled=bool(enabled))
    return await load_limits(discord_id)


async def set_default_account(discord_id: int, account_number: str | None) -> str | None:
    """Make one of the trader's open production accounts the default for orders (``None`` or
    ``none`` clears it); returns the account number now set."""
    chosen: str | None = None
    if not _is_clear(account_number):
        assert account_number is not None
        number = _clean_account(account_number)
        accounts = await BrokerAccount.filter(
            trader__discord_id=discord_id, account_number=number
        ).values_list("environment", "is_closed")
        environments = {Environment(environment) for environment, _ in accounts}
        if Environment.PRODUCTION not in environments:
            if environments:
                raise ValidationError(
                    f"{number} is a sandbox account; the default account is the production "
                    "account your orders go to (the sandbox one is used for rehearsals)."
                )
            raise NotFoundError(
                f"You have no linked production account {number}; see your accounts with "
                "/dashboard, or link one with /link."
            )
        if any(closed for environment, closed in accounts if environment == "production"):
            raise ValidationError(f"Account {number} is closed; pick an open account.")
        chosen = number
    trader = await trader_for(discord_id)
    await Trader.filter(id=trader.id).update(default_account_number=chosen)
    return chosen


async def default_account_choices(discord_id: int, prefix: str = "") -> tuple[AccountChoice, ...]:
    """The trader's open production accounts whose number starts with ``prefix`` (for
    autocomplete; at most 25, as Discord shows)."""
    wanted = prefix.strip().upper()[:MAX_VALUE_CHARS]
    rows = (
        await BrokerAccount.filter(
            trader__discord_id=discord_id,
            environment=Environment.PRODUCTION,
            is_closed=False,
            account_number__startswith=wanted,
        )
        .order_by("account_number")
        .limit(25)
    )
    return tuple(AccountChoice(row.account_number, row.nickname) for row in rows)


# --- usage ----------------------------------------------------------------------------------------


def exchange_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants an exchange date (New York) starts and ends at (DST-aware)."""
    start = datetime.combine(day, time.min, EXCHANGE_TZ).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time.min, EXCHANGE_TZ).astimezone(UTC)
    return start, end


async def orders_today(discord_id: int, *, now: datetime) -> int:
    """How many of the trader's requests went to production on ``now``'s exchange date."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    start, end = exchange_day_bounds(exchange_today(now))
    return (
        await OrderRequest.filter(
            trader__discord_id=discord_id,
            environment=Environment.PRODUCTION,
            state__in=[state.value for state in COUNTED_STATES],
        )
        .filter(
            Q(confirmed_at__gte=start, confirmed_at__lt=end)
            | Q(confirmed_at__isnull=True, created_at__gte=start, created_at__lt=end)
        )
        .count()
    )


def holding(symbol: str, quantity: Decimal, instrument_type: str) -> Holding | None:
    """A position as the cover check reads it (``quantity`` signed); ``None`` for what covers
    no equity option (futures, crypto...)."""
    if instrument_type == EQUITY:
        return Holding(symbol, quantity)
    if instrument_type != EQUITY_OPTION:
        return None
    contract = parse_option_symbol(symbol)
    if contract is None:
        return None
    return Holding(symbol, quantity, contract.type.value, contract.expiration)


def live_holdings(positions: Iterable[BrokerPosition], underlying: str) -> tuple[Holding, ...]:
    """The live ``positions`` on ``underlying`` (its shares and its options) as holdings."""
    wanted = underlying.strip().upper()
    held = (
        holding(row.symbol, row.quantity, row.instrument_type)
        for row in positions
        if wanted in (row.underlying_symbol, row.symbol)
    )
    return tuple(one for one in held if one is not None)


def is_cash_account(account: BrokerAccount) -> bool:
    return account.margin_or_cash.strip().lower() == CASH_ACCOUNT


async def account_holdings(
    discord_id: int, account_number: str, underlying: str, environment: Environment
) -> tuple[tuple[Holding, ...], bool]:
    """The positions of the account's latest sync on ``underlying``, and whether it is a cash
    account; an account the trader does not have (or never synced) holds nothing."""
    account = await BrokerAccount.get_or_none(
        trader__discord_id=discord_id,
        environment=environment,
        account_number=_clean_account(account_number),
    )
    if account is None or account.last_synced_at is None:
        return (), False
    wanted = underlying.strip().upper()
    rows = await Position.filter(account_id=account.id, as_of=account.last_synced_at).filter(
        Q(underlying_symbol=wanted) | Q(symbol=wanted)
    )
    held = (holding(row.symbol, Decimal(row.quantity), row.instrument_type) for row in rows)
    holdings = tuple(one for one in held if one is not None)
    return holdings, is_cash_account(account)


async def risk_usage(
    discord_id: int,
    *,
    account_number: str,
    now: datetime,
    order: ResolvedOrder | None = None,
    environment: Environment = Environment.PRODUCTION,
    live: tuple[tuple[Holding, ...], bool] | None = None,
    count_orders: bool = True,
) -> RiskUsage:
    """What the trader used today (orders sent to production on this exchange date) and, given
    the ``order``, which of its short options the account's positions cover (see
    :func:`services.orders.risk.covered_short_symbols`): ``live``, the holdings on the order's
    underlying Tastytrade reports now and whether it is a cash account, when the caller has
    read them; else the latest synced positions. Without the order no cover is known, so every
    short the order itself does not cover counts as naked. ``count_orders=False`` skips
    counting today's orders (a trader without a daily cap: the count limits nothing)."""
    used = await orders_today(discord_id, now=now) if count_orders else 0
    covered: frozenset[str] = frozenset()
    if order is not None:
        holdings, cash_account = live or await account_holdings(
            discord_id, account_number, order.underlying, environment
        )
        covered = covered_short_symbols(order, holdings, cash_secured_puts=cash_account)
    return RiskUsage(orders_today=used, covered_short_symbols=covered)
