"""Every chart renders from fixed data to a PNG of the expected size that is not blank, the
same bytes each time (in any thread), large inputs included; empty data is refused; labels
never overlap; nothing goes through pyplot or the global rcParams."""

from __future__ import annotations

import io
import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image, ImageStat

from services.errors import NotFoundError
from services.reports.charts import (
    Breakdown,
    CalendarYear,
    ChartScope,
    CumulativePnL,
    EquityCurve,
    PayoffSpec,
    RenderedChart,
    Theme,
    render_async,
    render_breakdown,
    render_calendar,
    render_cumulative_pnl,
    render_equity_curve,
    render_payoff,
)
from services.reports.charts._breakdown import MAX_BARS, draw_breakdown, figure_height
from services.reports.charts._calendar import draw_calendar
from services.reports.charts._payoff import draw_payoff
from services.reports.charts._style import DPI, palette_of
from services.reports.charts._timeseries import draw_cumulative_pnl, draw_equity_curve
from services.strategies import Leg, LegSide, LegType

SCOPE = ChartScope("2026", "production · 5WT00001, 5WT00002")
WIDTH = 1200
STANDARD_HEIGHT = 675
NOW = datetime(2026, 3, 2, 15, tzinfo=UTC)
EXPIRY = date(2026, 4, 17)


def trading_days(start: date, count: int) -> list[date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def daily_pnl(seed: int, start: date, count: int) -> dict[date, Decimal]:
    rng = random.Random(seed)
    return {day: Decimal(rng.randint(-90_000, 100_000)) / 100 for day in trading_days(start, count)}


def cumulative(days: int = 120) -> CumulativePnL:
    return CumulativePnL(
        SCOPE,
        date(2026, 1, 1),
        date(2026, 12, 31),
        {
            "5WT00001": daily_pnl(1, date(2026, 1, 2), days),
            "5WT00002": daily_pnl(2, date(2026, 1, 5), days // 2),
        },
    )


def equity(days: int = 120) -> EquityCurve:
    rng = random.Random(3)
    series = {}
    for number, base in (("5WT00001", 50_000), ("5WT00002", 20_000)):
        value, points = Decimal(base), []
        for index, day in enumerate(trading_days(date(2026, 1, 2), days)):
            value += Decimal(rng.randint(-80_000, 85_000)) / 100
            moment = datetime(day.year, day.month, day.day, 21, 0, index % 30, tzinfo=UTC)
            points.append((moment, value))
        series[number] = tuple(points)
    return EquityCurve(SCOPE, series)


def breakdown(count: int = 20) -> Breakdown:
    rng = random.Random(4)
    rows = tuple(
        (f"U{index:03d}", Decimal(rng.randint(-300_000, 400_000)) / 100) for index in range(count)
    )
    return Breakdown(SCOPE, "underlying", rows)


def calendar_year() -> CalendarYear:
    return CalendarYear(
        2026, "production · 5WT00001", daily_pnl(5, date(2026, 1, 2), 200), date(2026, 10, 15)
    )


def iron_condor() -> PayoffSpec:
    strikes = ((LegType.PUT, LegSide.LONG, 440), (LegType.PUT, LegSide.SHORT, 445),
               (LegType.CALL, LegSide.SHORT, 460), (LegType.CALL, LegSide.LONG, 465))  # fmt: skip
    legs = tuple(
        Leg(kind, side, Decimal(1), Decimal(strike), EXPIRY) for kind, side, strike in strikes
    )
    return PayoffSpec(
        "SPY",
        legs,
        Decimal(150),
        Decimal("452.10"),
        Decimal("0.18"),
        Decimal("0.04"),
        NOW,
        title="Iron condor",
    )


CHARTS: dict[str, tuple[Callable[..., RenderedChart], Callable[[], Any], int]] = {
    "pnl": (render_cumulative_pnl, cumulative, STANDARD_HEIGHT),
    "equity": (render_equity_curve, equity, STANDARD_HEIGHT),
    "breakdown": (render_breakdown, breakdown, round(figure_height(20) * DPI)),
    "calendar": (render_calendar, calendar_year, 945),
    "payoff": (render_payoff, iron_condor, STANDARD_HEIGHT),
}


def image_of(chart: RenderedChart) -> Image.Image:
    assert chart.png.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(chart.png))


def pixel_spread(chart: RenderedChart) -> float:
    """The standard deviation of the grey levels: about 0 for a blank image."""
    return float(ImageStat.Stat(image_of(chart).convert("L")).stddev[0])


@pytest.mark.parametrize("theme", list(Theme))
@pytest.mark.parametrize("name", list(CHARTS))
def test_each_chart_renders_a_png_of_the_expected_size_that_is_not_blank(
    name: str, theme: Theme
) -> None:
    render, build, height = CHARTS[name]

    chart = render(build(), theme=theme)

    assert image_of(chart).size == (WIDTH, height)
    assert pixel_spread(chart) > 10
    assert chart.filename.endswith(".png") and "/" not in chart.filename
    assert chart.summary and "\n" not in chart.summary and "$" in chart.summary


@pytest.mark.parametrize("name", list(CHARTS))
def test_the_same_data_gives_the_same_bytes(name: str) -> None:
    render, build, _ = CHARTS[name]

    assert render(build()).png == render(build()).png


def test_the_themes_differ() -> None:
    dark, light = (render_cumulative_pnl(cumulative(), theme=theme) for theme in Theme)

    dark_corner = image_of(dark).convert("RGB").getpixel((2, 2))
    light_corner = image_of(light).convert("RGB").getpixel((2, 2))
    assert dark_corner == (0x31, 0x33, 0x38)  # Discord's dark background
    assert light_corner == (255, 255, 255)


def test_renders_in_parallel_threads_give_the_bytes_of_a_lone_render() -> None:
    alone = {name: render(build()).png for name, (render, build, _) in CHARTS.items()}

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            (name, turn): pool.submit(render, build())
            for turn in range(2)
            for name, (render, build, _) in CHARTS.items()
        }
        results = {key: future.result().png for key, future in futures.items()}

    assert all(png == alone[name] for (name, _), png in results.items())


