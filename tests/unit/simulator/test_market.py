import math
from datetime import date, timedelta
from decimal import Decimal

import pytest
from tastytrade.instruments import Option

from simulator import calendar as cal
from simulator.market import Market, black_scholes
from simulator.symbols import occ_symbol, parse_occ, streamer_symbol, streamer_to_occ

TODAY = date(2025, 6, 2)


@pytest.fixture(scope="module")
def market() -> Market:
    return Market(7, TODAY)


def test_universe_and_determinism(market: Market) -> None:
    assert {"SPY", "QQQ", "IWM", "SPX", "AAPL", "MSFT", "TSLA", "NVDA", "AMD", "AMZN"} <= set(
        market.underlyings()
    )
    other = Market(7, TODAY)
    for sym in market.underlyings():
        assert other.spot(sym) == market.opening_spot(sym)
        assert other.price_on(sym, date(2024, 9, 3)) == market.price_on(sym, date(2024, 9, 3))
    assert Market(8, TODAY).spot("SPY") != market.opening_spot("SPY")
    a, b = Market(7, TODAY), Market(7, TODAY)
    for _ in range(5):
        a.step()
        b.step()
    assert a.spot("AAPL") == b.spot("AAPL") and a.version == 5
    assert a.quote("SPY") == b.quote("SPY")
    # SPX tracks SPY
    ratio = a.spot("SPX") / a.spot("SPY")
    assert Decimal("9.8") < ratio < Decimal("10.2")


def test_history(market: Market) -> None:
    assert market.price_on("SPY", TODAY) == market.opening_spot("SPY")
    # weekends/holidays use the previous close
    assert market.price_on("SPY", date(2025, 4, 18)) == market.price_on("SPY", date(2025, 4, 17))
    closes = [c for _, c in market.history("AAPL")]
    assert len(closes) >= 252
    hv = market.historical_volatility("AAPL", 63)
    assert 0.1 < hv < 0.4
    assert market.correlation("QQQ") > 0.6
    low, high = market.year_range("TSLA")
    assert low < market.spot("TSLA") < high or low <= market.spot("TSLA") <= high


def test_expirations(market: Market) -> None:
    spy = market.expirations("SPY")
    dates = [e.date for e in spy]
    assert dates[0] == TODAY and dates == sorted(dates)
    dailies = [d for d in dates if d <= TODAY + timedelta(days=60)]
    assert dailies == cal.trading_days(TODAY, TODAY + timedelta(days=60))
    assert sum(e.expiration_type == "Regular" for e in spy) >= 12
    assert max(dates) >= date(2027, 1, 1)  # LEAPs
    assert all(e.settlement_type == "PM" and e.root == "SPY" for e in spy)
    aapl = market.expirations("AAPL")
    assert date(2025, 6, 3) not in {e.date for e in aapl}  # no dailies for stocks
    assert date(2025, 7, 3) in {e.date for e in aapl}  # weekly shifted for July 4th
    assert date(2025, 7, 4) not in {e.date for e in aapl}
    spx = market.expirations("SPX")
    am = [e for e in spx if e.root == "SPX"]
    assert am and all(e.settlement_type == "AM" and e.expiration_type == "Regular" for e in am)
    assert all(e.date == cal.monthly_expiration(e.date.year, e.date.month) for e in am)
    pm = [e for e in spx if e.root == "SPXW"]
    assert pm[0].date == TODAY and all(e.settlement_type == "PM" for e in pm)
    assert date(2025, 6, 20) in {e.date for e in am} & {e.date for e in pm}


def test_strike_increments(market: Market) -> None:
    exp = market.expirations("SPY")[3].date
    strikes = market.strikes("SPY", exp)
    spot = market.spot("SPY")
    near = [k for k in strikes if abs(k - spot) < 20]
    assert all(k % 1 == 0 for k in strikes) and len(near) >= 39
    assert min(strikes) < spot * Decimal("0.95") and max(strikes) > spot * Decimal("1.05")
    spx = market.strikes("SPX", exp)
    assert all(k % 5 == 0 for k in spx)
    nvda_exp = market.expirations("NVDA")[0].date
    assert all(k % Decimal("2.5") == 0 for k in market.strikes("NVDA", nvda_exp))
    leap = market.expirations("SPY")[-1].date
    assert all(k % 5 == 0 for k in market.strikes("SPY", leap))
    assert market.strikes("SPY", date(2025, 6, 1)) == []


