"""faults.py: rule parsing, matching and seeded decisions."""

from __future__ import annotations

import pytest

from simulator.faults import FaultConfigError, FaultRule, Faults, env_relative_path


def test_parse_and_validate() -> None:
    with pytest.raises(FaultConfigError):
        FaultRule.from_json({"kind": "explode"})
    with pytest.raises(FaultConfigError):
        FaultRule.from_json({"kind": "error", "status": 418})
    with pytest.raises(FaultConfigError):
        FaultRule.from_json({"kind": "latency", "bogus": 1})
    with pytest.raises(FaultConfigError):
        FaultRule.from_json({"kind": "latency", "path": "re:("})
    rule = FaultRule.from_json({"kind": "latency", "ms": 5})
    assert rule.to_json()["ms"] == 5


def test_matching() -> None:
    glob = FaultRule(kind="error", path="/accounts/*/orders", method="POST", env="sandbox")
    assert glob.matches("sandbox", "POST", "/accounts/5WZ1/orders")
    assert not glob.matches("production", "POST", "/accounts/5WZ1/orders")
    assert not glob.matches("sandbox", "GET", "/accounts/5WZ1/orders")
    regex = FaultRule(kind="error", path=r"re:^/customers/me$")
    assert regex.matches("production", "GET", "/customers/me")
    assert not regex.matches("production", "GET", "/customers/me/accounts")


def test_times_and_exemptions() -> None:
    faults = Faults(1, [{"kind": "error", "status": 500, "times": 2}])
    hits = [faults.pick("error", "production", "GET", "/x") is not None for _ in range(4)]
    assert hits == [True, True, False, False]
    faults.configure([{"kind": "error", "status": 500}])
    assert faults.pick("error", "production", "GET", "/_sim/state") is None


def test_seeded_rates_reproduce() -> None:
    def run() -> list[bool]:
        faults = Faults(5, [{"kind": "error", "status": 500, "rate": 0.5}])
        return [faults.pick("error", "production", "GET", "/a") is not None for _ in range(30)]

    assert run() == run()
    assert 0 < sum(run()) < 30


def test_latency_page_fail_token_lifetime() -> None:
    faults = Faults(
        3,
        {
            "rules": [
                {"kind": "latency", "ms": 100, "jitter_ms": 0},
                {"kind": "page_fail", "from_page": 2, "path": "/t"},
                {"kind": "token_expiry", "seconds": 1.5, "env": "sandbox"},
            ]
        },
    )
    assert faults.latency_seconds("production", "GET", "/a") == pytest.approx(0.1)
    assert faults.page_fail("production", "GET", "/t", 1) is None
    assert faults.page_fail("production", "GET", "/t", 2) is not None
    assert faults.token_lifetime("sandbox") == 1.5 and faults.token_lifetime("production") is None
    immediate = faults.configure({"rules": [{"kind": "dxlink_disconnect"}], "append": True})
    assert [r.kind for r in immediate] == ["dxlink_disconnect"] and len(faults.rules) == 3


def test_relative_path() -> None:
    assert env_relative_path("/sandbox/customers/me", "/sandbox") == "/customers/me"
    assert env_relative_path("/sandbox", "/sandbox") == "/"
    assert env_relative_path("/customers/me", "") == "/customers/me"
