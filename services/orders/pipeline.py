"""From a chat message to a preview the trader can confirm (``submit_order``), and on from a
trader's answer to a question (``answer_question``).

Steps, each recorded in the request's audit log: parse (a message that is not an order gets
:class:`Chatter` and creates nothing); ask whether it is an order at all when the parser is
not sure of that and the trader did not send it with the order command; pick the reading,
account, expiration or debit/credit when unsure (:class:`Asked`); resolve against the chain
and positions; validate; check the trader's risk limits; rehearse the same order on the
sandbox account while production dry-runs it; then a :class:`Previewed` order bound to the
hash of its exact content for ``preview_ttl``, with the market it was previewed at kept for
confirmation to compare.
Anything that stops the order is a :class:`Stopped` with the reasons, and nothing is placed.
An opt-in auto-confirm (under the trader's notional threshold, no breach, bounded loss)
confirms and places at once.

A trader's answers are kept on the request (``parsed["answers"]``) and replayed on a fresh
parse of the same text with the same exchange date, so every step sees one consistent order.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date

import nlp
from services.broker.client import BrokerClient
from services.db.batching import save_fields
from services.db.models import BrokerAccount, OrderRequest, TestResult
from services.environment import Environment
from services.errors import GrantMissingError, NotFoundError, NotLinkedError, ValidationError
from services.orders import audit
from services.orders._context import OrderContext, trader_clients
from services.orders._model import (
    INTENT,
    Breach,
    Choice,
    DryRun,
    OrderRisk,
    OrderSource,
    OrderState,
    Preview,
    Problem,
    Question,
    RehearsalResult,
    ResolvedOrder,
    RiskLimits,
)
from services.orders.accounts import (
    SandboxRequiredError,
    open_accounts,
    sandbox_account,
    stored_sandbox_account,
)
from services.orders.broker_orders import dry_run, rehearse
from services.orders.confirmation import Placement, confirm_order, owned_request
from services.orders.limits import is_cash_account, limits_of, live_holdings, risk_usage
from services.orders.market_moves import QuotedMarket, quoted_market
from services.orders.qualify import QUALIFICATION_DAYS, is_qualified, qualification_type
from services.orders.resolve import Resolution, apply_choice, resolve_for_trader
from services.orders.risk import check_risk, order_risk, should_auto_confirm
from services.parsing import CLEAR_LEAD_CONFIDENCE, exchange_today
from services.traders import existing_trader

log = logging.getLogger(__name__)

MAX_ANSWERS = 6  # questions one order may ask before it is abandoned
NOT_AN_ORDER = "Not an order, as you said: nothing was rehearsed or placed."


@dataclass(frozen=True)
class Chatter:
    """The message is not an order (nothing was created)."""

    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Asked:
    order_id: int
    question: Question

    @property
    def whether_an_order(self) -> bool:
        """The question is whether the message is an order at all (the parser was unsure)."""
        return self.question.topic == INTENT


@dataclass(frozen=True)
class Stopped:
    """The order stops here; nothing was placed."""

    order_id: int
    state: OrderState
    problems: tuple[Problem, ...] = ()
    breaches: tuple[Breach, ...] = ()
    rehearsal: RehearsalResult | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Previewed:
    preview: Preview
    placement: Placement | None = None  # set when auto-confirm placed it


SubmitOutcome = Chatter | Asked | Stopped | Previewed


def new_external_identifier() -> str:
    """A unique id for the order at Tastytrade, fixed before anything is sent."""
    return f"tb-{secrets.token_hex(12)}"


async def submit_order(
    context: OrderContext,
    discord_id: int,
    text: str,
    *,
    source: OrderSource = OrderSource.CHAT,
    by_command: bool = False,
) -> SubmitOutcome:
    """Take ``text`` as far as a preview (see the module docstring). Raises NotLinkedError /
    SandboxRequiredError when the trader cannot trade yet.

    ``by_command``: the trader sent it with the order command (``/order``). Only such an order
    may skip the Confirm button under the trader's auto-confirm threshold; a message read as an
    order (a DM, a mention, an order channel) always waits for Confirm, because a chat line the
    parser misreads as an order must never be placed on that reading alone."""
    now = context.clock()
    today = exchange_today(now)
    parsed = nlp.parse_order(text, today=today)
    if parsed.kind != "order":
        return Chatter(parsed.notes)
    trader = await existing_trader(discord_id)
    if trader is None:
        raise NotLinkedError()
    # the sessions first: a trader who cannot trade yet leaves no request behind
    async with _sessions(context, discord_id) as sessions:
        request = await OrderRequest.create(
            trader=trader,
            source=source.value,
            raw_text=text,
            parsed={
                "today": today.isoformat(),
                "answers": [],
                "reading": parsed.to_dict(),
                "by_command": by_command,
            },
            state=OrderState.RECEIVED,
            environment=Environment.PRODUCTION,
            external_identifier=new_external_identifier(),
        )
        audit.new_chain(request)
        await audit.record(request, "received", {"source": source.value, "text": text}, now=now)
        return await _advance(context, request, sessions, parsed)


async def answer_question(
    context: OrderContext, discord_id: int, order_id: int, topic: str, value: str
) -> SubmitOutcome:
    """The trader picked ``value`` for the question ``topic`` on their waiting order."""
    request = await owned_request(discord_id, order_id)
    if request.state != OrderState.NEEDS_CHOICE:
        raise ValidationError("That question was already answered or the order has moved on.")
    asked = (request.parsed or {}).get("question") or {}
    if asked.get("topic") != topic or value not in asked.get("values", ()):
        raise ValidationError("That choice is not one this order offered.")
    answers = [*request.parsed.get("answers", []), [topic, value]]
    request.parsed = {**request.parsed, "answers": answers, "question": None}
    request.state = OrderState.RECEIVED
    await request.save()
    await audit.record(request, "answered", {"topic": topic, "value": value}, now=context.clock())
    if topic == INTENT and value == "no":
        return await _stop(context, request, OrderState.CANCELLED, reason=NOT_AN_ORDER)
    async with _sessions(context, discord_id) as sessions:
        return await _advance(context, request, sessions)


@asynccontextmanager
async def _sessions(
    context: OrderContext, discord_id: int
) -> AsyncIterator[tuple[BrokerClient, BrokerClient]]:
    """The trader's production and sandbox sessions (every order is rehearsed in the sandbox
    first): NotLinkedError without a production grant, SandboxRequiredError without a
    sandbox one."""
    try:
        async with trader_clients(
            context, discord_id, Environment.PRODUCTION, Environment.SANDBOX
        ) as (production, sandbox):
            yield production, sandbox
    except GrantMissingError as missing:
        if missing.environment == Environment.SANDBOX:
            raise SandboxRequiredError() from None
        raise


def _reparse(request: OrderRequest) -> nlp.ParsedOrder:
    """The order as the trader meant it: the same text on the same exchange date, with the
    reading and the answers they chose applied in order."""
    stored = request.parsed or {}
    today = date.fromisoformat(stored["today"])
    parsed = nlp.parse_order(request.raw_text, today=today)
    for topic, value in stored.get("answers", []):
        if topic == "reading":
            readings = (parsed, *parsed.alternatives)
            parsed = readings[int(value)]
        elif topic not in ("account", INTENT):
            parsed = apply_choice(parsed, topic, value)
    return parsed


def _answer(request: OrderRequest, topic: str) -> str | None:
    for asked, value in (request.parsed or {}).get("answers", []):
        if asked == topic:
            return str(value)
    return None


async def _ask(context: OrderContext, request: OrderRequest, question: Question) -> Asked:
    if len((request.parsed or {}).get("answers", [])) >= MAX_ANSWERS:
        raise ValidationError("This order needed too many answers; please type it again in full.")
    request.state = OrderState.NEEDS_CHOICE
    request.parsed = {
        **request.parsed,
        "question": {
            "topic": question.topic,
            "values": [choice.value for choice in question.choices],
        },
    }
    await request.save()
    await audit.record(
        request,
        "asked",
        {"topic": question.topic, "choices": [c.value for c in question.choices]},
        now=context.clock(),
    )
    return Asked(request.id, question)


async def _stop(
    context: OrderContext,
    request: OrderRequest,
    state: OrderState,
    *,
    problems: tuple[Problem, ...] = (),
    breaches: tuple[Breach, ...] = (),
    rehearsal: RehearsalResult | None = None,
    reason: str | None = None,
) -> Stopped:
    request.state = state
    if reason:
        request.reject_reason = reason
    await request.save()
    await audit.record(
        request,
        state.value,
        {
            "problems": [problem.code for problem in problems],
            "breaches": [breach.limit for breach in breaches],
            "reason": reason,
        },
        now=context.clock(),
    )
    return Stopped(request.id, state, problems, breaches, rehearsal, reason)


def _may_be_talk(request: OrderRequest, parsed: nlp.ParsedOrder) -> bool:
    """A chat message with talk around the order that no rule explains, not yet asked about:
    ask before anything is rehearsed. An order sent with the order command, a signal rule's
    order and a qualification order are orders by the trader's own word."""
    return (
        not parsed.sure
        and request.source == OrderSource.CHAT.value
        and not (request.parsed or {}).get("by_command", False)
        and _answer(request, INTENT) is None
    )


