"""What the chart renderers take and return: plain frozen values, nothing from the ORM."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from services.errors import ValidationError
from services.strategies import Leg

MAX_THEME_CHARS = 10


class Theme(StrEnum):
    """Dark matches Discord's dark mode (the default); light suits the light mode and print."""

    DARK = "dark"
    LIGHT = "light"


def parse_theme(text: str | None) -> Theme:
    """``dark`` (the default) or ``light``; anything else is refused."""
    cleaned = (text or "dark").strip().lower()
    if len(cleaned) > MAX_THEME_CHARS:
        raise ValidationError("The theme is `dark` or `light`.")
    try:
        return Theme(cleaned)
    except ValueError:
        raise ValidationError("The theme is `dark` or `light`.") from None


@dataclass(frozen=True)
class RenderedChart:
    """A PNG image and the one line of text that goes with it (for screen readers and
    notifications); ``filename`` is safe to attach as is."""

    png: bytes
    summary: str
    filename: str


@dataclass(frozen=True)
class ChartScope:
    """What a chart covers, for its title: the period (``"year to date"``, ``"2026"``) and
    the accounts (``"production · 5WT00001, 5WT00002"``)."""

    period_label: str
    accounts_label: str


@dataclass(frozen=True)
class CumulativePnL:
    """Realized P&L per closing day for each account (account number -> day -> amount);
    ``start`` is where the curve begins at zero (None: the first closing day)."""

    scope: ChartScope
    start: date | None
    end: date
    daily_by_account: Mapping[str, Mapping[date, Decimal]]


@dataclass(frozen=True)
class EquityCurve:
    """Net liquidating value over time for each account (account number -> (moment, value)
    in time order)."""

    scope: ChartScope
    by_account: Mapping[str, tuple[tuple[datetime, Decimal], ...]]


@dataclass(frozen=True)
class Breakdown:
    """Realized P&L per group (an underlying or a strategy), any order; ``what`` names the
    groups for the title ("underlying", "strategy")."""

    scope: ChartScope
    what: str
    rows: tuple[tuple[str, Decimal], ...]


@dataclass(frozen=True)
class CalendarYear:
    """Realized P&L per closing day in ``year``; days after ``through`` have not happened."""

    year: int
    accounts_label: str
    daily: Mapping[date, Decimal]
    through: date


@dataclass(frozen=True)
class PayoffSpec:
    """A position to draw: its legs on ``underlying``, what opening it paid or received
    (``entry_cash_flow``: credit positive, debit negative, in dollars for the whole position;
    None prices it at the model value, as at a fair fill), and the market it is valued in
    (``volatility`` and ``rate`` annualized, 0.25 for 25%; ``now`` aware UTC)."""

    underlying: str
    legs: tuple[Leg, ...]
    entry_cash_flow: Decimal | None
    spot: Decimal
    volatility: Decimal
    rate: Decimal
    now: datetime
    title: str = ""
    multiplier: int = 100  # option contract size; equity legs count shares
    dividend_yield: Decimal = Decimal(0)
    notes: tuple[str, ...] = field(default=())  # assumptions shown under the chart
