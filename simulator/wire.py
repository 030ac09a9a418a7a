"""Tastytrade wire-format helpers: envelopes, errors, money with effects, timestamps.

Every REST success is ``{"data": ..., "context": path}``; lists go in ``data.items``; paginated
lists add a top-level ``pagination``. Errors are ``{"error": {"code", "message", "errors"?}}``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from aiohttp import web

MAX_PER_PAGE = 250


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(payload: Any) -> str:
    """JSON with Decimals as strings and datetimes in Tastytrade's ISO form."""
    return json.dumps(payload, default=_default, separators=(",", ":"))


def json_response(payload: Any, status: int = 200) -> web.Response:
    return web.Response(text=dumps(payload), status=status, content_type="application/json")


def ok(request: web.Request, data: Any) -> web.Response:
    """A single-object response. ``data`` must be non-empty (the SDK rejects ``{}``)."""
    return json_response({"data": data, "context": request.path})


def items(request: web.Request, rows: Sequence[Any]) -> web.Response:
    """A list response (``data.items``); an empty list is fine."""
    return json_response({"data": {"items": list(rows)}, "context": request.path})


def paginated(
    request: web.Request, rows: Sequence[Any], *, default_per_page: int = MAX_PER_PAGE
) -> web.Response:
    """Slice ``rows`` by ``per-page``/``page-offset`` (capped at 250) and add ``pagination``."""
    try:
        per_page = int(request.query.get("per-page", default_per_page))
        offset = int(request.query.get("page-offset", 0))
    except ValueError:
        return api_error(400, "invalid_parameter", "per-page and page-offset must be integers")
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    offset = max(0, offset)
    total = len(rows)
    pages = max(1, -(-total // per_page))
    page = list(rows[offset * per_page : (offset + 1) * per_page])
    return json_response(
        {
            "data": {"items": page},
            "context": request.path,
            "pagination": {
                "per-page": per_page,
                "page-offset": offset,
                "item-offset": offset * per_page,
                "total-items": total,
                "total-pages": pages,
                "current-item-count": len(page),
                "previous-link": None,
                "next-link": None,
                "paging-link-template": None,
            },
        }
    )


def api_error(
    status: int, code: str, message: str, errors: Sequence[dict[str, str]] | None = None
) -> web.Response:
    body: dict[str, Any] = {"code": code, "message": message}
    if errors:
        body["errors"] = list(errors)
    return json_response({"error": body}, status=status)


def money(amount: Decimal) -> tuple[str, str]:
    """Split a signed amount into Tastytrade's (absolute string, effect) pair."""
    if amount > 0:
        return str(amount), "Credit"
    if amount < 0:
        return str(-amount), "Debit"
    return str(amount.copy_abs()), "None"


def put_money(target: dict[str, Any], key: str, amount: Decimal) -> None:
    """Set ``key`` and ``key-effect`` on a wire object from a signed amount."""
    target[key], target[f"{key}-effect"] = money(amount)


def iso(moment: datetime) -> str:
    """ISO-8601 with milliseconds and +00:00, as Tastytrade sends it."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def query_list(request: web.Request, key: str) -> list[str]:
    """Values of ``key`` in either ``key[]=a&key[]=b``, repeated ``key=a`` or ``key=a,b`` form."""
    values = request.query.getall(f"{key}[]", []) + request.query.getall(key, [])
    out: list[str] = []
    for value in values:
        out.extend(part for part in value.split(",") if part)
    return out


def parse_datetime(value: str) -> datetime:
    """Parse the SDK's ``str(datetime)`` (space separator) or ISO/Z forms into aware UTC."""
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
