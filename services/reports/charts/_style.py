"""One visual identity for every chart, with no global state.

Every figure is a ``matplotlib.figure.Figure`` drawn by the Agg canvas; pyplot and the global
``rcParams`` are never touched (a style set there would leak into other threads' figures, such
as the PDF report's), so every colour and size is passed to the artists here. The PNG carries
no ``Software`` tag or timestamp, so the same data gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import re
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import offset_copy

from services.reports.charts._model import Theme

DPI = 150
WIDTH_IN = 8.0  # 1,200 px: sharp on a desktop, and Discord scales it down on a phone
HEIGHT_IN = 4.5  # 675 px: 16:9
TITLE_SIZE = 13.0
SUBTITLE_SIZE = 9.5
LABEL_SIZE = 9.5
TICK_SIZE = 8.5
NOTE_SIZE = 7.5
EDGE_IN = 0.12  # the figure's own margin
WIDTH_SAFETY = 1.04  # measured widths, rounded up for hinting
TITLE_PAD = SUBTITLE_SIZE * 2.2  # points between the plot and the title: the subtitle sits there
NOTE_CHARS_PER_LINE = 130  # at NOTE_SIZE, what fits across the figure
NOTE_LINES = 2
CENT = Decimal("0.01")
PNG_COMPRESSION = 3  # of 9: a fifth larger than the default 6, in well under half the time


@dataclass(frozen=True)
class Palette:
    """Colours of one theme; ``series`` colours the per-account lines in order."""

    background: str
    panel: str
    text: str
    muted: str
    grid: str
    gain: str
    loss: str
    accent: str
    neutral: str  # a calendar day without closes
    series: tuple[str, ...]


_TEXT_TO_PATH = TextToPath()

PALETTES = {
    # Discord's own dark greys, so the image sits in the chat without a frame
    Theme.DARK: Palette(
        background="#313338",
        panel="#2b2d31",
        text="#f2f3f5",
        muted="#b5bac1",
        grid="#4e5058",
        gain="#23a55a",
        loss="#f23f43",
        accent="#e65028",
        neutral="#3f4147",
        series=("#5865f2", "#f0b232", "#eb459e", "#00a8fc", "#9b84ee", "#57f287"),
    ),
    Theme.LIGHT: Palette(
        background="#ffffff",
        panel="#f6f6f7",
        text="#1e1f22",
        muted="#4e5058",
        grid="#d9dbe0",
        gain="#1f8a4c",
        loss="#c0392b",
        accent="#d0461f",
        neutral="#e3e5e8",
        series=("#3b4ab8", "#b7791f", "#b83280", "#0077b6", "#6b46c1", "#2f855a"),
    ),
}


def palette_of(theme: Theme) -> Palette:
    return PALETTES[theme]


@contextmanager
def new_figure(
    theme: Theme, *, width_in: float = WIDTH_IN, height_in: float = HEIGHT_IN
) -> Iterator[Figure]:
    """A figure on the Agg canvas with the theme's background, cleared when the block ends
    (so no artist outlives the render, whatever happens inside). Each chart places its plot
    itself (``_layout``): no layout engine draws the figure twice."""
    figure = Figure(figsize=(width_in, height_in), dpi=DPI, facecolor=palette_of(theme).background)
    FigureCanvasAgg(figure)
    try:
        yield figure
    finally:
        figure.clear()


def png_bytes(figure: Figure) -> bytes:
    """The figure as PNG, without metadata that would change between runs."""
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="png",
        dpi=DPI,
        facecolor=figure.get_facecolor(),
        metadata={"Software": None},
        pil_kwargs={"compress_level": PNG_COMPRESSION},
    )
    return buffer.getvalue()


def style_axes(
    axes: Axes, palette: Palette, *, grid_axis: Literal["x", "y", "both"] | None = "y"
) -> None:
    """The panel, spines, ticks and grid of one plot in the theme's colours."""
    axes.set_facecolor(palette.panel)
    for name, spine in axes.spines.items():
        spine.set_visible(name in ("left", "bottom"))
        spine.set_color(palette.grid)
    axes.tick_params(colors=palette.muted, labelsize=TICK_SIZE, length=3, width=0.6)
    if grid_axis:
        axes.grid(True, axis=grid_axis, color=palette.grid, linewidth=0.6, alpha=0.8)
    axes.set_axisbelow(True)
    axes.xaxis.label.set_color(palette.text)
    axes.yaxis.label.set_color(palette.text)
    axes.xaxis.label.set_fontsize(LABEL_SIZE)
    axes.yaxis.label.set_fontsize(LABEL_SIZE)


