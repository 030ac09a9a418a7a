"""Account bookkeeping in Tastytrade's wire format: transactions, positions, cash, balances.

``Ledger`` is the only code that mutates ``AccountState.transactions``, ``positions`` and
``cash``. Every change is recorded as a wire ``Transaction`` (dasherized keys, money as
absolute strings with a ``*-effect`` sibling) and ``AccountState.cash`` is always exactly the
sum of the signed ``net-value`` of every transaction.

How Tastytrade records things (and so how this module does):

* fills: ``transaction-type`` ``Trade``, ``transaction-sub-type`` = ``action`` (``Buy to Open``,
  ``Sell to Close``...), ``value`` = price x quantity x multiplier, fees in ``commission``,
  ``clearing-fees``, ``regulatory-fees``, ``proprietary-index-option-fees``, and
  ``net-value`` = value - fees.
* option removal at expiration: ``Receive Deliver`` / ``Expiration`` with a zero value; an
  assignment or exercise removes the option the same way (sub-types ``Assignment`` and
  ``Exercise``) and delivers the stock in separate ``Receive Deliver`` transactions whose
  sub-type is the stock action (``Buy to Open``, ``Sell to Close``...) at the strike.
  Cash-settled index options (SPX, SPXW, XSP, NDX, RUT...) have no stock: a single
  ``Cash Settled Assignment`` / ``Cash Settled Exercise`` carries the intrinsic value.
* cash: ``Money Movement`` with sub-types ``Deposit``, ``Withdrawal``, ``Dividend``,
  ``Credit Interest``, ``Debit Interest``, ``Fee``, ``Balance Adjustment``.

Fee schedule (Tastytrade's published one, approximately): equity options $1.00 per contract to
open capped at $10 per leg, nothing to close; clearing $0.10 per contract; index options add a
proprietary index option fee of $0.65 per contract; sells of options pay ORF $0.02 per
contract; equities pay no commission, clearing $0.0008 per share, and sells pay the SEC fee
($27.80 per million, rounded up to the cent) plus FINRA TAF ($0.000166 per share, max $8.30).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

# parse_occ stays importable from here (tests/integration/sync reads it from the ledger)
from simulator.symbols import OptionSymbol, parse_occ
from simulator.wire import iso, money, put_money

if TYPE_CHECKING:
    from simulator.state import AccountState

NEW_YORK = ZoneInfo("America/New_York")

EQUITY = "Equity"
EQUITY_OPTION = "Equity Option"
BUY_TO_OPEN = "Buy to Open"
BUY_TO_CLOSE = "Buy to Close"
SELL_TO_OPEN = "Sell to Open"
SELL_TO_CLOSE = "Sell to Close"
ACTIONS = (BUY_TO_OPEN, BUY_TO_CLOSE, SELL_TO_OPEN, SELL_TO_CLOSE)
TRADE = "Trade"
RECEIVE_DELIVER = "Receive Deliver"
MONEY_MOVEMENT = "Money Movement"

ZERO = Decimal(0)
CENT = Decimal("0.01")
OPTION_COMMISSION = Decimal("1.00")
OPTION_COMMISSION_CAP = Decimal("10.00")
OPTION_CLEARING = Decimal("0.10")
INDEX_OPTION_FEE = Decimal("0.65")
OPTION_ORF = Decimal("0.02")
EQUITY_CLEARING = Decimal("0.0008")
SEC_RATE = Decimal("0.0000278")
TAF_RATE = Decimal("0.000166")
TAF_CAP = Decimal("8.30")
HUNDRED = Decimal(100)
ONE = Decimal(1)


class LedgerError(ValueError):
    """A change the account cannot take (closing more than is held, unknown action...)."""


class _Quote(Protocol):
    @property
    def mark(self) -> Decimal: ...


class MarketLike(Protocol):
    """The part of ``simulator.market.Market`` the ledger uses."""

    def quote(self, symbol: str) -> Any: ...

    def price_on(self, sym: str, day: date) -> Decimal: ...

    def option_price_on(
        self, underlying: str, expiration: date, option_type: str, strike: Decimal, day: date
    ) -> Decimal: ...


# ---------------------------------------------------------------------------------------------
# symbols, dates, formatting


@lru_cache(maxsize=4096)
def option_expires_at(expiration: date) -> datetime:
    """16:15 New York on the expiration day, in UTC (what Tastytrade sends as ``expires-at``)."""
    return datetime.combine(expiration, time(16, 15), NEW_YORK).astimezone(UTC)


def ny_date(moment: datetime) -> date:
    return moment.astimezone(NEW_YORK).date()


def fmt_qty(quantity: Decimal) -> str:
    """Quantities as Tastytrade sends them in positions: ``"100"``, ``"0.5"``."""
    if quantity == quantity.to_integral_value():
        return str(int(quantity))
    return str(quantity.normalize())


def fmt_tx_qty(quantity: Decimal) -> str:
    """Quantities as Tastytrade sends them in transactions: ``"100.0"``."""
    if quantity == quantity.to_integral_value():
        return f"{int(quantity)}.0"
    return str(quantity.normalize())


def fmt_price(price: Decimal) -> str:
    """Prices as Tastytrade sends them: ``"4.0"``, ``"1.25"``, ``"200.0"``."""
    text = format(price.normalize(), "f") if price else "0"
    return text if "." in text else text + ".0"


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _describe_option(opt: OptionSymbol) -> str:
    kind = "Call" if opt.option_type == "C" else "Put"
    return f"{opt.root} {opt.expiration:%m/%d/%y} {kind} {opt.strike:.2f}"


def describe_symbol(symbol: str) -> str:
    opt = parse_occ(symbol)
    return _describe_option(opt) if opt else symbol


# ---------------------------------------------------------------------------------------------
# fees


@dataclass(frozen=True, slots=True)
class Fees:
    """Positive amounts, each a debit."""

    commission: Decimal = ZERO
    clearing: Decimal = ZERO
    regulatory: Decimal = ZERO
    proprietary: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.commission + self.clearing + self.regulatory + self.proprietary

    def wire(self) -> dict[str, str]:
        """``FeeCalculation`` fields (all debits), for order dry-runs."""
        out: dict[str, str] = {}
        put_money(out, "regulatory-fees", -self.regulatory)
        put_money(out, "clearing-fees", -self.clearing)
        put_money(out, "commission", -self.commission)
        put_money(out, "proprietary-index-option-fees", -self.proprietary)
        put_money(out, "total-fees", -self.total)
        return out


NO_FEES = Fees()


def compute_fees(
    instrument_type: str,
    symbol: str,
    action: str,
    quantity: Decimal,
    price: Decimal,
    multiplier: Decimal | None = None,
) -> Fees:
    """Fees Tastytrade charges for one fill (see the module docstring for the schedule)."""
    selling = action.startswith("Sell")
    if instrument_type == EQUITY_OPTION:
        mult = multiplier if multiplier is not None else HUNDRED
        opening = action.endswith("Open")
        commission = min(OPTION_COMMISSION * quantity, OPTION_COMMISSION_CAP) if opening else ZERO
        opt = parse_occ(symbol)
        proprietary = cents(INDEX_OPTION_FEE * quantity) if opt and opt.cash_settled else ZERO
        regulatory = ZERO
        if selling:
            principal = price * quantity * mult
            regulatory = cents(OPTION_ORF * quantity) + _sec_fee(principal)
        return Fees(cents(commission), cents(OPTION_CLEARING * quantity), regulatory, proprietary)
    if instrument_type == EQUITY:
        clearing = cents(EQUITY_CLEARING * quantity)
        regulatory = ZERO
        if selling:
            taf = min((TAF_RATE * quantity).quantize(CENT, rounding=ROUND_CEILING), TAF_CAP)
            regulatory = _sec_fee(price * quantity) + taf
        return Fees(ZERO, clearing, regulatory, ZERO)
    return NO_FEES


def _sec_fee(principal: Decimal) -> Decimal:
    return (principal * SEC_RATE).quantize(CENT, rounding=ROUND_CEILING)


# ---------------------------------------------------------------------------------------------
# the ledger


def _signed(value: str, effect: str | None) -> Decimal:
    amount = Decimal(value)
    return -amount if effect == "Debit" else amount


def position_quantity(position: dict[str, Any]) -> Decimal:
    """Signed quantity of a wire position (short is negative)."""
    quantity = Decimal(position["quantity"])
    return -quantity if position["quantity-direction"] == "Short" else quantity


def transaction_net(tx: dict[str, Any]) -> Decimal:
    """Signed ``net-value`` of a wire transaction."""
    return _signed(str(tx["net-value"]), tx.get("net-value-effect"))


class Ledger:
    """Applies trades, cash movements, expirations, assignments and exercises to accounts."""

    def __init__(self, env_ids: Iterator[int]) -> None:
        self._ids = env_ids

    def next_id(self) -> int:
        """A fresh id from the environment's shared id source (orders use it too)."""
        return next(self._ids)

    # -- trades ---------------------------------------------------------------------------

    def trade(
        self,
        acct: AccountState,
        *,
        symbol: str,
        instrument_type: str,
        underlying: str,
        action: str,
        quantity: Decimal,
        price: Decimal,
        executed_at: datetime,
        order_id: int | None = None,
        multiplier: Decimal | None = None,
        fees: Fees | None = None,
        transaction_type: str = TRADE,
        description: str | None = None,
    ) -> dict[str, Any]:
        """Record one fill (a ``Trade`` transaction with fees) and update position and cash.

        ``quantity`` and ``price`` are positive; ``action`` gives the direction. Raises
        ``LedgerError`` when closing more than is held or opening against an opposite position.
        """
        if action not in ACTIONS:
            raise LedgerError(f"unsupported action {action!r}")
        quantity = Decimal(quantity)
        price = Decimal(price)
        if quantity <= 0 or price < 0:
            raise LedgerError("quantity must be positive and price not negative")
        mult = (
            Decimal(multiplier) if multiplier is not None else _default_multiplier(instrument_type)
        )
        if fees is None:
            fees = compute_fees(instrument_type, symbol, action, quantity, price, mult)
        selling = action.startswith("Sell")
        gross = cents(price * quantity * mult)
        value = gross if selling else -gross
        net = value - fees.total
        when = executed_at.astimezone(UTC)
        day = ny_date(when)
        self._move_position(
            acct, symbol, instrument_type, underlying, action, quantity, price, mult, when, day
        )
        if description is None:
            verb = "Sold" if selling else "Bought"
            description = f"{verb} {fmt_qty(quantity)} {describe_symbol(symbol)} @ {price:.2f}"
        tx = self._base(acct, transaction_type, action, description, when, day, value, net)
        tx["symbol"] = symbol
        tx["instrument-type"] = instrument_type
        tx["underlying-symbol"] = underlying
        tx["action"] = action
        tx["quantity"] = fmt_tx_qty(quantity)
        tx["price"] = fmt_price(price)
        put_money(tx, "regulatory-fees", -fees.regulatory)
        put_money(tx, "clearing-fees", -fees.clearing)
        put_money(tx, "commission", -fees.commission)
        put_money(tx, "proprietary-index-option-fees", -fees.proprietary)
        tx["is-estimated-fee"] = transaction_type == TRADE
        if order_id is not None:
            tx["order-id"] = order_id
            tx["ext-global-order-number"] = order_id
            tx["ext-group-fill-id"] = f"{order_id}-{tx['id']}"
            tx["ext-exec-id"] = f"E{tx['id']}"
            tx["exchange"] = "C" if instrument_type == EQUITY_OPTION else "Q"
            tx["leg-count"] = 1
        return self._commit(acct, tx, net)

    # -- cash ----------------------------------------------------------------------------

    def cash(
        self,
        acct: AccountState,
        *,
        sub_type: str,
        amount: Decimal,
        executed_at: datetime,
        description: str,
        symbol: str | None = None,
    ) -> dict[str, Any]:
        """A ``Money Movement`` of the signed ``amount`` (credit positive)."""
        amount = cents(Decimal(amount))
        when = executed_at.astimezone(UTC)
        tx = self._base(
            acct, MONEY_MOVEMENT, sub_type, description, when, ny_date(when), amount, amount
        )
        if symbol is not None:
            tx["symbol"] = symbol
            tx["underlying-symbol"] = symbol
            tx["instrument-type"] = EQUITY
        return self._commit(acct, tx, amount)

    # -- expiration, assignment, exercise ---------------------------------------------------

    def expire(
        self,
        acct: AccountState,
        symbol: str,
        executed_at: datetime,
        quantity: Decimal | None = None,
    ) -> dict[str, Any]:
        """Remove an option position (or ``quantity`` of it) as expired worthless."""
        return self._remove_option(acct, symbol, executed_at, "Expiration", quantity, ZERO)

    def assign(
        self,
        acct: AccountState,
        symbol: str,
        executed_at: datetime,
        quantity: Decimal | None = None,
        settlement_price: Decimal | None = None,
    ) -> list[dict[str, Any]]:
        """Assignment of a short option: removal plus stock delivery at the strike.

        Cash-settled index options need ``settlement_price`` (the underlying's settlement
        value) and produce one ``Cash Settled Assignment`` debiting the intrinsic value.
        """
        return self._settle(acct, symbol, executed_at, quantity, settlement_price, short=True)

    def exercise(
        self,
        acct: AccountState,
        symbol: str,
        executed_at: datetime,
        quantity: Decimal | None = None,
        settlement_price: Decimal | None = None,
    ) -> list[dict[str, Any]]:
        """Exercise of a long option: removal plus stock delivery (or a cash settlement)."""
        return self._settle(acct, symbol, executed_at, quantity, settlement_price, short=False)

    def settle_expiring(
        self,
        acct: AccountState,
        day: date,
        underlying_prices: dict[str, Decimal],
        executed_at: datetime,
    ) -> list[dict[str, Any]]:
        """Settle every option expiring on or before ``day`` by moneyness.

        ITM (by at least a cent) shorts are assigned and longs exercised, the rest expire.
        Stock purchases are delivered before stock sales, so spreads that finish in the money
        never need stock the account does not hold. ``underlying_prices`` maps the
        positions' underlying symbols to the settlement price.
        """
        buys: list[tuple[str, Decimal, bool]] = []
        sells: list[tuple[str, Decimal, bool]] = []
        out: list[dict[str, Any]] = []
        for symbol, position in list(acct.positions.items()):
            opt = parse_occ(symbol)
            if opt is None or opt.expiration > day:
                continue
            spot = underlying_prices[position["underlying-symbol"]]
            intrinsic = spot - opt.strike if opt.option_type == "C" else opt.strike - spot
            short = position["quantity-direction"] == "Short"
            if intrinsic < CENT:
                out.append(self.expire(acct, symbol, executed_at))
            elif (opt.option_type == "P") == short:  # short put / long call buy stock
                buys.append((symbol, spot, short))
            else:
                sells.append((symbol, spot, short))
        for symbol, spot, short in buys + sells:
            if short:
                out.extend(self.assign(acct, symbol, executed_at, settlement_price=spot))
            else:
                out.extend(self.exercise(acct, symbol, executed_at, settlement_price=spot))
        return out

    def _settle(
        self,
        acct: AccountState,
        symbol: str,
        executed_at: datetime,
        quantity: Decimal | None,
        settlement_price: Decimal | None,
        *,
        short: bool,
    ) -> list[dict[str, Any]]:
        position = acct.positions.get(symbol)
        opt = parse_occ(symbol)
        if position is None or opt is None:
            raise LedgerError(f"no option position in {symbol}")
        if (position["quantity-direction"] == "Short") != short:
            raise LedgerError(
                f"{'assignment' if short else 'exercise'} needs a "
                f"{'short' if short else 'long'} position in {symbol}"
            )
        held = Decimal(position["quantity"])
        qty = held if quantity is None else Decimal(quantity)
        mult = Decimal(position["multiplier"])
        underlying = position["underlying-symbol"]
        kind = "Assignment" if short else "Exercise"
        if opt.cash_settled:
            if settlement_price is None:
                raise LedgerError(f"cash-settled {symbol} needs a settlement price")
            spot = Decimal(settlement_price)
            intrinsic = spot - opt.strike if opt.option_type == "C" else opt.strike - spot
            amount = cents(max(intrinsic, ZERO) * qty * mult)
            return [
                self._remove_option(
                    acct,
                    symbol,
                    executed_at,
                    f"Cash Settled {kind}",
                    qty,
                    -amount if short else amount,
                )
            ]
        out = [self._remove_option(acct, symbol, executed_at, kind, qty, ZERO)]
        shares = qty * mult
        buying = (opt.option_type == "P") == short
        out.extend(self._deliver(acct, underlying, buying, shares, opt.strike, executed_at, kind))
        return out

    def _deliver(
        self,
        acct: AccountState,
        underlying: str,
        buying: bool,
        shares: Decimal,
        price: Decimal,
        executed_at: datetime,
        kind: str,
    ) -> list[dict[str, Any]]:
        """Stock delivered by an assignment/exercise: closes first, then opens the rest."""
        existing = acct.positions.get(underlying)
        held = position_quantity(existing) if existing else ZERO
        legs: list[tuple[str, Decimal]] = []
        if buying:
            closing = min(shares, -held) if held < 0 else ZERO
            if closing:
                legs.append((BUY_TO_CLOSE, closing))
            if shares - closing:
                legs.append((BUY_TO_OPEN, shares - closing))
        else:
            closing = min(shares, held) if held > 0 else ZERO
            if closing:
                legs.append((SELL_TO_CLOSE, closing))
            if shares - closing:
                legs.append((SELL_TO_OPEN, shares - closing))
        out = []
        for action, qty in legs:
            verb = "Buy" if buying else "Sell"
            out.append(
                self.trade(
                    acct,
                    symbol=underlying,
                    instrument_type=EQUITY,
                    underlying=underlying,
                    action=action,
                    quantity=qty,
                    price=price,
                    executed_at=executed_at,
                    transaction_type=RECEIVE_DELIVER,
                    description=f"{verb} {fmt_qty(qty)} {underlying} @ {price:.2f} ({kind})",
                )
            )
        return out

    def _remove_option(
        self,
        acct: AccountState,
        symbol: str,
        executed_at: datetime,
        sub_type: str,
        quantity: Decimal | None,
        value: Decimal,
    ) -> dict[str, Any]:
        position = acct.positions.get(symbol)
        opt = parse_occ(symbol)
        if position is None or opt is None:
            raise LedgerError(f"no option position in {symbol}")
        qty = Decimal(position["quantity"]) if quantity is None else Decimal(quantity)
        long = position["quantity-direction"] == "Long"
        action = SELL_TO_CLOSE if long else BUY_TO_CLOSE
        when = executed_at.astimezone(UTC)
        day = ny_date(when)
        mult = Decimal(position["multiplier"])
        # the removal "price" is the value received per unit (0 for an expiration)
        unit = (abs(value) / (qty * mult)) if value else ZERO
        self._move_position(
            acct,
            symbol,
            EQUITY_OPTION,
            position["underlying-symbol"],
            action,
            qty,
            unit,
            mult,
            when,
            day,
        )
        reason = sub_type.lower()
        description = f"Removal of {fmt_tx_qty(qty)} {_describe_option(opt)} due to {reason}"
        tx = self._base(acct, RECEIVE_DELIVER, sub_type, description, when, day, value, value)
        tx["symbol"] = symbol
        tx["instrument-type"] = EQUITY_OPTION
        tx["underlying-symbol"] = position["underlying-symbol"]
        tx["action"] = action
        tx["quantity"] = fmt_tx_qty(qty)
        tx["price"] = fmt_price(unit)
        return self._commit(acct, tx, value)

    # -- replay ----------------------------------------------------------------------------

    def record(self, acct: AccountState, tx: dict[str, Any]) -> dict[str, Any]:
        """Append an existing wire transaction as is (scenario replay).

        Cash moves by its signed ``net-value``; a transaction with ``action``, ``symbol`` and
        ``quantity`` moves the position like a fill at its ``price`` (multiplier 100 for
        ``Equity Option``). Raises ``LedgerError`` like ``trade`` for impossible changes.
        """
        action = tx.get("action")
        if action and tx.get("symbol") and tx.get("quantity") is not None:
            if action not in ACTIONS:
                raise LedgerError(f"unsupported action {action!r} in transaction {tx.get('id')}")
            instrument_type = str(tx.get("instrument-type") or EQUITY)
            when = datetime.fromisoformat(str(tx["executed-at"]).replace("Z", "+00:00"))
            when = when.astimezone(UTC)
            self._move_position(
                acct,
                tx["symbol"],
                instrument_type,
                str(tx.get("underlying-symbol") or tx["symbol"]),
                action,
                Decimal(str(tx["quantity"])),
                Decimal(str(tx.get("price") or 0)),
                _default_multiplier(instrument_type),
                when,
                ny_date(when),
            )
        return self._commit(acct, tx, transaction_net(tx))

    # -- plumbing ------------------------------------------------------------------------

    def _base(
        self,
        acct: AccountState,
        tx_type: str,
        sub_type: str,
        description: str,
        when: datetime,
        day: date,
        value: Decimal,
        net: Decimal,
    ) -> dict[str, Any]:
        tx: dict[str, Any] = {
            "id": next(self._ids),
            "account-number": acct.account["account-number"],
            "transaction-type": tx_type,
            "transaction-sub-type": sub_type,
            "description": description,
            "executed-at": iso(when),
            "transaction-date": day.isoformat(),
            "currency": "USD",
            "is-estimated-fee": False,
        }
        tx["value"], tx["value-effect"] = money(cents(value))
        tx["net-value"], tx["net-value-effect"] = money(cents(net))
        return tx

    def _commit(self, acct: AccountState, tx: dict[str, Any], net: Decimal) -> dict[str, Any]:
        acct.transactions.append(tx)
        acct.cash += net
        return tx

    # -- positions -----------------------------------------------------------------------

    def _move_position(
        self,
        acct: AccountState,
        symbol: str,
        instrument_type: str,
        underlying: str,
        action: str,
        quantity: Decimal,
        price: Decimal,
        mult: Decimal,
        when: datetime,
        day: date,
    ) -> None:
        position = acct.positions.get(symbol)
        opening = action.endswith("Open")
        buying = action.startswith("Buy")
        stamp = iso(when)
        if opening:
            direction = "Long" if buying else "Short"
            if position is None:
                position = _new_position(
                    acct, symbol, instrument_type, underlying, direction, mult, price, stamp, day
                )
                acct.positions[symbol] = position
                position["quantity"] = fmt_qty(quantity)
                position["average-open-price"] = fmt_price(price)
                return
            if position["quantity-direction"] != direction:
                raise LedgerError(f"{action} {symbol} against a {position['quantity-direction']}")
            held = Decimal(position["quantity"])
            avg = Decimal(position["average-open-price"])
            total = held + quantity
            new_avg = (held * avg + quantity * price) / total
            if new_avg.as_tuple().exponent < -6:  # type: ignore[operator]
                new_avg = new_avg.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
            position["quantity"] = fmt_qty(total)
            position["average-open-price"] = fmt_price(new_avg)
            position["updated-at"] = stamp
            return
        if position is None:
            raise LedgerError(f"{action} {symbol}: no position")
        long = position["quantity-direction"] == "Long"
        if long == buying:
            raise LedgerError(f"{action} {symbol} against a {position['quantity-direction']}")
        held = Decimal(position["quantity"])
        if quantity > held:
            raise LedgerError(f"{action} {quantity} {symbol}: only {held} held")
        avg = Decimal(position["average-open-price"])
        basis = Decimal(position["close-price"]) if position["created-at"][:10] < str(day) else avg
        sign = 1 if long else -1
        gain = cents((price - avg) * quantity * mult * sign)
        day_gain = cents((price - basis) * quantity * mult * sign)
        today = day.isoformat()
        if position.get("realized-today-date") == today:
            gain += _signed(position["realized-today"], position["realized-today-effect"])
            day_gain += _signed(position["realized-day-gain"], position["realized-day-gain-effect"])
        remaining = held - quantity
        if remaining == 0:
            del acct.positions[symbol]
            return
        position["quantity"] = fmt_qty(remaining)
        put_money(position, "realized-today", gain)
        put_money(position, "realized-day-gain", day_gain)
        position["realized-today-date"] = today
        position["realized-day-gain-date"] = today
        position["updated-at"] = stamp

    # -- marking and balances -------------------------------------------------------------

    def mark(self, acct: AccountState, market: MarketLike) -> None:
        """Refresh ``mark``/``mark-price`` of every position from the market's quotes."""
        for symbol, position in acct.positions.items():
            try:
                mark = Decimal(market.quote(symbol).mark)
            except KeyError:
                continue
            position["mark"] = position["mark-price"] = fmt_price(mark)

    def balance(self, acct: AccountState, market: MarketLike) -> dict[str, Any]:
        """Wire ``AccountBalance`` marked at the market's current quotes."""
        marks: dict[str, Decimal] = {}
        for symbol, position in acct.positions.items():
            marks[symbol] = _quote_mark(market, symbol, position)
        for position in list(acct.positions.values()):
            underlying = position["underlying-symbol"]
            if underlying not in marks:
                marks[underlying] = _quote_mark(market, underlying, None)
        now = datetime.now(UTC)
        out = _balance_fields(acct, marks)
        out.update(
            {
                "long-cryptocurrency-value": "0.0",
                "short-cryptocurrency-value": "0.0",
                "cryptocurrency-margin-requirement": "0.0",
                "unsettled-cryptocurrency-fiat-amount": "0.0",
                "unsettled-cryptocurrency-fiat-effect": "None",
                "closed-loop-available-balance": out["cash-available-to-withdraw"],
                "equity-offering-margin-requirement": "0.0",
                "long-bond-value": "0.0",
                "bond-margin-requirement": "0.0",
                "futures-overnight-margin-requirement": "0.0",
                "futures-intraday-margin-requirement": "0.0",
                "pending-margin-interest": "0.0",
                "effective-cryptocurrency-buying-power": "0.0",
                "apex-starting-day-margin-equity": out["margin-equity"],
                "buying-power-adjustment": "0.0",
                "buying-power-adjustment-effect": "None",
                "snapshot-date": ny_date(now).isoformat(),
                "time-of-day": "Intraday",
                "currency": "USD",
                "updated-at": iso(now),
            }
        )
        return out

    def snapshot(
        self,
        acct: AccountState,
        market: MarketLike,
        day: date,
        price_cache: dict[tuple[str, date], Decimal] | None = None,
    ) -> dict[str, Any]:
        """Wire ``AccountBalanceSnapshot`` at the close of ``day`` (historical prices)."""
        cache = price_cache if price_cache is not None else {}
        marks: dict[str, Decimal] = {}
        for symbol, position in acct.positions.items():
            marks[symbol] = historical_mark(
                market, symbol, position["underlying-symbol"], day, cache
            )
            underlying = position["underlying-symbol"]
            if underlying not in marks:
                marks[underlying] = historical_mark(market, underlying, underlying, day, cache)
        out = _balance_fields(acct, marks)
        out["snapshot-date"] = day.isoformat()
        out["time-of-day"] = "EOD"
        return out


