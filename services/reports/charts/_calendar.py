"""A year of realized P&L as a calendar: twelve months of day cells (weeks Monday to Sunday)
coloured from loss through neutral to gain, each month with its total.

Every month is laid out on one shared grid drawn by a single ``pcolormesh``: twelve small
plots would take several times longer to render.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, ListedColormap, Normalize
from matplotlib.figure import Figure

from services.errors import NotFoundError
from services.reports.charts._layout import BOTTOM_IN, EDGE_IN, TOP_IN
from services.reports.charts._model import CalendarYear, RenderedChart, Theme
from services.reports.charts._style import (
    LABEL_SIZE,
    TICK_SIZE,
    Palette,
    drawn,
    filename,
    money_axis,
    new_figure,
    palette_of,
    png_bytes,
    set_titles,
    signed_dollars,
)

ZERO = Decimal(0)
MONTH_COLUMNS = 4  # months per row of the grid
DAYS = 7  # cells across a month (Monday to Sunday)
WEEKS = 6  # rows a month can need
GAP = 1  # empty cells between months, across
HEADER = 2  # rows above each month for its name and total
HEIGHT_IN = 6.3
SCALE_IN = 0.13  # the colour scale's height
SCALE_GAP_IN = 0.2  # between the months and the scale
CELL_EDGE = 1.2  # points of background between day cells


def cell_of(day: date) -> tuple[int, int]:
    """(row, column) of ``day`` on the year's grid."""
    month = day.month - 1
    first_weekday = date(day.year, day.month, 1).weekday()
    week = (day.day - 1 + first_weekday) // DAYS
    row = (month // MONTH_COLUMNS) * (HEADER + WEEKS) + HEADER + week
    column = (month % MONTH_COLUMNS) * (DAYS + GAP) + day.weekday()
    return row, column


def _grid_shape() -> tuple[int, int]:
    rows = (12 // MONTH_COLUMNS) * (HEADER + WEEKS)
    columns = MONTH_COLUMNS * (DAYS + GAP) - GAP
    return rows, columns


def _place(figure: Figure, axes: Axes, shape: tuple[int, int]) -> Axes:
    """Square day cells as large as the figure allows under the title, centred, and the
    colour scale under them as wide as the months; returns the scale's axes."""
    width, height = figure.get_size_inches()
    bottom = BOTTOM_IN + SCALE_IN + SCALE_GAP_IN
    room_width, room_height = width - 2 * EDGE_IN, height - TOP_IN - bottom
    cell = min(room_width / shape[1], room_height / shape[0])
    grid_width, grid_height = cell * shape[1], cell * shape[0]
    left = (width - grid_width) / 2
    axes.set_position(
        (left / width, (bottom + room_height - grid_height) / height,
         grid_width / width, grid_height / height)
    )  # fmt: skip
    return figure.add_axes(
        (left / width, BOTTOM_IN / height, grid_width / width, SCALE_IN / height)
    )


def monthly_totals(data: CalendarYear) -> dict[int, Decimal]:
    """Month number -> realized P&L of the days of ``data.year`` in it."""
    totals: dict[int, Decimal] = {}
    for day, amount in data.daily.items():
        if day.year == data.year:
            totals[day.month] = totals.get(day.month, ZERO) + amount
    return totals


def draw_calendar(figure: Figure, data: CalendarYear, palette: Palette) -> str:
    """Draw the chart on ``figure``; return its one-line summary."""
    daily = {day: amount for day, amount in data.daily.items() if day.year == data.year}
    if not daily:
        raise NotFoundError(f"No closed trades in {data.year}: nothing to chart.")
    shape = _grid_shape()
    days_grid = np.full(shape, np.nan)  # 1 on a past day without closes, 0 on a future day
    pnl_grid = np.full(shape, np.nan)
    day = date(data.year, 1, 1)
    while day.year == data.year:
        row, column = cell_of(day)
        days_grid[row, column] = 1.0 if day <= data.through else 0.0
        if day in daily:
            pnl_grid[row, column] = float(daily[day])
        day += timedelta(days=1)
    largest = max(abs(float(amount)) for amount in daily.values()) or 1.0

    axes = figure.add_subplot()
    axes.set_facecolor(palette.background)
    days_colours = ListedColormap([palette.background, palette.neutral])
    axes.pcolormesh(
        np.ma.masked_invalid(days_grid),
        cmap=days_colours,
        vmin=0,
        vmax=1,
        edgecolors=palette.background,
        linewidth=CELL_EDGE,
    )
    diverging = LinearSegmentedColormap.from_list(
        "pnl", [palette.loss, palette.neutral, palette.gain]
    )
    mesh = axes.pcolormesh(
        np.ma.masked_invalid(pnl_grid),
        cmap=diverging,
        norm=Normalize(-largest, largest),
        edgecolors=palette.background,
        linewidth=CELL_EDGE,
    )
    totals = monthly_totals(data)
    for month in range(1, 13):
        top = (month - 1) // MONTH_COLUMNS * (HEADER + WEEKS) + HEADER - 0.35
        left = (month - 1) % MONTH_COLUMNS * (DAYS + GAP)
        axes.text(
            left,
            top,
            calendar.month_abbr[month],
            ha="left",
            va="bottom",
            fontsize=LABEL_SIZE,
            fontweight="bold",
            color=palette.text,
        )
        if month in totals:
            amount = totals[month]
            colour = palette.gain if amount > 0 else palette.loss if amount < 0 else palette.muted
            axes.text(
                left + DAYS,
                top,
                drawn(signed_dollars(amount).split(".")[0]),
                ha="right",
                va="bottom",
                fontsize=TICK_SIZE,
                color=colour,
            )
    axes.set_xlim(0, shape[1])
    axes.set_ylim(shape[0], 0)
    axes.axis("off")
    colourbar_axes = _place(figure, axes, shape)
    colourbar = figure.colorbar(mesh, cax=colourbar_axes, orientation="horizontal")
    colourbar.outline.set_edgecolor(palette.grid)
    colourbar.ax.tick_params(colors=palette.muted, labelsize=TICK_SIZE)
    money_axis(colourbar.ax, "x", bins=6)
    colourbar.set_label(
        "Realized P&L per closing day (USD)", color=palette.text, fontsize=LABEL_SIZE
    )
    total = sum(daily.values(), start=ZERO)
    set_titles(
        axes,
        palette,
        f"Realized P&L calendar · {data.year}",
        f"{data.accounts_label} · {signed_dollars(total)} · by closing date, weeks Monday "
        "to Sunday",
    )
    best = max(totals.items(), key=lambda item: (item[1], -item[0]))
    worst = min(totals.items(), key=lambda item: (item[1], item[0]))
    green = sum(1 for amount in daily.values() if amount > 0)
    red = sum(1 for amount in daily.values() if amount < 0)
    return (
        f"Realized P&L calendar, {data.year} ({data.accounts_label}): {signed_dollars(total)} "
        f"over {len(daily)} closing days ({green} up, {red} down); best month "
        f"{calendar.month_name[best[0]]} {signed_dollars(best[1])}, worst month "
        f"{calendar.month_name[worst[0]]} {signed_dollars(worst[1])}."
    )


def render_calendar(data: CalendarYear, *, theme: Theme = Theme.DARK) -> RenderedChart:
    """A year of daily realized P&L as twelve month calendars with their totals."""
    with new_figure(theme, height_in=HEIGHT_IN) as figure:
        summary = draw_calendar(figure, data, palette_of(theme))
        png = png_bytes(figure)
    return RenderedChart(png, summary, filename("pnl-calendar", str(data.year)))
