"""Resolving a parsed order into concrete legs: pure functions, plus one small I/O glue.

:func:`resolve_order` turns a :class:`~nlp.ParsedOrder` into a :class:`ResolvedOrder`, a
:class:`Question` the trader must answer first, or the :class:`Problem` list that stops it:

* **Underlying and root.** ``SPXW`` (``NDXP``, ``RUTW``, ``VIXW``) names its index's chain.
  On a date several roots list (SPX and SPXW on the monthly Friday) the root typed wins, else
  the underlying's own root (the AM-settled SPX monthly), except on the expiration day itself
  where the PM-settled root is taken (the AM one stopped trading the day before); any other
  date has one root (SPX weeklies are SPXW). A note says which root was taken whenever it is
  not the symbol typed or another root lists the same date.
* **Expiration.** The parser reads dates literally, so "16 Jan" may be a Saturday and an old
  alert may name a past year. A listed date is taken as is. A date in an earlier year is first
  moved to the same day in the next year it has not passed. Then the one listed expiration
  within ``SNAP_DAYS`` calendar days is taken, with a note; none or several within the window
  is a Question (topic ``"expiration"``) offering the nearest listed dates. A choice's value is
  ``"<typed ISO date>:<chosen ISO date>"``; :func:`apply_choice` puts it into the parsed order.
* **Strike.** Only listed strikes: another is a Problem suggesting the nearest listed ones.
  A missing expiration, strike or type is a Problem suggesting listed expirations, the strikes
  nearest the underlying's price, or call/put.
* **Open or close.** An effect the trader gave is kept (validation checks it). Otherwise a sell
  against a long position closes it and a buy against a short one closes it, up to the
  position's size: selling more than is held is a Problem (one order cannot close and open the
  same contract; Tastytrade refuses a Sell to Open against a long). Anything else opens. A note
  says which and why.
* **Price.** Limit with a positive price (validation checks it), Market without. The effect is
  the trader's debit/credit; else the structure decides (a single buy is a debit, a sell a
  credit, verticals and condors by their strikes, see
  :func:`~services.orders.validate.structural_price_effect`); else the net of the legs at the
  quotes; else a Question (topic ``"price_effect"``, values ``"debit"``/``"credit"``).

:func:`resolve_for_trader` fetches what this needs (:mod:`services.orders.market`) and returns
it with the outcome (:class:`Resolution`), so validation and risk reuse the same reads.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import cast

from nlp import Leg, ParsedOrder
from nlp._models import PriceEffect
from services.broker.client import BrokerClient
from services.errors import RejectedError, ValidationError
from services.orders._model import (
    Choice,
    Problem,
    Question,
    ResolvedLeg,
    ResolvedOrder,
    action_for,
)
from services.orders.market import (
    TICKER_RE,
    BrokerPosition,
    ChainCache,
    ListedChain,
    ListedExpiration,
    LiveReads,
    Quote,
    SessionCache,
    broker_positions,
    listed_chain,
    market_open,
    quotes,
    similar_symbols,
)
from services.orders.validate import (
    CREDIT,
    DEBIT,
    format_price,
    leg_label,
    net_quotes,
    structural_price_effect,
    validate_order,
)

log = logging.getLogger(__name__)

SNAP_DAYS = 3  # a typed date snaps to the one listed expiration this many calendar days away
EXPIRATION_CHOICES = 4  # listed dates offered when the typed one is ambiguous or unlisted
STRIKE_SUGGESTIONS = 4
EXPIRATION_SUGGESTIONS = 4
EXPIRATION_KINDS = {"Regular": "monthly", "Weekly": "weekly", "Quarterly": "quarterly"}
WEEKLY_ROOTS = {"SPXW": "SPX", "NDXP": "NDX", "RUTW": "RUT", "VIXW": "VIX"}

Outcome = ResolvedOrder | Question | tuple[Problem, ...]
MISSING_ACCOUNT = Problem("missing_account", "Choose the account to trade in.")


@dataclass(frozen=True, slots=True)
class ResolvedLegs:
    """The concrete legs and what resolving them decided (for the trader to read)."""

    underlying: str
    legs: tuple[ResolvedLeg, ...]
    notes: tuple[str, ...]


def chain_underlying(symbol: str) -> str:
    """The underlying whose chain lists ``symbol``'s options (``SPXW`` -> ``SPX``)."""
    return WEEKLY_ROOTS.get(symbol, symbol)


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _strike_text(strike: Decimal) -> str:
    return format(strike.normalize(), "f")


