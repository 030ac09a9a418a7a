"""The aiohttp transport under the SDK's httpx2 client, against a real local HTTP server:
what goes out and comes back is what httpx2's own transport gives, and every failure is the
httpx2 exception our error mapping expects."""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
from collections.abc import AsyncIterator

import httpx2
import pytest
from aiohttp import web

from services.broker.http import AiohttpTransport
from simulator.server import free_port

replaces: list[bytes] = []


@pytest.fixture
async def server() -> AsyncIterator[str]:
    replaces.clear()
    released = asyncio.Event()  # set at the end, so a hanging handler does not hold cleanup

    async def echo(request: web.Request) -> web.Response:
        body = await request.read()
        return web.json_response(
            {
                "method": request.method,
                "path": request.path_qs,
                "body": body.decode(),
                "authorization": request.headers.get("Authorization"),
                "content_type": request.headers.get("Content-Type"),
            },
            status=int(request.query.get("status", "200")),
            headers={"X-Trace": "a", "Set-Cookie": "x=1"},
        )

    async def zipped(request: web.Request) -> web.Response:
        return web.Response(
            body=gzip.compress(b'{"data": {"items": [1, 2]}}'),
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )

    async def hang(request: web.Request) -> web.Response:
        await released.wait()
        return web.Response()

    async def drop(request: web.Request) -> web.Response:
        assert request.transport is not None
        request.transport.close()  # the connection ends before any answer
        await asyncio.sleep(1)
        return web.Response()

    async def replace(request: web.Request) -> web.Response:
        replaces.append(await request.read())
        assert request.transport is not None
        request.transport.close()  # accepted, then the answer is lost
        await asyncio.sleep(1)
        return web.Response()

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPFound("/echo")

    app = web.Application()
    app.router.add_route("*", "/echo", echo)
    app.router.add_get("/zipped", zipped)
    app.router.add_get("/hang", hang)
    app.router.add_get("/drop", drop)
    app.router.add_get("/redirect", redirect)
    app.router.add_put("/replace", replace)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        released.set()
        await runner.cleanup()


@pytest.fixture
async def client(server: str) -> AsyncIterator[httpx2.AsyncClient]:
    transport = AiohttpTransport()
    async with httpx2.AsyncClient(base_url=server, transport=transport, timeout=2.0) as opened:
        yield opened


async def test_a_request_goes_out_and_its_answer_comes_back_whole(
    client: httpx2.AsyncClient,
) -> None:
    response = await client.post(
        "/echo?x=1&y=%20",
        json={"legs": [{"symbol": "SPY"}]},
        headers={"Authorization": "Bearer secret-token"},
    )

    assert response.status_code == 200
    assert response.http_version == "HTTP/1.1"
    echoed = response.json()
    assert echoed["method"] == "POST"
    assert echoed["path"] == "/echo?x=1&y=%20"
    assert json.loads(echoed["body"]) == {"legs": [{"symbol": "SPY"}]}
    assert echoed["authorization"] == "Bearer secret-token"
    assert echoed["content_type"] == "application/json"
    assert response.headers["X-Trace"] == "a"


async def test_an_error_status_is_an_answer_not_an_exception(client: httpx2.AsyncClient) -> None:
    response = await client.get("/echo", params={"status": "503"})

    assert response.status_code == 503
    assert response.json()["method"] == "GET"


async def test_a_compressed_answer_is_decoded_once(client: httpx2.AsyncClient) -> None:
    response = await client.get("/zipped")

    assert response.json() == {"data": {"items": [1, 2]}}


async def test_redirects_are_httpx2s_to_follow(client: httpx2.AsyncClient) -> None:
    response = await client.get("/redirect")
    followed = await client.get("/redirect", follow_redirects=True)

    assert response.status_code == 302
    assert followed.status_code == 200 and followed.json()["path"] == "/echo"


async def test_an_answer_that_never_comes_is_a_read_timeout(server: str) -> None:
    async with httpx2.AsyncClient(
        base_url=server, transport=AiohttpTransport(), timeout=httpx2.Timeout(5.0, read=0.2)
    ) as client:
        with pytest.raises(httpx2.ReadTimeout):
            await client.get("/hang")


async def test_a_dropped_connection_is_a_transport_error(client: httpx2.AsyncClient) -> None:
    with pytest.raises(httpx2.TransportError) as raised:
        await client.get("/drop")

    assert isinstance(raised.value, httpx2.RemoteProtocolError | httpx2.ReadError)


async def test_nobody_listening_is_a_connect_error() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with httpx2.AsyncClient(transport=AiohttpTransport(), timeout=2.0) as client:
        with pytest.raises(httpx2.ConnectError):
            await client.get(f"http://127.0.0.1:{port}/")


async def test_connections_are_reused_and_closed_with_the_transport(server: str) -> None:
    transport = AiohttpTransport()
    async with httpx2.AsyncClient(base_url=server, transport=transport) as client:
        answers = await asyncio.gather(*(client.get("/echo") for _ in range(20)))
        assert {answer.status_code for answer in answers} == {200}
        assert transport._session is not None
        session = transport._session
    assert session.closed


async def test_a_put_whose_answer_is_lost_is_never_sent_again(client: httpx2.AsyncClient) -> None:
    # a kept-alive connection first: aiohttp on its own re-sends a PUT when such a connection
    # turns out closed, and a second replace would be a second order change
    assert (await client.get("/echo")).status_code == 200

    with pytest.raises(httpx2.TransportError):
        await client.put("/replace", json={"price": "1.05"})

    assert replaces == [b'{"price":"1.05"}']
