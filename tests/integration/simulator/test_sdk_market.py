"""Market REST endpoints through the unmodified SDK's public functions."""

from datetime import date
from decimal import Decimal

import pytest
from support.sdk import quote_token
from tastytrade import Session
from tastytrade.instruments import Equity, NestedOptionChain, Option, get_option_chain
from tastytrade.market_data import get_market_data, get_market_data_by_type
from tastytrade.market_sessions import ExchangeType, get_market_holidays, get_market_sessions
from tastytrade.metrics import get_dividends, get_earnings, get_market_metrics, get_risk_free_rate
from tastytrade.order import InstrumentType
from tastytrade.search import symbol_search
from tastytrade.utils import TastytradeError

from simulator.server import RunningSimulator


async def test_instruments_and_chains(sim: RunningSimulator, prod_session: Session) -> None:
    aapl = await Equity.get(prod_session, "AAPL")
    assert aapl.symbol == "AAPL" and aapl.option_tick_sizes
    many = await Equity.get(prod_session, ["SPY", "QQQ", "NOPE"])
    assert [e.symbol for e in many] == ["SPY", "QQQ"]
    active = await Equity.get_active_equities(prod_session, page_offset=None)
    assert {e.symbol for e in active} >= {"SPY", "SPX", "TSLA"}

    chain = await get_option_chain(prod_session, "QQQ")
    first = min(chain)
    assert first >= sim.market.today
    option = chain[first][0]
    fetched = await Option.get(prod_session, option.symbol)
    assert fetched == option
    nested = await NestedOptionChain.get(prod_session, "SPX")
    assert {n.root_symbol for n in nested} == {"SPX", "SPXW"}
    with pytest.raises(TastytradeError, match="record_not_found"):
        await Option.get(prod_session, "QQQ   991231C00001000")


async def test_market_data_and_metrics(sim: RunningSimulator, prod_session: Session) -> None:
    spy = await get_market_data(prod_session, "SPY", InstrumentType.EQUITY)
    assert spy.mark == sim.market.quote("SPY").mark
    nested = await NestedOptionChain.get(prod_session, "SPY")
    strike = nested[0].expirations[2].strikes[30]
    rows = await get_market_data_by_type(
        prod_session, equities=["AAPL", "MSFT"], indices=["SPX"], options=[strike.call]
    )
    assert {r.symbol for r in rows} == {"AAPL", "MSFT", "SPX", strike.call}
    option_row = next(r for r in rows if r.symbol == strike.call)
    assert option_row.open_interest is not None and option_row.open_interest >= 0

    metrics = await get_market_metrics(prod_session, ["AAPL", "SPY"])
    assert [m.symbol for m in metrics] == ["AAPL", "SPY"]
    assert metrics[0].market_cap > 0
    assert await get_dividends(prod_session, "SPY")
    assert await get_earnings(prod_session, "AAPL", date(2024, 1, 1))
    assert await get_risk_free_rate(prod_session) == Decimal("0.0425")


async def test_sessions_holidays_search(sim: RunningSimulator, prod_session: Session) -> None:
    sessions = await get_market_sessions(prod_session, [ExchangeType.NYSE, ExchangeType.CME])
    assert [s.instrument_collection for s in sessions] == ["Equity", "CME"]
    calendar = await get_market_holidays(prod_session)
    assert calendar.holidays and calendar.half_days
    results = await symbol_search(prod_session, "MS")
    assert results[0].symbol == "MSFT"


async def test_sandbox_has_no_market_data(sim: RunningSimulator, sandbox_session: Session) -> None:
    with pytest.raises(TastytradeError, match="market_data_unavailable"):
        await get_market_data(sandbox_session, "SPY", InstrumentType.EQUITY)
    with pytest.raises(TastytradeError, match="market_data_unavailable"):
        await get_market_metrics(sandbox_session, ["SPY"])
    chain = await NestedOptionChain.get(sandbox_session, "SPY")
    assert chain[0].expirations
    token = await quote_token(sandbox_session, sim.credentials()["sandbox"]["base_url"])
    assert token["level"] == "demo" and token["dxlink-url"].endswith("/sandbox/dxlink")