def _nearest(values: Sequence[date], target: date, count: int) -> list[date]:
    ranked = sorted(values, key=lambda d: (abs((d - target).days), d))[:count]
    return sorted(ranked)


def _same_day_on_or_after(day: date, today: date) -> date:
    for year in (today.year, today.year + 1):
        try:
            moved = date(year, day.month, day.day)
        except ValueError:  # 29 February in a common year
            moved = date(year, day.month, 28)
        if moved >= today:
            return moved
    return moved


def listed_expiration(
    typed: date, listed: Sequence[date], *, today: date, underlying: str
) -> tuple[date, str | None] | Question:
    """The listed date ``typed`` means, with a note if it moved; or a Question."""
    if typed in listed:
        return typed, None
    target, moved = typed, ""
    if typed.year < today.year:
        target = _same_day_on_or_after(typed, today)
        moved = f"{typed:%d %b %Y} is in the past; read as {target:%d %b %Y}. "
        if target in listed:
            return target, moved.strip()
    near = [d for d in listed if abs((d - target).days) <= SNAP_DAYS]
    if len(near) == 1:
        note = (
            f"{moved}No {underlying} expiration on {day_label(target)}; using "
            f"{day_label(near[0])}, the only one within {SNAP_DAYS} days."
        )
        return near[0], note
    offered = near or _nearest(listed, target, EXPIRATION_CHOICES)
    if near:
        text = f"Several {underlying} expirations are within {SNAP_DAYS} days of "
        text += f"{day_label(target)}: which one do you mean?"
    elif target < today:
        text = f"{day_label(target)} has already expired: which {underlying} expiration then?"
    else:
        text = f"{underlying} has no expiration near {day_label(target)}: which one then?"
    return Question(
        "expiration",
        text,
        tuple(Choice(day_label(d), f"{typed.isoformat()}:{d.isoformat()}") for d in offered),
    )


def _pick_root(
    listings: Sequence[ListedExpiration], typed: str, underlying: str, today: date
) -> tuple[ListedExpiration, str | None]:
    by_root = {listing.root: listing for listing in listings}
    chosen = by_root.get(typed)
    if listings[0].expiration == today and len(by_root) > 1:
        # an AM-settled root stopped trading yesterday: on the day only the PM one trades
        chosen = next((x for x in listings if x.settlement_type == "PM"), chosen)
    if chosen is None:
        chosen = by_root.get(underlying, listings[0])
    if chosen.root == typed and len(by_root) == 1:
        return chosen, None
    kind = EXPIRATION_KINDS.get(chosen.expiration_type, chosen.expiration_type.lower())
    what = f"{chosen.settlement_type}-settled {kind}"
    if len(by_root) == 1:
        note = (
            f"{typed} options expiring {day_label(chosen.expiration)} are {chosen.root} ({what})."
        )
    else:
        others = ", ".join(sorted(set(by_root) - {chosen.root}))
        note = (
            f"{day_label(chosen.expiration)} lists {chosen.root} and {others}; using "
            f"{chosen.root} ({what}). Write {others} to trade that one instead."
        )
    return chosen, note


