"""Live market data over DXLink: one shared subscription manager per trader's credential.

:class:`MarketStreams` keeps one :class:`~tastytrade.DXLinkStreamer` open per trader and
environment (a ``_Feed``), on the session :class:`~services.broker.pool.ClientPool` holds for
that trader's grant, and keeps the latest events of every symbol asked for in memory:

* an **underlying** (``SPY``, ``SPX``) is subscribed to ``Quote`` and ``Trade``;
* an **option**, by its dxFeed streamer symbol (``.SPY251219C600``, always starting with a
  dot), to ``Greeks`` (gamma, implied volatility) and ``Summary`` (open interest).

Underlyings **stream**: they stay subscribed and their latest quote is always at hand (the
signal rules watch prices cross levels). Options are **refreshed on demand**: a chain is
thousands of options whose Greeks dxFeed would otherwise push every aggregation period, for
levels computed now and then. An option asked for with no data, or data older than
``option_max_age_s``, is subscribed until its Greeks and Summary arrive and then unsubscribed;
its data stays in memory for the next ask.

``await streams.snapshot(discord_id, symbols)`` subscribes what it must and waits, at most
``first_event_wait_s``, for the underlyings' first events and the options' refresh; what has
no data by then is listed in ``MarketSnapshot.missing`` instead of failing the whole answer (a
far strike without Greeks must not hide the rest of a chain), and an option whose refresh did
not finish is given with its older data (``updated_at`` says how old).

Lifecycle:

* **Reconnects.** When the socket drops (or DXLink answers ``ERROR``), the feed opens a new
  streamer (a fresh quote token) after an exponential backoff with jitter, and subscribes
  again every underlying and every option whose refresh was under way. A grant Tastytrade
  rejects (``AuthExpiredError``) or one the trader removed (``NotLinkedError``) ends the
  feed, and the next ask raises it.
* **Frame size.** A WebSocket message must stay under 65,536 bytes: httpx2's default
  ``max_message_size_bytes`` on the SDK's socket, beyond which the connection is closed with
  code 1009 and the SDK raises "Subscription message too long" (reference §6.4). The simulator
  keeps its frames under 60,000 bytes (``simulator.dxlink.MAX_FRAME_BYTES``), and so do we:
  a large chain is subscribed in batches whose ``FEED_SUBSCRIPTION`` message, measured as the
  SDK serializes it, is at most :data:`MAX_SUBSCRIPTION_BYTES`.
* **Bounded.** A symbol nobody asked for in ``keep_s`` is unsubscribed and forgotten; a feed
  nobody used for ``idle_s`` closes its socket; a feed holds at most ``max_symbols`` symbols.
  Each feed sweeps every ``sweep_s``, so this holds without further asks.
* **Closing.** The SDK creates an anyio memory stream pair per event type and never closes
  them (a ``ResourceWarning`` each when collected): :func:`open_dxlink` closes them after the
  SDK's own context manager has closed the socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import random
import re
import time
from collections.abc import AsyncIterator, Callable, Collection, Iterable, Iterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from tastytrade import DXLinkStreamer, Session
from tastytrade.dxfeed import Greeks, Quote, Summary, Trade
from tastytrade.dxfeed.event import Event

from services.broker.client import BrokerClient
from services.broker.pool import ClientPool
from services.environment import Environment
from services.errors import (
    AuthExpiredError,
    BrokerUnavailableError,
    ConfigurationError,
    NotLinkedError,
    TastybotError,
    ValidationError,
    VaultError,
)

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 65_536  # httpx2's default limit for one WebSocket message (the SDK's)
MAX_SUBSCRIPTION_BYTES = 60_000  # what we send per FEED_SUBSCRIPTION, with headroom
FEED_CHANNEL_DIGITS = 2  # the SDK's channel numbers are 1..17
COALESCE_S = 0.02  # subscription changes wait this long to travel in fewer messages
MAX_SYMBOL_CHARS = 40  # a dxFeed option symbol is about 20; futures options a little more
# underlyings (SPY, BRK/B, an index) and dxFeed option symbols (.SPXW251219C6500, .SPY251219P452.5)
SYMBOL_RE = re.compile(r"^\.?[A-Z0-9/][A-Z0-9/.:_-]{0,39}$")

UNDERLYING_EVENTS: tuple[type[Event], ...] = (Quote, Trade)
OPTION_EVENTS: tuple[type[Event], ...] = (Greeks, Summary)
EVENT_TYPES: tuple[type[Event], ...] = (*UNDERLYING_EVENTS, *OPTION_EVENTS)


def is_option_symbol(symbol: str) -> bool:
    """dxFeed option symbols start with a dot (``.SPY251219C600``, ``./ESZ5 EW3Z5 251219C6500``)."""
    return symbol.startswith(".")


def check_stream_symbol(symbol: str) -> str:
    """``symbol`` if it can be a dxFeed symbol (ticker or option), else ``ValidationError``."""
    if not isinstance(symbol, str) or not SYMBOL_RE.fullmatch(symbol):
        raise ValidationError("That is not a market data symbol (e.g. SPY or .SPY251219C600).")
    return symbol


# ----------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class UnderlyingQuote:
    """The latest quote and trade of an underlying (``None`` where none arrived yet)."""

    symbol: str
    bid: Decimal | None
    ask: Decimal | None
    last: Decimal | None
    updated_at: datetime

    @property
    def price(self) -> Decimal | None:
        """The mid of a two-sided quote, else the last trade."""
        if self.bid is not None and self.ask is not None and self.bid > 0 and self.ask > 0:
            return (self.bid + self.ask) / 2
        return self.last


@dataclass(frozen=True, slots=True)
class OptionMarket:
    """The latest Greeks and open interest of one option (by its streamer symbol)."""

    symbol: str
    gamma: float
    iv: float
    delta: float
    open_interest: int
    updated_at: datetime


@dataclass(frozen=True)
class MarketSnapshot:
    """What the feed holds for the symbols asked, at ``as_of``. An option appears in
    ``options`` only with both its Greeks and its open interest; ``missing`` lists the symbols
    asked for whose first events had not arrived when the wait ended."""

    underlyings: Mapping[str, UnderlyingQuote]
    options: Mapping[str, OptionMarket]
    missing: frozenset[str]
    as_of: datetime


@dataclass(frozen=True)
class StreamPolicy:
    """How long to wait, how hard to reconnect and how much to keep (seconds)."""

    first_event_wait_s: float = 20.0  # a bound: a chain's snapshot usually takes seconds
    reconnect_initial_s: float = 0.5
    reconnect_max_s: float = 30.0
    reconnect_jitter_s: float = 0.5
    stable_s: float = 30.0  # a connection that lasted this long resets the backoff
    keep_s: float = 300.0  # a symbol not asked for this long is unsubscribed and forgotten
    option_max_age_s: float = 60.0  # an option's data older than this is refreshed when asked
    max_in_flight: int = 1_000  # options subscribed for a refresh at once (see _Feed)
    idle_s: float = 600.0  # a feed not used this long is closed
    sweep_s: float = 15.0  # how often a feed looks for stale symbols and idleness
    max_symbols: int = 30_000
    quote_interval_s: float = 0.5  # DXLink aggregation period of Quote and Trade
    greeks_interval_s: float = 1.0  # ... of Greeks and Summary

    def backoff(self, attempt: int) -> float:
        """The wait before reconnect number ``attempt`` (0 for the first)."""
        base = min(self.reconnect_max_s, self.reconnect_initial_s * 2**attempt)
        return base + random.uniform(0, self.reconnect_jitter_s)


@dataclass(frozen=True)
class FeedState:
    """How one feed is doing, for status lines and tests."""

    connected: bool
    connects: int  # how many times a streamer was opened (1 + reconnects)
    symbols: int  # symbols wanted (kept in memory)
    streaming: int  # underlyings subscribed
    refreshing: int  # options whose Greeks and Summary are awaited (queued or in flight)
    last_error: str | None
    subscription_messages: int  # FEED_SUBSCRIPTION messages sent (adds and removes)
    largest_subscription_bytes: int  # the largest of them


# ----------------------------------------------------------------------------- the SDK


@asynccontextmanager
async def open_dxlink(session: Session) -> AsyncIterator[DXLinkStreamer]:
    """``async with DXLinkStreamer(session)``, with the event streams the SDK leaves open
    closed afterwards (see the module docstring)."""
    streamer = DXLinkStreamer(session)
    try:
        async with streamer:
            yield streamer
    finally:
        for send in streamer._send.values():
            send.close()
        for receive in streamer._recv.values():
            receive.close()


def subscription_bytes(event_type: str, symbols: Iterable[str]) -> int:
    """Bytes of the ``FEED_SUBSCRIPTION`` message the SDK sends for ``symbols`` (it uses
    ``json.dumps`` with the default separators)."""
    message = {
        "type": "FEED_SUBSCRIPTION",
        "channel": 10**FEED_CHANNEL_DIGITS - 1,  # as wide as the widest channel number
        "add": [{"symbol": symbol, "type": event_type} for symbol in symbols],
    }
    return len(json.dumps(message).encode())


def subscription_batches(
    event_type: str, symbols: Iterable[str], limit: int = MAX_SUBSCRIPTION_BYTES
) -> Iterator[list[str]]:
    """``symbols`` cut into runs whose subscription message stays within ``limit`` bytes."""
    empty = subscription_bytes(event_type, [])
    separator = len(", ")
    batch: list[str] = []
    size = empty
    for symbol in symbols:
        item = subscription_bytes(event_type, [symbol]) - empty + separator
        if batch and size + item > limit:
            yield batch
            batch, size = [], empty
        batch.append(symbol)
        size += item
    if batch:
        yield batch


def _batches(symbols: list[str]) -> Iterator[tuple[type[Event], list[str]]]:
    """The subscription messages for ``symbols``, in their order: the underlyings' Quote and
    Trade first, then each option batch's Greeks and its Summary in turn, so that options
    become complete (both events) from the first batch on, not only after every Greeks."""
    underlyings = [symbol for symbol in symbols if not is_option_symbol(symbol)]
    options = [symbol for symbol in symbols if is_option_symbol(symbol)]
    for event_type in UNDERLYING_EVENTS:
        for batch in subscription_batches(event_type.__name__, underlyings):
            yield event_type, batch
    kinds = [subscription_batches(event_type.__name__, options) for event_type in OPTION_EVENTS]
    for batches in itertools.zip_longest(*kinds):
        for event_type, batch in zip(OPTION_EVENTS, batches, strict=True):
            if batch is not None:
                yield event_type, batch


def _interval(event_type: type[Event], policy: StreamPolicy) -> float:
    return policy.greeks_interval_s if event_type in OPTION_EVENTS else policy.quote_interval_s


# the grant is dead, gone or unreadable, or the operator must fix something: retrying is no use
FATAL_ERRORS = (AuthExpiredError, NotLinkedError, ConfigurationError, VaultError)


class _FeedIdle(Exception):
    """Raised inside a feed's connection to end it: nobody used it for ``idle_s``."""


