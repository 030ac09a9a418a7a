"""Market REST routes on a bare aiohttp app, parsed through the SDK's pydantic models."""

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from tastytrade.instruments import Equity, NestedOptionChain, Option
from tastytrade.market_data import MarketData
from tastytrade.market_sessions import MarketCalendar, MarketSession
from tastytrade.metrics import DividendInfo, EarningsInfo, MarketMetricInfo
from tastytrade.search import SymbolData

from simulator.dxlink import add_dxlink_route
from simulator.market import Market
from simulator.routes_market import add_market_routes, quote_tokens
from simulator.state import ENV_KEY, Environment

TODAY = date(2025, 6, 2)


@pytest.fixture(scope="module")
def market_shared() -> Market:
    return Market(11, TODAY)


@pytest.fixture
async def market_client(market_shared: Market) -> AsyncIterator[TestClient]:
    root = web.Application()
    root[ENV_KEY] = Environment(name="production", market=market_shared)
    add_market_routes(root)
    add_dxlink_route(root)
    sandbox = web.Application()
    sandbox[ENV_KEY] = Environment(name="sandbox", market=market_shared, market_data_enabled=False)
    add_market_routes(sandbox)
    add_dxlink_route(sandbox)
    root.add_subapp("/sandbox", sandbox)
    async with TestClient(TestServer(root)) as client:
        yield client


async def get_data(client: TestClient, path: str, status: int = 200, **kw: Any) -> Any:
    resp = await client.get(path, **kw)
    body = await resp.json()
    assert resp.status == status, body
    return body.get("data", body)


async def test_equities(market_client: TestClient) -> None:
    eq = Equity(**await get_data(market_client, "/instruments/equities/AAPL"))
    assert eq.symbol == "AAPL" and eq.streamer_symbol == "AAPL" and not eq.is_index
    spx = Equity(**await get_data(market_client, "/instruments/equities/SPX"))
    assert spx.is_index
    await get_data(market_client, "/instruments/equities/NOPE", 404)
    resp = await market_client.get(
        "/instruments/equities",
        params=[("symbol[]", "SPY"), ("symbol[]", "MSFT"), ("symbol[]", "ZZZ")],
    )
    body = await resp.json()
    assert [Equity(**i).symbol for i in body["data"]["items"]] == ["SPY", "MSFT"]
    assert body["pagination"]["total-items"] == 2
    active = await get_data(
        market_client, "/instruments/equities/active", params={"per-page": 3, "page-offset": 1}
    )
    assert len(active["items"]) == 3
    etfs = await get_data(market_client, "/instruments/equities/active", params={"is-etf": "true"})
    assert {i["symbol"] for i in etfs["items"]} == {"SPY", "QQQ", "IWM"}


async def test_equity_options_and_chains(market_client: TestClient, market_shared: Market) -> None:
    nested = await get_data(market_client, "/option-chains/SPX/nested")
    chains = [NestedOptionChain(**i) for i in nested["items"]]
    assert {c.root_symbol for c in chains} == {"SPX", "SPXW"}
    spxw = next(c for c in chains if c.root_symbol == "SPXW")
    strike = spxw.expirations[0].strikes[5]
    assert strike.call.startswith("SPXW  ") and strike.call_streamer_symbol.startswith(".SPXW")
    assert spxw.expirations[0].expiration_date == TODAY

    opt = Option(**await get_data(market_client, f"/instruments/equity-options/{strike.put}"))
    assert opt.streamer_symbol == strike.put_streamer_symbol
    assert opt.root_symbol == "SPXW" and opt.underlying_symbol == "SPX"
    assert opt.exercise_style == "European" and opt.days_to_expiration == 0
    await get_data(market_client, "/instruments/equity-options/SPY   250620C00600500", 404)

    chain = await get_data(market_client, "/option-chains/IWM")
    options = [Option(**i) for i in chain["items"]]
    listed = sum(
        len(market_shared.strikes("IWM", e.date)) for e in market_shared.expirations("IWM")
    )
    assert len(options) == 2 * listed
    assert all(o.streamer_symbol == Option.occ_to_streamer_symbol(o.symbol) for o in options[:50])
    multi = await get_data(
        market_client,
        "/instruments/equity-options",
        params=[("symbol[]", options[0].symbol), ("symbol[]", "bogus")],
    )
    assert len(multi["items"]) == 1
    compact = await get_data(market_client, "/option-chains/SPY/compact")
    assert len(compact["items"][0]["symbols"]) == len(compact["items"][0]["streamer-symbols"])
    assert (await get_data(market_client, "/option-chains/ZZZ/nested"))["items"] == []
    # chains work in the sandbox too
    assert (await get_data(market_client, "/sandbox/option-chains/SPY/nested"))["items"]


