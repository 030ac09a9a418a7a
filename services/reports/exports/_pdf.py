"""The P&L report PDF (a month or a year): a summary table, P&L by underlying, and the
cumulative realized P&L chart.

Rendering is synchronous and CPU-bound: ``render_report_pdf`` is meant to run in a worker
thread (``asyncio.to_thread``). It builds ``matplotlib.figure.Figure`` objects directly and
hands them to ``matplotlib.backends.backend_pdf.PdfPages``; it never touches ``pyplot``, whose
global figure registry is neither thread-safe nor garbage-collected, so nothing outlives the
call and no figure has to be remembered and closed.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from services.environment import Environment
from services.pnl import ClosedLot
from services.reports.exports._periods import Period
from services.reports.exports._realized import RealizedData

PAGE_SIZE = (8.5, 11.0)  # US Letter, inches
TOP_UNDERLYINGS = 15  # the rest are summed as "Others"
ZERO = Decimal(0)
GAIN_COLOUR = "#1f8a4c"
LOSS_COLOUR = "#c0392b"
LINE_COLOUR = "#e65028"


@dataclass(frozen=True)
class ReportData:
    """Plain figures for one report; nothing here reads the database or the clock."""

    period: Period
    environment: Environment
    accounts: tuple[str, ...]
    realized: Decimal
    fees: Decimal
    lots: int
    winners: int
    losers: int
    largest_gain: Decimal | None
    largest_loss: Decimal | None
    dividends: Decimal
    interest: Decimal
    by_underlying: tuple[tuple[str, Decimal], ...]  # largest absolute P&L first
    by_day: tuple[tuple[date, Decimal], ...]  # in date order
    generated_at: datetime


def report_data(realized: RealizedData, period: Period, *, now: datetime) -> ReportData:
    """Merge the per-account reports into the figures the PDF shows."""
    lots: Sequence[ClosedLot] = realized.closed_lots
    by_underlying: dict[str, Decimal] = defaultdict(Decimal)
    by_day: dict[date, Decimal] = defaultdict(Decimal)
    total = fees = dividends = interest = ZERO
    for _, report in realized.reports:
        total += report.realized
        fees += report.fees
        dividends += report.dividends
        interest += report.interest
        for underlying, amount in report.by_underlying.items():
            by_underlying[underlying] += amount
        for day, amount in report.realized_by_day.items():
            by_day[day] += amount
    gains = [lot.realized for lot in lots if lot.realized > 0]
    losses = [lot.realized for lot in lots if lot.realized < 0]
    return ReportData(
        period=period,
        environment=realized.environment,
        accounts=tuple(account for account, _ in realized.reports),
        realized=total,
        fees=fees,
        lots=len(lots),
        winners=len(gains),
        losers=len(losses),
        largest_gain=max(gains) if gains else None,
        largest_loss=min(losses) if losses else None,
        dividends=dividends,
        interest=interest,
        by_underlying=tuple(
            sorted(by_underlying.items(), key=lambda item: (-abs(item[1]), item[0]))
        ),
        by_day=tuple(sorted(by_day.items())),
        generated_at=now,
    )


def dollars(amount: Decimal | None) -> str:
    """``-1234.5`` -> ``-$1,234.50``."""
    if amount is None:
        return "-"
    cents = amount.quantize(Decimal("0.01"))
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents):,.2f}"


def _summary_rows(data: ReportData) -> list[tuple[str, str]]:
    win_rate = f"{100 * data.winners / data.lots:.0f}%" if data.lots else "-"
    return [
        ("Realized P&L (net of fees)", dollars(data.realized)),
        ("Trade fees", dollars(data.fees)),
        ("Closed lots", str(data.lots)),
        ("Winners / losers", f"{data.winners} / {data.losers}"),
        ("Win rate", win_rate),
        ("Largest gain", dollars(data.largest_gain)),
        ("Largest loss", dollars(data.largest_loss)),
        ("Dividends (not trade P&L)", dollars(data.dividends)),
        ("Interest (not trade P&L)", dollars(data.interest)),
    ]


def top_underlyings(data: ReportData) -> list[tuple[str, Decimal]]:
    """The ``TOP_UNDERLYINGS`` largest, then the rest summed as ``Others``."""
    head = list(data.by_underlying[:TOP_UNDERLYINGS])
    rest = data.by_underlying[TOP_UNDERLYINGS:]
    if rest:
        head.append((f"Others ({len(rest)})", sum((amount for _, amount in rest), ZERO)))
    return head


def cumulative(data: ReportData) -> tuple[list[date], list[float]]:
    """Days from the period's start (at zero) through its last realized day, cumulated."""
    days = [data.period.start - timedelta(days=1)]
    totals = [0.0]
    running = ZERO
    for day, amount in data.by_day:
        running += amount
        days.append(day)
        totals.append(float(running))
    if days[-1] < data.period.end and data.by_day:
        days.append(min(data.period.end, data.generated_at.date()))
        totals.append(float(running))
    return days, totals