def _contains(error: BaseException, kind: type[BaseException]) -> bool:
    if isinstance(error, kind):
        return True
    if isinstance(error, BaseExceptionGroup):
        return any(_contains(inner, kind) for inner in error.exceptions)
    return False


def _fatal(error: BaseException) -> TastybotError | None:
    """The error that must end a feed (see ``FATAL_ERRORS``), also inside a group."""
    if isinstance(error, FATAL_ERRORS):
        return error
    if isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            found = _fatal(inner)
            if found is not None:
                return found
    return None


def _describe(error: BaseException) -> str:
    """A short, secret-free description of why a connection ended."""
    if isinstance(error, BaseExceptionGroup) and error.exceptions:
        return _describe(error.exceptions[0])
    code = getattr(error, "code", None)
    return f"{type(error).__name__}" + (f" (code {code})" if code is not None else "")


# ----------------------------------------------------------------------------- one feed


@dataclass
class _Latest:
    """The newest event of each type per symbol, with when it arrived."""

    by_type: dict[str, dict[str, tuple[Event, datetime]]] = field(
        default_factory=lambda: {event.__name__: {} for event in EVENT_TYPES}
    )

    def put(self, event: Event, at: datetime) -> None:
        self.by_type[type(event).__name__][event.event_symbol] = (event, at)

    def get(self, event_type: type[Event], symbol: str) -> tuple[Event, datetime] | None:
        return self.by_type[event_type.__name__].get(symbol)

    def has(self, symbol: str) -> bool:
        """Whether ``symbol`` has what a snapshot needs: a quote or a trade for an
        underlying, Greeks and open interest for an option."""
        if is_option_symbol(symbol):
            return all(symbol in self.by_type[event.__name__] for event in OPTION_EVENTS)
        return any(symbol in self.by_type[event.__name__] for event in UNDERLYING_EVENTS)

    def forget(self, symbol: str) -> None:
        for events in self.by_type.values():
            events.pop(symbol, None)