def historical_mark(
    market: MarketLike,
    symbol: str,
    underlying: str,
    day: date,
    cache: dict[tuple[str, date], Decimal],
) -> Decimal:
    """Close of ``symbol`` (equity or OCC option) on ``day``, memoised in ``cache``."""
    key = (symbol, day)
    hit = cache.get(key)
    if hit is not None:
        return hit
    opt = parse_occ(symbol)
    if opt is None:
        value = Decimal(market.price_on(symbol, day))
    elif opt.expiration < day:
        value = ZERO
    else:
        value = Decimal(
            market.option_price_on(underlying, opt.expiration, opt.option_type, opt.strike, day)
        )
    cache[key] = value
    return value


def _quote_mark(market: MarketLike, symbol: str, position: dict[str, Any] | None) -> Decimal:
    try:
        return Decimal(market.quote(symbol).mark)
    except KeyError:
        if position is not None:
            return Decimal(position.get("mark") or position["close-price"])
        return ZERO


def _default_multiplier(instrument_type: str) -> Decimal:
    return HUNDRED if instrument_type == EQUITY_OPTION else ONE


def _new_position(
    acct: AccountState,
    symbol: str,
    instrument_type: str,
    underlying: str,
    direction: str,
    mult: Decimal,
    price: Decimal,
    stamp: str,
    day: date,
) -> dict[str, Any]:
    price_text = fmt_price(price)
    today = day.isoformat()
    position: dict[str, Any] = {
        "account-number": acct.account["account-number"],
        "symbol": symbol,
        "instrument-type": instrument_type,
        "underlying-symbol": underlying,
        "quantity": "0",
        "quantity-direction": direction,
        "close-price": price_text,
        "average-open-price": price_text,
        "average-yearly-market-close-price": price_text,
        "average-daily-market-close-price": price_text,
        "mark": price_text,
        "mark-price": price_text,
        "multiplier": fmt_qty(mult),
        "cost-effect": "Debit" if direction == "Long" else "Credit",
        "is-suppressed": False,
        "is-frozen": False,
        "restricted-quantity": "0",
        "realized-day-gain": "0.0",
        "realized-day-gain-effect": "None",
        "realized-day-gain-date": today,
        "realized-today": "0.0",
        "realized-today-effect": "None",
        "realized-today-date": today,
        "created-at": stamp,
        "updated-at": stamp,
    }
    opt = parse_occ(symbol)
    if opt is not None:
        position["expires-at"] = iso(option_expires_at(opt.expiration))
    return position


