"""services.orders.limits on a real database: typed limits are parsed and stored, bad input
changes nothing, the default account is one of the trader's own open production accounts,
orders per day count by exchange date, and the account's latest positions cover shorts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from services.db.models import BrokerAccount, Environment, OrderRequest, Position, Trader
from services.errors import NotFoundError, ValidationError
from services.orders._model import OrderState, ResolvedLeg, ResolvedOrder, RiskLimits
from services.orders.limits import (
    MAX_UNDERLYINGS,
    default_account_choices,
    exchange_day_bounds,
    load_limits,
    orders_today,
    risk_settings,
    risk_usage,
    set_default_account,
    set_production_trading,
    update_limits,
)
from services.traders import trader_for

pytestmark = pytest.mark.db

TRADER, OTHER = 1001, 2002
D = Decimal
JUNE = date(2025, 6, 20)
# 23:00 on Thursday 19 June in New York (EDT): the exchange date is still the 19th
NOW = datetime(2025, 6, 20, 3, 0, tzinfo=UTC)


async def _stored_trader(discord_id: int = TRADER) -> Trader:
    return await Trader.get(discord_id=discord_id)


# --- limits ---------------------------------------------------------------------------------------


async def test_a_trader_never_seen_has_no_limits_and_no_row(database: str) -> None:
    assert await load_limits(TRADER) == RiskLimits()
    assert await Trader.filter(discord_id=TRADER).count() == 0


async def test_typed_limits_are_parsed_and_stored(database: str) -> None:
    limits = await update_limits(
        TRADER,
        max_contracts="1,000",
        max_notional="$5,000",
        max_loss_per_order="2.5k",
        max_orders_per_day=" 12 ",
        allowed_underlyings="spy, QQQ  $iwm brk/b",
        naked_options_allowed="on",
        auto_confirm_threshold="250.50",
    )

    assert limits == RiskLimits(
        max_contracts=1000,
        max_notional=D("5000"),
        max_loss_per_order=D("2500"),
        max_orders_per_day=12,
        allowed_underlyings=frozenset({"SPY", "QQQ", "IWM", "BRK/B"}),
        naked_options_allowed=True,
        production_trading_enabled=False,
        auto_confirm_threshold=D("250.50"),
    )
    assert await load_limits(TRADER) == limits
    assert (await _stored_trader()).allowed_underlyings == ["BRK/B", "IWM", "QQQ", "SPY"]


async def test_none_clears_a_limit(database: str) -> None:
    await update_limits(TRADER, max_contracts=10, allowed_underlyings="SPY", max_notional="1m")

    limits = await update_limits(
        TRADER, max_contracts="none", allowed_underlyings="None", max_notional=None
    )

    assert (limits.max_contracts, limits.allowed_underlyings, limits.max_notional) == (
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("max_contracts", "0", "whole number from 1 to 10,000"),
        ("max_contracts", "-3", "whole number"),
        ("max_contracts", "2.5", "whole number"),
        ("max_contracts", "10001", "whole number"),
        ("max_contracts", "1e3", "whole number"),
        ("max_contracts", "ten", "whole number"),
        ("max_contracts", "١٢", "whole number"),  # Arabic-Indic digits pass str.isdigit()
        ("max_contracts", True, "whole number"),
        ("max_contracts", "9" * 500, "too long"),
        ("max_orders_per_day", "1001", "from 1 to 1,000"),
        ("max_notional", "0", "above 0"),
        ("max_notional", "-5", "above 0"),
        ("max_notional", "NaN", "above 0"),
        ("max_notional", "inf", "above 0"),
        ("max_notional", "1e3", "above 0"),
        ("max_notional", "2000000000", "at most $1,000,000,000"),
        ("max_notional", "5.001", "cents at most"),
        ("max_loss_per_order", "@everyone", "amount in dollars"),
        ("auto_confirm_threshold", "$", "amount in dollars"),
        ("allowed_underlyings", "SPY; DROP TABLE trader", "not a ticker: `SPY;`"),
        ("allowed_underlyings", "<@123456789>", "not a ticker"),
        ("allowed_underlyings", " , ", "at least one ticker"),
        ("allowed_underlyings", "SPY " * 600, "too long"),
        ("naked_options_allowed", "maybe", "say `on` or `off`"),
    ],
)
async def test_bad_values_are_refused_and_change_nothing(
    database: str, name: str, value: object, says: str
) -> None:
    before = await update_limits(TRADER, max_contracts=5, allowed_underlyings="SPY")

    with pytest.raises(ValidationError) as refused:
        await update_limits(TRADER, **{name: value})

    assert says in refused.value.user_message
    assert await load_limits(TRADER) == before


async def test_more_than_the_maximum_underlyings_is_refused(database: str) -> None:
    tickers = " ".join(f"T{n:03d}" for n in range(MAX_UNDERLYINGS + 1))

    with pytest.raises(ValidationError, match="at most 100 underlyings"):
        await update_limits(TRADER, allowed_underlyings=tickers)


async def test_one_bad_value_keeps_the_good_ones_out_too(database: str) -> None:
    with pytest.raises(ValidationError):
        await update_limits(TRADER, max_contracts="10", max_notional="lots")

    assert await load_limits(TRADER) == RiskLimits()


async def test_an_unknown_limit_is_a_programming_error(database: str) -> None:
    with pytest.raises(TypeError, match="production_trading_enabled"):
        await update_limits(TRADER, production_trading_enabled=True)


async def test_production_trading_switches_on_and_off(database: str) -> None:
    assert (await set_production_trading(TRADER, True)).production_trading_enabled
    assert not (await set_production_trading(TRADER, False)).production_trading_enabled


async def test_another_traders_limits_are_untouched(database: str) -> None:
    await update_limits(TRADER, max_contracts=3, naked_options_allowed=True)
    await set_production_trading(TRADER, True)

    await update_limits(OTHER, max_contracts=50)
    await set_production_trading(OTHER, False)

    mine = await load_limits(TRADER)
    assert (mine.max_contracts, mine.naked_options_allowed, mine.production_trading_enabled) == (
        3,
        True,
        True,
    )


# --- default account ------------------------------------------------------------------------------


async def _account(
    number: str,
    *,
    discord_id: int = TRADER,
    environment: Environment = Environment.PRODUCTION,
    closed: bool = False,
    margin_or_cash: str = "Margin",
    synced_at: datetime | None = None,
) -> BrokerAccount:
    return await BrokerAccount.create(
        trader=await trader_for(discord_id),
        environment=environment,
        account_number=number,
        nickname=f"nick {number}",
        is_closed=closed,
        margin_or_cash=margin_or_cash,
        last_synced_at=synced_at,
    )


async def test_the_default_account_is_one_of_the_traders_production_accounts(
    database: str,
) -> None:
    await _account("5WT00001")

    assert await set_default_account(TRADER, " 5wt00001 ") == "5WT00001"
    assert (await risk_settings(TRADER)).default_account_number == "5WT00001"
    assert await set_default_account(TRADER, "none") is None
    assert (await risk_settings(TRADER)).default_account_number is None


async def test_a_sandbox_account_cannot_be_the_default(database: str) -> None:
    await _account("5WZ00001", environment=Environment.SANDBOX)

    with pytest.raises(ValidationError, match="sandbox account"):
        await set_default_account(TRADER, "5WZ00001")


async def test_a_closed_account_cannot_be_the_default(database: str) -> None:
    await _account("5WT00009", closed=True)

    with pytest.raises(ValidationError, match="closed"):
        await set_default_account(TRADER, "5WT00009")


async def test_another_traders_account_is_not_found(database: str) -> None:
    await _account("5WT00002", discord_id=OTHER)
    await set_default_account(TRADER, None)

    with pytest.raises(NotFoundError, match="no linked production account 5WT00002"):
        await set_default_account(TRADER, "5WT00002")
    assert (await risk_settings(TRADER)).default_account_number is None


@pytest.mark.parametrize("typed", ["5WT-0001", "<@&1>", "x" * 200, ""])
async def test_a_malformed_account_number_is_refused(database: str, typed: str) -> None:
    with pytest.raises(ValidationError, match="not an account number"):
        await set_default_account(TRADER, typed)


async def test_account_choices_are_the_traders_open_production_accounts(database: str) -> None:
    await _account("5WT00001")
    await _account("5WT00002")
    await _account("5WT00003", closed=True)
    await _account("5WZ00001", environment=Environment.SANDBOX)
    await _account("5WT00004", discord_id=OTHER)

    choices = await default_account_choices(TRADER, "5wt")

    assert [choice.account_number for choice in choices] == ["5WT00001", "5WT00002"]
    assert choices[0].nickname == "nick 5WT00001"
    assert await default_account_choices(TRADER, "9") == ()


# --- orders per day -------------------------------------------------------------------------------


async def _request(
    state: OrderState,
    confirmed_at: datetime | None,
    *,
    discord_id: int = TRADER,
    environment: Environment = Environment.PRODUCTION,
    created_at: datetime | None = None,
) -> OrderRequest:
    count = await OrderRequest.all().count()
    row = await OrderRequest.create(
        trader=await trader_for(discord_id),
        source="chat",
        state=state.value,
        environment=environment,
        external_identifier=f"tb-limits-{count}",
        confirmed_at=confirmed_at,
    )
    if created_at is not None:
        await OrderRequest.filter(id=row.id).update(created_at=created_at)
    return row


def test_the_exchange_day_follows_new_york_time() -> None:
    summer = exchange_day_bounds(date(2025, 6, 19))
    winter = exchange_day_bounds(date(2025, 12, 19))

    assert summer == (datetime(2025, 6, 19, 4, tzinfo=UTC), datetime(2025, 6, 20, 4, tzinfo=UTC))
    assert winter[0] == datetime(2025, 12, 19, 5, tzinfo=UTC)


async def test_orders_today_count_production_requests_sent_on_the_exchange_date(
    database: str,
) -> None:
    thursday_morning = datetime(2025, 6, 19, 14, 0, tzinfo=UTC)
    for state in (
        OrderState.CONFIRMED,
        OrderState.PLACING,
        OrderState.PLACED,
        OrderState.PARTIALLY_FILLED,
        OrderState.FILLED,
    ):
        await _request(state, thursday_morning)
    # none of these count: not sent, sandbox, another trader, another exchange date
    await _request(OrderState.PREVIEWED, None)
    await _request(OrderState.REFUSED, None)
    await _request(OrderState.REJECTED, thursday_morning)
    await _request(OrderState.FILLED, thursday_morning, environment=Environment.SANDBOX)
    await _request(OrderState.FILLED, thursday_morning, discord_id=OTHER)
    await _request(OrderState.FILLED, datetime(2025, 6, 19, 3, 59, tzinfo=UTC))  # Wed 23:59
    await _request(OrderState.FILLED, datetime(2025, 6, 20, 4, 0, tzinfo=UTC))  # Fri 00:00

    assert await orders_today(TRADER, now=NOW) == 5
    assert (await risk_usage(TRADER, account_number="5WT00001", now=NOW)).orders_today == 5


async def test_a_request_without_a_confirmation_time_counts_by_its_creation(
    database: str,
) -> None:
    await _request(OrderState.PLACING, None, created_at=datetime(2025, 6, 19, 20, tzinfo=UTC))
    await _request(OrderState.PLACING, None, created_at=datetime(2025, 6, 18, 20, tzinfo=UTC))

    assert await orders_today(TRADER, now=NOW) == 1


async def test_a_naive_now_is_refused(database: str) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await orders_today(TRADER, now=datetime(2025, 6, 19, 12))


# --- cover from positions -------------------------------------------------------------------------

SYNCED = datetime(2025, 6, 19, 20, 0, tzinfo=UTC)


def _occ(kind: str, strike: int, root: str = "SPY") -> str:
    return f"{root:<6}{JUNE:%y%m%d}{'C' if kind == 'call' else 'P'}{strike * 1000:08d}"


def _short(kind: str, strike: int, underlying: str = "SPY") -> ResolvedOrder:
    leg = ResolvedLeg(
        _occ(kind, strike, underlying), "Equity Option", "Sell to Open", D(1), kind, D(strike), JUNE
    )
    return ResolvedOrder("5WT00001", underlying, (leg,), "Limit", D("1.00"), "Credit", "Day")


async def _position(
    account: BrokerAccount,
    symbol: str,
    quantity: int,
    *,
    underlying: str = "SPY",
    as_of: datetime = SYNCED,
    instrument_type: str | None = None,
) -> None:
    kind = instrument_type or ("Equity" if symbol == underlying else "Equity Option")
    await Position.create(
        account=account,
        symbol=symbol,
        underlying_symbol=underlying,
        instrument_type=kind,
        quantity=D(quantity),
        multiplier=1 if kind == "Equity" else 100,
        as_of=as_of,
        payload={},
    )


async def _usage_for(order: ResolvedOrder, account_number: str = "5WT00001") -> frozenset[str]:
    usage = await risk_usage(TRADER, account_number=account_number, now=NOW, order=order)
    return usage.covered_short_symbols


async def test_shares_of_the_latest_sync_cover_a_short_call(database: str) -> None:
    account = await _account("5WT00001", synced_at=SYNCED)
    await _position(account, "SPY", 100)

    assert await _usage_for(_short("call", 460)) == {_occ("call", 460)}


async def test_an_older_snapshot_covers_nothing(database: str) -> None:
    account = await _account("5WT00001", synced_at=SYNCED)
    await _position(account, "SPY", 100, as_of=datetime(2025, 6, 18, tzinfo=UTC))

    assert await _usage_for(_short("call", 460)) == frozenset()


async def test_shares_of_another_underlying_cover_nothing(database: str) -> None:
    account = await _account("5WT00001", synced_at=SYNCED)
    await _position(account, "QQQ", 100, underlying="QQQ")

    assert await _usage_for(_short("call", 460)) == frozenset()


async def test_a_held_long_call_covers_and_a_held_short_call_uses_up_shares(
    database: str,
) -> None:
    account = await _account("5WT00001", synced_at=SYNCED)
    await _position(account, "SPY", 100)
    await _position(account, _occ("call", 470), -1)
    await _position(account, _occ("put", 430), 1)

    assert await _usage_for(_short("call", 460)) == frozenset()
    assert await _usage_for(_short("put", 440)) == {_occ("put", 440)}


async def test_futures_positions_are_ignored(database: str) -> None:
    account = await _account("5WT00001", synced_at=SYNCED)
    await _position(account, "/ESU5", 1, underlying="SPY", instrument_type="Future")

    assert await _usage_for(_short("call", 460)) == frozenset()


async def test_a_cash_account_secures_short_puts(database: str) -> None:
    await _account("5WT00001", synced_at=SYNCED, margin_or_cash="Cash")

    assert await _usage_for(_short("put", 440)) == {_occ("put", 440)}
    assert await _usage_for(_short("call", 460)) == frozenset()


async def test_another_traders_positions_cover_nothing(database: str) -> None:
    theirs = await _account("5WT00001", discord_id=OTHER, synced_at=SYNCED)
    await _position(theirs, "SPY", 1000)

    assert await _usage_for(_short("call", 460)) == frozenset()


async def test_without_the_order_no_cover_is_claimed(database: str) -> None:
    account = await _account("5WT00001", synced_at=SYNCED)
    await _position(account, "SPY", 100)

    usage = await risk_usage(TRADER, account_number="5WT00001", now=NOW)

    assert usage.covered_short_symbols == frozenset()
