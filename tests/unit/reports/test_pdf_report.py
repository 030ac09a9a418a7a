"""The PDF report: a valid PDF with its pages, text and drawings (not blank), rendered in a
worker thread with figures that pyplot never tracks."""

from __future__ import annotations

import asyncio
import re
import threading
import zlib
from datetime import UTC, date, datetime
from decimal import Decimal

import matplotlib.pyplot as plt

from services.environment import Environment
from services.reports.exports import Period
from services.reports.exports._pdf import (
    TOP_UNDERLYINGS,
    ReportData,
    cumulative,
    dollars,
    render_report_pdf,
    top_underlyings,
)

NOW = datetime(2026, 4, 2, 12, tzinfo=UTC)


def data(**overrides: object) -> ReportData:
    base: dict[str, object] = {
        "period": Period.month(2026, 3),
        "environment": Environment.PRODUCTION,
        "accounts": ("5WT00001", "5WT00002"),
        "realized": Decimal("1234.56"),
        "fees": Decimal("12.34"),
        "lots": 3,
        "winners": 2,
        "losers": 1,
        "largest_gain": Decimal("1000"),
        "largest_loss": Decimal("-15.44"),
        "dividends": Decimal("3.10"),
        "interest": Decimal("-1.00"),
        "by_underlying": (
            ("SPY", Decimal("1000")),
            ("AAPL", Decimal("250")),
            ("QQQ", Decimal("-15.44")),
        ),
        "by_day": (
            (date(2026, 3, 3), Decimal("250")),
            (date(2026, 3, 10), Decimal("-15.44")),
            (date(2026, 3, 20), Decimal("1000")),
        ),
        "generated_at": NOW,
    }
    base.update(overrides)
    return ReportData(**base)  # type: ignore[arg-type]


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def content_streams(pdf: bytes) -> bytes:
    """Every FlateDecode stream, inflated."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


async def test_the_report_is_a_pdf_of_two_pages_with_text_and_drawings() -> None:
    figures_before = plt.get_fignums()
    threads: list[str] = []

    def render() -> bytes:
        threads.append(threading.current_thread().name)
        return render_report_pdf(data())

    pdf = await asyncio.to_thread(render)

    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert page_count(pdf) == 2
    streams = content_streams(pdf)
    assert streams.count(b"Tj") + streams.count(b"TJ") > 20  # the tables and titles
    assert re.search(rb"\sl\s", streams) and re.search(rb"\sre\s", streams)  # lines, bars
    assert b"Tastybot P&L report 2026-03" in pdf  # the document title
    assert threads and threads[0] != threading.main_thread().name
    assert plt.get_fignums() == figures_before  # nothing left in pyplot's registry


def test_an_empty_period_still_renders() -> None:
    empty = data(
        realized=Decimal(0),
        lots=0,
        winners=0,
        losers=0,
        largest_gain=None,
        largest_loss=None,
        by_underlying=(),
        by_day=(),
        accounts=(),
    )
    pdf = render_report_pdf(empty)
    assert page_count(pdf) == 2


def test_cumulative_starts_at_zero_and_adds_up() -> None:
    days, totals = cumulative(data())
    assert days[0] == date(2026, 2, 28) and totals[0] == 0.0
    assert totals[1:4] == [250.0, 234.56, 1234.56]
    assert days[-1] == date(2026, 3, 31) and totals[-1] == 1234.56


def test_many_underlyings_are_cut_to_the_top_and_others() -> None:
    many = tuple((f"U{index:02d}", Decimal(100 - index)) for index in range(25))
    rows = top_underlyings(data(by_underlying=many))
    assert len(rows) == TOP_UNDERLYINGS + 1
    assert rows[-1] == ("Others (10)", sum(Decimal(100 - i) for i in range(15, 25)))


def test_dollars() -> None:
    assert dollars(Decimal("-1234.5")) == "-$1,234.50"
    assert dollars(Decimal("0.004")) == "$0.00"
    assert dollars(None) == "-"