def _intent_question(parsed: nlp.ParsedOrder) -> Question:
    return Question(
        INTENT,
        f"Is this an order? I would read it as: {nlp.summarize(parsed)}"[:240],
        (Choice("Yes, preview it", "yes"), Choice("No, ignore it", "no")),
    )


def _reading_question(parsed: nlp.ParsedOrder) -> Question:
    readings = (parsed, *parsed.alternatives)
    return Question(
        "reading",
        "I can read this order more than one way. Which did you mean?",
        tuple(
            Choice(nlp.summarize(reading)[:80], str(index))
            for index, reading in enumerate(readings)
        ),
    )


async def _account(rows: list[BrokerAccount], request: OrderRequest) -> BrokerAccount | Question:
    """The production account the order goes to, of the trader's open ones (``rows``)."""
    by_number = {row.account_number: row for row in rows}
    chosen = _answer(request, "account")
    if chosen in by_number:
        return by_number[chosen]
    trader = await request.trader
    if trader.default_account_number in by_number:
        return by_number[trader.default_account_number]
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFoundError(
            "No production account is known yet: run `/sync` once, then send the order again."
        )
    return Question(
        "account",
        "Which account should this order go to? (Set a default with `/settings risk account`.)",
        tuple(
            Choice(
                f"{row.account_number} {row.nickname or row.account_type}"[:80], row.account_number
            )
            for row in rows[:25]
        ),
    )


