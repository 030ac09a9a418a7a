"""The pure parts of the DXLink feed: subscription batches under the frame limit, symbol
checks, which events a symbol needs, the reconnect backoff, and what a snapshot's quote says."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tastytrade.dxfeed import Greeks, Summary

from services.errors import ValidationError
from services.market.stream import (
    MAX_MESSAGE_BYTES,
    MAX_SUBSCRIPTION_BYTES,
    StreamPolicy,
    UnderlyingQuote,
    _batches,
    check_stream_symbol,
    is_option_symbol,
    subscription_batches,
    subscription_bytes,
)

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def spx_symbols(count: int) -> list[str]:
    return [f".SPXW261218{'CP'[i % 2]}{4000 + 5 * (i // 2)}" for i in range(count)]


def sdk_message(channel: int, event_type: str, symbols: list[str]) -> bytes:
    """The FEED_SUBSCRIPTION the SDK sends (``DXLinkStreamer.subscribe``; ``send_json``
    serializes with ``json.dumps``)."""
    return json.dumps(
        {
            "type": "FEED_SUBSCRIPTION",
            "channel": channel,
            "add": [{"symbol": symbol, "type": event_type} for symbol in symbols],
        }
    ).encode()


def test_a_large_chain_is_cut_into_messages_under_the_limit_in_order() -> None:
    symbols = spx_symbols(16_000)

    batches = list(subscription_batches("Greeks", symbols))

    assert len(batches) > 1
    assert [symbol for batch in batches for symbol in batch] == symbols
    for batch in batches:
        assert len(sdk_message(3, "Greeks", batch)) <= MAX_SUBSCRIPTION_BYTES < MAX_MESSAGE_BYTES
    # batches are full: one more symbol would not have fitted
    for batch, following in itertools.pairwise(batches):
        assert len(sdk_message(3, "Greeks", [*batch, following[0]])) > MAX_SUBSCRIPTION_BYTES


def test_the_measured_size_is_the_sdks_message_size() -> None:
    symbols = spx_symbols(300)

    assert subscription_bytes("Summary", symbols) == len(sdk_message(17, "Summary", symbols))
    assert subscription_bytes("Summary", symbols) >= len(sdk_message(9, "Summary", symbols))


@given(st.lists(st.from_regex(r"\.[A-Z]{1,6}\d{6}[CP]\d{1,5}", fullmatch=True), max_size=400))
def test_every_batch_fits_whatever_the_symbols(symbols: list[str]) -> None:
    batches = list(subscription_batches("Quote", symbols, limit=2_000))

    assert [symbol for batch in batches for symbol in batch] == symbols
    assert all(len(sdk_message(7, "Quote", batch)) <= 2_000 for batch in batches)


def test_no_symbols_make_no_message() -> None:
    assert list(subscription_batches("Quote", [])) == []


@pytest.mark.parametrize("symbol", ["SPY", "BRK/B", "SPX", ".SPY251219C600", ".SPY251219P452.5"])
def test_tickers_and_option_symbols_are_accepted(symbol: str) -> None:
    assert check_stream_symbol(symbol) == symbol


@pytest.mark.parametrize(
    "symbol",
    ["", " SPY", "spy", "SPY SPY", "S" * 41, '"}]', "SPY\n", "<@1>", None, 42],
)
def test_malformed_symbols_are_refused(symbol: object) -> None:
    with pytest.raises(ValidationError):
        check_stream_symbol(symbol)  # type: ignore[arg-type]


def test_options_are_the_symbols_starting_with_a_dot() -> None:
    assert is_option_symbol(".SPY251219C600") and not is_option_symbol("SPY")


def test_backoff_grows_to_its_cap_with_jitter() -> None:
    policy = StreamPolicy(reconnect_initial_s=0.5, reconnect_max_s=8.0, reconnect_jitter_s=0.25)

    waits = [policy.backoff(attempt) for attempt in range(8)]

    for attempt, wait in enumerate(waits):
        base = min(8.0, 0.5 * 2**attempt)
        assert base <= wait <= base + 0.25


def test_an_underlyings_price_is_the_mid_else_the_last_trade() -> None:
    both = UnderlyingQuote("SPY", Decimal("600.10"), Decimal("600.20"), Decimal("600.00"), NOW)
    one_sided = UnderlyingQuote("SPY", Decimal(0), Decimal("600.20"), Decimal("600.00"), NOW)
    nothing = UnderlyingQuote("SPY", None, None, None, NOW)

    assert both.price == Decimal("600.15")
    assert one_sided.price == Decimal("600.00")
    assert nothing.price is None


def test_underlyings_go_first_then_each_option_batch_with_its_summary() -> None:
    options = spx_symbols(3_000)

    sent = list(_batches(["SPX", *options, "SPY"]))

    kinds = [event_type.__name__ for event_type, _ in sent]
    assert kinds[:2] == ["Quote", "Trade"] and sent[0][1] == ["SPX", "SPY"]
    rest = kinds[2:]
    assert len(rest) > 2 and rest == ["Greeks", "Summary"] * (len(rest) // 2)
    greeks = [symbol for kind, batch in sent if kind is Greeks for symbol in batch]
    summaries = [symbol for kind, batch in sent if kind is Summary for symbol in batch]
    assert greeks == summaries == options  # in the order asked: the nearest strikes first
