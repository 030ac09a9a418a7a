"""The reads order resolution needs, through the unmodified SDK against the simulator, and
``resolve_for_trader`` (the glue over them) end to end."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal

import pytest
from pydantic import SecretStr
from tastytrade import Account, Session
from tastytrade.order import InstrumentType, Leg, MarketOrder, OrderAction

from nlp import Leg as ParsedLeg
from nlp import ParsedOrder, parse_order
from services.broker import BrokerConnection, Environment, broker_route
from services.broker.client import BrokerClient, RetryPolicy, broker_client
from services.broker.transport import session_transport
from services.errors import BrokerUnavailableError, RejectedError, ValidationError
from services.orders._model import Question, ResolvedOrder
from services.orders.market import (
    MAX_MARKET_DATA_SYMBOLS,
    ChainCache,
    SessionCache,
    broker_positions,
    listed_chain,
    market_open,
    quotes,
    similar_symbols,
    underlying_price,
)
from services.orders.resolve import resolve_for_trader
from simulator.routes_market import session_json
from simulator.server import RunningSimulator, run_simulator

TODAY = date(2026, 1, 5)  # a Monday: 16 Jan is the monthly Friday
MONTHLY = date(2026, 1, 16)
WEEKLY = date(2026, 1, 9)
FAST = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.05, jitter=0.01, request_timeout=5)


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, history=False, today=TODAY) as running:
        yield running


def connection(sim: RunningSimulator, environment: Environment) -> BrokerConnection:
    creds = sim.credentials()[environment.value]
    return BrokerConnection(
        environment=environment,
        client_secret=SecretStr(creds["client_secret"]),
        refresh_token=SecretStr(creds["refresh_token"]),
        route=broker_route(sim.url, demo_mode=True),
    )


@pytest.fixture
async def client(sim: RunningSimulator) -> AsyncIterator[BrokerClient]:
    async with broker_client(connection(sim, Environment.PRODUCTION), FAST) as opened:
        yield opened


@pytest.fixture
async def sandbox(sim: RunningSimulator) -> AsyncIterator[BrokerClient]:
    async with broker_client(connection(sim, Environment.SANDBOX), FAST) as opened:
        yield opened


def account_number(sim: RunningSimulator) -> str:
    user = next(iter(sim.production.users.values()))
    return next(iter(user.accounts))  # the margin account


async def fill(
    session: Session, number: str, symbol: str, kind: InstrumentType, action: str
) -> None:
    """Place a market order through the SDK and wait until its position shows."""
    account = await Account.get(session, number)
    leg = Leg(instrument_type=kind, symbol=symbol, action=OrderAction(action), quantity=1)
    await account.place_order(session, MarketOrder(legs=[leg]), dry_run=False)
    for _ in range(200):
        if any(p.symbol == symbol for p in await account.get_positions(session)):
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{symbol} never filled")


def option(side: str, option_type: str, strike: Decimal, expiration: date) -> ParsedLeg:
    return ParsedLeg(side, None, 1, option_type, strike, expiration)  # type: ignore[arg-type]


def order(underlying: str, *legs: ParsedLeg, price: str | None = "2.15") -> ParsedOrder:
    return ParsedOrder(
        kind="order",
        underlying=underlying,
        legs=legs,
        order_type="limit" if price else "market",
        price=Decimal(price) if price else None,
    )


async def atm_strike(client: BrokerClient, underlying: str, expiration: date) -> Decimal:
    chain = await listed_chain(client, underlying)
    price = await underlying_price(client, underlying)
    assert price is not None
    strikes = chain.expirations_on(expiration)[0].strike_prices
    return min(strikes, key=lambda k: abs(k - price))


# ------------------------------------------------------------------------------ the chain


async def test_spx_lists_am_monthlies_and_pm_spxw_weeklies(client: BrokerClient) -> None:
    chain = await listed_chain(client, "SPX")

    assert [root.root for root in chain.roots] == ["SPX", "SPXW"]
    assert chain.cash_settled
    assert [(x.root, x.settlement_type) for x in chain.expirations_on(MONTHLY)] == [
        ("SPX", "AM"),
        ("SPXW", "PM"),
    ]
    assert [x.root for x in chain.expirations_on(WEEKLY)] == ["SPXW"]
    strike = chain.expirations_on(WEEKLY)[0].strikes[0]
    contract = chain.contract(strike.call)
    assert contract is not None
    assert strike.call == f"SPXW  260109C{int(strike.strike * 1000):08d}"
    assert contract.streamer_symbol == f".SPXW260109C{strike.strike.normalize():f}"
    assert (contract.root, contract.expiration, contract.option_type) == ("SPXW", WEEKLY, "call")
    ticks = chain.root("SPXW").tick_sizes  # type: ignore[union-attr]
    assert [(t.tick, t.threshold) for t in ticks] == [
        (Decimal("0.05"), Decimal(3)),
        (Decimal("0.10"), None),
    ]


async def test_expiration_dates_are_listed_once_and_ascending(client: BrokerClient) -> None:
    dates = (await listed_chain(client, "SPX")).expiration_dates()

    assert list(dates) == sorted(set(dates))
    assert dates[0] == TODAY
    assert MONTHLY in dates


async def test_an_unknown_underlying_has_an_empty_chain(client: BrokerClient) -> None:
    chain = await listed_chain(client, "ZZZZ")

    assert chain.is_empty
    assert chain.expiration_dates() == ()


# ----------------------------------------------------------------------------- quotes


async def test_quotes_cover_an_index_a_stock_and_an_option(client: BrokerClient) -> None:
    call = (await listed_chain(client, "SPY")).expirations_on(MONTHLY)[0].strikes[10].call

    found = await quotes(client, ["SPX", "SPY", call, "ZZZZ"])

    assert set(found) == {"SPX", "SPY", call}
    assert found["SPX"].instrument_type == "Index"
    assert found["SPY"].instrument_type == "Equity"
    option = found[call]
    assert option.instrument_type == "Equity Option"
    assert option.bid is not None and option.ask is not None
    assert option.bid <= option.ask


async def test_more_symbols_than_one_request_takes_are_split(client: BrokerClient) -> None:
    listing = (await listed_chain(client, "SPY")).expirations_on(MONTHLY)[0]
    symbols = [s.call for s in listing.strikes] + [s.put for s in listing.strikes]
    assert len(symbols) > MAX_MARKET_DATA_SYMBOLS

    found = await quotes(client, symbols)

    assert set(found) == set(symbols)


async def test_underlying_price_reads_an_index(client: BrokerClient) -> None:
    price = await underlying_price(client, "SPX")

    assert price is not None and price > 1000
    assert await underlying_price(client, "ZZZZ") is None


async def test_the_sandbox_has_no_market_data(sandbox: BrokerClient) -> None:
    with pytest.raises(RejectedError):
        await quotes(sandbox, ["SPY"])


# ------------------------------------------------------------- session, positions, search


async def test_market_open_matches_the_simulated_session(
    sim: RunningSimulator, client: BrokerClient
) -> None:
    state = session_json(sim.production.market, "Equity")["state"]

    assert await market_open(client) is (state == "Open")


async def test_positions_are_signed_long_and_short(
    sim: RunningSimulator, client: BrokerClient
) -> None:
    number = account_number(sim)
    call = (await listed_chain(client, "SPY")).expirations_on(MONTHLY)[0].strikes[10].call
    await fill(client.session, number, "SPY", InstrumentType.EQUITY, "Buy to Open")
    await fill(client.session, number, call, InstrumentType.EQUITY_OPTION, "Sell to Open")

    held = {p.symbol: p for p in await broker_positions(client, number)}

    assert held["SPY"].quantity == 1 and held["SPY"].instrument_type == "Equity"
    assert held[call].quantity == -1 and held[call].size == 1
    assert held[call].underlying_symbol == "SPY"


async def test_symbol_search_suggests_similar_tickers(client: BrokerClient) -> None:
    found = await similar_symbols(client, "sp")

    assert [match.symbol for match in found][:2] == ["SPY", "SPX"]


@pytest.mark.parametrize("text", ["", "..", "../../customers/me", "A" * 5000, "%2F"])
async def test_a_hostile_search_reads_nothing(client: BrokerClient, text: str) -> None:
    found = await similar_symbols(client, text)

    assert found == () or all(match.symbol.startswith("A") for match in found)
    assert text == "A" * 5000 or client.attempts == 0


@pytest.mark.parametrize("symbol", ["../../customers/me", "SPY/../x", "", "spy", "A" * 200])
async def test_hostile_symbols_are_refused_before_any_request(
    client: BrokerClient, symbol: str
) -> None:
    with pytest.raises(ValidationError):
        await listed_chain(client, symbol)
    with pytest.raises(ValidationError):
        await quotes(client, ["SPY", symbol])

    assert client.attempts == 0


@pytest.mark.parametrize("number", ["../x", "5WT 01", "", "5" * 21, "5WT01/orders"])
async def test_a_hostile_account_number_is_refused_before_any_request(
    client: BrokerClient, number: str
) -> None:
    with pytest.raises(ValidationError):
        await broker_positions(client, number)

    assert client.attempts == 0


# -------------------------------------------------------------------- resolve_for_trader


async def test_a_chat_order_resolves_to_the_listed_friday(
    sim: RunningSimulator, client: BrokerClient
) -> None:
    strike = await atm_strike(client, "AAPL", MONTHLY)
    parsed = parse_order(f"BTO 1 AAPL {strike:f}c 1/17 @ 2.15", today=TODAY)

    resolution = await resolve_for_trader(
        client, parsed, account_number=account_number(sim), today=TODAY
    )

    order = resolution.order
    assert order is not None, resolution.outcome
    assert order.legs[0].expiration == MONTHLY
    assert order.legs[0].symbol == f"AAPL  260116C{int(strike * 1000):08d}"
    assert any("only one within 3 days" in note for note in order.notes)
    assert resolution.quotes is not None and order.legs[0].symbol in resolution.quotes
    assert resolution.underlying_price is not None


async def test_an_spx_saturday_between_two_dailies_asks_which(
    sim: RunningSimulator, client: BrokerClient
) -> None:
    strike = await atm_strike(client, "SPX", MONTHLY)
    parsed = order("SPX", option("buy", "call", strike, date(2026, 1, 17)))

    resolution = await resolve_for_trader(
        client, parsed, account_number=account_number(sim), today=TODAY
    )

    assert isinstance(resolution.outcome, Question)
    assert "Fri 16 Jan 2026" in [c.label for c in resolution.outcome.choices]
    assert resolution.validate() == ()


async def test_an_unknown_ticker_suggests_similar_symbols(
    sim: RunningSimulator, client: BrokerClient
) -> None:
    parsed = order("AAP", option("buy", "call", Decimal(230), MONTHLY))

    resolution = await resolve_for_trader(
        client, parsed, account_number=account_number(sim), today=TODAY
    )

    (problem,) = resolution.validate()
    assert problem.code == "unknown_symbol"
    assert problem.suggestions[0].startswith("AAPL (")


async def test_a_short_call_makes_a_buy_close_it(
    sim: RunningSimulator, client: BrokerClient
) -> None:
    number = account_number(sim)
    strike = await atm_strike(client, "SPY", MONTHLY)
    call = (await listed_chain(client, "SPY")).expirations_on(MONTHLY)[0].strike(strike)
    assert call is not None
    await fill(client.session, number, call.call, InstrumentType.EQUITY_OPTION, "Sell to Open")

    resolution = await resolve_for_trader(
        client,
        order("SPY", option("buy", "call", strike, MONTHLY), price=None),
        account_number=number,
        today=TODAY,
    )

    assert isinstance(resolution.outcome, ResolvedOrder), resolution.outcome
    assert resolution.outcome.legs[0].action == "Buy to Close"
    assert [p.symbol for p in resolution.positions] == [call.call]


async def test_a_price_far_through_the_market_fails_validation_with_the_quotes(
    sim: RunningSimulator, client: BrokerClient
) -> None:
    strike = await atm_strike(client, "SPY", MONTHLY)
    parsed = order("SPY", option("buy", "call", strike, MONTHLY), price="900")

    resolution = await resolve_for_trader(
        client, parsed, account_number=account_number(sim), today=TODAY
    )

    assert resolution.order is not None
    assert [p.code for p in resolution.validate()] == ["price_through_market"]


async def test_the_sandbox_resolves_without_quotes(
    sim: RunningSimulator, sandbox: BrokerClient
) -> None:
    user = next(iter(sim.sandbox.users.values()))
    number = next(iter(user.accounts))
    listing = (await listed_chain(sandbox, "SPY")).expirations_on(MONTHLY)[0]
    strike = listing.strikes[len(listing.strikes) // 2].strike

    resolution = await resolve_for_trader(
        sandbox,
        order("SPY", option("buy", "call", strike, MONTHLY)),
        account_number=number,
        today=TODAY,
    )

    assert resolution.quotes is None
    assert resolution.order is not None
    assert resolution.validate() == ()


async def test_a_broker_outage_during_the_reads_is_raised_as_unavailable(
    sim: RunningSimulator, client: BrokerClient
) -> None:
    await sim.set_faults(
        {"seed": 1, "rules": [{"kind": "error", "status": 503, "path": "/accounts/*"}]}
    )
    strike = await atm_strike(client, "SPY", MONTHLY)

    with pytest.raises(BrokerUnavailableError):
        await resolve_for_trader(
            client,
            order("SPY", option("buy", "call", strike, MONTHLY)),
            account_number=account_number(sim),
            today=TODAY,
        )


async def test_a_stock_order_reads_no_chain_and_validates_on_its_quote(
    sim: RunningSimulator, client: BrokerClient
) -> None:
    stock = ParsedOrder(
        kind="order",
        underlying="SPY",
        legs=(ParsedLeg("buy", None, 10, "equity", None, None),),
        order_type="limit",
        price=Decimal("600.00"),
        price_effect="debit",
    )

    resolution = await resolve_for_trader(
        client, stock, account_number=account_number(sim), today=TODAY
    )

    assert resolution.chain is None
    assert resolution.order is not None
    assert resolution.order.legs[0].instrument_type == "Equity"
    assert resolution.quotes is not None and set(resolution.quotes) == {"SPY"}
    assert resolution.validate() == ()


async def test_no_account_reads_nothing(client: BrokerClient) -> None:
    resolution = await resolve_for_trader(
        client,
        order("SPY", option("buy", "call", Decimal(600), MONTHLY)),
        account_number="",
        today=TODAY,
    )

    assert [p.code for p in resolution.validate()] == ["missing_account"]
    assert client.attempts == 0


# ------------------------------------------------------------- reads shared between orders


async def test_a_kept_chain_and_session_leave_one_round_of_two_reads(
    sim: RunningSimulator, client: BrokerClient
) -> None:
    strike = await atm_strike(client, "AAPL", MONTHLY)
    parsed = parse_order(f"BTO 1 AAPL {strike:f}c 1/16 @ 2.15", today=TODAY)
    chains, sessions = ChainCache(), SessionCache()
    transport = session_transport(client.session)
    assert transport is not None

    async def resolve() -> tuple[ResolvedOrder | None, int]:
        before = transport.requests
        resolution = await resolve_for_trader(
            client,
            parsed,
            account_number=account_number(sim),
            today=TODAY,
            chains=chains,
            sessions=sessions,
        )
        return resolution.order, transport.requests - before

    first, cold = await resolve()
    again, warm = await resolve()

    # cold: chain, positions and session together, then the underlying and the leg the chain
    # names quoted in one read
    assert cold == 4
    # warm: the leg named by the kept chain is quoted with the underlying; positions as ever
    assert warm == 2
    assert first is not None and again is not None
    assert again.legs == first.legs
    assert again.price == first.price
