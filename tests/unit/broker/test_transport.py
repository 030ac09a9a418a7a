"""LoopbackTransport rewrites Tastytrade hosts to a local server; sdk_session wires it in."""

from __future__ import annotations

from pathlib import Path

import httpx2
import pytest
from tastytrade import Session

from services.broker import transport as transport_module
from services.broker.transport import (
    LoopbackTransport,
    close_sdk_session,
    sdk_session,
    session_transport,
)


class Recorder(httpx2.AsyncBaseTransport):
    def __init__(self) -> None:
        self.seen: list[httpx2.Request] = []
        self.closed = False

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.seen.append(request)
        return httpx2.Response(200, json={"ok": True})

    async def aclose(self) -> None:
        self.closed = True


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.tastyworks.com/customers/me", "http://127.0.0.1:8700/customers/me"),
        (
            "https://api.cert.tastyworks.com/accounts/5WZ1/orders?x=1",
            "http://127.0.0.1:8700/sandbox/accounts/5WZ1/orders?x=1",
        ),
        ("wss://streamer.tastyworks.com", "ws://127.0.0.1:8700/alerts"),
        ("wss://streamer.cert.tastyworks.com/", "ws://127.0.0.1:8700/sandbox/alerts"),
        ("ws://127.0.0.1:8700/dxlink", "ws://127.0.0.1:8700/dxlink"),
        ("https://example.com/a", "https://example.com/a"),
    ],
)
def test_rewrite(url: str, expected: str) -> None:
    transport = LoopbackTransport("http://127.0.0.1:8700")
    assert str(transport.rewrite(httpx2.URL(url))) == expected


def test_rewrite_keeps_encoded_path() -> None:
    transport = LoopbackTransport("http://127.0.0.1:8700")
    url = httpx2.URL("https://api.tastyworks.com/instruments/equities/BRK%2FB")
    assert transport.rewrite(url).raw_path == b"/instruments/equities/BRK%2FB"


def test_rewrites_are_remembered_but_each_url_keeps_its_own_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(transport_module, "REWRITES_KEPT", 3)
    transport = LoopbackTransport("http://127.0.0.1:8700")
    paths = [f"/accounts/5WT0000{n}/positions?x={n}" for n in range(6)]

    for _ in range(2):  # the second round comes from memory, or is worked out again
        for path in paths:
            rewritten = transport.rewrite(httpx2.URL("https://api.tastyworks.com" + path))
            assert str(rewritten) == "http://127.0.0.1:8700" + path
        sandbox = transport.rewrite(httpx2.URL("https://api.cert.tastyworks.com" + paths[0]))
        assert str(sandbox) == "http://127.0.0.1:8700/sandbox" + paths[0]

    assert len(transport._rewritten) == 3  # bounded


def test_explicit_cert_url() -> None:
    transport = LoopbackTransport("http://127.0.0.1:1", cert_url="http://127.0.0.1:2/x")
    rewritten = transport.rewrite(httpx2.URL("https://api.cert.tastyworks.com/y"))
    assert str(rewritten) == "http://127.0.0.1:2/x/y"


async def test_requests_go_to_inner_and_aclose_is_noop() -> None:
    inner = Recorder()
    transport = LoopbackTransport("http://127.0.0.1:8700", inner=inner)
    async with httpx2.AsyncClient(transport=transport, base_url="https://api.tastyworks.com") as c:
        resp = await c.get("/customers/me")
    assert resp.json() == {"ok": True}
    assert str(inner.seen[0].url) == "http://127.0.0.1:8700/customers/me"
    assert inner.seen[0].headers["Host"] == "127.0.0.1:8700"
    assert not inner.closed  # the client's exit did not close the shared transport
    await transport.really_close()
    assert inner.closed


@pytest.mark.parametrize(
    ("base", "is_test"),
    [("http://127.0.0.1:9/sandbox", True), ("http://127.0.0.1:9", False)],
)
async def test_sdk_session(base: str, is_test: bool) -> None:
    session = sdk_session(base, "secret", "refresh")
    assert isinstance(session, Session)
    assert session.is_test is is_test
    transport = session_transport(session)
    assert transport is not None
    host = "api.cert.tastyworks.com" if is_test else "api.tastyworks.com"
    assert str(transport.rewrite(httpx2.URL(f"https://{host}/x"))) == base + "/x"
    await close_sdk_session(session)


def test_transport_module_does_not_import_simulator() -> None:
    import services.broker.transport as module

    source = Path(module.__file__).read_text(encoding="utf-8")
    assert "import simulator" not in source and "from simulator" not in source
