"""The market reads order resolution needs, through the SDK on a :class:`BrokerClient`.

Everything here is a read (retried by the client as idempotent) and returns plain frozen
values, so :mod:`services.orders.resolve` and :mod:`services.orders.validate` stay pure:

* :func:`listed_chain`: every root (SPX lists SPX monthlies and SPXW weeklies), expiration,
  strike, OCC and streamer symbol, and each root's tick schedule, from the nested chain;
* :func:`quotes` / :func:`underlying_price`: bid, ask, mark from ``/market-data/by-type``
  (the sandbox has no market data: Tastytrade answers 403 there, raised as ``RejectedError``);
* :func:`market_open`: the equity session state;
* :func:`broker_positions`: the account's live positions (for open/close effects);
* :func:`similar_symbols`: Tastytrade's symbol search, for "did you mean".

Symbols are checked before they reach a URL: a ticker is letters and digits with an optional
class suffix (``BRK/B``), an option is an OCC symbol; anything else is a ``ValidationError``.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

from tastytrade import Account, Session
from tastytrade.instruments import NestedOptionChain
from tastytrade.market_data import MarketData, get_market_data_by_type
from tastytrade.market_sessions import (
    ExchangeType,
    MarketSession,
    MarketStatus,
    get_market_sessions,
)
from tastytrade.search import symbol_search

from services.broker.client import BrokerClient
from services.errors import ValidationError

log = logging.getLogger(__name__)

TICKER_RE = re.compile(r"^[A-Z][A-Z0-9]{0,9}(?:/[A-Z0-9]{1,3})?$")
OCC_RE = re.compile(r"^[A-Z][A-Z0-9 ]{5}\d{6}[CP]\d{8}$")  # the SDK's own pattern
ACCOUNT_NUMBER_RE = re.compile(r"^[A-Za-z0-9]{1,20}$")
MAX_MARKET_DATA_SYMBOLS = 100  # Tastytrade's combined limit per /market-data/by-type request
SEARCH_RE = re.compile(r"^[A-Z0-9][A-Z0-9 ]*(?:[./][A-Z0-9 ]+)?$")  # no "..": it goes in a URL
MAX_SEARCH_RESULTS = 5
MAX_SEARCH_CHARS = 21  # the longest symbol (OCC); a longer search is cut


@dataclass(frozen=True, slots=True)
class TickSize:
    """A price increment: ``tick`` applies to prices below ``threshold`` (``None``: above all
    earlier thresholds), as Tastytrade's ``tick-sizes`` lists them."""

    tick: Decimal
    threshold: Decimal | None = None


EQUITY_TICKS = (TickSize(Decimal("0.0001"), Decimal(1)), TickSize(Decimal("0.01")))


def tick_for(ticks: Sequence[TickSize], price: Decimal) -> Decimal:
    """The increment a price must be a multiple of under a tick schedule."""
    for size in ticks:
        if size.threshold is None or price < size.threshold:
            return size.tick
    return ticks[-1].tick if ticks else Decimal("0.01")


@dataclass(frozen=True, slots=True)
class ListedStrike:
    strike: Decimal
    call: str
    put: str
    call_streamer_symbol: str
    put_streamer_symbol: str


@dataclass(frozen=True, slots=True)
class ListedExpiration:
    """One listed expiration of one root, strikes ascending."""

    root: str
    expiration: date
    expiration_type: str  # "Regular" | "Weekly" | "Quarterly" | ...
    settlement_type: str  # "AM" | "PM"
    strikes: tuple[ListedStrike, ...]

    @property
    def strike_prices(self) -> tuple[Decimal, ...]:
        return tuple(listed.strike for listed in self.strikes)

    def strike(self, price: Decimal) -> ListedStrike | None:
        return next((listed for listed in self.strikes if listed.strike == price), None)


@dataclass(frozen=True, slots=True)
class ListedRoot:
    root: str
    shares_per_contract: int
    cash_settled: bool
    tick_sizes: tuple[TickSize, ...]
    expirations: tuple[ListedExpiration, ...]