@dataclass(eq=False)
class _Waiter:
    """A snapshot waiting for ``pending`` symbols (each event is checked against the waiters
    once, instead of every waiter rescanning its symbols on every event)."""

    pending: set[str]
    done: asyncio.Event = field(default_factory=asyncio.Event)

    def arrived(self, symbol: str) -> None:
        self.pending.discard(symbol)
        if not self.pending:
            self.done.set()


class _Feed:
    """One DXLink connection for one trader and environment, reconnecting until closed.

    Underlyings stream (``streaming``); options are subscribed only while a refresh is under
    way (``refreshing``: the event types received since) and unsubscribed once their Greeks
    and Summary have come (see the module docstring). At most ``max_in_flight`` options are
    subscribed at once, the nearest strikes first (the order asked), the rest queued: while
    subscribed, an option's Greeks are pushed every aggregation period, and a whole chain's
    worth at once would bury the first events of the rest under their updates.
    """

    def __init__(
        self,
        pool: ClientPool,
        discord_id: int,
        environment: Environment,
        policy: StreamPolicy,
        clock: Callable[[], float],
        wall: Callable[[], datetime],
    ) -> None:
        self.pool = pool
        self.discord_id = discord_id
        self.environment = environment
        self.policy = policy
        self._clock = clock
        self._wall = wall
        self.wanted: dict[str, float] = {}  # symbol -> when it was last asked for
        self.latest = _Latest()
        self.streaming: set[str] = set()  # underlyings, subscribed for good
        # option -> event types received since its refresh began, nearest strikes first
        self.refreshing: dict[str, set[str]] = {}
        self.in_flight: set[str] = set()  # the refreshing options subscribed now
        self.refreshed_at: dict[str, float] = {}  # option -> when its last refresh completed
        self.client: BrokerClient | None = None  # the pooled session in use
        self.connected = False
        self.connects = 0
        self.last_error: str | None = None
        self.subscription_messages = 0
        self.largest_subscription_bytes = 0
        self.fatal: TastybotError | None = None
        self.last_used = clock()
        self._to_add: dict[str, None] = {}  # underlyings to subscribe
        self._queued: dict[str, None] = {}  # refreshing options waiting for room in flight
        self._to_remove: set[str] = set()
        self._work = asyncio.Event()  # subscriptions to send
        self._waiters: set[_Waiter] = set()  # snapshots waiting for events
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(
            self._run(), name=f"dxlink-{self.discord_id}-{self.environment.value}"
        )

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def state(self) -> FeedState:
        return FeedState(
            connected=self.connected,
            connects=self.connects,
            symbols=len(self.wanted),
            streaming=len(self.streaming),
            refreshing=len(self.refreshing),
            last_error=self.last_error,
            subscription_messages=self.subscription_messages,
            largest_subscription_bytes=self.largest_subscription_bytes,
        )

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for waiter in self._waiters:  # a snapshot under way answers with what it has
            waiter.done.set()

    # ------------------------------------------------------------------ asking

    def want(self, symbols: Collection[str]) -> None:
        """Mark ``symbols`` as just asked for; subscribe the new underlyings, and the options
        with no data or data older than ``option_max_age_s`` (unless already refreshing)."""
        now = self._clock()
        self.last_used = now
        self._prune(now, incoming=symbols)
        added = False
        for symbol in symbols:
            self.wanted[symbol] = now
            if is_option_symbol(symbol):
                if symbol in self.refreshing:
                    continue
                done = self.refreshed_at.get(symbol)
                if done is not None and now - done <= self.policy.option_max_age_s:
                    continue
                self.refreshing[symbol] = set()
                self._queued[symbol] = None
            elif symbol in self.streaming:
                continue
            else:
                self.streaming.add(symbol)
                self._to_add[symbol] = None
            self._to_remove.discard(symbol)
            added = True
        if added:
            self._work.set()

    def _prune(self, now: float, incoming: Collection[str]) -> None:
        """Forget symbols not asked for in ``keep_s``, then the least recently asked ones
        while ``incoming`` would not fit under ``max_symbols``."""
        asked = set(incoming)
        stale = [s for s, at in self.wanted.items() if now - at > self.policy.keep_s]
        room = self.policy.max_symbols - len(asked)
        kept = len(self.wanted) - len(stale) - sum(1 for s in asked if s in self.wanted)
        if kept > room:
            older = sorted(
                (s for s in self.wanted if s not in asked and s not in stale),
                key=self.wanted.__getitem__,
            )
            stale += older[: kept - room]
        for symbol in stale:
            del self.wanted[symbol]
            self.latest.forget(symbol)
            self.refreshed_at.pop(symbol, None)
            self._to_add.pop(symbol, None)
            self._queued.pop(symbol, None)
            self.refreshing.pop(symbol, None)
            subscribed = symbol in self.streaming or symbol in self.in_flight
            self.streaming.discard(symbol)
            self.in_flight.discard(symbol)
            if subscribed:
                self._to_remove.add(symbol)
                self._work.set()

    async def snapshot(self, symbols: Collection[str], wait_s: float) -> MarketSnapshot:
        """The latest events of ``symbols``: waits at most ``wait_s`` for the underlyings'
        first events and the options' refresh; what has no data by then is ``missing``."""
        self.want(symbols)
        pending = {
            symbol
            for symbol in symbols
            if symbol in self.refreshing
            or (not is_option_symbol(symbol) and not self.latest.has(symbol))
        }
        if pending and self.fatal is None:
            waiter = _Waiter(pending)
            self._waiters.add(waiter)
            try:
                await asyncio.wait_for(waiter.done.wait(), wait_s)
            except TimeoutError:
                pass
            finally:
                self._waiters.discard(waiter)
        if self.fatal is not None:
            raise self.fatal
        missing = frozenset(symbol for symbol in symbols if not self.latest.has(symbol))
        if symbols and len(missing) == len(symbols) and not self.connected:
            log.info("market data feed not connected: %s", self.last_error or "connecting")
            raise BrokerUnavailableError(
                "Tastytrade's market data stream is not answering right now; try again shortly."
            )
        return self._build(symbols, missing)

    def _build(self, symbols: Collection[str], missing: frozenset[str]) -> MarketSnapshot:
        underlyings: dict[str, UnderlyingQuote] = {}
        options: dict[str, OptionMarket] = {}
        for symbol in symbols:
            if symbol in missing:
                continue
            if is_option_symbol(symbol):
                options[symbol] = self._option(symbol)
            else:
                underlyings[symbol] = self._underlying(symbol)
        return MarketSnapshot(underlyings, options, missing, self._wall())

    def _option(self, symbol: str) -> OptionMarket:
        greeks = self.latest.get(Greeks, symbol)
        summary = self.latest.get(Summary, symbol)
        assert greeks is not None and summary is not None
        g, s = greeks[0], summary[0]
        assert isinstance(g, Greeks) and isinstance(s, Summary)
        return OptionMarket(
            symbol=symbol,
            gamma=float(g.gamma),
            iv=float(g.volatility),
            delta=float(g.delta),
            open_interest=int(s.open_interest),
            updated_at=min(greeks[1], summary[1]),
        )

    def _underlying(self, symbol: str) -> UnderlyingQuote:
        quote = self.latest.get(Quote, symbol)
        trade = self.latest.get(Trade, symbol)
        q = quote[0] if quote is not None else None
        t = trade[0] if trade is not None else None
        assert q is None or isinstance(q, Quote)
        assert t is None or isinstance(t, Trade)
        return UnderlyingQuote(
            symbol=symbol,
            bid=q.bid_price if q is not None else None,
            ask=q.ask_price if q is not None else None,
            last=t.price if t is not None else None,
            updated_at=max(pair[1] for pair in (quote, trade) if pair is not None),
        )

    # ------------------------------------------------------------------ the connection

    async def _run(self) -> None:
        attempt = 0
        while True:
            started = self._clock()
            try:
                async with self.pool.client(self.discord_id, self.environment) as client:
                    self.client = client
                    async with open_dxlink(client.session) as streamer:
                        await self._serve(streamer)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                if _contains(error, _FeedIdle):
                    log.debug("market data feed of trader %s idle: closed", self.discord_id)
                    return
                fatal = _fatal(error)
                if fatal is not None:
                    log.info(
                        "market data feed of trader %s ended: %s",
                        self.discord_id,
                        type(fatal).__name__,
                    )
                    self.fatal = fatal
                    for waiter in self._waiters:
                        waiter.done.set()
                    return
                self.last_error = _describe(error)
                log.warning(
                    "market data feed of trader %s dropped (%s); reconnecting",
                    self.discord_id,
                    self.last_error,
                )
            finally:
                self.connected = False
                self.client = None
            if self._clock() - started >= self.policy.stable_s:
                attempt = 0
            await asyncio.sleep(self.policy.backoff(attempt))
            attempt += 1

    async def _serve(self, streamer: DXLinkStreamer) -> None:
        """Restore the subscriptions (the underlyings and the options still refreshing), then
        keep reading events and sending subscription changes until the connection ends (the
        SDK cancels this on a disconnect)."""
        self.connected = True
        self.connects += 1
        for received in self.refreshing.values():
            received.clear()  # a refresh counts the events of this connection
        self._to_add = dict.fromkeys(self.streaming)
        self._queued = dict.fromkeys(self.refreshing)
        self.in_flight.clear()
        self._to_remove.clear()
        self._work.set()
        async with asyncio.TaskGroup() as group:
            for event_type in EVENT_TYPES:
                group.create_task(self._pump(streamer, event_type))
            group.create_task(self._subscribe(streamer))
            group.create_task(self._sweep())

    async def _sweep(self) -> None:
        """Drop symbols nobody asked for lately; end the connection when the feed is idle."""
        while True:
            await asyncio.sleep(self.policy.sweep_s)
            now = self._clock()
            self._prune(now, incoming=())
            if now - self.last_used > self.policy.idle_s:
                raise _FeedIdle()

    async def _pump(self, streamer: DXLinkStreamer, event_type: type[Event]) -> None:
        name = event_type.__name__
        async for event in streamer.listen(event_type):
            symbol = event.event_symbol
            if symbol not in self.wanted:  # a late event of a symbol dropped since
                continue
            self.latest.put(event, self._wall())
            received = self.refreshing.get(symbol)
            if received is not None:
                received.add(name)
                if len(received) < len(OPTION_EVENTS):
                    continue
                self._refreshed(symbol)
            elif is_option_symbol(symbol):
                continue  # a late event of a completed refresh: kept, nobody waits for it
            for waiter in self._waiters:
                waiter.arrived(symbol)

    def _refreshed(self, symbol: str) -> None:
        """An option's refresh is complete: unsubscribe it (its data stays)."""
        del self.refreshing[symbol]
        self.refreshed_at[symbol] = self._clock()
        self._queued.pop(symbol, None)
        if symbol in self.in_flight:
            self.in_flight.discard(symbol)
            self._to_remove.add(symbol)
        self._work.set()  # room in flight for the next queued options

    async def _subscribe(self, streamer: DXLinkStreamer) -> None:
        while True:
            await self._work.wait()
            # let completions and asks pile up a moment: fewer, fuller messages
            await asyncio.sleep(COALESCE_S)
            self._work.clear()
            removed, self._to_remove = self._to_remove, set()
            added, self._to_add = self._to_add, {}
            room = max(0, self.policy.max_in_flight - len(self.in_flight))
            for symbol in list(itertools.islice(self._queued, room)):
                del self._queued[symbol]
                self.in_flight.add(symbol)
                added[symbol] = None
            for event_type, batch in _batches(sorted(removed)):
                self._count(event_type, batch)
                await streamer.unsubscribe(event_type, batch)
            for event_type, batch in _batches(list(added)):
                self._count(event_type, batch)
                await streamer.subscribe(
                    event_type, batch, refresh_interval=_interval(event_type, self.policy)
                )

    def _count(self, event_type: type[Event], batch: list[str]) -> None:
        self.subscription_messages += 1
        size = subscription_bytes(event_type.__name__, batch)
        self.largest_subscription_bytes = max(self.largest_subscription_bytes, size)