# ---------------------------------------------------------------------------------------------
# balances


def is_cash_account(account: dict[str, Any]) -> bool:
    return account.get("margin-or-cash") != "Margin"


def requirement(
    positions: dict[str, dict[str, Any]], marks: dict[str, Decimal], *, cash_account: bool
) -> Decimal:
    """Approximate Reg T requirement (margin) or reserved cash (cash accounts).

    Margin: 50% of stock value; long options in full; short options paired with longs of the
    same underlying and type as spreads (requirement = width); short calls covered by stock
    need nothing; naked shorts 20% of the underlying less the OTM amount (min 10%) plus the
    option's value. Cash accounts: the cash backing short puts (strike x 100) and spread widths.
    """
    total = ZERO
    shares: dict[str, Decimal] = {}
    shorts: list[tuple[str, OptionSymbol, Decimal, Decimal]] = []
    longs: dict[tuple[str, str], list[list[Any]]] = {}
    for symbol, position in positions.items():
        qty = position_quantity(position)
        mult = Decimal(position["multiplier"])
        mark = marks.get(symbol, ZERO)
        opt = parse_occ(symbol)
        underlying = position["underlying-symbol"]
        if opt is None:
            shares[underlying] = shares.get(underlying, ZERO) + qty
            if not cash_account:
                total += abs(qty) * mark * mult / 2
            continue
        if qty > 0:
            longs.setdefault((underlying, opt.option_type), []).append([opt.strike, qty])
            if not cash_account:
                total += qty * mark * mult
        else:
            shorts.append((underlying, opt, -qty, mult))
    for underlying, opt, qty, mult in shorts:
        remaining = qty
        pool = longs.get((underlying, opt.option_type), [])
        # pair with the nearest long strikes first
        for entry in sorted(pool, key=lambda e: abs(e[0] - opt.strike)):
            if not remaining:
                break
            used = min(entry[1], remaining)
            if not used:
                continue
            entry[1] -= used
            remaining -= used
            width = opt.strike - entry[0] if opt.option_type == "P" else entry[0] - opt.strike
            total += max(width, ZERO) * used * mult
        if not remaining:
            continue
        if opt.option_type == "C":
            covered = min(remaining, max(shares.get(underlying, ZERO), ZERO) / mult)
            if covered > 0:
                shares[underlying] -= covered * mult
                remaining -= covered
            if not remaining:
                continue
        if cash_account:
            total += opt.strike * remaining * mult
            continue
        spot = marks.get(underlying, opt.strike)
        otm = spot - opt.strike if opt.option_type == "P" else opt.strike - spot
        floor = (opt.strike if opt.option_type == "P" else spot) / 10
        per_unit = max(spot / 5 - max(otm, ZERO), floor)
        total += per_unit * remaining * mult
    return cents(total)