@functools.lru_cache(maxsize=4_096)
def text_width_in(text: str, size: float, *, bold: bool = False) -> float:
    """How wide ``text`` is drawn at ``size`` points, in inches (the font's own advances, as
    matplotlib lays them out), rounded up a little for hinting."""
    prop = FontProperties(family="DejaVu Sans", size=size, weight="bold" if bold else "normal")
    width, _, _ = _TEXT_TO_PATH.get_text_width_height_descent(text, prop, ismath=False)
    return float(width) / 72 * WIDTH_SAFETY


def fit_width(text: str, size: float, width_in: float, *, bold: bool = False) -> str:
    """``text``, cut short with "…" when it would be wider than ``width_in`` inches."""
    if text_width_in(text, size, bold=bold) <= width_in:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if text_width_in(text[:middle] + "…", size, bold=bold) <= width_in:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def set_titles(axes: Axes, palette: Palette, title: str, subtitle: str) -> None:
    """A bold title saying what is drawn, and under it a subtitle saying for whom and when,
    both flush with the plot's left edge (the layout keeps room for them)."""
    figure = axes.get_figure(root=True)
    assert figure is not None
    room = figure.get_size_inches()[0] * (1 - axes.get_position().x0) - EDGE_IN
    axes.set_title(
        drawn(fit_width(title, TITLE_SIZE, room, bold=True)),
        loc="left",
        pad=TITLE_PAD,
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=palette.text,
    )
    above = offset_copy(axes.transAxes, fig=figure, y=4, units="points")
    axes.text(
        0,
        1,
        drawn(fit_width(subtitle, SUBTITLE_SIZE, room)),
        transform=above,
        ha="left",
        va="bottom",
        fontsize=SUBTITLE_SIZE,
        color=palette.muted,
    )


def drawn(text: str) -> str:
    """Text as matplotlib must get it to show it as is: a pair of ``$`` would otherwise start
    math mode (and a name or order typed by a trader can hold anything)."""
    return text.replace("$", r"\$")


def note_lines(text: str) -> list[str]:
    """``text`` wrapped to the figure's width, at most ``NOTE_LINES`` lines."""
    lines = textwrap.wrap(text, NOTE_CHARS_PER_LINE)
    shown = lines[:NOTE_LINES]
    if len(lines) > NOTE_LINES:
        shown[-1] = shown[-1][: NOTE_CHARS_PER_LINE - 1] + "…"
    return shown


def add_note(figure: Figure, palette: Palette, lines: list[str], edge_in: float) -> None:
    """Small lines at the bottom edge (assumptions, how an order was read); the plot leaves
    room for them (``_layout.note_in``)."""
    width, height = figure.get_size_inches()
    figure.text(
        edge_in / width,
        edge_in / 2 / height,
        drawn("\n".join(lines)),
        ha="left",
        va="bottom",
        fontsize=NOTE_SIZE,
        color=palette.muted,
        linespacing=1.3,
    )


def money_tick(value: float) -> str:
    """An axis label: ``$1,234``, ``-$56``, ``$12.3M`` (whole dollars; millions past ten)."""
    sign = "-" if value < 0 else ""
    size = abs(value)
    if size >= 10_000_000:
        return f"{sign}${size / 1_000_000:,.1f}M"
    if 0 < size < 10:
        return f"{sign}${size:,.2f}".rstrip("0").rstrip(".")
    return f"{sign}${size:,.0f}"


def price_tick(value: float) -> str:
    """An underlying price on an axis: ``$450``, ``$4,500``, ``$12.5``."""
    if abs(value - round(value)) < 1e-9:
        return f"${value:,.0f}"
    return f"${value:,.2f}".rstrip("0").rstrip(".")


def price_text(value: float) -> str:
    """An underlying price in text: ``$450``, ``$452.85``."""
    if abs(value - round(value)) < 1e-9:
        return f"${value:,.0f}"
    return f"${value:,.2f}"


def money_axis(axes: Axes, which: str = "y", *, bins: int = 7) -> None:
    """Dollar tick labels with thousands separators on ``which`` axis."""
    axis = axes.yaxis if which == "y" else axes.xaxis
    axis.set_major_formatter(FuncFormatter(lambda value, _position: drawn(money_tick(value))))
    axis.set_major_locator(MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10]))


def dollars(amount: Decimal) -> str:
    """``1234.5`` -> ``$1,234.50``; ``-3`` -> ``-$3.00``."""
    cents = amount.quantize(CENT)
    sign = "-" if cents < 0 else ""
    return f"{sign}${abs(cents):,.2f}"


def signed_dollars(amount: Decimal) -> str:
    """``+$1,234.50``, ``-$3.00`` or ``$0.00``."""
    cents = amount.quantize(CENT)
    return dollars(cents) if cents <= 0 else f"+{dollars(cents)}"


def slug(text: str) -> str:
    """A file-name-safe piece: ``"year to date"`` -> ``year-to-date``."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return cleaned[:60] or "chart"


def filename(kind: str, *parts: str) -> str:
    return "-".join(slug(part) for part in (kind, *parts) if part) + ".png"