# ----------------------------------------------------------------------------- the manager


class MarketStreams:
    """The shared DXLink feeds, one per trader and environment; ``await close()`` at
    shutdown. Sessions come from ``pool`` (the grant is checked on every ask)."""

    def __init__(
        self,
        pool: ClientPool,
        policy: StreamPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.pool = pool
        self.policy = policy or StreamPolicy()
        self._clock = clock
        self._wall = wall
        self._feeds: dict[tuple[int, Environment], _Feed] = {}
        self._lock = asyncio.Lock()

    async def snapshot(
        self,
        discord_id: int,
        symbols: Iterable[str],
        *,
        environment: Environment = Environment.PRODUCTION,
        wait_s: float | None = None,
    ) -> MarketSnapshot:
        """The latest Quote/Trade of each underlying and Greeks/Summary of each option in
        ``symbols``, waiting (at most ``wait_s``, default the policy's) for first events."""
        wanted = self._checked(symbols)
        feed = await self._feed(discord_id, environment)
        wait = self.policy.first_event_wait_s if wait_s is None else max(0.0, wait_s)
        return await feed.snapshot(wanted, wait)

    async def watch(
        self,
        discord_id: int,
        symbols: Iterable[str],
        *,
        environment: Environment = Environment.PRODUCTION,
    ) -> None:
        """Subscribe ``symbols`` now without waiting (a later snapshot finds them sooner)."""
        wanted = self._checked(symbols)
        feed = await self._feed(discord_id, environment)
        feed.want(wanted)

    def state(
        self, discord_id: int, environment: Environment = Environment.PRODUCTION
    ) -> FeedState | None:
        feed = self._feeds.get((discord_id, environment))
        return None if feed is None else feed.state()

    def _checked(self, symbols: Iterable[str]) -> list[str]:
        wanted = list(dict.fromkeys(check_stream_symbol(symbol) for symbol in symbols))
        if len(wanted) > self.policy.max_symbols:
            raise ValidationError(
                f"That asks for {len(wanted):,} symbols at once; the limit is "
                f"{self.policy.max_symbols:,}."
            )
        return wanted

    async def _feed(self, discord_id: int, environment: Environment) -> _Feed:
        key = (discord_id, environment)
        try:
            return await self._current_feed(key)
        except NotLinkedError:
            # the trader removed the grant: their stream stops now, not when it idles out
            async with self._lock:
                gone = self._feeds.pop(key, None)
            if gone is not None:
                await gone.close()
            raise

    async def _current_feed(self, key: tuple[int, Environment]) -> _Feed:
        discord_id, environment = key
        # the pool reads the grant now: a forgotten grant is refused here, and a relinked
        # one comes with a new session, which the feed must move to
        async with self.pool.client(discord_id, environment) as client, self._lock:
            await self._close_idle(keep=key)
            feed = self._feeds.get(key)
            stale = feed is not None and (
                feed.fatal is not None
                or not feed.running
                or (feed.client is not None and feed.client is not client)
            )
            if feed is not None and stale:
                del self._feeds[key]
                await feed.close()
                feed = None
            if feed is None:
                feed = _Feed(
                    self.pool, discord_id, environment, self.policy, self._clock, self._wall
                )
                feed.start()
                self._feeds[key] = feed
            feed.last_used = self._clock()
            return feed

    async def _close_idle(self, *, keep: tuple[int, Environment]) -> None:
        now = self._clock()
        for key, feed in list(self._feeds.items()):
            if key != keep and now - feed.last_used > self.policy.idle_s:
                del self._feeds[key]
                await feed.close()

    async def close(self) -> None:
        """Close every feed (each closes its socket and the SDK's event streams)."""
        async with self._lock:
            feeds = list(self._feeds.values())
            self._feeds.clear()
        for feed in feeds:
            try:
                await feed.close()
            except Exception:  # closing must go on for the others
                log.exception("closing a market data feed failed")