async def _advance(
    context: OrderContext,
    request: OrderRequest,
    sessions: tuple[BrokerClient, BrokerClient],
    parsed: nlp.ParsedOrder | None = None,
) -> SubmitOutcome:
    """Take ``request`` from its reading to a preview, a question or a stop through the
    trader's production and sandbox ``sessions``. ``parsed`` is the reading when the message
    was just parsed (a new request: no answers, never rehearsed)."""
    fresh = parsed is not None
    if parsed is None:
        parsed = _reparse(request)
    if _may_be_talk(request, parsed):
        return await _ask(context, request, _intent_question(parsed))
    if (
        parsed.alternatives
        and parsed.confidence < CLEAR_LEAD_CONFIDENCE
        and _answer(request, "reading") is None
    ):
        return await _ask(context, request, _reading_question(parsed))
    # the trader's open accounts of both environments in one read
    accounts = await open_accounts(request.trader_id)  # type: ignore[attr-defined]
    account = await _account(
        [row for row in accounts if row.environment == Environment.PRODUCTION], request
    )
    if isinstance(account, Question):
        return await _ask(context, request, account)
    production, sandbox = sessions
    sandbox_accounts = [
        row.account_number for row in accounts if row.environment == Environment.SANDBOX
    ]
    today = date.fromisoformat(request.parsed["today"])
    async with _feed_following(context, sandbox, sandbox_accounts):
        resolution = await resolve_for_trader(
            production,
            parsed,
            account_number=account.account_number,
            today=today,
            chains=context.chains,
            sessions=context.sessions,
            live=context.live,
        )
        if isinstance(resolution.outcome, Question):
            return await _ask(context, request, resolution.outcome)
        problems = resolution.validate()
        order = resolution.order
        if problems or order is None:
            return await _stop(context, request, OrderState.INVALID, problems=problems)
        return await _check_and_rehearse(
            context,
            request,
            resolution,
            order,
            sandbox,
            production,
            cash_account=is_cash_account(account),
            sandbox_accounts=sandbox_accounts,
            fresh=fresh,
        )


