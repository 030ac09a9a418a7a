"""Exports of the acting trader's data: transactions CSV, realized P&L lots CSV, a Form
8949-style CSV and a PDF P&L report, delivered by single-use signed download links.

* ``parse_period`` reads the period a trader typed; ``ExportRequest(kind, period)`` names a file.
* ``open_export(discord_id, request)`` produces it as an ``ExportFile`` whose ``chunks`` are
  read incrementally (CSV rows are fetched from the database in pages while they are written).
* ``prepare_export`` is what ``/export`` calls: a link, and the bytes when the file is small.
* ``LinkSigner`` (``from_vault``), ``check_download`` and ``redeem_download`` are what
  ``GET /download/<token>`` uses: see ``_links`` and ``_grants`` for the token design.

Every function takes the acting trader's Discord id and reads only that trader's rows.
"""

from services.reports.exports._export import (
    ATTACH_LIMIT,
    PreparedExport,
    open_export,
    prepare_export,
    read_if_small,
)
from services.reports.exports._grants import (
    DownloadLink,
    check_download,
    issue_download_link,
    redeem_download,
)
from services.reports.exports._links import (
    LINK_TTL,
    MAX_TOKEN_CHARS,
    TOKEN_SHAPE,
    DownloadLinkError,
    ExpiredLinkError,
    InvalidLinkError,
    LinkClaims,
    LinkSigner,
    MalformedLinkError,
    UsedLinkError,
)
from services.reports.exports._periods import Period, PeriodShape, parse_period
from services.reports.exports._request import ExportFile, ExportKind, ExportRequest

__all__ = [
    "ATTACH_LIMIT",
    "LINK_TTL",
    "MAX_TOKEN_CHARS",
    "TOKEN_SHAPE",
    "DownloadLink",
    "DownloadLinkError",
    "ExpiredLinkError",
    "ExportFile",
    "ExportKind",
    "ExportRequest",
    "InvalidLinkError",
    "LinkClaims",
    "LinkSigner",
    "MalformedLinkError",
    "Period",
    "PeriodShape",
    "PreparedExport",
    "UsedLinkError",
    "check_download",
    "issue_download_link",
    "open_export",
    "parse_period",
    "prepare_export",
    "read_if_small",
    "redeem_download",
]