def _missing(
    parsed: ParsedOrder, chain: ListedChain, today: date, underlying_price: Decimal | None
) -> list[Problem]:
    problems: list[Problem] = []
    dates = [d for d in chain.expiration_dates() if d >= today]
    for leg in parsed.legs:
        if leg.type == "equity":
            continue
        if leg.type is None:
            problems.append(
                Problem("missing_type", "Say call or put for each option leg.", ("call", "put"))
            )
        if leg.expiration is None:
            problems.append(
                Problem(
                    "missing_expiration",
                    "Add an expiration: these are the nearest listed.",
                    tuple(day_label(d) for d in dates[:EXPIRATION_SUGGESTIONS]),
                )
            )
        if leg.strike is None:
            anchor = leg.expiration or (dates[0] if dates else today)
            nearby = _nearest(dates, anchor, 1)
            strikes = (
                [s for x in chain.expirations_on(nearby[0]) for s in x.strike_prices]
                if nearby
                else []
            )
            middle = strikes[len(strikes) // 2] if strikes else Decimal(0)
            center = underlying_price if underlying_price is not None else middle
            closest = sorted(
                sorted(set(strikes), key=lambda k: (abs(k - center), k))[:STRIKE_SUGGESTIONS]
            )
            price = (
                f" ({parsed.underlying} is at {format_price(center)})" if underlying_price else ""
            )
            problems.append(
                Problem(
                    "missing_strike",
                    f"Add a strike{price}: these are the nearest listed.",
                    tuple(_strike_text(k) for k in closest),
                )
            )
    return problems


def _effect(
    leg: Leg, symbol: str, label: str, held: Mapping[str, Decimal]
) -> tuple[str, str | None] | Problem:
    """The leg's effect (``open``/``close``) and a note when a position closes."""
    if leg.effect is not None:
        return leg.effect, None
    have = held.get(symbol, Decimal(0))
    against = have < 0 if leg.side == "buy" else have > 0
    action_close = action_for(leg.side, "close")
    if against and leg.quantity <= abs(have):
        side = "short" if have < 0 else "long"
        return "close", f"{action_close}: you are {side} {format(abs(have), 'f')} {label}."
    if against:
        side = "short" if have < 0 else "long"
        size = format(abs(have), "f")
        return Problem(
            "quantity_exceeds_position",
            f"You are {side} {size} {label}; {leg.side}ing {leg.quantity} would close it and "
            "open the rest the other way, which one order cannot do.",
            (f"{action_close} {size}", f"then {leg.side} {leg.quantity - abs(have)} to open"),
        )
    if have:
        side = "short" if have < 0 else "long"
        size = format(abs(have), "f")
        return "open", f"{action_for(leg.side, 'open')}: adds to your {side} {size} {label}."
    return "open", None  # the caller says once which legs open with nothing held


def resolve_legs(
    parsed: ParsedOrder,
    *,
    chain: ListedChain | None,
    positions: Sequence[BrokerPosition],
    today: date,
    underlying_price: Decimal | None = None,
) -> ResolvedLegs | Question | tuple[Problem, ...]:
    """The concrete legs of ``parsed`` (see the module notes for every rule)."""
    if parsed.kind != "order":
        reason = "; ".join(parsed.notes) or "it reads as chatter"
        return (Problem("not_an_order", f"That is not an order ({reason}).", parsed.suggestions),)
    typed = parsed.underlying or ""
    if not TICKER_RE.fullmatch(typed):
        code = "invalid_symbol" if typed else "missing_underlying"
        return (Problem(code, "Name the symbol to trade, e.g. SPY or BRK/B."),)
    if not parsed.legs:
        return (Problem("no_legs", "The order has no legs.", parsed.suggestions),)
    underlying = chain_underlying(typed)
    options = [leg for leg in parsed.legs if leg.type != "equity"]
    if options and (chain is None or chain.is_empty):
        return (Problem("no_options", f"{typed} has no listed options."),)
    if len(options) < len(parsed.legs) and (typed != underlying or (chain and chain.cash_settled)):
        return (
            Problem(
                "index_not_tradable",
                f"{typed} is an index: trade its options, or an ETF that tracks it.",
            ),
        )
    if (
        options
        and chain is not None
        and (missing := _missing(parsed, chain, today, underlying_price))
    ):
        return tuple(dict.fromkeys(missing))

    held: dict[str, Decimal] = {}
    for position in positions:
        held[position.symbol] = held.get(position.symbol, Decimal(0)) + position.quantity
    listed = [d for d in chain.expiration_dates()] if chain is not None else []
    dates: dict[date, date] = {}
    notes: list[str] = []
    for leg in options:
        assert leg.expiration is not None  # _missing returned otherwise
        if leg.expiration not in dates:
            found = listed_expiration(leg.expiration, listed, today=today, underlying=underlying)
            if isinstance(found, Question):
                return found
            dates[leg.expiration], note = found
            notes.extend([note] if note else [])

    legs: list[ResolvedLeg] = []
    opened: list[ResolvedLeg] = []
    problems: list[Problem] = []
    for leg in parsed.legs:
        resolved = _leg(leg, typed, underlying, chain, dates, held, today)
        if isinstance(resolved, Problem):
            problems.append(resolved)
            continue
        legs.append(resolved[0])
        notes.extend(note for note in resolved[1] if note)
        if leg.effect is None and resolved[0].is_open and not held.get(resolved[0].symbol):
            opened.append(resolved[0])
    if problems:
        return tuple(dict.fromkeys(problems))
    if len(opened) == 1:
        notes.append(f"{opened[0].action}: you hold no {leg_label(opened[0])} to close.")
    elif opened:
        which = "every leg" if len(opened) == len(legs) else "the other legs"
        notes.append(f"Opening {which}: you hold none of those contracts to close.")
    return ResolvedLegs(underlying, tuple(legs), tuple(dict.fromkeys(notes)))


def _leg(
    leg: Leg,
    typed: str,
    underlying: str,
    chain: ListedChain | None,
    dates: Mapping[date, date],
    held: Mapping[str, Decimal],
    today: date,
) -> tuple[ResolvedLeg, tuple[str | None, ...]] | Problem:
    if leg.type == "equity":
        effect = _effect(leg, typed, typed, held)
        if isinstance(effect, Problem):
            return effect
        action = action_for(leg.side, effect[0])
        return ResolvedLeg(typed, "Equity", action, Decimal(leg.quantity)), (effect[1],)
    assert chain is not None and leg.expiration is not None and leg.strike is not None
    expiration = dates[leg.expiration]
    listing, root_note = _pick_root(chain.expirations_on(expiration), typed, underlying, today)
    strike = listing.strike(leg.strike)
    if strike is None:
        wanted = leg.strike
        ranked = sorted(listing.strike_prices, key=lambda k: (abs(k - wanted), k))
        return Problem(
            "strike_not_listed",
            f"{listing.root} has no {_strike_text(leg.strike)} strike on "
            f"{day_label(expiration)}; the nearest listed are shown.",
            tuple(_strike_text(k) for k in sorted(ranked[:STRIKE_SUGGESTIONS])),
        )
    call = leg.type == "call"
    symbol = strike.call if call else strike.put
    streamer = strike.call_streamer_symbol if call else strike.put_streamer_symbol
    label = f"{listing.root} {expiration.day} {expiration:%b %Y} {_strike_text(strike.strike)}"
    label += f" {leg.type}"
    effect = _effect(leg, symbol, label, held)
    if isinstance(effect, Problem):
        return effect
    resolved = ResolvedLeg(
        symbol=symbol,
        instrument_type="Equity Option",
        action=action_for(leg.side, effect[0]),
        quantity=Decimal(leg.quantity),
        option_type="call" if call else "put",
        strike=strike.strike,
        expiration=expiration,
        streamer_symbol=streamer,
    )
    return resolved, (root_note, effect[1])


def _price_effect(
    parsed: ParsedOrder, legs: Sequence[ResolvedLeg], quoted: Mapping[str, Quote] | None
) -> str | Question:
    if parsed.price_effect is not None:
        return DEBIT if parsed.price_effect == "debit" else CREDIT
    implied = structural_price_effect(legs)
    if implied is not None:
        return implied
    net = net_quotes(legs, quoted)
    if net is not None and net[1] != 0:  # the mid, as a debit
        return DEBIT if net[1] > 0 else CREDIT
    return Question(
        "price_effect",
        f"Is {format_price(parsed.price or Decimal(0))} a debit (you pay) or a credit "
        "(you receive)?",
        (Choice("Debit (I pay)", "debit"), Choice("Credit (I receive)", "credit")),
    )


def resolve_order(
    parsed: ParsedOrder,
    *,
    chain: ListedChain | None,
    positions: Sequence[BrokerPosition],
    account_number: str,
    today: date,
    underlying_price: Decimal | None = None,
    quotes: Mapping[str, Quote] | None = None,
) -> Outcome:
    """``parsed`` as an order for ``account_number``, a Question, or the Problems stopping it.

    ``chain`` is the underlying's listed chain (``None`` for a stock order), ``positions`` the
    account's live positions, ``today`` the exchange date; ``underlying_price`` centres the
    strikes suggested for a missing strike and ``quotes`` (the legs') settle a spread's debit
    or credit when the structure does not. Pure: nothing is read or written.
    """
    if not account_number:
        return (MISSING_ACCOUNT,)
    found = resolve_legs(
        parsed, chain=chain, positions=positions, today=today, underlying_price=underlying_price
    )
    if not isinstance(found, ResolvedLegs):
        return found
    order_type = parsed.order_type or ("limit" if parsed.price is not None else "market")
    if order_type == "market":
        price, effect = None, None
    elif parsed.price is None:
        return (Problem("missing_price", "A limit order needs a price.", ("add e.g. '@ 2.15'",)),)
    else:
        decided = _price_effect(parsed, found.legs, quotes)
        if isinstance(decided, Question):
            return decided
        price, effect = parsed.price, decided
    return ResolvedOrder(
        account_number=account_number,
        underlying=found.underlying,
        legs=found.legs,
        order_type="Market" if order_type == "market" else "Limit",
        price=price,
        price_effect=effect,
        time_in_force="GTC" if parsed.tif == "gtc" else "Day",
        notes=found.notes,
    )


def apply_choice(parsed: ParsedOrder, topic: str, value: str) -> ParsedOrder:
    """``parsed`` with the trader's answer to a resolution Question put in, ready to resolve
    again. ``ValidationError`` if the value is not one this module offers for ``topic``."""
    if topic == "price_effect" and value in ("debit", "credit"):
        return replace(parsed, price_effect=cast(PriceEffect, value))
    if topic != "expiration":
        raise ValidationError("That choice is not one this order offered.")
    typed_text, _, chosen_text = str(value)[:32].partition(":")
    try:
        typed, chosen = date.fromisoformat(typed_text), date.fromisoformat(chosen_text)
    except ValueError:
        raise ValidationError("That choice is not one this order offered.") from None
    if not any(leg.expiration == typed for leg in parsed.legs):
        raise ValidationError("That choice no longer matches the order.")
    legs = tuple(
        replace(leg, expiration=chosen) if leg.expiration == typed else leg for leg in parsed.legs
    )
    return replace(parsed, legs=legs)


@dataclass(frozen=True)
class Resolution:
    """What :func:`resolve_for_trader` decided and the reads it was based on.

    ``quotes`` is ``None`` when market data is unavailable (the sandbox); ``market_open``
    ``None`` when the session state is unknown.
    """

    outcome: Outcome
    chain: ListedChain | None = None
    quotes: Mapping[str, Quote] | None = None
    positions: tuple[BrokerPosition, ...] = ()
    market_open: bool | None = None
    underlying_price: Decimal | None = None

    @property
    def order(self) -> ResolvedOrder | None:
        return self.outcome if isinstance(self.outcome, ResolvedOrder) else None

    def validate(self) -> tuple[Problem, ...]:
        """:func:`validate_order` on the resolved order with these reads (the resolution's
        own Problems when it did not resolve; nothing for a Question)."""
        if isinstance(self.outcome, tuple):
            return self.outcome
        if isinstance(self.outcome, Question):
            return ()
        return validate_order(
            self.outcome,
            chain=self.chain,
            quotes=self.quotes,
            market_open=self.market_open,
            positions=self.positions,
        )


async def _optional_quotes(
    client: BrokerClient, symbols: Sequence[str], live: LiveReads | None = None
) -> dict[str, Quote] | None:
    try:
        if live is not None:
            return await live.quotes(client, symbols)
        return await quotes(client, symbols)
    except RejectedError as exc:  # the sandbox has no market data (403)
        log.info("market data unavailable: %s", exc.user_message[:120])
        return None


async def _optional_chain(
    client: BrokerClient, underlying: str, chains: ChainCache | None
) -> ListedChain | None:
    try:
        if chains is not None:
            return await chains.get(client, underlying)
        return await listed_chain(client, underlying)
    except RejectedError as exc:  # Tastytrade answers 404 for a symbol it does not know
        log.info("no option chain for %s: %s", underlying, exc.user_message[:120])
        return None


async def _optional_session(client: BrokerClient, sessions: SessionCache | None) -> bool | None:
    try:
        if sessions is not None:
            return await sessions.is_open(client)
        return await market_open(client)
    except RejectedError as exc:
        log.info("market session unavailable: %s", exc.user_message[:120])
        return None


async def _nothing() -> None:
    return None


def _legs_named(
    parsed: ParsedOrder,
    chain: ListedChain | None,
    today: date,
    positions: tuple[BrokerPosition, ...] = (),
) -> list[str]:
    """The leg symbols ``chain`` and ``positions`` give ``parsed`` (none without a chain, or
    when the legs need more to resolve: the underlying's price)."""
    if chain is None:
        return []
    guess = resolve_legs(parsed, chain=chain, positions=positions, today=today)
    return [leg.symbol for leg in guess.legs] if isinstance(guess, ResolvedLegs) else []


async def resolve_for_trader(
    client: BrokerClient,
    parsed: ParsedOrder,
    *,
    account_number: str,
    today: date,
    chains: ChainCache | None = None,
    sessions: SessionCache | None = None,
    live: LiveReads | None = None,
) -> Resolution:
    """Read what resolving ``parsed`` needs through ``client`` and resolve it.

    One round of concurrent reads (the chain when there are option legs, the account's
    positions, the underlying's and stock legs' quotes, the session state), then the legs'
    quotes; a symbol Tastytrade knows neither by chain nor by quote gets a symbol search for
    "did you mean". Market data and the chain are optional (``None`` when refused); other
    broker errors propagate. Call it with a production client: the sandbox has no quotes.
    ``chains`` (a :class:`ChainCache`), ``sessions`` (a :class:`SessionCache`) and ``live``
    (:class:`LiveReads`: quotes and positions) share those reads between orders. The legs the
    chain names are quoted with the underlying: at once when the chain is already kept (a guess
    from the chain alone), else once the chain and the positions are read (no slower: the legs
    would be quoted after them anyway). Legs that need the underlying's price are quoted after
    it.
    """
    if not account_number:
        return Resolution((MISSING_ACCOUNT,))
    early = resolve_legs(parsed, chain=None, positions=(), today=today)
    if isinstance(early, tuple) and early and early[0].code != "no_options":
        return Resolution(early)  # not an order, no symbol, an index's shares: nothing to read
    typed = str(parsed.underlying)
    underlying = chain_underlying(typed)
    has_options = any(leg.type != "equity" for leg in parsed.legs)
    kept = chains.peek(client, underlying) if chains is not None and has_options else None
    try:  # the reads run together; the first failure cancels the rest and is raised
        async with asyncio.TaskGroup() as group:
            chain_read = group.create_task(
                _optional_chain(client, underlying, chains) if has_options else _nothing()
            )
            positions_read = group.create_task(
                live.positions(client, account_number)
                if live is not None
                else broker_positions(client, account_number)
            )

            async def first_quotes() -> dict[str, Quote] | None:
                if has_options and kept is None:
                    # no chain kept: the underlying waits for the chain and the positions, to
                    # be quoted with the legs they name in one read (as long as two in a row)
                    named = _legs_named(parsed, await chain_read, today, await positions_read)
                else:
                    named = _legs_named(parsed, kept, today)
                return await _optional_quotes(client, [underlying, *named], live)

            quotes_read = group.create_task(first_quotes())
            session_read = group.create_task(_optional_session(client, sessions))
    except BaseExceptionGroup as failures:
        raise failures.exceptions[0] from None
    chain, positions, quoted = chain_read.result(), positions_read.result(), quotes_read.result()
    session = session_read.result()
    under_quote = (quoted or {}).get(underlying)
    price = under_quote.price if under_quote is not None else None
    if under_quote is None and (chain is None or chain.is_empty):
        matches = await similar_symbols(client, typed)
        if not any(match.symbol == underlying for match in matches):
            problem = Problem(
                "unknown_symbol",
                f"Tastytrade does not know the symbol {typed}.",
                tuple(f"{m.symbol} ({m.description})" for m in matches),
            )
            return Resolution((problem,), chain, quoted, positions, session, price)
    found = resolve_legs(
        parsed, chain=chain, positions=positions, today=today, underlying_price=price
    )
    unquoted = [leg.symbol for leg in found.legs] if isinstance(found, ResolvedLegs) else []
    unquoted = [symbol for symbol in unquoted if quoted is not None and symbol not in quoted]
    if unquoted and quoted is not None:
        leg_quotes = await _optional_quotes(client, unquoted, live)
        quoted = None if leg_quotes is None else {**quoted, **leg_quotes}
    outcome = resolve_order(
        parsed,
        chain=chain,
        positions=positions,
        account_number=account_number,
        today=today,
        underlying_price=price,
        quotes=quoted,
    )
    return Resolution(outcome, chain, quoted, positions, session, price)
