"""placement_faults.py: plan parsing and seeded, per-request decisions."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest

from simulator.faults import FaultConfigError, Faults
from simulator.placement_faults import (
    KINDS,
    PlacementFaultError,
    PlacementFaultPlan,
    PlacementFaults,
)

EVEN = {kind: 0.25 for kind in KINDS}


def plan(**kw: Any) -> PlacementFaultPlan:
    return PlacementFaultPlan.from_json({"rates": EVEN, **kw})


def decide_all(faults: PlacementFaults, keys: list[str], env: str = "production") -> list[Any]:
    out = []
    for key in keys:
        attempt = faults.decide(env, "5WT1", {"external-identifier": key}, "{}")
        out.append(None if attempt is None else (attempt.fault, attempt.status))
    return out


@pytest.mark.parametrize(
    "raw",
    [
        "drop",
        {},
        {"rates": {}},
        {"rates": {"explode": 0.5}},
        {"rates": {"rate_limit": 1.5}},
        {"rates": {"rate_limit": 0.6, "drop_after_accept": 0.6}},
        {"rates": {"rate_limit": "0.5"}},
        {"rates": {"rate_limit": float("nan")}},
        {"rates": EVEN, "env": "staging"},
        {"rates": EVEN, "faulted_attempts": 0},
        {"rates": EVEN, "faulted_attempts": True},
        {"rates": EVEN, "hang_seconds": -1},
        {"rates": EVEN, "error_statuses": [418]},
        {"rates": EVEN, "error_statuses": []},
        {"rates": EVEN, "surprise": 1},
    ],
)
def test_a_bad_plan_is_refused(raw: Any) -> None:
    with pytest.raises(PlacementFaultError):
        PlacementFaultPlan.from_json(raw)


def test_a_plan_round_trips_through_json() -> None:
    parsed = plan(env="*", faulted_attempts=None, hang_seconds=2, error_statuses=[502])
    assert PlacementFaultPlan.from_json(parsed.to_json()) == parsed


def test_no_plan_decides_nothing() -> None:
    assert decide_all(PlacementFaults(), ["a"]) == [None]


def test_the_plan_only_acts_in_its_environment() -> None:
    faults = PlacementFaults()
    faults.configure(plan(), seed=1)
    assert decide_all(faults, ["a"], env="sandbox") == [None]
    assert decide_all(faults, ["a"], env="production") != [None]


def test_decisions_depend_on_the_seed_and_key_not_on_arrival_order() -> None:
    keys = [f"req-{n}" for n in range(50)]
    forward, backward, other = PlacementFaults(), PlacementFaults(), PlacementFaults()
    forward.configure(plan(), seed=7)
    backward.configure(plan(), seed=7)
    other.configure(plan(), seed=8)
    ahead = dict(zip(keys, decide_all(forward, keys), strict=True))
    behind = dict(zip(reversed(keys), decide_all(backward, list(reversed(keys))), strict=True))
    assert ahead == behind
    assert ahead != dict(zip(keys, decide_all(other, keys), strict=True))


def test_even_rates_spread_over_every_kind() -> None:
    faults = PlacementFaults()
    faults.configure(plan(), seed=3)
    counts = Counter(f for f, _ in decide_all(faults, [f"k{n}" for n in range(400)]))
    assert set(counts) == set(KINDS)
    assert all(60 < count < 140 for count in counts.values())


def test_only_the_first_attempt_faults_by_default() -> None:
    faults = PlacementFaults()
    faults.configure(PlacementFaultPlan.from_json({"rates": {"rate_limit": 1.0}}), seed=1)
    assert decide_all(faults, ["same", "same", "same"]) == [
        ("rate_limit", 429),
        (None, None),
        (None, None),
    ]
    assert [a.attempt for a in faults.attempts] == [1, 2, 3]


def test_every_attempt_may_fault_without_a_limit() -> None:
    faults = PlacementFaults()
    faults.configure(
        PlacementFaultPlan.from_json(
            {"rates": {"error_before_accept": 1.0}, "faulted_attempts": None}
        ),
        seed=1,
    )
    decided = decide_all(faults, ["same"] * 5)
    assert {fault for fault, _ in decided} == {"error_before_accept"}
    assert {status for _, status in decided} <= {500, 502, 503}


def test_a_body_without_identifier_is_keyed_by_its_content() -> None:
    faults = PlacementFaults()
    faults.configure(PlacementFaultPlan.from_json({"rates": {"rate_limit": 1.0}}), seed=1)
    body = {"order-type": "Market", "legs": []}
    first = faults.decide("production", "5WT1", body, "")
    again = faults.decide("production", "5WT1", dict(body), "")
    assert first is not None and again is not None
    assert first.key == again.key and first.key.startswith("body:")
    assert (first.attempt, again.attempt) == (1, 2)


def test_the_fault_spec_carries_the_plan_and_its_seed() -> None:
    faults = Faults(0)
    faults.configure({"seed": 11, "rules": [], "placement": {"rates": {"rate_limit": 1.0}}})
    assert faults.placement.plan is not None and faults.placement.seed == 11
    assert faults.to_json()["placement"]["plan"]["rates"] == {"rate_limit": 1.0}
    faults.configure({"rules": [{"kind": "latency", "ms": 1}], "append": True})
    assert faults.placement.plan is not None  # appending rules keeps the plan
    faults.configure([])
    assert faults.placement.plan is None


def test_a_bad_plan_changes_nothing() -> None:
    faults = Faults(0)
    faults.configure({"seed": 5, "rules": [{"kind": "latency", "ms": 1}]})
    with pytest.raises(FaultConfigError):
        faults.configure({"seed": 6, "rules": [], "placement": {"rates": {"nope": 1}}})
    assert faults.seed == 5 and len(faults.rules) == 1 and faults.placement.plan is None


async def test_a_hold_ends_when_released() -> None:
    faults = Faults(0)
    hold = asyncio.create_task(faults.hold(3600))
    await asyncio.sleep(0)
    assert not hold.done()
    faults.release_holds()
    await asyncio.wait_for(hold, 1)
