"""Calling Tastytrade through the SDK: failures classified at the HTTP layer, transient ones
retried with exponential backoff and jitter (tenacity), and never a blind retry of a write.

The SDK turns every non-2xx answer into one ``TastytradeError`` with the status lost, and it
never retries or refreshes after a 401. A response hook on the SDK's own HTTP client sees the
status first and raises our errors instead:

=====================================  ==========================================
HTTP answer                            error (retried?)
=====================================  ==========================================
``/oauth/token`` 400 or 401            ``AuthExpiredError``: the grant is dead (no)
401 on any other call                  ``AccessTokenRejectedError``: refresh, retry (yes)
429                                    ``RateLimitedError`` with Retry-After (yes)
5xx, timeout, connection failure       ``BrokerUnavailableError`` (yes)
other 4xx (422 rejected order...)      ``RejectedError`` with Tastytrade's reason (no)
=====================================  ==========================================

Retries apply only to ``idempotent`` calls (reads). A write such as placing an order is tried
once: after a timeout the caller must look the order up before deciding anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

import httpx2
from tastytrade import Session
from tastytrade.utils import TastytradeError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from services.broker.routing import BrokerConnection, build_session
from services.broker.transport import close_sdk_session
from services.errors import (
    AccessTokenRejectedError,
    AuthExpiredError,
    BrokerUnavailableError,
    RateLimitedError,
    RejectedError,
)
from services.redaction import redact

log = logging.getLogger(__name__)

T = TypeVar("T")

TRANSIENT_ERRORS = (BrokerUnavailableError,)  # includes RateLimited and AccessTokenRejected
TOKEN_PATH = "/oauth/token"
MAX_REASON_CHARS = 300


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try an idempotent call before giving up (seconds)."""

    attempts: int = 5
    max_seconds: float = 60.0
    initial_wait: float = 0.5
    max_wait: float = 8.0
    jitter: float = 0.5
    request_timeout: float = 20.0
    connect_timeout: float = 5.0


def _retry_after(response: httpx2.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None


async def classify_response(response: httpx2.Response) -> None:
    """The SDK client's response hook: raise our error for a failure that needs one."""
    status = response.status_code
    if status < 400:
        return
    if response.request.url.path.endswith(TOKEN_PATH):
        if status in (400, 401):
            raise AuthExpiredError()
    elif status == 401:
        raise AccessTokenRejectedError()
    if status == 429:
        raise RateLimitedError(retry_after=_retry_after(response))
    if status >= 500:
        raise BrokerUnavailableError()


def _wait(policy: RetryPolicy) -> Callable[[RetryCallState], float]:
    backoff = wait_exponential_jitter(
        multiplier=policy.initial_wait, max=policy.max_wait, jitter=policy.jitter
    )

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        hint = error.retry_after if isinstance(error, RateLimitedError) else None
        return max(backoff(state), min(hint or 0.0, policy.max_wait))

    return wait


class BrokerClient:
    """An open SDK session for one grant. ``call`` runs an SDK operation with the error map
    above; ``session`` is there for the operation to use."""

    def __init__(self, session: Session, policy: RetryPolicy) -> None:
        self.session = session
        self.policy = policy
        self.attempts = 0  # every try of every call, for progress reports and tests
        # Tastytrade refused the grant itself (AuthExpiredError): this session is dead, and a
        # pool holding it drops it when its user lets go, however the error was handled
        self.grant_rejected = False
        self._refresh_first = False
        self._warming: asyncio.Task[None] | None = None

    def warm_up(self) -> None:
        """Fetch the session's access token now, in the background, so that the first call
        does not wait for that round trip (a pool opening a trader's production and sandbox
        sessions together gets both tokens at once). The first call waits for a refresh
        still running (the SDK refreshes under a lock, once); a failure here is only logged:
        that call refreshes again and reports it."""
        if self._warming is None:
            self._warming = asyncio.create_task(self._warm(), name="tastytrade-session-warm-up")

    async def _warm(self) -> None:
        try:
            await self.call(lambda session: session.refresh())
        except Exception as error:  # the first real call refreshes again and reports it
            log.info("warming a Tastytrade session failed (%s)", type(error).__name__)

    async def call(
        self, operation: Callable[[Session], Awaitable[T]], *, idempotent: bool = True
    ) -> T:
        """Run ``operation(session)``; retry transient failures only when ``idempotent``."""
        started = time.monotonic()
        try:  # the first try outside tenacity: most calls succeed, and its loop costs CPU
            return await self._once(operation)
        except TRANSIENT_ERRORS as error:
            if not idempotent:
                raise
            first_failure: BaseException = error
        left = max(0.0, self.policy.max_seconds - (time.monotonic() - started))
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.policy.attempts) | stop_after_delay(left),
            wait=_wait(self.policy),
            retry=retry_if_exception_type(TRANSIENT_ERRORS),
            before_sleep=self._log_retry,
            reraise=True,
        )
        replayed = False
        async for attempt in retrying:
            with attempt:
                if not replayed:  # tenacity's first attempt is the failure above
                    replayed = True
                    raise first_failure
                return await self._once(operation)
        raise AssertionError("unreachable: tenacity reraises the last error")  # pragma: no cover

    async def close(self) -> None:
        if self._warming is not None and not self._warming.done():
            self._warming.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._warming
        await close_sdk_session(self.session)

    async def _once(self, operation: Callable[[Session], Awaitable[T]]) -> T:
        self.attempts += 1
        try:
            if self._refresh_first:
                self._refresh_first = False
                await self.session.refresh(force=True)
            return await operation(self.session)
        except AccessTokenRejectedError:
            self._refresh_first = True
            raise
        except AuthExpiredError:
            self.grant_rejected = True
            raise
        except TastytradeError as exc:
            reason = redact(str(exc).strip())[:MAX_REASON_CHARS]
            raise RejectedError(f"Tastytrade refused the request: {reason}") from None
        except (httpx2.TimeoutException, httpx2.TransportError) as exc:
            log.warning("tastytrade unreachable: %s", type(exc).__name__)
            raise BrokerUnavailableError() from None

    @staticmethod
    def _log_retry(state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        log.info(
            "tastytrade call failed (%s), attempt %d; retrying",
            type(error).__name__,
            state.attempt_number,
        )


def open_broker_client(
    connection: BrokerConnection, policy: RetryPolicy | None = None
) -> BrokerClient:
    """An SDK session for ``connection`` with the response hook and timeouts installed; the
    caller closes it (``await client.close()``). Prefer :func:`broker_client`."""
    policy = policy or RetryPolicy()
    session = build_session(
        connection,
        event_hooks={"response": [classify_response]},
        timeout=httpx2.Timeout(policy.request_timeout, connect=policy.connect_timeout),
    )
    return BrokerClient(session, policy)


@asynccontextmanager
async def broker_client(
    connection: BrokerConnection, policy: RetryPolicy | None = None
) -> AsyncIterator[BrokerClient]:
    """An SDK session for ``connection`` with the response hook and timeouts installed."""
    client = open_broker_client(connection, policy)
    try:
        yield client
    finally:
        await client.close()
