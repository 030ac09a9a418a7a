"""Hand-built rows for the portfolio tests: accounts, wire transactions stored exactly as a
sync stores them, balance snapshots and positions of the latest snapshot."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from tastytrade.account import Transaction as SdkTransaction

from services.db.models import BalanceSnapshot, BrokerAccount, Position, Transaction
from services.environment import Environment
from services.parsing import EXCHANGE_TZ
from services.sync._store import transaction_values
from services.traders import trader_for

TRADER = 1001
OTHER = 2002


async def account_of(discord_id: int, number: str, environment: Environment) -> BrokerAccount:
    trader = await trader_for(discord_id)
    return await BrokerAccount.create(
        trader=trader,
        environment=environment,
        account_number=number,
        nickname=f"{number} nick",
        last_synced_at=datetime(2026, 11, 18, 15, 0, tzinfo=UTC),
    )


def wire_trade(
    tastytrade_id: int,
    account: str,
    action: str,
    symbol: str,
    quantity: str,
    price: str,
    when: datetime,
    *,
    commission: str = "1.00",
    multiplier: int = 1,
    underlying: str | None = None,
) -> dict[str, Any]:
    """A fill as Tastytrade sends it (amounts unsigned, with their effects)."""
    value = Decimal(quantity) * Decimal(price) * multiplier
    debit = action.startswith("Buy")
    fee = Decimal(commission)
    net = -value - fee if debit else value - fee
    return {
        "id": tastytrade_id,
        "account-number": account,
        "transaction-type": "Trade",
        "transaction-sub-type": action,
        "description": f"{action} {quantity} {symbol} @ {price}",
        "executed-at": when.isoformat(),
        "transaction-date": when.astimezone(EXCHANGE_TZ).date().isoformat(),
        "value": str(value),
        "value-effect": "Debit" if debit else "Credit",
        "net-value": str(abs(net)),
        "net-value-effect": "Debit" if net < 0 else "Credit",
        "commission": commission,
        "commission-effect": "Debit",
        "is-estimated-fee": False,
        "symbol": symbol,
        "instrument-type": "Equity Option" if multiplier == 100 else "Equity",
        "underlying-symbol": underlying or symbol,
        "action": action,
        "quantity": quantity,
        "price": price,
    }


async def store(account: BrokerAccount, wire: dict[str, Any]) -> None:
    """Store a wire transaction exactly as a sync would."""
    model = SdkTransaction.model_validate(wire)
    await Transaction.create(account=account, tastytrade_id=model.id, **transaction_values(model))


async def balance(account: BrokerAccount, when: datetime, net_liq: str) -> None:
    await BalanceSnapshot.create(
        account=account,
        as_of=when,
        cash_balance=Decimal(net_liq),
        net_liquidating_value=Decimal(net_liq),
        derivative_buying_power=Decimal(net_liq) / 2,
        payload={},
    )


async def position(
    account: BrokerAccount, symbol: str, quantity: str, average: str, mark: str, multiplier: int = 1
) -> None:
    assert account.last_synced_at is not None
    await Position.create(
        account=account,
        symbol=symbol,
        underlying_symbol=symbol.split()[0],
        instrument_type="Equity" if multiplier == 1 else "Equity Option",
        quantity=Decimal(quantity),
        average_open_price=Decimal(average),
        mark=Decimal(mark),
        multiplier=multiplier,
        as_of=account.last_synced_at,
        payload={},
    )