def _balance_fields(acct: AccountState, marks: dict[str, Decimal]) -> dict[str, Any]:
    long_eq = short_eq = long_der = short_der = ZERO
    for symbol, position in acct.positions.items():
        value = (
            Decimal(position["quantity"])
            * Decimal(position["multiplier"])
            * marks.get(symbol, ZERO)
        )
        short = position["quantity-direction"] == "Short"
        if position["instrument-type"] == EQUITY:
            if short:
                short_eq += value
            else:
                long_eq += value
        elif short:
            short_der += value
        else:
            long_der += value
    long_eq, short_eq, long_der, short_der = (
        cents(long_eq),
        cents(short_eq),
        cents(long_der),
        cents(short_der),
    )
    cash = acct.cash
    net_liq = cash + long_eq - short_eq + long_der - short_der
    cash_account = is_cash_account(acct.account)
    req = requirement(acct.positions, marks, cash_account=cash_account)
    if cash_account:
        bp = max(cash - req, ZERO)
        equity_bp = bp
        withdraw = bp
    else:
        bp = max(net_liq - req, ZERO)
        equity_bp = bp * 2
        withdraw = max(min(cash, bp), ZERO)
    excess = net_liq - req
    out: dict[str, Any] = {
        "account-number": acct.account["account-number"],
        "cash-balance": str(cash),
        "long-equity-value": str(long_eq),
        "short-equity-value": str(short_eq),
        "long-derivative-value": str(long_der),
        "short-derivative-value": str(short_der),
        "long-futures-value": "0.0",
        "short-futures-value": "0.0",
        "long-futures-derivative-value": "0.0",
        "short-futures-derivative-value": "0.0",
        "long-margineable-value": "0.0" if cash_account else str(long_eq),
        "short-margineable-value": "0.0" if cash_account else str(short_eq),
        "margin-equity": str(net_liq),
        "equity-buying-power": str(equity_bp),
        "derivative-buying-power": str(bp),
        "day-trading-buying-power": "0.0",
        "futures-margin-requirement": "0.0",
        "available-trading-funds": "0.0",
        "maintenance-requirement": str(req),
        "maintenance-call-value": "0.0",
        "reg-t-call-value": "0.0",
        "day-trading-call-value": "0.0",
        "day-equity-call-value": "0.0",
        "net-liquidating-value": str(net_liq),
        "cash-available-to-withdraw": str(withdraw),
        "day-trade-excess": str(max(excess, ZERO)),
        "pending-cash": "0.0",
        "pending-cash-effect": "None",
        "used-derivative-buying-power": str(req),
        "reg-t-margin-requirement": str(req),
        "maintenance-excess": str(excess),
    }
    return out


def day_start(day: date) -> datetime:
    """Midnight New York of ``day`` in UTC."""
    return datetime.combine(day, time(0), NEW_YORK).astimezone(UTC)
