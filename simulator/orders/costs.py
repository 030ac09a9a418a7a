"""What an order costs before it fills: cash effect, margin requirement, fees, buying power.

Estimates price every leg at the simulated quote (buys at the ask, sells at the bid); a limit
order's cash effect is its limit. A naked short option needs 20% of the underlying (or the
premium, if larger), a short stock 150% of its price, and a defined-risk spread at most its
width. Fees come from the ledger's schedule, so an estimate matches what a fill books.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from simulator import wire
from simulator.ledger import compute_fees
from simulator.orders.terms import EQUITY_OPTION, OrderRejected, OrderTerms
from simulator.symbols import parse_occ

ZERO = Decimal(0)
CENT = Decimal("0.01")
NOTIONAL_QUANTITY = Decimal("0.00001")  # shares a notional order buys, to five places
NAKED_OPTION_RATE = Decimal("0.2")  # of the underlying's price, per short option share
SHORT_STOCK_RATE = Decimal("1.5")  # of the price, per short share
NO_SPREAD = Decimal(10**9)  # the width of a "spread" with fewer than two strikes


class Quotes(Protocol):
    """The part of ``simulator.market.Market`` cost estimates read."""

    def quote(self, symbol: str) -> Any: ...

    def spot(self, symbol: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class OrderCosts:
    """An order's estimated money effects, each rounded to the cent."""

    cash_effect: Decimal  # signed: negative is a debit
    requirement: Decimal  # margin the order needs
    impact: Decimal  # buying power it uses, fees included
    commission: Decimal = ZERO
    clearing: Decimal = ZERO
    regulatory: Decimal = ZERO
    proprietary: Decimal = ZERO
    total_fees: Decimal = ZERO


NO_COSTS = OrderCosts(cash_effect=ZERO, requirement=ZERO, impact=ZERO)


def estimate_costs(terms: OrderTerms, quotes: Quotes) -> OrderCosts:
    """Estimated cash effect, margin requirement and fees of an order."""
    cash_effect = ZERO
    requirement = ZERO
    commission = clearing = regulatory = proprietary = ZERO
    for leg in terms.legs:
        qty = leg.quantity or ZERO
        px = _leg_price(quotes, leg.symbol, leg.buys)
        if terms.notional:
            qty = (terms.value / px).quantize(NOTIONAL_QUANTITY) if px and terms.value else ZERO
        cash_effect += (-1 if leg.buys else 1) * px * qty * leg.multiplier
        if qty:
            fees = compute_fees(
                leg.instrument_type, leg.symbol, leg.action, qty, px, leg.multiplier
            )
            commission += fees.commission
            clearing += fees.clearing
            regulatory += fees.regulatory
            proprietary += fees.proprietary
        if leg.action == "Sell to Open":
            if leg.instrument_type == EQUITY_OPTION:
                under = _spot(quotes, leg.underlying)
                requirement += max(under * NAKED_OPTION_RATE, px) * qty * leg.multiplier
            else:
                requirement += px * qty * SHORT_STOCK_RATE
    limit = terms.signed_price
    if limit is not None and terms.order_type in ("Limit", "Stop Limit"):
        cash_effect = limit * (terms.size or Decimal(1)) * terms.legs[0].multiplier
    elif terms.notional and terms.value is not None:
        cash_effect = -terms.value if terms.value_effect == "Debit" else terms.value
    total_fees = commission + clearing + regulatory + proprietary
    impact = max(ZERO, -cash_effect) + requirement
    if len(terms.legs) > 1 and requirement:
        # a defined-risk spread: requirement is the width, not naked margin
        requirement = min(requirement, spread_width(terms))
        impact = max(ZERO, -cash_effect) + max(ZERO, requirement + cash_effect)
    return OrderCosts(
        cash_effect=cash_effect.quantize(CENT),
        requirement=requirement.quantize(CENT),
        impact=(impact + total_fees).quantize(CENT),
        commission=commission.quantize(CENT),
        clearing=clearing.quantize(CENT),
        regulatory=regulatory.quantize(CENT),
        proprietary=proprietary.quantize(CENT),
        total_fees=total_fees.quantize(CENT),
    )


def spread_width(terms: OrderTerms) -> Decimal:
    """Widest strike distance times 100 times the size: the most a spread can lose."""
    strikes = [opt.strike for leg in terms.legs if (opt := parse_occ(leg.symbol)) is not None]
    if len(strikes) < 2:
        return NO_SPREAD
    return (max(strikes) - min(strikes)) * 100 * (terms.size or Decimal(1))


def available_buying_power(account: dict[str, Any], balance: dict[str, Any]) -> Decimal:
    """Cash for a cash account, derivative buying power for a margin account."""
    if account.get("margin-or-cash") == "Cash":
        return Decimal(str(balance["cash-balance"]))
    return Decimal(str(balance["derivative-buying-power"]))


def check_buying_power(costs: OrderCosts, available: Decimal) -> None:
    """``OrderRejected`` when the order needs more buying power than is available."""
    if costs.impact > 0 and costs.impact > available:
        raise OrderRejected(
            "insufficient_buying_power",
            f"This order requires {costs.impact} of buying power; "
            f"{available.quantize(CENT)} is available",
        )


def buying_power_effect(costs: OrderCosts, current: Decimal) -> dict[str, Any]:
    """The wire ``BuyingPowerEffect`` of an order on an account with ``current`` power."""
    out: dict[str, Any] = {}
    wire.put_money(out, "change-in-margin-requirement", -costs.requirement)
    wire.put_money(out, "change-in-buying-power", -costs.impact)
    wire.put_money(out, "current-buying-power", current)
    wire.put_money(out, "new-buying-power", current - costs.impact)
    wire.put_money(out, "isolated-order-margin-requirement", -costs.requirement)
    out["is-spread"] = False
    out["impact"] = str(costs.impact)
    out["effect"] = "Debit" if costs.impact > 0 else ("Credit" if costs.impact < 0 else "None")
    return out


def fee_calculation(costs: OrderCosts) -> dict[str, Any]:
    """The wire ``FeeCalculation`` of an order."""
    out: dict[str, Any] = {}
    wire.put_money(out, "regulatory-fees", -costs.regulatory)
    wire.put_money(out, "clearing-fees", -costs.clearing)
    wire.put_money(out, "commission", -costs.commission)
    wire.put_money(out, "proprietary-index-option-fees", -costs.proprietary)
    wire.put_money(out, "total-fees", -costs.total_fees)
    return out


def _leg_price(quotes: Quotes, symbol: str, buys: bool) -> Decimal:
    with contextlib.suppress(KeyError, AttributeError, TypeError):
        quote = quotes.quote(symbol)
        return Decimal(str(quote.ask if buys else quote.bid))
    return ZERO


def _spot(quotes: Quotes, underlying: str) -> Decimal:
    with contextlib.suppress(KeyError, AttributeError):
        return Decimal(str(quotes.spot(underlying)))
    return ZERO