async def test_market_data(market_client: TestClient, market_shared: Market) -> None:
    occ = market_shared.chain("SPY", market_shared.expirations("SPY")[3])[40].occ
    resp = await market_client.get(
        "/market-data/by-type",
        params=[
            ("equity", "AAPL"),
            ("equity", "SPY"),
            ("index", "SPX"),
            ("equity-option", occ),
            ("equity", "ZZZ"),
        ],
    )
    assert resp.status == 200
    rows = [MarketData(**i) for i in (await resp.json())["data"]["items"]]
    assert [r.symbol for r in rows] == ["SPX", "AAPL", "SPY", occ]
    aapl = rows[1]
    assert aapl.bid is not None and aapl.ask is not None and aapl.bid < aapl.ask
    assert rows[0].instrument_type.value == "Index"
    assert rows[3].open_interest == market_shared.open_interest(occ)
    single = MarketData(**await get_data(market_client, "/market-data/Equity Option/" + occ))
    assert single.mark == market_shared.quote(occ).mark
    await get_data(market_client, "/market-data/Equity/NOPE", 404)
    too_many = [("equity", "SPY")] * 101
    await get_data(market_client, "/market-data/by-type", 400, params=too_many)
    # sandbox: no market data
    body = await get_data(
        market_client, "/sandbox/market-data/by-type", 403, params={"equity": "SPY"}
    )
    assert body["error"]["code"] == "market_data_unavailable"
    await get_data(market_client, "/sandbox/market-metrics", 403, params={"symbols": "SPY"})


async def test_metrics_and_corporate_events(market_client: TestClient) -> None:
    data = await get_data(market_client, "/market-metrics", params={"symbols": "AAPL,SPY,ZZZ"})
    metrics = [MarketMetricInfo(**i) for i in data["items"]]
    assert [m.symbol for m in metrics] == ["AAPL", "SPY"]
    aapl = metrics[0]
    assert aapl.earnings is not None and aapl.earnings.expected_report_date is not None
    assert aapl.implied_volatility_index is not None and 0.1 < aapl.implied_volatility_index < 1
    assert aapl.option_expiration_implied_volatilities
    assert metrics[1].earnings is None and metrics[1].dividend_yield is not None
    divs = await get_data(market_client, "/market-metrics/historic-corporate-events/dividends/SPY")
    parsed = [DividendInfo(**i) for i in divs["items"]]
    assert parsed and parsed[0].occurred_date > parsed[-1].occurred_date
    earn = await get_data(
        market_client,
        "/market-metrics/historic-corporate-events/earnings-reports/AAPL",
        params={"start-date": "2025-01-01"},
    )
    reports = [EarningsInfo(**i) for i in earn["items"]]
    assert reports and all(r.occurred_date >= date(2025, 1, 1) for r in reports)


async def test_quote_token_sessions_search(market_client: TestClient) -> None:
    prod = await get_data(market_client, "/api-quote-tokens")
    host = f"{market_client.server.host}:{market_client.server.port}"
    assert prod["dxlink-url"] == f"ws://{host}/dxlink" and prod["level"] == "api"
    app = market_client.app
    assert app is not None and prod["token"] in quote_tokens(app[ENV_KEY])
    sandbox = await get_data(market_client, "/sandbox/api-quote-tokens")
    assert sandbox["dxlink-url"] == f"ws://{host}/sandbox/dxlink" and sandbox["level"] == "demo"

    sessions = await get_data(
        market_client,
        "/market-time/sessions/current",
        params=[("instrument-collections[]", "Equity"), ("instrument-collections[]", "CME")],
    )
    parsed = [MarketSession(**i) for i in sessions["items"]]
    assert parsed[0].instrument_collection == "Equity" and parsed[0].next_session is not None
    assert parsed[0].next_session.session_date == date(2025, 6, 3)
    cal_ = MarketCalendar(**await get_data(market_client, "/market-time/equities/holidays"))
    assert date(2025, 7, 4) in cal_.holidays and date(2025, 11, 28) in cal_.half_days
    found = await get_data(market_client, "/symbols/search/AA")
    assert SymbolData(**found["items"][0]).symbol == "AAPL"
    assert (await get_data(market_client, "/symbols/search/QQQQQ"))["items"] == []
    cfg = await get_data(market_client, "/margin-requirements-public-configuration")
    assert cfg["risk-free-rate"] == "0.0425"