def test_rendering_leaves_pyplot_and_the_global_style_untouched() -> None:
    before = dict(matplotlib.rcParams)

    for render, build, _ in CHARTS.values():
        render(build(), theme=Theme.LIGHT)

    assert plt.get_fignums() == []
    assert dict(matplotlib.rcParams) == before


async def test_render_async_renders_in_a_worker_thread() -> None:
    threads: list[int] = []

    def spy(data: Breakdown, *, theme: Theme) -> RenderedChart:
        threads.append(threading.get_ident())
        return render_breakdown(data, theme=theme)

    chart = await render_async(spy, breakdown(), theme=Theme.DARK)

    assert threads and threads[0] != threading.get_ident()
    assert chart.png == render_breakdown(breakdown()).png


def test_five_years_of_daily_pnl_and_balances_render() -> None:
    days = 5 * 252
    pnl = render_cumulative_pnl(cumulative(days))
    curve = render_equity_curve(equity(days))

    assert image_of(pnl).size == image_of(curve).size == (WIDTH, STANDARD_HEIGHT)
    assert "over" in pnl.summary and "net liq" in curve.summary


def test_a_hundred_underlyings_show_the_largest_and_sum_the_rest() -> None:
    chart = render_breakdown(breakdown(100))

    assert image_of(chart).size == (WIDTH, round(figure_height(MAX_BARS) * DPI))
    figure = Figure(figsize=(8, figure_height(MAX_BARS)), dpi=DPI)
    FigureCanvasAgg(figure)
    draw_breakdown(figure, breakdown(100), palette_of(Theme.DARK))
    names = [  # the texts beside the bars (not the values, an Annotation, nor the subtitle)
        text.get_text()
        for text in figure.axes[0].texts
        if type(text) is Text and text.get_ha() == "right"
    ]
    assert len(names) == MAX_BARS and names[-1] == f"{100 - MAX_BARS + 1} others"


def drawn_texts(figure: Figure) -> list[Text]:
    """Every text the last draw put on the figure (tick labels of the ticks drawn only)."""
    skipped: set[int] = set()
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            drawn_ticks = {id(tick) for tick in axis._update_ticks()}  # what Axis.draw draws
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if id(tick) not in drawn_ticks:
                    skipped.update((id(tick.label1), id(tick.label2)))
    return [
        text
        for text in figure.findobj(Text)
        if isinstance(text, Text)
        and text.get_visible()
        and text.get_text().strip()
        and id(text) not in skipped
    ]


def overlapping(figure: Figure, renderer: Any) -> list[tuple[str, str]]:
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in drawn_texts(figure)]
    return [
        (first, second)
        for index, (first, box) in enumerate(boxes)
        for second, other in boxes[index + 1 :]
        if box.overlaps(other)
    ]


