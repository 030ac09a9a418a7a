"""The GEX-by-strike chart: a PNG in both themes with the spot, flip and walls marked, a
one-line summary, nothing drawn over another text, and clear refusals with nothing to draw."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from unit.reports.test_charts_render import drawn_texts, overlapping

from services.errors import NotFoundError
from services.market.gex import black_scholes_gamma, gex_levels, years_to_expiry
from services.market.gex_chart import (
    MAX_BARS,
    draw_gex,
    gex_money,
    gex_tick,
    render_gex,
    render_gex_async,
    shown_strikes,
    summary_line,
)
from services.market.levels import LevelsSnapshot
from services.reports.charts import Theme
from services.reports.charts._style import DPI, palette_of

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
SPOT = Decimal("612.40")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Option:
    strike: Decimal
    type: str
    expiration: date
    gamma: float
    open_interest: int
    iv: float


def spy_like(step: int = 1, width: int = 90) -> list[Option]:
    """Three expirations, a strike every ``step`` within ``width`` of spot, calls heavier
    above spot and puts below (so there is a flip), round strikes heavier."""
    options = []
    for days in (1, 8, 29):
        expiration = NOW.date() + timedelta(days=days)
        years = years_to_expiry(expiration, NOW)
        for k in range(int(SPOT) - width, int(SPOT) + width + 1, step):
            iv = 0.16 + 0.4 * math.log(k / float(SPOT)) ** 2
            gamma = float(black_scholes_gamma(float(SPOT), k, years, iv))
            bonus = 4 if k % 10 == 0 else 1
            call_oi = int(900 * bonus * math.exp(-(((k - 630) / 25) ** 2))) + 20
            put_oi = int(1300 * bonus * math.exp(-(((k - 595) / 25) ** 2))) + 20
            options.append(Option(Decimal(k), "call", expiration, gamma, call_oi, iv))
            options.append(Option(Decimal(k), "put", expiration, gamma, put_oi, iv))
    return options


def snapshot(options: list[Option] | None = None, underlying: str = "SPY") -> LevelsSnapshot:
    levels = gex_levels(SPOT, options if options is not None else spy_like(), now=NOW)
    return LevelsSnapshot(underlying, SPOT, levels, NOW)


@pytest.mark.parametrize("theme", list(Theme))
def test_the_chart_is_a_png_with_a_one_line_summary(theme: Theme) -> None:
    shown = snapshot()

    chart = render_gex(shown, theme=theme)

    assert chart.png.startswith(PNG_SIGNATURE)
    assert Image.open(io.BytesIO(chart.png)).size == (1200, 675)
    assert chart.filename == "gex-spy-2026-12-01.png"
    assert "\n" not in chart.summary
    levels = shown.levels
    assert levels is not None and levels.zero_gamma is not None
    assert chart.summary.startswith("SPY GEX ")
    assert f"gamma flip ${levels.zero_gamma:,.2f}" in chart.summary
    assert f"call wall ${levels.call_wall}" in chart.summary
    assert f"put wall ${levels.put_wall}" in chart.summary
    assert f"{levels.contracts:,} contracts" in chart.summary
    assert "as of 2026-12-01 15:00 UTC" in chart.summary


def test_the_same_levels_give_the_same_bytes_and_the_themes_differ() -> None:
    shown = snapshot()

    assert render_gex(shown).png == render_gex(shown).png
    assert render_gex(shown, theme=Theme.LIGHT).png != render_gex(shown).png


def test_spot_flip_and_walls_are_marked_in_the_legend() -> None:
    shown = snapshot()
    figure = Figure(figsize=(8, 4.5), dpi=DPI)
    FigureCanvasAgg(figure)

    draw_gex(figure, shown, palette_of(Theme.DARK))

    [axes] = figure.axes
    legend = axes.get_legend()
    assert legend is not None
    labels = [text.get_text() for text in legend.get_texts()]
    assert [label.split(" \\$")[0] for label in labels] == [
        "Spot",
        "Gamma flip",
        "Call wall",
        "Put wall",
    ]
    levels = shown.levels
    assert levels is not None
    low, high = axes.get_xlim()
    assert (
        low <= float(levels.put_wall or 0) <= high and low <= float(levels.call_wall or 0) <= high
    )
    assert levels.zero_gamma is not None and low <= levels.zero_gamma <= high


@pytest.mark.parametrize("theme", list(Theme))
def test_no_text_overlaps_another_or_leaves_the_image(theme: Theme) -> None:
    figure = Figure(figsize=(8, 4.5), dpi=DPI)
    canvas = FigureCanvasAgg(figure)
    draw_gex(figure, snapshot(spy_like(step=1, width=150)), palette_of(theme))
    canvas.draw()
    renderer = canvas.get_renderer()

    assert overlapping(figure, renderer) == []
    inside = figure.bbox.padded(1)
    for text in drawn_texts(figure):
        box = text.get_window_extent(renderer)
        assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1), text
    assert len(drawn_texts(figure)) > 10


def test_a_wide_chain_is_cut_to_the_strikes_near_spot() -> None:
    levels = snapshot(spy_like(step=1, width=250)).levels
    assert levels is not None and len(levels.by_strike) > MAX_BARS

    strikes = shown_strikes(levels)

    assert len(strikes) <= MAX_BARS and strikes == sorted(strikes)
    assert min(strikes) < SPOT < max(strikes)
    assert all(abs(float(strike) / float(SPOT) - 1) <= 0.2 for strike in strikes)


def test_nothing_to_chart_is_refused_with_the_reason() -> None:
    empty = LevelsSnapshot("SPY", SPOT, None, NOW)

    with pytest.raises(NotFoundError, match="SPY"):
        render_gex(empty)
    assert summary_line(empty).startswith("SPY at $612.40: no option GEX")


def test_a_chain_without_a_flip_says_so() -> None:
    calls_only = [option for option in spy_like() if option.type == "call"]

    chart = render_gex(snapshot(calls_only))

    assert "no gamma flip within 20%" in chart.summary and "put wall" not in chart.summary
    assert "(dealers long gamma)" in chart.summary


def test_a_negative_total_says_dealers_are_short_gamma() -> None:
    puts_heavy = [
        replace(option, open_interest=option.open_interest * (5 if option.type == "put" else 1))
        for option in spy_like()
    ]

    assert "(dealers short gamma)" in summary_line(snapshot(puts_heavy))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1_234_567_890.0, "$1.23B"),
        (-456_700_000.0, "-$456.7M"),
        (12_345.0, "$12.3K"),
        (1_234.0, "$1.23K"),
        (950.0, "$950"),
        (0.0, "$0"),
        (25_000_000_000.0, "$25.0B"),
    ],
)
def test_exposure_is_written_short(value: float, text: str) -> None:
    assert gex_money(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(5e9, "$5B"), (-2.5e9, "-$2.5B"), (12.5e6, "$12.5M"), (20e6, "$20M"), (0.0, "$0")],
)
def test_axis_labels_drop_trailing_zeros(value: float, text: str) -> None:
    assert gex_tick(value) == text


async def test_rendering_runs_off_the_event_loop() -> None:
    chart = await render_gex_async(snapshot(), theme=Theme.LIGHT)

    assert chart.png.startswith(PNG_SIGNATURE)
