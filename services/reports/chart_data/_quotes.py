"""An underlying's price, implied volatility and the risk-free rate, from Tastytrade through
the trader's own linked grant (production first: Tastytrade's sandbox has no market data)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from tastytrade.market_data import get_market_data_by_type
from tastytrade.metrics import get_market_metrics, get_risk_free_rate

from services.broker.client import BrokerClient, RetryPolicy, broker_client
from services.broker.credentials import load_connection
from services.broker.routing import BrokerRoute, OAuthClient
from services.environment import Environment
from services.errors import BrokerError, ConfigurationError, NotFoundError, VaultError
from services.reports.chart_data._payoff import MarketInputs
from services.vault import Vault

log = logging.getLogger(__name__)

# a chart waits for a quote a few seconds at most: the trader can give the spot instead
QUOTE_POLICY = RetryPolicy(attempts=2, max_seconds=8.0, request_timeout=6.0, connect_timeout=3.0)
MAX_SYMBOL_CHARS = 12
MAX_VOLATILITY = Decimal(5)  # a quoted IV beyond 500% is a bad print, not a market


def _first_price(*candidates: Decimal | None) -> Decimal | None:
    return next((value for value in candidates if value is not None and value > 0), None)


@dataclass(frozen=True)
class BrokerQuotes:
    """A ``QuoteSource`` reading Tastytrade's market data with the asking trader's grant."""

    vault: Vault
    route: BrokerRoute
    oauth_clients: dict[Environment, OAuthClient] = field(default_factory=dict)
    policy: RetryPolicy = QUOTE_POLICY

    async def market_inputs(self, discord_id: int, underlying: str) -> MarketInputs:
        """The spot (mark, else mid or last), the implied volatility index and the rate;
        empty when no linked environment answers (the caller asks the trader instead)."""
        symbol = underlying.strip().upper()
        if not symbol.isalnum() or len(symbol) > MAX_SYMBOL_CHARS:
            return MarketInputs()  # futures and odd roots: no equity quote to ask for
        for environment in (Environment.PRODUCTION, Environment.SANDBOX):
            try:
                connection = await load_connection(
                    self.vault, discord_id, environment, self.route, self.oauth_clients
                )
                async with broker_client(connection, self.policy) as client:
                    found = await self._read(client, symbol)
            except (NotFoundError, ConfigurationError, VaultError):
                continue  # not linked there (or unusable there): try the other one
            except BrokerError as error:
                log.info(
                    "no quote for %s in %s: %s", symbol, environment.value, type(error).__name__
                )
                continue
            if found.spot is not None:
                return found
        return MarketInputs()

    @staticmethod
    async def _read(client: BrokerClient, symbol: str) -> MarketInputs:
        rows = await client.call(
            lambda session: get_market_data_by_type(session, equities=[symbol], indices=[symbol])
        )
        quote = next((row for row in rows if row.symbol.upper() == symbol), None)
        spot = None if quote is None else _first_price(quote.mark, quote.mid, quote.last)
        if spot is None:
            return MarketInputs()
        metrics = await client.call(lambda session: get_market_metrics(session, [symbol]))
        volatility = next(
            (
                row.implied_volatility_index
                for row in metrics
                if row.symbol.upper() == symbol
                and row.implied_volatility_index is not None
                and 0 < row.implied_volatility_index <= MAX_VOLATILITY
            ),
            None,
        )
        rate = await client.call(get_risk_free_rate)
        return MarketInputs(spot=spot, volatility=volatility, rate=rate)
