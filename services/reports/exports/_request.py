"""What an export is: its kind and period, its file name and content type."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from enum import StrEnum

from services.reports.exports._periods import Period

_SAFE_FILENAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}")


class ExportKind(StrEnum):
    """Every file Tastybot exports (the value travels inside signed links)."""

    TRANSACTIONS_CSV = "transactions"
    LOTS_CSV = "pnl-lots"
    FORM_8949_CSV = "form-8949"
    REPORT_PDF = "report"

    @property
    def content_type(self) -> str:
        return "application/pdf" if self is ExportKind.REPORT_PDF else "text/csv"

    @property
    def extension(self) -> str:
        return "pdf" if self is ExportKind.REPORT_PDF else "csv"

    @property
    def display_name(self) -> str:
        return _TITLES[self]


_TITLES = {
    ExportKind.TRANSACTIONS_CSV: "Transactions (CSV)",
    ExportKind.LOTS_CSV: "Realized P&L lots (CSV)",
    ExportKind.FORM_8949_CSV: "Form 8949-style CSV",
    ExportKind.REPORT_PDF: "P&L report (PDF)",
}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """One export of one trader's data; the trader travels separately (the acting trader)."""

    kind: ExportKind
    period: Period

    @property
    def filename(self) -> str:
        """``tastybot-transactions-2026.csv``: only letters, digits, ``.``, ``_`` and ``-``."""
        name = f"tastybot-{self.kind.value}-{self.period.label}.{self.kind.extension}"
        if not _SAFE_FILENAME.fullmatch(name):  # every part is ours; this guards refactors
            raise ValueError(f"unsafe export file name {name!r}")
        return name


@dataclass(frozen=True)
class ExportFile:
    """An export being produced: its bytes arrive chunk by chunk from ``chunks``."""

    filename: str
    content_type: str
    chunks: AsyncIterator[bytes]