LARGE = {
    "pnl": (draw_cumulative_pnl, lambda: cumulative(5 * 252), 4.5),
    "equity": (draw_equity_curve, lambda: equity(5 * 252), 4.5),
    "breakdown": (draw_breakdown, lambda: breakdown(60), figure_height(MAX_BARS)),
    "calendar": (draw_calendar, calendar_year, 6.3),
    "payoff": (draw_payoff, iron_condor, 4.5),
}


@pytest.mark.parametrize("theme", list(Theme))
@pytest.mark.parametrize("name", list(LARGE))
def test_no_text_overlaps_another_or_leaves_the_image(name: str, theme: Theme) -> None:
    draw, build, height = LARGE[name]
    figure = Figure(figsize=(8, height), dpi=DPI)
    canvas = FigureCanvasAgg(figure)
    draw(figure, build(), palette_of(theme))
    canvas.draw()
    renderer = canvas.get_renderer()

    assert overlapping(figure, renderer) == []
    inside = figure.bbox.padded(1)
    for text in drawn_texts(figure):
        box = text.get_window_extent(renderer)
        assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1), text
    assert len(drawn_texts(figure)) > 10


def test_the_overlap_check_sees_crowded_labels() -> None:
    figure = Figure(figsize=(8, 3), dpi=DPI)
    canvas = FigureCanvasAgg(figure)
    draw_breakdown(figure, breakdown(MAX_BARS), palette_of(Theme.DARK))
    canvas.draw()

    assert overlapping(figure, canvas.get_renderer())


def test_the_calendar_draws_the_year_and_month_totals() -> None:
    figure = Figure(figsize=(8, 6.3), dpi=DPI)
    FigureCanvasAgg(figure)
    summary = draw_calendar(figure, calendar_year(), palette_of(Theme.DARK))

    texts = [text.get_text() for text in figure.axes[0].texts]
    assert {"Jan", "Jun", "Dec"} <= set(texts)
    assert "2026" in summary and "best month" in summary


@pytest.mark.parametrize(
    ("render", "empty"),
    [
        (render_cumulative_pnl, CumulativePnL(SCOPE, None, date(2026, 3, 1), {})),
        (render_equity_curve, EquityCurve(SCOPE, {"5WT00001": ((NOW, Decimal(10)),)})),
        (render_breakdown, Breakdown(SCOPE, "underlying", ())),
        (
            render_calendar,
            CalendarYear(2026, "production", {date(2025, 5, 1): Decimal(3)}, date(2026, 3, 1)),
        ),
    ],
)
def test_empty_data_is_refused_with_a_clear_message(
    render: Callable[..., RenderedChart], empty: Any
) -> None:
    with pytest.raises(NotFoundError, match="nothing to chart"):
        render(empty)


def test_names_with_dollar_signs_and_markup_are_drawn_as_text() -> None:
    rows = (("$\\frac{1}{0}$", Decimal(5)), ("$$", Decimal(-3)), ("<@&1> x" * 10, Decimal(1)))
    scope = ChartScope("$\\frac{$", "a $ b $\\sqrt{$")

    chart = render_breakdown(Breakdown(scope, "strategy", rows))
    pnl = render_cumulative_pnl(
        CumulativePnL(scope, None, date(2026, 3, 1), cumulative().daily_by_account)
    )

    assert pixel_spread(chart) > 10 and pixel_spread(pnl) > 10


def test_long_titles_are_cut_to_the_width_of_the_image() -> None:
    long_scope = ChartScope("year to date " * 6, "production · " + "5WT00001, " * 20)
    spec = iron_condor()
    cases: list[tuple[Callable[..., str], Any, float]] = [
        (
            draw_cumulative_pnl,
            CumulativePnL(long_scope, None, date(2026, 6, 1), cumulative().daily_by_account),
            4.5,
        ),
        (
            draw_payoff,
            PayoffSpec(**{**spec.__dict__, "title": "W" * 60, "notes": ("n " * 400,)}),
            4.5,
        ),
    ]

    for draw, data, height in cases:
        figure = Figure(figsize=(8, height), dpi=DPI)
        canvas = FigureCanvasAgg(figure)
        draw(figure, data, palette_of(Theme.DARK))
        canvas.draw()
        inside = figure.bbox.padded(1)
        for text in drawn_texts(figure):
            box = text.get_window_extent(canvas.get_renderer())
            assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1), text
        assert any(text.get_text().endswith("…") for text in drawn_texts(figure))