@asynccontextmanager
async def _feed_following(
    context: OrderContext, sandbox: BrokerClient, stored: list[str]
) -> AsyncIterator[None]:
    """The status feed of the sandbox account a rehearsal will use, started while the order
    is resolved: it subscribes in the background, so that even a trader's first rehearsal
    follows the account streamer's pushes instead of polling."""
    account = stored_sandbox_account(stored)
    if account is None:  # not synced yet: the rehearsal finds the account and polls
        yield
        return
    async with context.feeds.feed(sandbox).use(account):
        yield


async def _check_and_rehearse(
    context: OrderContext,
    request: OrderRequest,
    resolution: Resolution,
    order: ResolvedOrder,
    sandbox: BrokerClient,
    production: BrokerClient,
    *,
    cash_account: bool,
    sandbox_accounts: list[str],
    fresh: bool,
) -> SubmitOutcome:
    now = context.clock()
    discord_id = (await request.trader).discord_id
    leg_prices = {
        symbol: quote.price
        for symbol, quote in (resolution.quotes or {}).items()
        if quote.price is not None
    }
    try:
        risk = order_risk(
            order, underlying_price=resolution.underlying_price, leg_prices=leg_prices
        )
    except ValidationError as error:
        problem = Problem("unpriced", error.user_message)
        return await _stop(context, request, OrderState.INVALID, problems=(problem,))
    limits = limits_of(await request.trader)  # read when this message came in
    # the positions Tastytrade reports now (read to resolve the order) cover its shorts
    live = (live_holdings(resolution.positions, order.underlying), cash_account)
    usage = await risk_usage(
        discord_id,
        account_number=order.account_number,
        now=now,
        order=order,
        live=live,
        count_orders=limits.max_orders_per_day is not None,
    )
    breaches = check_risk(order, risk, limits, usage, environment=Environment.PRODUCTION)
    _set_order(request, order)
    await audit.record(
        request,
        "resolved",
        {"order": order.canonical(), "notes": list(order.notes), "notional": str(risk.notional)},
        now=now,
    )
    if breaches:
        return await _stop(context, request, OrderState.REFUSED, breaches=breaches)
    needed = qualification_type(order)
    if not await is_qualified(request.trader_id, needed, now=now):  # type: ignore[attr-defined]
        return await _stop(
            context,
            request,
            OrderState.REFUSED,
            reason=(
                f"Orders of this type ({needed.replace('_', ' ')}) need a passed sandbox "
                f"qualification in the last {QUALIFICATION_DAYS} days: run `/qualify` first."
            ),
        )
    rehearsal_account = await sandbox_account(
        request.trader_id,  # type: ignore[attr-defined]
        sandbox,
        stored=sandbox_accounts,
    )
    request.sandbox_account_number = rehearsal_account
    request.state = OrderState.REHEARSING
    await save_fields(request, [*ORDER_FIELDS, "sandbox_account_number", "state", "updated_at"])
    # each rehearsal of a request has its own sandbox identifier; a new request has had none
    attempt = 1 if fresh else await TestResult.filter(order_request_id=request.id).count() + 1
    context.sending(request.external_identifier)
    async with context.feeds.feed(sandbox).use(rehearsal_account) as feed:
        rehearsal, dry = await asyncio.gather(
            rehearse(
                sandbox,
                order,
                rehearsal_account,
                f"{request.external_identifier}-s{attempt}",
                policy=context.rehearsal,
                feed=feed,
            ),
            dry_run(production, order, request.external_identifier),
        )
    await TestResult.create(
        trader_id=request.trader_id,  # type: ignore[attr-defined]
        order_request=request,
        kind="rehearsal",
        order_type=qualification_type(order),
        checks=[{"name": c.name, "passed": c.passed, "detail": c.detail} for c in rehearsal.checks],
        timings=rehearsal.timings,
        passed=rehearsal.passed,
    )
    request.sandbox_order_id = rehearsal.sandbox_order_id
    await audit.record(
        request,
        "rehearsed",
        {"passed": rehearsal.passed, "status": rehearsal.status, "reason": rehearsal.reason},
        now=context.clock(),
    )
    if not rehearsal.passed:
        return await _stop(
            context,
            request,
            OrderState.REHEARSAL_FAILED,
            rehearsal=rehearsal,
            reason=rehearsal.reason,
        )
    if dry.errors:
        return await _stop(context, request, OrderState.REFUSED, reason="; ".join(dry.errors)[:500])
    quoted = quoted_market(order, resolution.underlying_price, leg_prices)
    return await _preview(context, request, order, risk, rehearsal, dry, limits, breaches, quoted)


