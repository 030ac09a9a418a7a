"""Seeded faults on order placement (``POST /accounts/{n}/orders``), decided per request.

The plan is part of the fault spec (``--faults`` / ``POST /_sim/faults``), under ``placement``,
and shares the spec's ``seed``::

    {"seed": 7, "rules": [], "placement": {
        "env": "production",
        "rates": {"drop_after_accept": 0.25, "error_before_accept": 0.25,
                  "hang_after_accept": 0.25, "rate_limit": 0.25},
        "faulted_attempts": 1, "hang_seconds": 30, "error_statuses": [500, 502, 503]}}

Fault kinds:

* ``drop_after_accept``: the order is accepted (it exists, with its id) and the connection is
  closed without a response.
* ``error_before_accept``: a 5xx (one of ``error_statuses``) and no order.
* ``hang_after_accept``: the order is accepted and no response comes: the server holds the
  request ``hang_seconds`` (the client times out first) and then closes the connection.
* ``rate_limit``: a 429 and no order.

Each placement request is keyed by its ``external-identifier`` (or, without one, a hash of its
body) and numbered per key: the first request for a key is attempt 1, a retry attempt 2. The
fault of an attempt is drawn from ``sha256(seed, env, account, key, attempt)``, so it depends on
neither the order requests arrive in nor on other traffic: 200 concurrent placements get the
same faults on every run. ``rates`` are probabilities (their sum at most 1; the rest places
normally); only attempts up to ``faulted_attempts`` can fault (``null``: every attempt), so a
retry of a faulted attempt goes through. ``attempts`` lists every decision with its outcome.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from typing import Any

DROP_AFTER_ACCEPT = "drop_after_accept"
ERROR_BEFORE_ACCEPT = "error_before_accept"
HANG_AFTER_ACCEPT = "hang_after_accept"
RATE_LIMIT = "rate_limit"
KINDS = (DROP_AFTER_ACCEPT, ERROR_BEFORE_ACCEPT, HANG_AFTER_ACCEPT, RATE_LIMIT)
BEFORE_ACCEPTANCE = frozenset({ERROR_BEFORE_ACCEPT, RATE_LIMIT})
SERVER_ERRORS = (500, 502, 503)
RATE_LIMITED = 429
ENVIRONMENTS = ("production", "sandbox", "*")
PLAN_KEYS = frozenset({"env", "rates", "faulted_attempts", "hang_seconds", "error_statuses"})
RATE_SLACK = 1e-9  # rates like 0.1 * 10 may add up to a hair over 1
SHOWN_ATTEMPTS = 100  # the fault view lists the newest ones


class PlacementFaultError(ValueError):
    """A placement plan that cannot be used (the message says which field)."""


@dataclass(frozen=True, slots=True)
class PlacementFaultPlan:
    """Which faults placements get, and how often."""

    rates: dict[str, float]
    env: str = "production"
    faulted_attempts: int | None = 1
    hang_seconds: float = 30.0
    error_statuses: tuple[int, ...] = SERVER_ERRORS

    @classmethod
    def from_json(cls, raw: Any) -> PlacementFaultPlan:
        if not isinstance(raw, dict):
            raise PlacementFaultError("placement must be an object")
        unknown = set(raw) - PLAN_KEYS
        if unknown:
            raise PlacementFaultError(f"unknown placement keys: {sorted(unknown)}")
        rates = raw.get("rates")
        if not isinstance(rates, dict) or not rates:
            raise PlacementFaultError(f"placement.rates must map fault kinds {KINDS} to rates")
        parsed: dict[str, float] = {}
        for kind, rate in rates.items():
            if kind not in KINDS:
                raise PlacementFaultError(f"unknown placement fault {kind!r}; expected {KINDS}")
            parsed[kind] = _number(rate, f"rates.{kind}")
            if parsed[kind] > 1:
                raise PlacementFaultError(f"rates.{kind} must be between 0 and 1")
        if sum(parsed.values()) > 1 + RATE_SLACK:
            raise PlacementFaultError("placement rates must add up to at most 1")
        env = raw.get("env", "production")
        if env not in ENVIRONMENTS:
            raise PlacementFaultError(f"placement.env must be one of {ENVIRONMENTS}")
        attempts = raw.get("faulted_attempts", 1)
        if attempts is not None and (
            isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1
        ):
            raise PlacementFaultError("faulted_attempts must be a whole number >= 1 or null")
        statuses = raw.get("error_statuses", list(SERVER_ERRORS))
        if (
            not isinstance(statuses, list)
            or not statuses
            or any(s not in SERVER_ERRORS or isinstance(s, bool) for s in statuses)
        ):
            raise PlacementFaultError(f"error_statuses must be a list drawn from {SERVER_ERRORS}")
        return cls(
            rates=parsed,
            env=str(env),
            faulted_attempts=attempts,
            hang_seconds=_number(raw.get("hang_seconds", 30.0), "hang_seconds"),
            error_statuses=tuple(int(s) for s in statuses),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "env": self.env,
            "rates": dict(self.rates),
            "faulted_attempts": self.faulted_attempts,
            "hang_seconds": self.hang_seconds,
            "error_statuses": list(self.error_statuses),
        }


@dataclass(slots=True)
class PlacementAttempt:
    """One placement request the plan decided on, and what became of it."""

    environment: str
    account_number: str
    key: str  # the external identifier, or ``body:<sha256>`` without one
    external_identifier: str | None
    attempt: int  # 1 for the first request with this key
    fault: str | None  # one of KINDS, or None: placed normally
    status: int | None = None  # the error status a before-acceptance fault answers
    hang_seconds: float = 0.0  # how long a hang after acceptance holds the response
    outcome: str = "pending"  # accepted | rejected | refused (a fault before acceptance)
    order_id: int | None = None

    @property
    def before_acceptance(self) -> bool:
        return self.fault in BEFORE_ACCEPTANCE

    def to_json(self) -> dict[str, Any]:
        return {
            "env": self.environment,
            "account-number": self.account_number,
            "key": self.key,
            "external-identifier": self.external_identifier,
            "attempt": self.attempt,
            "fault": self.fault,
            "status": self.status,
            "outcome": self.outcome,
            "order-id": self.order_id,
        }


@dataclass
class PlacementFaults:
    """The active plan (if any) and every attempt it decided."""

    seed: int = 0
    plan: PlacementFaultPlan | None = None
    attempts: list[PlacementAttempt] = field(default_factory=list)
    _seen: dict[tuple[str, str, str], int] = field(default_factory=dict)

    def configure(self, plan: PlacementFaultPlan | None, seed: int) -> None:
        """Use ``plan`` from now on (``None``: no placement faults); attempts count afresh."""
        self.plan = plan
        self.seed = seed
        self.attempts = []
        self._seen = {}

    def decide(
        self, environment: str, account_number: str, body: Any, raw: str
    ) -> PlacementAttempt | None:
        """The fault for this placement request, recorded; ``None`` when no plan applies."""
        plan = self.plan
        if plan is None or plan.env not in ("*", environment):
            return None
        external = _external_identifier(body)
        key = external if external is not None else "body:" + _body_hash(body, raw)
        seen = (environment, account_number, key)
        attempt = self._seen.get(seen, 0) + 1
        self._seen[seen] = attempt
        fault: str | None = None
        status: int | None = None
        if plan.faulted_attempts is None or attempt <= plan.faulted_attempts:
            draw = self._draw(environment, account_number, key, attempt, "fault")
            fault = _pick(plan.rates, draw)
        if fault == ERROR_BEFORE_ACCEPT:
            draw = self._draw(environment, account_number, key, attempt, "status")
            status = plan.error_statuses[int(draw * len(plan.error_statuses))]
        elif fault == RATE_LIMIT:
            status = RATE_LIMITED
        record = PlacementAttempt(
            environment,
            account_number,
            key,
            external,
            attempt,
            fault,
            status=status,
            hang_seconds=plan.hang_seconds if fault == HANG_AFTER_ACCEPT else 0.0,
        )
        if record.before_acceptance:
            record.outcome = "refused"
        self.attempts.append(record)
        return record

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan.to_json() if self.plan is not None else None,
            "attempts": [a.to_json() for a in self.attempts[-SHOWN_ATTEMPTS:]],
            "attempt-count": len(self.attempts),
        }

    def _draw(self, *parts: object) -> float:
        """A number in [0, 1) fixed by the seed and ``parts``."""
        text = "\x1f".join(str(p) for p in (self.seed, *parts))
        digest = hashlib.sha256(text.encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64


def _pick(rates: dict[str, float], draw: float) -> str | None:
    edge = 0.0
    for kind in KINDS:  # a fixed order, so the same draw always names the same kind
        edge += rates.get(kind, 0.0)
        if draw < edge:
            return kind
    return None


def _external_identifier(body: Any) -> str | None:
    if isinstance(body, dict):
        value = body.get("external-identifier")
        if isinstance(value, str) and value:
            return value
    return None


def _body_hash(body: Any, raw: str) -> str:
    try:
        text = json.dumps(body, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        text = raw
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlacementFaultError(f"{name} must be a number")
    if not math.isfinite(value) or value < 0:
        raise PlacementFaultError(f"{name} must be a finite number >= 0")
    return float(value)