@dataclass(frozen=True, slots=True)
class ListedContract:
    """One listed option, found by its OCC symbol."""

    symbol: str
    streamer_symbol: str
    root: str
    expiration: date
    option_type: str  # "call" | "put"
    strike: Decimal
    settlement_type: str


@dataclass(frozen=True, slots=True)
class ListedChain:
    """Everything listed for an underlying's options; empty when it has none (or is unknown)."""

    underlying: str
    roots: tuple[ListedRoot, ...]
    _contracts: dict[str, ListedContract] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        contracts: dict[str, ListedContract] = {}
        for root in self.roots:
            for listed in root.expirations:
                for strike in listed.strikes:
                    for option_type, symbol, streamer in (
                        ("call", strike.call, strike.call_streamer_symbol),
                        ("put", strike.put, strike.put_streamer_symbol),
                    ):
                        contracts[symbol] = ListedContract(
                            symbol,
                            streamer,
                            root.root,
                            listed.expiration,
                            option_type,
                            strike.strike,
                            listed.settlement_type,
                        )
        object.__setattr__(self, "_contracts", contracts)

    @property
    def is_empty(self) -> bool:
        return not any(root.expirations for root in self.roots)

    @property
    def cash_settled(self) -> bool:
        """True for an index (its options settle in cash; the index itself cannot be traded)."""
        return any(root.cash_settled for root in self.roots)

    def contract(self, symbol: str) -> ListedContract | None:
        return self._contracts.get(symbol)

    def root(self, name: str) -> ListedRoot | None:
        return next((root for root in self.roots if root.root == name), None)

    def expiration_dates(self) -> tuple[date, ...]:
        """Every listed date once, ascending (a date listed by two roots counts once)."""
        return tuple(sorted({e.expiration for root in self.roots for e in root.expirations}))

    def expirations_on(self, day: date) -> tuple[ListedExpiration, ...]:
        """The roots' listings on ``day`` (SPX and SPXW both list the monthly Friday)."""
        return tuple(e for root in self.roots for e in root.expirations if e.expiration == day)


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote from Tastytrade's market data (``None`` where it has no value)."""

    symbol: str
    instrument_type: str  # "Equity" | "Index" | "Equity Option"
    bid: Decimal | None
    ask: Decimal | None
    mark: Decimal | None
    last: Decimal | None = None

    @property
    def mid(self) -> Decimal | None:
        if self.bid is not None and self.ask is not None:
            return (self.bid + self.ask) / 2
        return self.mark

    @property
    def price(self) -> Decimal | None:
        """The best single figure: mark, else mid, else last."""
        for value in (self.mark, self.mid, self.last):
            if value is not None:
                return value
        return None


@dataclass(frozen=True, slots=True)
class BrokerPosition:
    """A live position; ``quantity`` is signed (positive long, negative short)."""

    symbol: str
    underlying_symbol: str
    instrument_type: str
    quantity: Decimal

    @property
    def size(self) -> Decimal:
        return abs(self.quantity)


@dataclass(frozen=True, slots=True)
class SymbolMatch:
    symbol: str
    description: str


def check_ticker(symbol: str) -> str:
    """``symbol`` if it is a well-formed ticker (``SPY``, ``BRK/B``), else ``ValidationError``."""
    if not isinstance(symbol, str) or not TICKER_RE.fullmatch(symbol):
        raise ValidationError(
            "That is not a ticker symbol (letters and digits, e.g. SPY or BRK/B)."
        )
    return symbol


def _check_symbol(symbol: str) -> str:
    if isinstance(symbol, str) and OCC_RE.match(symbol):
        return symbol
    return check_ticker(symbol)


