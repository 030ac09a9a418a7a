"""Seeded, reproducible fault injection for the simulator.

Faults are a list of rules set at start (``--faults JSON``) or at runtime with
``POST /_sim/faults`` (``GET`` shows them). A rule is a JSON object::

    {"kind": "latency", "path": "/accounts/*", "ms": 50, "jitter_ms": 20}
    {"kind": "error", "status": 429, "rate": 0.5}        # also 500, 502
    {"kind": "hang", "seconds": 10, "path": "/customers/me"}
    {"kind": "drop", "path": "/accounts/*/orders"}       # order recorded, response never sent
    {"kind": "page_fail", "path": "/accounts/*/transactions", "from_page": 2}
    {"kind": "token_expiry", "seconds": 1}               # access tokens die early (server side)
    {"kind": "dxlink_disconnect"}                        # close every open DXLink socket now

Placement faults (a connection dropped after an order is accepted, 5xx, a hang, 429) are
decided per order request by a seeded plan under the spec's ``placement`` key; see
``simulator/placement_faults.py``.

Common keys: ``path`` (a glob over the path inside the environment, i.e. without ``/sandbox``,
or ``re:<regex>``), ``method`` (default any), ``env`` (``production``, ``sandbox`` or ``*``),
``rate`` (probability, drawn from ``random.Random(seed)``) and ``times`` (stop after that many
triggers). The body of ``POST /_sim/faults`` is either a list of rules or
``{"seed": 7, "rules": [...], "placement": {...}, "append": false}``; ``[]`` clears
everything. ``/_sim/*``, ``/oauth/token`` (unless a rule names it explicitly by regex) and
WebSocket paths are exempt from latency/error/hang rules so the control plane keeps working.
"""

from __future__ import annotations

import asyncio
import fnmatch
import math
import random
import re
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from aiohttp import web

from simulator import wire
from simulator.placement_faults import PlacementFaultError, PlacementFaultPlan, PlacementFaults

KINDS = (
    "latency",
    "error",
    "hang",
    "drop",
    "page_fail",
    "token_expiry",
    "dxlink_disconnect",
)
ERROR_STATUSES = (429, 500, 502, 503)
EXEMPT_PREFIXES = ("/_sim", "/dxlink", "/alerts")


class FaultConfigError(ValueError):
    pass


