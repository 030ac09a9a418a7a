"""HTML for the public pages: one shell, one inline stylesheet allowed by its CSP hash.

Every value that reaches the markup goes through :func:`html.escape`; nothing here reads
request data, so error pages never reflect the URL a client sent.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from html import escape
from itertools import pairwise

from services.status import StatusSnapshot

# The CSP allows exactly this stylesheet (by hash), so it must be inserted byte for byte.
STYLESHEET = """
:root{color-scheme:light dark;--bg:#f4f5f7;--card:#fff;--fg:#1d2330;--muted:#5f6b7a;
--line:#e3e6ea;--ok:#1f8a4c;--ok-bg:#e3f5ea;--warn:#a35b00;--warn-bg:#fdf0dc}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--card:#1b2027;--fg:#e8ebef;
--muted:#9aa5b1;--line:#2b323b;--ok:#5fd08f;--ok-bg:#17301f;--warn:#f0b45b;--warn-bg:#35280f}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
padding:24px;background:var(--bg);color:var(--fg);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{width:100%;max-width:520px;background:var(--card);border:1px solid var(--line);
border-radius:14px;padding:28px 32px;box-shadow:0 1px 3px rgba(0,0,0,.06)}
header{display:flex;align-items:center;justify-content:space-between;gap:12px;
margin-bottom:20px}
h1{font-size:1.4rem;margin:0}
.badge{margin:0;padding:4px 12px;border-radius:999px;font-size:.9rem;font-weight:600;
white-space:nowrap}
.badge::before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;
margin-right:8px;vertical-align:middle;background:currentColor}
.ok{color:var(--ok);background:var(--ok-bg)}
.warn{color:var(--warn);background:var(--warn-bg)}
dl{margin:0}
dl div{display:flex;justify-content:space-between;gap:16px;padding:10px 0;
border-top:1px solid var(--line)}
dt{color:var(--muted)}
dd{margin:0;font-weight:600;text-align:right;overflow-wrap:anywhere}
p{margin:0 0 12px}
footer{margin-top:20px;color:var(--muted);font-size:.85rem}
a{color:inherit}
"""

STYLE_CSP_SOURCE = (
    "'sha256-" + base64.b64encode(hashlib.sha256(STYLESHEET.encode()).digest()).decode() + "'"
)

_UNITS = (("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1))


def humanize_duration(seconds: int) -> str:
    """``93784`` -> ``"1 day, 2 hours"``: the largest unit and the one below it (if non-zero)."""
    remaining = max(int(seconds), 0)
    for (name, size), (next_name, next_size) in pairwise(_UNITS):
        if remaining >= size:
            count, rest = divmod(remaining, size)
            parts = [_plural(count, name)]
            if next_count := rest // next_size:
                parts.append(_plural(next_count, next_name))
            return ", ".join(parts)
    return _plural(remaining, "second")


def _plural(count: int, name: str) -> str:
    return f"{count} {name}{'' if count == 1 else 's'}"


def format_utc(iso: str) -> str:
    """An ISO timestamp as ``YYYY-MM-DD HH:MM:SS UTC``."""
    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def render_page(title: str, body: str) -> str:
    """The document shell; ``title`` is escaped here, ``body`` must already be safe markup."""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{STYLESHEET}</style>\n"
        f"</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def render_status_page(snapshot: StatusSnapshot) -> str:
    """The public status page for one snapshot (no user data, every value escaped)."""
    if snapshot.bot_connected:
        badge = '<p class="badge ok" id="overall">Operational</p>'
        connected = '<dd id="bot-connected" data-connected="true">yes</dd>'
    else:
        badge = '<p class="badge warn" id="overall">Bot disconnected</p>'
        connected = '<dd id="bot-connected" data-connected="false">no</dd>'
    if snapshot.last_error_at is None:
        last_error = '<dd id="last-error">none</dd>'
    else:
        last_error = (
            f'<dd id="last-error"><time datetime="{escape(snapshot.last_error_at)}">'
            f"{escape(format_utc(snapshot.last_error_at))}</time></dd>"
        )
    body = (
        f"<header><h1>Tastybot status</h1>{badge}</header>\n<dl>\n"
        f'<div><dt>Version</dt><dd id="version">{escape(snapshot.version)}</dd></div>\n'
        f'<div><dt>Environment</dt><dd id="environment">{escape(snapshot.environment)}</dd>'
        "</div>\n"
        f'<div><dt>Uptime</dt><dd id="uptime">'
        f"{escape(humanize_duration(snapshot.uptime_seconds))}</dd></div>\n"
        f"<div><dt>Bot connected to Discord</dt>{connected}</div>\n"
        f"<div><dt>Last error</dt>{last_error}</div>\n"
        "</dl>\n"
        '<footer>Machine-readable: <a href="/status.json">status.json</a> · '
        '<a href="/healthz">healthz</a></footer>'
    )
    return render_page("Tastybot status", body)


def render_error_page(status: int, title: str, message: str) -> str:
    """A plain error page; callers pass fixed texts, never request data."""
    body = (
        f"<header><h1>{status} {escape(title)}</h1></header>\n"
        f"<p>{escape(message)}</p>\n"
        '<footer><a href="/">Status page</a></footer>'
    )
    return render_page(f"{status} {title}", body)