def test_symbols_round_trip(market: Market) -> None:
    exp = date(2025, 6, 20)
    assert occ_symbol("SPY", exp, "C", Decimal("600")) == "SPY   250620C00600000"
    assert occ_symbol("SPXW", exp, "P", Decimal("5925")) == "SPXW  250620P05925000"
    assert streamer_symbol("SPY", exp, "P", Decimal("197.5")) == ".SPY250620P197.5"
    for occ in ("SPY   250620C00600000", "AAPL  250620P00197500", "SPXW  250620C05925000"):
        stream = Option.occ_to_streamer_symbol(occ)
        assert streamer_to_occ(stream) == occ
        parsed = parse_occ(occ)
        assert parsed is not None and parsed.occ == occ
        parts = (parsed.root, parsed.expiration, parsed.option_type, parsed.strike)
        assert streamer_symbol(*parts) == stream
    assert parse_occ("SPY250620C600") is None


def test_option_lookup(market: Market) -> None:
    exp = market.expirations("SPY")[2]
    contract = market.chain("SPY", exp)[10]
    assert market.option(contract.occ) == contract
    assert contract.streamer_symbol == Option.occ_to_streamer_symbol(contract.occ)
    assert market.option("SPY   250620C00600500") is None  # strike not listed
    assert market.option("SPY   250621C00600000") is None  # Saturday
    assert market.option("XYZ   250620C00600000") is None
    assert market.option("garbage") is None
    with pytest.raises(KeyError):
        market.quote("XYZ")
    with pytest.raises(KeyError):
        market.quote("XYZ   250620C00600000")
    spx = [c for e in market.expirations("SPX")[:1] for c in market.chain("SPX", e)]
    assert spx[0].root == "SPXW" and spx[0].exercise_style == "European"


def test_black_scholes_sanity() -> None:
    s, k, t, v, r, q = 100.0, 105.0, 0.5, 0.25, 0.0425, 0.01
    call = black_scholes(s, k, t, v, True, r, q)
    put = black_scholes(s, k, t, v, False, r, q)
    parity = call[0] - put[0] - (s * math.exp(-q * t) - k * math.exp(-r * t))
    assert abs(parity) < 1e-9
    assert 0 < call[1] < 1 and -1 < put[1] < 0
    assert abs(call[1] - put[1] - math.exp(-q * t)) < 1e-9
    assert call[2] > 0 and abs(call[2] - put[2]) < 1e-12
    assert call[3] < 0 and put[3] < 0
    assert call[4] > 0 and abs(call[4] - put[4]) < 1e-12
    assert call[5] > 0 > put[5]
    assert black_scholes(100, 90, 0.0, 0.2, True)[:2] == (10.0, 1.0)


def test_put_call_parity_on_market(market: Market) -> None:
    exp = market.expirations("AAPL")[4]
    spot = float(market.spot("AAPL"))
    for strike in market.strikes("AAPL", exp.date)[::7]:
        c = market.greeks(occ_symbol("AAPL", exp.date, "C", strike))
        p = market.greeks(occ_symbol("AAPL", exp.date, "P", strike))
        assert c.volatility == p.volatility
        t = market._years_to(exp.date)
        q = market.spec("AAPL").dividend_yield
        rhs = spot * math.exp(-q * t) - float(strike) * math.exp(-0.0425 * t)
        assert abs(float(c.price - p.price) - rhs) < 0.01
        assert c.delta > 0 > p.delta and c.gamma > 0 and c.theta < 0 and c.vega > 0


def test_smile_and_term_structure(market: Market) -> None:
    exp = market.expirations("SPY")[10]
    strikes = market.strikes("SPY", exp.date)
    vols = [market.implied_volatility(occ_symbol("SPY", exp.date, "P", k)) for k in strikes]
    atm_i = min(range(len(strikes)), key=lambda i: abs(strikes[i] - market.spot("SPY")))
    assert vols[0] > vols[atm_i] * 1.1  # put skew
    assert vols[0] > vols[-1]
    short = market.atm_iv("SPY", 7)
    long = market.atm_iv("SPY", 365)
    assert long > short


def test_open_interest_shape(market: Market) -> None:
    exp = [e for e in market.expirations("SPY") if e.expiration_type == "Regular"][1]
    strikes = market.strikes("SPY", exp.date)
    spot = market.spot("SPY")

    def total(band: list[Decimal]) -> int:
        return sum(
            market.open_interest(occ_symbol("SPY", exp.date, t, k)) for k in band for t in "CP"
        )

    near = [k for k in strikes if abs(k - spot) <= 10]
    near5 = [k for k in near if k % 5 == 0]
    far5 = [k for k in strikes if abs(k - spot) > 60 and k % 5 == 0]
    assert total(near5) / len(near5) > 3 * total(far5) / len(far5)
    round_ = [k for k in strikes if k % 10 == 0 and abs(k - spot) < 30]
    odd = [k for k in strikes if k % 5 != 0 and abs(k - spot) < 30]
    assert total(round_) / len(round_) > total(odd) / len(odd)
    occ = occ_symbol("SPY", exp.date, "C", near[0])
    assert market.open_interest(occ) == Market(7, TODAY).open_interest(occ)
    assert market.open_interest(occ) >= 0