@dataclass
class FaultRule:
    kind: str
    path: str = "*"
    method: str = "*"
    env: str = "*"
    rate: float = 1.0
    times: int | None = None
    ms: float = 0.0
    jitter_ms: float = 0.0
    status: int = 500
    seconds: float = 10.0
    from_page: int = 1
    hits: int = 0
    _regex: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._check_types()
        if self.kind not in KINDS:
            raise FaultConfigError(f"unknown fault kind {self.kind!r}; expected one of {KINDS}")
        if self.kind == "error" and self.status not in ERROR_STATUSES:
            raise FaultConfigError(f"error status must be one of {ERROR_STATUSES}")
        if not 0.0 <= self.rate <= 1.0:
            raise FaultConfigError("rate must be between 0 and 1")
        if self.path.startswith("re:"):
            try:
                self._regex = re.compile(self.path[3:])
            except re.error as exc:
                raise FaultConfigError(f"bad regex {self.path!r}: {exc}") from exc

    def _check_types(self) -> None:
        """JSON gives any type; numbers must be numbers and names strings (bools are not)."""
        for name in ("kind", "path", "method", "env"):
            if not isinstance(getattr(self, name), str):
                raise FaultConfigError(f"{name} must be a string")
        for name in ("rate", "ms", "jitter_ms", "seconds"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise FaultConfigError(f"{name} must be a number")
            if not math.isfinite(value) or value < 0:
                raise FaultConfigError(f"{name} must be a finite number >= 0")
            setattr(self, name, float(value))
        for name in ("status", "from_page", "times"):
            value = getattr(self, name)
            if name == "times" and value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise FaultConfigError(f"{name} must be a whole number >= 0")

    @classmethod
    def from_json(cls, raw: Any) -> FaultRule:
        if not isinstance(raw, dict) or "kind" not in raw:
            raise FaultConfigError(f"a fault rule must be an object with a kind: {raw!r}")
        allowed = {
            "kind",
            "path",
            "method",
            "env",
            "rate",
            "times",
            "ms",
            "jitter_ms",
            "status",
            "seconds",
            "from_page",
        }
        unknown = set(raw) - allowed
        if unknown:
            raise FaultConfigError(f"unknown fault keys: {sorted(unknown)}")
        try:
            return cls(**raw)
        except TypeError as exc:
            raise FaultConfigError(str(exc)) from exc

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("_regex", None)
        return out

    def matches(self, env: str, method: str, path: str) -> bool:
        if self.env not in ("*", env):
            return False
        if self.method not in ("*", method.upper()):
            return False
        if self.times is not None and self.hits >= self.times:
            return False
        if self._regex is not None:
            return self._regex.search(path) is not None
        if self.path in ("*", ""):
            return True
        return fnmatch.fnmatchcase(path, self.path)

    def explicit(self) -> bool:
        return self.path not in ("*", "")


class Faults:
    """The active fault rules plus the seeded random source that decides them."""

    def __init__(self, seed: int = 0, rules: Iterable[Any] | dict[str, Any] = ()) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.rules: list[FaultRule] = []
        self.triggered: list[dict[str, Any]] = []
        self.on_dxlink_disconnect: list[Callable[[str], Awaitable[int]]] = []
        self.on_token_expiry: list[Callable[[float], None]] = []
        self.placement = PlacementFaults(seed)
        # how latency and hang faults wait; a test may hold requests here instead of timing them
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        self._release = asyncio.Event()
        if rules:
            self.configure(rules if isinstance(rules, dict) else list(rules))

    # configuration -----------------------------------------------------------------------
    def configure(self, spec: Any, *, append: bool = False) -> list[FaultRule]:
        """Replace (or extend) the rules from a JSON spec; returns the immediate-action rules."""
        seed = self.seed
        placement: PlacementFaultPlan | None = None
        has_placement = False
        if isinstance(spec, dict):
            if "seed" in spec:
                if isinstance(spec["seed"], bool) or not isinstance(spec["seed"], int):
                    raise FaultConfigError("seed must be a whole number")
                seed = spec["seed"]
            append = bool(spec.get("append", append))
            raw_rules = spec.get("rules", [])
            has_placement = "placement" in spec
            if spec.get("placement") is not None:
                try:
                    placement = PlacementFaultPlan.from_json(spec["placement"])
                except PlacementFaultError as exc:
                    raise FaultConfigError(str(exc)) from exc
        else:
            raw_rules = spec
        if not isinstance(raw_rules, list):
            raise FaultConfigError("rules must be a list")
        rules = [FaultRule.from_json(r) for r in raw_rules]
        # everything parsed: only now change anything
        self.seed = seed
        self.rng = random.Random(self.seed)
        if has_placement or not append:
            self.placement.configure(placement, self.seed)
        if not append:
            self.rules = []
            self.triggered = []
        immediate = [r for r in rules if r.kind in ("dxlink_disconnect",)]
        self.rules.extend(r for r in rules if r not in immediate)
        return immediate

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "rules": [r.to_json() for r in self.rules],
            "triggered": self.triggered[-100:],
            "placement": self.placement.to_json(),
        }

    # holding requests ----------------------------------------------------------------------
    async def hold(self, seconds: float) -> None:
        """Wait ``seconds`` (through ``sleep``) or until :meth:`release_holds`, whichever is
        first: a hung request must not keep the server from shutting down."""
        released = asyncio.ensure_future(self._release.wait())
        sleeping = asyncio.ensure_future(self.sleep(seconds))
        try:
            await asyncio.wait({released, sleeping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            released.cancel()
            sleeping.cancel()

    def release_holds(self) -> None:
        """End every hang now (the server is shutting down, or a test is done waiting)."""
        self._release.set()
        self._release = asyncio.Event()

    # decisions ---------------------------------------------------------------------------
    def _fire(self, rule: FaultRule, env: str, method: str, path: str) -> bool:
        if rule.rate < 1.0 and self.rng.random() >= rule.rate:
            return False
        rule.hits += 1
        self.triggered.append(
            {"kind": rule.kind, "env": env, "method": method, "path": path, "at": time.time()}
        )
        return True

    def pick(self, kind: str, env: str, method: str, path: str) -> FaultRule | None:
        for rule in self.rules:
            if rule.kind != kind or not rule.matches(env, method, path):
                continue
            if path.startswith(EXEMPT_PREFIXES) and not rule.explicit():
                continue
            if self._fire(rule, env, method, path):
                return rule
        return None

    def latency_seconds(self, env: str, method: str, path: str) -> float:
        total = 0.0
        for rule in self.rules:
            if rule.kind != "latency" or not rule.matches(env, method, path):
                continue
            if path.startswith(EXEMPT_PREFIXES) and not rule.explicit():
                continue
            if self._fire(rule, env, method, path):
                total += (rule.ms + self.rng.uniform(0, rule.jitter_ms)) / 1000.0
        return total

    def page_fail(self, env: str, method: str, path: str, page_offset: int) -> FaultRule | None:
        for rule in self.rules:
            if rule.kind != "page_fail" or page_offset < rule.from_page:
                continue
            if rule.matches(env, method, path) and self._fire(rule, env, method, path):
                return rule
        return None

    def token_lifetime(self, env: str) -> float | None:
        """Server-side access-token lifetime override (tokens expire early), if any."""
        for rule in self.rules:
            if rule.kind == "token_expiry" and rule.env in ("*", env):
                return rule.seconds
        return None


def env_relative_path(path: str, base_path: str) -> str:
    if base_path and (path == base_path or path.startswith(base_path + "/")):
        return path[len(base_path) :] or "/"
    return path


async def apply_request_faults(
    faults: Faults, request: web.Request, env: str, rel_path: str
) -> web.StreamResponse | None:
    """Latency, hang, error and page faults that act before the handler runs."""
    method = request.method
    delay = faults.latency_seconds(env, method, rel_path)
    if delay > 0:
        await faults.sleep(delay)
    hang = faults.pick("hang", env, method, rel_path)
    if hang is not None:
        await faults.hold(hang.seconds)
    err = faults.pick("error", env, method, rel_path)
    if err is not None:
        return error_response(err.status)
    offset_raw = request.query.get("page-offset")
    if offset_raw is not None and offset_raw.isdigit():
        rule = faults.page_fail(env, method, rel_path, int(offset_raw))
        if rule is not None:
            return error_response(rule.status if rule.status in ERROR_STATUSES else 500)
    return None


def error_response(status: int) -> web.Response:
    if status == 429:
        # deliberately without Retry-After / X-RateLimit-* headers
        return wire.api_error(429, "rate_limit_exceeded", "Too many requests (simulated fault)")
    if status == 502:
        return web.Response(
            status=502, text="<html><body>502 Bad Gateway</body></html>", content_type="text/html"
        )
    if status == 503:
        return wire.api_error(503, "service_unavailable", "Service unavailable (simulated fault)")
    return wire.api_error(500, "internal_server_error", "Internal server error (simulated fault)")


def should_drop(faults: Faults, request: web.Request, env: str, rel_path: str) -> bool:
    return faults.pick("drop", env, request.method, rel_path) is not None


def drop_connection(request: web.Request) -> None:
    """Close the client connection without sending the (already computed) response."""
    transport = request.transport
    if transport is not None:
        transport.abort()
