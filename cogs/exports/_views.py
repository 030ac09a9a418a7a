"""What /export shows: the download link (one use, 15 minutes) and, when small, the file."""

from __future__ import annotations

import io

import discord

from cogs._common import brand_embed
from services.reports.exports import ExportRequest, PreparedExport


def export_embed(prepared: PreparedExport, url: str) -> discord.Embed:
    """The link (a masked link: Discord shows the file name) and when it stops working."""
    request: ExportRequest = prepared.link.request
    expires = discord.utils.format_dt(prepared.link.expires_at, "t")
    embed = brand_embed(
        f"{request.kind.display_name}: {request.period.title}",
        f"[Download {prepared.filename}]({url})\n"
        f"The link works once and expires at {expires} (in 15 minutes). "
        "Do not share it: whoever opens it gets the file.",
    )
    if prepared.attachment is not None:
        embed.set_footer(text="The file is also attached in your DMs.")
    else:
        embed.set_footer(text="The file is too large to attach; use the link.")
    return embed


def attachment(prepared: PreparedExport) -> discord.File:
    """The export as a Discord file (only called when ``prepared.attachment`` is set)."""
    assert prepared.attachment is not None
    return discord.File(io.BytesIO(prepared.attachment), filename=prepared.filename)