def _table(
    figure: Figure,
    rect: tuple[float, float, float, float],
    title: str,
    rows: Iterable[tuple[str, str]],
) -> None:
    axes = figure.add_axes(rect)
    axes.axis("off")
    axes.set_title(title, loc="left", fontsize=13, fontweight="bold")
    cells = [list(row) for row in rows] or [["No closed trades", "-"]]
    table = axes.table(cellText=cells, colWidths=[0.62, 0.38], loc="upper left", cellLoc="left")
    table.auto_set_font_size(False)
    table.set_fontsize(10)
    table.scale(1, 1.35)
    for (_, column), cell in table.get_celld().items():
        cell.set_edgecolor("#dddddd")
        if column == 1:
            cell.set_text_props(ha="right")


def _summary_page(data: ReportData) -> Figure:
    figure = Figure(figsize=PAGE_SIZE)
    environment = "" if data.environment is Environment.PRODUCTION else " (sandbox)"
    figure.text(
        0.08, 0.95, f"Tastybot P&L report: {data.period.title}", fontsize=18, fontweight="bold"
    )
    figure.text(
        0.08,
        0.925,
        f"{data.period.start.isoformat()} to {data.period.end.isoformat()} · accounts "
        f"{', '.join(data.accounts) or '-'}{environment}",
        fontsize=9,
        color="#555555",
    )
    _table(figure, (0.08, 0.58, 0.84, 0.31), "Summary", _summary_rows(data))
    _table(
        figure,
        (0.08, 0.08, 0.84, 0.44),
        "Realized P&L by underlying",
        [(name, dollars(amount)) for name, amount in top_underlyings(data)],
    )
    figure.text(
        0.08,
        0.03,
        f"Generated {data.generated_at:%Y-%m-%d %H:%M} UTC by Tastybot. Realized P&L is FIFO per "
        "account and symbol, net of fees; wash sales are not applied.",
        fontsize=7,
        color="#777777",
    )
    return figure


def _money_axis(value: float, _position: object) -> str:
    return dollars(Decimal(str(round(value, 2))))


def _cumulative_page(data: ReportData) -> Figure:
    figure = Figure(figsize=PAGE_SIZE)
    axes = figure.add_axes((0.14, 0.55, 0.78, 0.36))
    days, totals = cumulative(data)
    x = date2num(days)
    axes.xaxis_date()
    axes.step(x, totals, where="post", color=LINE_COLOUR, linewidth=2)
    axes.fill_between(x, totals, step="post", alpha=0.15, color=LINE_COLOUR)
    axes.axhline(0, color="#888888", linewidth=0.8)
    axes.set_title(
        f"Cumulative realized P&L, {data.period.title}", loc="left", fontsize=13, fontweight="bold"
    )
    axes.yaxis.set_major_formatter(FuncFormatter(_money_axis))
    axes.grid(alpha=0.3)
    figure.autofmt_xdate()

    bars = figure.add_axes((0.22, 0.06, 0.70, 0.38))
    top = list(reversed(top_underlyings(data)))
    names = [name for name, _ in top]
    values = [float(amount) for _, amount in top]
    bars.barh(names, values, color=[GAIN_COLOUR if value >= 0 else LOSS_COLOUR for value in values])
    bars.axvline(0, color="#888888", linewidth=0.8)
    bars.set_title("Realized P&L by underlying", loc="left", fontsize=13, fontweight="bold")
    bars.xaxis.set_major_formatter(FuncFormatter(_money_axis))
    bars.grid(axis="x", alpha=0.3)
    if not top:
        bars.text(
            0.5, 0.5, "No closed trades in this period", ha="center", transform=bars.transAxes
        )
    return figure


def render_report_pdf(data: ReportData) -> bytes:
    """The report as PDF bytes (two pages). Blocking: run it in a worker thread."""
    buffer = io.BytesIO()
    metadata = {"Title": f"Tastybot P&L report {data.period.label}", "Creator": "Tastybot"}
    with PdfPages(buffer, metadata=metadata) as pdf:
        for page in (_summary_page(data), _cumulative_page(data)):
            pdf.savefig(page)
    return buffer.getvalue()