def chain_from_sdk(underlying: str, nested: Iterable[NestedOptionChain]) -> ListedChain:
    """A :class:`ListedChain` from the SDK's nested chain objects (one per root)."""
    roots = []
    for chain in nested:
        expirations = tuple(
            sorted(
                (
                    ListedExpiration(
                        root=chain.root_symbol,
                        expiration=listed.expiration_date,
                        expiration_type=listed.expiration_type,
                        settlement_type=listed.settlement_type,
                        strikes=tuple(
                            sorted(
                                (
                                    ListedStrike(
                                        s.strike_price,
                                        s.call,
                                        s.put,
                                        s.call_streamer_symbol,
                                        s.put_streamer_symbol,
                                    )
                                    for s in listed.strikes
                                ),
                                key=lambda strike: strike.strike,
                            )
                        ),
                    )
                    for listed in chain.expirations
                ),
                key=lambda listed: listed.expiration,
            )
        )
        roots.append(
            ListedRoot(
                root=chain.root_symbol,
                shares_per_contract=chain.shares_per_contract,
                cash_settled=any(d.deliverable_type == "Cash" for d in (chain.deliverables or ())),
                tick_sizes=tuple(TickSize(t.value, t.threshold) for t in chain.tick_sizes),
                expirations=expirations,
            )
        )
    return ListedChain(underlying, tuple(roots))


async def listed_chain(client: BrokerClient, underlying: str) -> ListedChain:
    """The listed option chain of ``underlying`` (empty when nothing is listed). Building it
    from the SDK's objects is CPU work (thousands of contracts): it runs in a thread."""
    symbol = check_ticker(underlying)

    async def read(session: Session) -> list[NestedOptionChain]:
        return await NestedOptionChain.get(session, symbol)

    nested = await client.call(read)
    return await asyncio.to_thread(chain_from_sdk, symbol, nested)


CHAIN_TTL_S = 300.0  # listings change a few times a day (new weeklies, added strikes)
SESSION_TTL_S = 30.0  # the session state is read again at most this often, and at its changes

K = TypeVar("K")
V = TypeVar("V")


