"""Where the plot sits in the figure, measured rather than solved.

Matplotlib's constrained layout finds margins by drawing the whole figure once without
rendering it, about a third of a chart's time. The texts around a plot are known before the
draw (the title, the axis labels, the tick labels the locator will choose), so their sizes
are measured directly (``TextToPath``, the font's own advances) and the axes placed once.
"""

from __future__ import annotations

from collections.abc import Iterable

from matplotlib.axes import Axes

from services.reports.charts._style import (
    EDGE_IN,
    LABEL_SIZE,
    NOTE_SIZE,
    TICK_SIZE,
    TITLE_PAD,
    TITLE_SIZE,
    text_width_in,
)

LINE = 1.25  # a line of text is this many font sizes tall
TICK_GAP_PT = 3.0 + 3.5  # tick length + the label's pad (points)
LABEL_PAD_PT = 4.0  # between tick labels and the axis label (matplotlib's default)
RIGHT_IN = 0.3  # half of the last x tick label can stick out past the plot


def line_in(size: float) -> float:
    """The height of one line of text at ``size`` points, in inches."""
    return size * LINE / 72


TOP_IN = EDGE_IN + line_in(TITLE_SIZE) + TITLE_PAD / 72  # the title and, under it, the subtitle
BOTTOM_IN = (
    EDGE_IN + line_in(TICK_SIZE) + TICK_GAP_PT / 72 + line_in(LABEL_SIZE) + LABEL_PAD_PT / 72
)


def note_in(lines: int) -> float:
    """The extra height at the bottom for ``lines`` of notes."""
    return lines * line_in(NOTE_SIZE) * 1.05 if lines else 0.0


def left_in(tick_labels: Iterable[str], *, axis_label: bool = True) -> float:
    """Room left of the plot for the y tick labels and the rotated y axis label."""
    widest = max(
        (text_width_in(label.replace("\\$", "$"), TICK_SIZE) for label in tick_labels),
        default=0.0,
    )
    label = line_in(LABEL_SIZE) + LABEL_PAD_PT / 72 if axis_label else 0.0
    return EDGE_IN + label + TICK_GAP_PT / 72 + widest


def y_tick_labels(axes: Axes) -> list[str]:
    """The y tick labels the draw will show, from the final limits, locator and formatter."""
    low, high = sorted(axes.get_ylim())  # settles the autoscaled limits
    slack = (high - low) * 1e-9
    locations = [
        value
        for value in axes.yaxis.get_major_locator().tick_values(low, high)
        if low - slack <= value <= high + slack
    ]
    formatter = axes.yaxis.get_major_formatter()
    formatter.set_locs(locations)
    return [str(formatter(value, index)) for index, value in enumerate(locations)]


def place(
    axes: Axes,
    *,
    left: float,
    right: float = RIGHT_IN,
    top: float = TOP_IN,
    bottom: float = BOTTOM_IN,
    width_share: float = 1.0,
) -> None:
    """Put the plot ``left``/``right``/``top``/``bottom`` inches from the edges of the first
    ``width_share`` of the figure."""
    figure = axes.get_figure(root=True)
    assert figure is not None
    width, height = figure.get_size_inches()
    usable = width * width_share
    axes.set_position(
        (
            left / width,
            bottom / height,
            (usable - left - right) / width,
            (height - top - bottom) / height,
        )
    )