def test_quotes_ticks_and_spreads(market: Market) -> None:
    for sym in ("SPY", "SPX", "AAPL"):
        exp = market.expirations(sym)[5]
        for contract in market.chain(sym, exp)[::5]:
            q = market.quote(contract.occ)
            assert Decimal(0) <= q.bid < q.ask
            assert q.mark == (q.bid + q.ask) / 2
            assert q.bid <= q.last <= q.ask
            for price in (q.bid, q.ask):
                if sym == "SPY":
                    assert price % Decimal("0.01") == 0
                elif sym == "SPX":
                    assert price % (Decimal("0.05") if price <= 3 else Decimal("0.10")) == 0
                else:
                    assert price % (Decimal("0.01") if price <= 3 else Decimal("0.05")) == 0
            assert q.ask - q.bid <= max(Decimal("0.15") * q.mark, Decimal("0.20"))
    q = market.quote("SPY")
    assert q.ask - q.bid == Decimal("0.01") and q.bid_size > 0


def test_quote_moves_with_spot_and_delay() -> None:
    m = Market(3, TODAY)
    exp = m.expirations("QQQ")[3]
    call = next(c for c in m.chain("QQQ", exp) if c.option_type == "C" and c.strike > m.spot("QQQ"))
    before = m.quote(call.occ).mark
    spot_before = m.spot("QQQ")
    for _ in range(30):
        m.step()
    after = m.quote(call.occ).mark
    assert m.spot("QQQ") != spot_before and after != before  # seed 3: both moved
    assert (after > before) == (m.spot("QQQ") > spot_before)
    assert m.quote("QQQ", delay=900).last == spot_before


@pytest.mark.parametrize(("move", "direction"), [(Decimal("1.02"), 1), (Decimal("0.98"), -1)])
def test_a_call_quote_follows_its_underlying(move: Decimal, direction: int) -> None:
    m = Market(3, TODAY)
    exp = m.expirations("QQQ")[3]
    call = next(c for c in m.chain("QQQ", exp) if c.option_type == "C" and c.strike > m.spot("QQQ"))
    before = m.quote(call.occ).mark
    spot = (m.spot("QQQ") * move).quantize(Decimal("0.01"))
    m.override_quote("QQQ", bid=spot - Decimal("0.01"), ask=spot + Decimal("0.01"))
    after = m.quote(call.occ).mark
    assert (after - before) * direction > 0


def test_option_price_on_and_dividends(market: Market) -> None:
    exp = date(2025, 6, 20)
    past = market.option_price_on("SPY", exp, "C", Decimal("600"), date(2025, 3, 3))
    assert past > 0
    assert (
        market.option_price_on("SPY", exp, "C", Decimal("1"), exp)
        == market.price_on("SPY", exp) - 1
    )
    divs = market.dividends("SPY")
    assert len(divs) >= 6 and all(d.amount > 0 for d in divs)
    assert market.dividends("TSLA") == [] and market.earnings("SPY") == []
    assert len(market.earnings("AAPL")) >= 6
    upcoming = market.next_earnings("AAPL")
    assert upcoming is not None and upcoming > TODAY
    rank, pct, _ = market.iv_rank("AAPL")
    assert 0 <= rank <= 1 and 0 <= pct <= 1


def test_quote_overrides() -> None:
    m = Market(5, TODAY)
    exp = m.expirations("AAPL")[2]
    occ = m.chain("AAPL", exp)[20].occ
    m.override_quote("AAPL", bid=Decimal("99.98"), ask=Decimal("100.02"))
    assert m.quote("AAPL").mark == Decimal("100.00") and m.spot("AAPL") == Decimal("100.00")
    m.step()
    assert m.spot("AAPL") == Decimal("100.00")
    m.override_quote(occ, bid=Decimal("1.00"), ask=Decimal("1.10"), last=Decimal("1.05"))
    assert m.quote(occ).last == Decimal("1.05")
    m.clear_quote_overrides()
    assert m.quote(occ).last != Decimal("1.05")
    with pytest.raises(KeyError):
        m.override_quote("NOPE", bid=Decimal(1), ask=Decimal(2))