class SharedReads(Generic[K, V]):
    """Values read from Tastytrade, shared by concurrent orders: one read per key while it is
    fresh; orders that miss at the same time wait for the same read, and a failed read is not
    kept. ``expiry(value, now)`` is the clock time the value stops being fresh."""

    def __init__(
        self,
        expiry: Callable[[V, float], float],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._expiry = expiry
        self._clock = clock
        self._entries: dict[K, tuple[float, V]] = {}
        self._reads: dict[K, asyncio.Task[V]] = {}

    def peek(self, key: K) -> V | None:
        """The value for ``key`` if a fresh one is kept (no read)."""
        entry = self._entries.get(key)
        return entry[1] if entry is not None and entry[0] > self._clock() else None

    async def read(self, key: K, load: Callable[[], Coroutine[Any, Any, V]]) -> V:
        kept = self._entries.get(key)
        if kept is not None and kept[0] > self._clock():
            return kept[1]
        read = self._reads.get(key)
        if read is None:
            read = asyncio.create_task(load())
            self._reads[key] = read
            read.add_done_callback(lambda done: self._settle(key, done))
        return await asyncio.shield(read)

    def _settle(self, key: K, read: asyncio.Task[V]) -> None:
        self._reads.pop(key, None)
        if not read.cancelled() and read.exception() is None:
            value = read.result()
            now = self._clock()
            expires = self._expiry(value, now)
            if expires > now:
                self._entries[key] = (expires, value)
            else:  # stale on arrival: nothing is kept
                self._entries.pop(key, None)


class _ReadFailed(Exception):
    """A shared read failed through ``client``'s session (the cause is the failure)."""

    def __init__(self, client: BrokerClient) -> None:
        super().__init__("a shared read failed")
        self.client = client


def _stale_on_arrival(_: object, now: float) -> float:
    return now  # kept by nothing: SharedReads keeps only what is fresh after it arrives


class LiveReads:
    """Reads of live state (quotes, an account's positions) shared by concurrent orders (see
    :class:`SharedReads`): an order that asks what a read already on its way will answer waits
    for that answer instead of sending its own. Nothing is kept once the answer is in, so every
    answer is to a read sent at most one round trip before the ask. A signal that moves many
    traders at once, or a trader's burst of orders, then costs Tastytrade one read per round
    trip. Quotes are shared between traders (market data is the same for all); positions only
    through the same session, so no one reads an account through another trader's grant."""

    def __init__(self) -> None:
        self._quotes: SharedReads[tuple[bool, tuple[str, ...]], dict[str, Quote]] = SharedReads(
            _stale_on_arrival
        )
        self._positions: SharedReads[tuple[int, str], tuple[BrokerPosition, ...]] = SharedReads(
            _stale_on_arrival
        )

    async def quotes(self, client: BrokerClient, symbols: Iterable[str]) -> dict[str, Quote]:
        """:func:`quotes`, shared. A shared read that fails through another trader's session
        (their grant revoked, say) is asked again through ``client``: one trader's trouble is
        never another's answer."""
        wanted = tuple(sorted(set(symbols)))
        key = (bool(client.session.is_test), wanted)

        async def read() -> dict[str, Quote]:
            try:
                return await quotes(client, wanted)
            except Exception as error:
                raise _ReadFailed(client) from error

        try:
            answer = await self._quotes.read(key, read)
        except _ReadFailed as failed:
            if failed.client is client and failed.__cause__ is not None:
                raise failed.__cause__ from None
            answer = await quotes(client, wanted)
        return dict(answer)

    async def positions(
        self, client: BrokerClient, account_number: str
    ) -> tuple[BrokerPosition, ...]:
        """:func:`broker_positions`, shared by the orders that use the same ``client`` (a read
        on its way keeps its client alive, so the client's id names it meanwhile)."""
        key = (id(client), account_number)
        return await self._positions.read(key, lambda: broker_positions(client, account_number))


class ChainCache:
    """Listed chains by environment and underlying, one read per underlying per ``ttl_s``
    (see :class:`SharedReads`)."""

    def __init__(
        self, ttl_s: float = CHAIN_TTL_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl_s = ttl_s
        self._reads: SharedReads[tuple[bool, str], ListedChain] = SharedReads(
            lambda _, now: now + self.ttl_s, clock
        )

    async def get(self, client: BrokerClient, underlying: str) -> ListedChain:
        key = (bool(client.session.is_test), check_ticker(underlying))
        return await self._reads.read(key, lambda: listed_chain(client, underlying))

    def peek(self, client: BrokerClient, underlying: str) -> ListedChain | None:
        """The chain if a fresh one is kept, without reading it."""
        return self._reads.peek((bool(client.session.is_test), check_ticker(underlying)))


@dataclass(frozen=True)
class SessionState:
    """Whether the regular session is open (``None``: Tastytrade did not say) and when that
    next changes (``None``: not said)."""

    open: bool | None
    changes_at: datetime | None = None


class SessionCache:
    """The equity market's session state by environment, read at most every ``ttl_s`` and
    again once the session opens or closes (see :class:`SharedReads`)."""

    def __init__(
        self,
        ttl_s: float = SESSION_TTL_S,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.ttl_s = ttl_s
        self._wall_clock = wall_clock
        self._reads: SharedReads[bool, SessionState] = SharedReads(self._expiry, clock)

    def _expiry(self, state: SessionState, now: float) -> float:
        fresh = now + self.ttl_s
        if state.changes_at is None:
            return fresh
        until_change = (state.changes_at - self._wall_clock()).total_seconds()
        return now + max(0.0, min(self.ttl_s, until_change))

    async def is_open(self, client: BrokerClient) -> bool | None:
        key = bool(client.session.is_test)
        return (await self._reads.read(key, lambda: market_session(client))).open


def _quote(row: MarketData) -> Quote:
    return Quote(
        symbol=row.symbol,
        instrument_type=str(row.instrument_type.value),
        bid=row.bid,
        ask=row.ask,
        mark=row.mark if row.mark is not None else row.mid,
        last=row.last,
    )


def _has_prices(quote: Quote) -> bool:
    return quote.bid is not None or quote.ask is not None or quote.mark is not None


async def quotes(client: BrokerClient, symbols: Iterable[str]) -> dict[str, Quote]:
    """Quotes by symbol; symbols Tastytrade does not know are absent from the answer.

    A ticker is asked as both an equity and an index (one of the two answers), an OCC symbol
    as an option; requests are split to stay within Tastytrade's 100 symbols each.
    """
    wanted = list(dict.fromkeys(_check_symbol(symbol) for symbol in symbols))
    batches: list[tuple[list[str], list[str]]] = [([], [])]
    used = 0
    for symbol in wanted:
        cost = 1 if OCC_RE.match(symbol) else 2
        if used + cost > MAX_MARKET_DATA_SYMBOLS:
            batches.append(([], []))
            used = 0
        batches[-1][0 if cost == 1 else 1].append(symbol)
        used += cost

    async def read(options: list[str], tickers: list[str]) -> list[MarketData]:
        async def call(session: Session) -> list[MarketData]:
            return await get_market_data_by_type(
                session, options=options or None, equities=tickers or None, indices=tickers or None
            )

        return await client.call(call)

    found: dict[str, Quote] = {}
    for rows in await asyncio.gather(*(read(o, t) for o, t in batches if o or t)):
        for row in rows:
            quote = _quote(row)
            if quote.symbol not in found or not _has_prices(found[quote.symbol]):
                found[quote.symbol] = quote
    return found


async def underlying_price(client: BrokerClient, underlying: str) -> Decimal | None:
    """The underlying's current price (mark, else mid, else last); ``None`` if not quoted."""
    quote = (await quotes(client, [underlying])).get(underlying)
    return None if quote is None else quote.price


async def market_open(client: BrokerClient) -> bool | None:
    """Whether the equity market's regular session is open now; ``None`` if Tastytrade does
    not say. Pre-market and extended hours count as closed."""
    return (await market_session(client)).open


async def market_session(client: BrokerClient) -> SessionState:
    """The equity market's regular session now: open or not, and when that next changes."""

    async def read(session: Session) -> list[MarketSession]:
        return await get_market_sessions(session, [ExchangeType.NYSE])

    sessions = await client.call(read)
    if not sessions:
        return SessionState(None)
    current = sessions[0]
    is_open = current.status is MarketStatus.OPEN
    now = datetime.now(UTC)
    upcoming = [current.close_at] if is_open else [current.open_at]
    if current.next_session is not None:
        upcoming.append(current.next_session.open_at)
    changes = [at for at in upcoming if at is not None and at > now]
    return SessionState(is_open, min(changes) if changes else None)


async def broker_positions(client: BrokerClient, account_number: str) -> tuple[BrokerPosition, ...]:
    """The account's live positions, signed (long positive, short negative)."""
    if not isinstance(account_number, str) or not ACCOUNT_NUMBER_RE.match(account_number):
        raise ValidationError("That is not an account number.")
    # get_positions reads only the account number: no need to fetch the account first
    account = Account.model_construct(account_number=account_number)

    async def read(session: Session) -> tuple[BrokerPosition, ...]:
        rows = await account.get_positions(session)
        return tuple(
            BrokerPosition(
                symbol=row.symbol,
                underlying_symbol=row.underlying_symbol,
                instrument_type=str(row.instrument_type.value),
                quantity=-row.quantity if row.quantity_direction == "Short" else row.quantity,
            )
            for row in rows
            if row.quantity_direction in ("Long", "Short") and row.quantity
        )

    return await client.call(read)


async def similar_symbols(client: BrokerClient, text: str) -> tuple[SymbolMatch, ...]:
    """Tastytrade's symbol search for ``text`` (a prefix or part of a name), best first."""
    needle = text.strip().upper()[:MAX_SEARCH_CHARS] if isinstance(text, str) else ""
    if not SEARCH_RE.match(needle):
        return ()

    async def read(session: Session) -> tuple[SymbolMatch, ...]:
        await session.refresh()  # the SDK's search skips its own token refresh
        found = await symbol_search(session, needle)
        return tuple(SymbolMatch(row.symbol, row.description) for row in found)

    return (await client.call(read))[:MAX_SEARCH_RESULTS]
