"""``GET /download/<token>``: a signed, single-use download link from ``/export``.

The token is checked (shape, HMAC signature, expiry, its grant unused) before any work, the
file is produced, and only then is the link used up with one conditional UPDATE, so a failure
while producing the file does not burn the trader's link and two concurrent downloads cannot
both get it. The body streams chunk by chunk (a 100,000-row CSV is never held in memory).

``HEAD`` answers with the headers a download would have and never uses the link (link
previewers send it). Refusals are fixed pages that never echo the token: 400 for something
that is not token-shaped, 403 for a tampered, unknown, expired or used link.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

from aiohttp import hdrs, web

from services.errors import NotFoundError
from services.reports.exports import (
    MAX_TOKEN_CHARS,
    TOKEN_SHAPE,
    DownloadLinkError,
    ExpiredLinkError,
    ExportFile,
    InvalidLinkError,
    LinkSigner,
    MalformedLinkError,
    UsedLinkError,
    check_download,
    open_export,
    redeem_download,
)
from web_status._pages import render_page

log = logging.getLogger(__name__)

DOWNLOAD_PREFIX = "/download/"
DOWNLOAD_ROUTE = DOWNLOAD_PREFIX + "{token}"


def download_url(public_url: str, token: str) -> str:
    """The link a trader opens."""
    return f"{public_url.rstrip('/')}{DOWNLOAD_PREFIX}{token}"


@dataclass(frozen=True, slots=True)
class DownloadWeb:
    """What the route needs: the signer made from the vault (``LinkSigner.from_vault``)."""

    signer: LinkSigner


DOWNLOAD_KEY = web.AppKey("download_web", DownloadWeb)

# outcome -> (HTTP status, heading, explanation)
_REFUSALS: Mapping[type[DownloadLinkError], tuple[int, str, str]] = {
    MalformedLinkError: (
        400,
        "Not a download link",
        "This address is not a complete Tastybot download link. Copy the whole link from "
        "Discord, or ask for a new one with /export.",
    ),
    InvalidLinkError: (
        403,
        "Invalid download link",
        "This download link is not valid: it was changed, or it is not one Tastybot issued. "
        "Ask for a new one with /export in Discord.",
    ),
    ExpiredLinkError: (
        403,
        "This download link has expired",
        "Download links work for 15 minutes. Ask for a new one with /export in Discord.",
    ),
    UsedLinkError: (
        403,
        "This download link was already used",
        "Each download link works once. Ask for a new one with /export in Discord.",
    ),
}


def _refusal(error: DownloadLinkError) -> web.Response:
    status, heading, text = next(
        page for kind, page in _REFUSALS.items() if isinstance(error, kind)
    )
    outcome = type(error).__name__.removesuffix("LinkError").lower()
    body = (
        f'<header><h1>{escape(heading)}</h1><p class="badge warn" id="outcome" '
        f'data-outcome="{escape(outcome)}">Refused</p></header>\n<p>{escape(text)}</p>\n'
        "<footer>Tastybot downloads</footer>"
    )
    return web.Response(
        status=status,
        text=render_page(heading, body),
        content_type="text/html",
        charset="utf-8",
    )


def _not_found(error: NotFoundError) -> web.Response:
    body = (
        '<header><h1>Nothing to download</h1><p class="badge warn" id="outcome" '
        'data-outcome="nothing">Refused</p></header>\n'
        f"<p>{escape(error.user_message)}</p>\n<footer>Tastybot downloads</footer>"
    )
    return web.Response(
        status=404, text=render_page("Nothing to download", body), content_type="text/html"
    )


def _file_headers(filename: str, content_type: str) -> dict[str, str]:
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    return {
        hdrs.CONTENT_TYPE: content_type,
        # the name is ours ([A-Za-z0-9._-] only, see ExportRequest.filename): no quoting issue
        hdrs.CONTENT_DISPOSITION: f'attachment; filename="{filename}"',
        hdrs.CACHE_CONTROL: "no-store",
        "Pragma": "no-cache",
    }


async def download(request: web.Request) -> web.StreamResponse:
    """Stream the export a valid link names; refuse any other link with a clear page."""
    signer = request.app[DOWNLOAD_KEY].signer
    token = request.match_info.get("token", "")
    try:
        if len(token) > MAX_TOKEN_CHARS or not TOKEN_SHAPE.fullmatch(token):
            raise MalformedLinkError()
        claims = await check_download(signer, token)
        if request.method == hdrs.METH_HEAD:  # what a download would get; the link stays
            kind = claims.request.kind
            return web.Response(headers=_file_headers(claims.request.filename, kind.content_type))
        export = await open_export(claims.discord_id, claims.request)
        try:
            await redeem_download(signer, token)
        except DownloadLinkError:
            await _close(export)
            raise
    except DownloadLinkError as error:
        return _refusal(error)
    except NotFoundError as error:
        return _not_found(error)
    response = web.StreamResponse(headers=_file_headers(export.filename, export.content_type))
    await response.prepare(request)
    try:
        async for chunk in export.chunks:
            await response.write(chunk)
        await response.write_eof()
    except ConnectionResetError:
        # The browser went away mid-file or before the last chunk (a cancelled download, or a
        # client that read only the top): nothing to answer, and the link stays used.
        log.info("a %s download was cancelled by the client", claims.request.kind.value)
        return response
    finally:
        await _close(export)
    log.info("served a %s download", claims.request.kind.value)
    return response


async def _close(export: ExportFile) -> None:
    aclose = getattr(export.chunks, "aclose", None)
    if aclose is not None:
        await aclose()


def download_routes(config: DownloadWeb) -> Callable[[web.Application], None]:
    """A ``bot.web_features`` entry adding ``GET``/``HEAD /download/<token>``."""

    def add_download_routes(app: web.Application) -> None:
        app[DOWNLOAD_KEY] = config
        app.router.add_get(DOWNLOAD_ROUTE, download, allow_head=True)

    return add_download_routes
