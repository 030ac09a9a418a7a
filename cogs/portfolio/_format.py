"""Money, quantities and text as the portfolio embeds show them (short, for a phone)."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal

import discord

CENT = Decimal("0.01")
NOT_AVAILABLE = "n/a"


def money(amount: Decimal | None) -> str:
    """``-$1,234.56``; None reads n/a."""
    if amount is None:
        return NOT_AVAILABLE
    cents = amount.quantize(CENT, rounding=ROUND_HALF_EVEN)
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents):,.2f}"


def change(amount: Decimal | None) -> str:
    """A gain or loss with its sign always shown: ``+$12.00``, ``-$3.10``."""
    if amount is None:
        return NOT_AVAILABLE
    text = money(amount)
    return text if text.startswith("-") or amount.quantize(CENT) == 0 else f"+{text}"


def price(amount: Decimal | None) -> str:
    if amount is None:
        return NOT_AVAILABLE
    normalized = amount.normalize()
    exponent = normalized.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -2:  # cents or coarser: show two places
        return f"{amount.quantize(CENT):,}"
    return f"{normalized:,f}"


def quantity(amount: Decimal | None) -> str:
    if amount is None:
        return NOT_AVAILABLE
    normalized = amount.normalize()
    return f"{normalized:,f}" if normalized != normalized.to_integral() else f"{int(normalized):,}"


def text(value: str | None, limit: int = 100) -> str:
    """User-facing text from the broker, with markdown and mentions neutralised, shortened."""
    clean = discord.utils.escape_mentions(discord.utils.escape_markdown(value or ""))
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def when(moment: datetime | None, style: str = "R") -> str:
    if moment is None:
        return "never"
    return discord.utils.format_dt(moment, style)  # type: ignore[arg-type]


_OCC = re.compile(r"(?P<root>[A-Z0-9.]{1,6}) *(?P<date>\d{6})(?P<kind>[CP])(?P<strike>\d{8})")


def symbol(raw: str | None) -> str:
    """An OCC option symbol as ``SPY 2026-04-17 450C``; anything else as given."""
    if not raw:
        return "-"
    match = _OCC.fullmatch(raw.strip())
    if match is None:
        return text(raw, 40)
    day = match.group("date")
    strike = Decimal(match.group("strike")) / 1000
    return (
        f"{match.group('root')} 20{day[:2]}-{day[2:4]}-{day[4:]} "
        f"{strike.normalize():f}{match.group('kind')}"
    )