# the request's fields that _set_order writes
ORDER_FIELDS = (
    "account_number",
    "underlying",
    "legs",
    "order_type",
    "price",
    "price_effect",
    "time_in_force",
)


def _set_order(request: OrderRequest, order: ResolvedOrder) -> None:
    """Put the resolved order on the request (saved with the step's state change next)."""
    request.account_number = order.account_number
    request.underlying = order.underlying
    request.legs = [leg.to_json() for leg in order.legs]
    request.order_type = order.order_type
    request.price = order.price
    request.price_effect = order.price_effect
    request.time_in_force = order.time_in_force


async def _preview(
    context: OrderContext,
    request: OrderRequest,
    order: ResolvedOrder,
    risk: OrderRisk,
    rehearsal: RehearsalResult,
    dry: DryRun,
    limits: RiskLimits,
    breaches: tuple[Breach, ...],
    quoted: QuotedMarket | None,
) -> Previewed:
    """Bind the confirmation to the exact order for ``preview_ttl`` and keep the market it was
    previewed at (``quoted``), which confirming compares with the market then."""
    now = context.clock()
    expires = now + context.preview_ttl
    request.state = OrderState.PREVIEWED
    request.confirm_hash = order.fingerprint()
    request.preview_expires_at = expires
    request.dry_run = {
        "buying_power_change": str(dry.buying_power_change),
        "buying_power_effect": dry.buying_power_effect,
        "fees": str(dry.fees),
        "warnings": list(dry.warnings),
        **({"quoted": quoted.to_json()} if quoted is not None else {}),
    }
    # this step's fields and the rehearsal's sandbox order (set after the last save)
    await save_fields(
        request,
        [
            "state",
            "confirm_hash",
            "preview_expires_at",
            "dry_run",
            "sandbox_order_id",
            "updated_at",
        ],
    )
    await audit.record(
        request, "previewed", {"hash": request.confirm_hash, "expires_at": expires}, now=now
    )
    # a signal's confirmation is its rule's to decide (auto-execute), never the chat threshold;
    # a chat order skips Confirm only when sent with the order command (see submit_order)
    auto = (
        request.source != OrderSource.SIGNAL
        and (request.parsed or {}).get("by_command", False)
        and should_auto_confirm(risk, limits, breaches)
    )
    preview = Preview(
        order_id=request.id,
        order=order,
        risk=risk,
        rehearsal=rehearsal,
        dry_run=dry,
        confirm_hash=request.confirm_hash,
        expires_at=expires,
        auto_confirm=auto,
        notes=order.notes,
    )
    if not auto:
        return Previewed(preview)
    discord_id = (await request.trader).discord_id
    placement = await confirm_order(context, discord_id, request.id, request.confirm_hash)
    return Previewed(preview, placement)
