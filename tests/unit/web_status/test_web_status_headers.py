"""Security headers on every response, whatever its status."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from aiohttp import ClientResponse

from services.status import StatusBoard, StatusSnapshot
from web_status._pages import STYLE_CSP_SOURCE

if TYPE_CHECKING:
    from conftest import Client, ClientFactory, FakeDb

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
}
CSP_DIRECTIVES = {
    "default-src 'none'",
    f"style-src {STYLE_CSP_SOURCE}",
    "img-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
}


def assert_security_headers(response: ClientResponse) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
    csp = response.headers["Content-Security-Policy"]
    assert {part.strip() for part in csp.split(";")} == CSP_DIRECTIVES
    assert "Strict-Transport-Security" not in response.headers
    assert "aiohttp" not in response.headers.get("Server", "").lower()
    assert "python" not in response.headers.get("Server", "").lower()


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("HEAD", "/", 200),
        ("GET", "/status.json", 200),
        ("GET", "/healthz", 200),
        ("HEAD", "/healthz", 200),
        ("GET", "/no/such/page", 404),
        ("POST", "/", 405),
        ("DELETE", "/healthz", 405),
        ("PUT", "/status.json", 405),
    ],
)
async def test_security_headers_on_every_response(
    client: Client, method: str, path: str, status: int
) -> None:
    response = await client.request(method, path)
    assert response.status == status
    assert_security_headers(response)


async def test_security_headers_on_503(client: Client, db: FakeDb) -> None:
    db.reachable = False
    response = await client.get("/healthz")
    assert response.status == 503
    assert_security_headers(response)


class BrokenBoard(StatusBoard):
    def snapshot(self) -> StatusSnapshot:
        raise RuntimeError("secret internal detail")


@pytest.mark.parametrize("path", ["/", "/status.json"])
async def test_unexpected_error_is_a_500_with_reference_and_headers(
    make_client: ClientFactory, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    broken = BrokenBoard(version="1", environment="demo", database_kind="sqlite")
    client = await make_client(status_board=broken)
    response = await client.get(path)
    assert response.status == 500
    assert_security_headers(response)
    body = await response.text()
    assert "Reference:" in body
    assert "secret internal detail" not in body
    assert "Traceback" not in body
    assert "secret internal detail" in caplog.text  # logged for the operator, not shown


async def test_hsts_only_when_enabled(make_client: ClientFactory) -> None:
    client = await make_client(hsts=True)
    for path in ("/", "/missing"):
        response = await client.get(path)
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")


async def test_csp_hash_matches_the_inline_stylesheet(client: Client) -> None:
    import base64
    import hashlib
    import re

    page = await (await client.get("/")).text()
    styles = re.findall(r"<style>(.*?)</style>", page, flags=re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in (await client.get("/")).headers["Content-Security-Policy"]
