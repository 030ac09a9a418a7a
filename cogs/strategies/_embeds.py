"""What the strategy commands show: the list of groups, one group with its lots and roll
chain, the edit history, and the line an edit, undo or redo answers with. Names and
summaries are the trader's own text: shown with markdown and mentions neutralised."""

from __future__ import annotations

from decimal import Decimal

import discord

from cogs.portfolio._format import change, quantity, symbol, text, when
from services.portfolio import Page
from services.strategies.edits import EditOutcome, EditState, HistoryEntry, ShownGroup
from services.strategies.reports import GroupLot, GroupSummary, RollLink

STRATEGY_COLOUR = discord.Colour.from_rgb(230, 80, 40)
FIELD_CHARS = 1024  # Discord's limit for an embed field's value
DESCRIPTION_CHARS = 4096
LOTS_SHOWN = 15
HISTORY_MARKS = {
    EditState.APPLIED: "✅ done",
    EditState.UNDONE: "↩️ undone",
    EditState.DISCARDED: "✖️ set aside",
}
SHOW_HINT = (
    "`/strategy show <number>` lists a group's lots; split, merge and move use their numbers."
)


def _embed(title: str, description: str | None = None) -> discord.Embed:
    return discord.Embed(title=title, description=description, colour=STRATEGY_COLOUR)


def _cut(value: str, limit: int = FIELD_CHARS) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def group_label(group: GroupSummary) -> str:
    """``#12 SPY Iron condor · March condor`` (for a select option)."""
    named = f" · {group.name}" if group.name else ""
    return f"#{group.id} {group.underlying} {group.strategy_name}{named}"


def _figures(realized: Decimal, unrealized: Decimal | None) -> str:
    return f"realized {change(realized)} · unrealized {change(unrealized)}"


def _group_line(group: GroupSummary) -> str:
    named = f" “{text(group.name, 80)}”" if group.name else ""
    lots = f"{group.lots} lot{'' if group.lots == 1 else 's'}"
    return (
        f"**#{group.id}** {text(group.underlying, 32)} {text(group.strategy_name, 60)}{named} · "
        f"{group.status.value} · {lots} · {_figures(group.realized, group.unrealized)}"
    )


def groups_embed(page: Page[GroupSummary], scope: str) -> discord.Embed:
    """One page of the trader's groups, newest first."""
    title = f"Your strategies{f' · {scope}' if scope else ''}"
    if not page.items:
        return _embed(
            title,
            "No strategy groups here yet. Groups are made from your transactions when you `/sync`.",
        )
    lines = "\n".join(_group_line(group) for group in page.items)
    embed = _embed(title, _cut(lines, DESCRIPTION_CHARS))
    embed.set_footer(text=f"Page {page.page}/{page.pages} · {page.total} groups · pick one below")
    embed.add_field(name="Edit", value=SHOW_HINT, inline=False)
    return embed


def _group_head(group: GroupSummary) -> discord.Embed:
    embed = _embed(f"#{group.id} {text(group.title, 200)}")
    account = f"{group.account_number} ({group.environment.value})" if group.environment else "-"
    embed.add_field(name="Status", value=group.status.value)
    embed.add_field(name="Account", value=text(account, 60))
    return embed


def group_summary_embed(group: GroupSummary) -> discord.Embed:
    """One group from the list (its lots are in ``/strategy show``)."""
    embed = _group_head(group)
    embed.add_field(name="Lots", value=str(group.lots))
    embed.add_field(name="P&L", value=_figures(group.realized, group.unrealized), inline=False)
    embed.add_field(name="Opened", value=when(group.opened_at, "d"))
    if group.closed_at is not None:
        embed.add_field(name="Closed", value=when(group.closed_at, "d"))
    embed.set_footer(text=f"/strategy show {group.id} for its lots and roll chain")
    return embed


def _lot_line(lot: GroupLot, number: int | None) -> str:
    sign = "-" if lot.side.value == "short" else "+"
    state = (
        "closed"
        if lot.open_quantity == 0
        else f"open {quantity(lot.open_quantity)}"
        if lot.open_quantity != lot.quantity
        else "open"
    )
    tag = f"`#{number}`" if number is not None else "`—`"
    return (
        f"{tag} {sign}{quantity(lot.quantity)} {symbol(lot.symbol)} · {state} · "
        f"realized {change(lot.realized)}"
    )


def _chain(links: tuple[RollLink, ...]) -> str:
    return " → ".join(f"#{link.id} {text(link.strategy_name, 40)}" for link in links)


def group_embed(shown: ShownGroup) -> discord.Embed:
    """One group: its lots (with the numbers split and move take), P&L and roll chain."""
    detail = shown.detail
    group = detail.group
    embed = _group_head(group)
    embed.add_field(name="Opened", value=when(group.opened_at, "d"))
    if group.closed_at is not None:
        embed.add_field(name="Closed", value=when(group.closed_at, "d"))
    embed.add_field(name="P&L", value=_figures(group.realized, group.unrealized), inline=False)
    embed.set_footer(text="Split, merge and move take the lot numbers (#) shown here.")
    lines = [_lot_line(lot, shown.lot_numbers.get(lot.transaction_id)) for lot in detail.lots]
    if len(lines) > LOTS_SHOWN:
        lines = [*lines[:LOTS_SHOWN], f"… and {len(lines) - LOTS_SHOWN} more"]
    embed.add_field(
        name=f"Lots ({len(detail.lots)})", value=_cut("\n".join(lines) or "none"), inline=False
    )
    if detail.rolled_from or detail.rolled_into:
        chain = " → ".join(
            part
            for part in (_chain(detail.rolled_from), f"**#{group.id}**", _chain(detail.rolled_into))
            if part
        )
        embed.add_field(
            name="Roll chain",
            value=_cut(f"{chain}\nRealized over the chain {change(detail.chain_realized)}"),
            inline=False,
        )
    return embed


def commands_embed(prefix: str, commands: list[tuple[str, str]]) -> discord.Embed:
    """What ``strategy`` alone answers: each of its commands with its one-line help."""
    lines = [f"`{prefix}{name}` {summary}" for name, summary in commands]
    return _embed("Strategy commands", _cut("\n".join(lines), DESCRIPTION_CHARS))


def history_embed(entries: tuple[HistoryEntry, ...]) -> discord.Embed:
    """The trader's latest edits, newest first."""
    if not entries:
        return _embed("Your strategy edits", "No edits yet.")
    lines = [
        f"`{entry.seq}` {HISTORY_MARKS[entry.state]} · {text(entry.summary, 200)} · "
        f"{when(entry.created_at)}"
        for entry in entries
    ]
    embed = _embed("Your strategy edits", _cut("\n".join(lines), DESCRIPTION_CHARS))
    embed.set_footer(text="/undo takes back the newest done edit; /redo brings back an undone one")
    return embed


def edit_text(outcome: EditOutcome) -> str:
    """The answer to an edit: what it did, and where to look."""
    look = f" `/strategy show {outcome.group_id}` shows it." if outcome.group_id else ""
    return f"✅ Edit {outcome.seq}: {text(outcome.summary, 400)}.{look}"


def step_text(outcome: EditOutcome, *, undone: bool) -> str:
    """The answer to an undo or a redo."""
    verb = "Undid" if undone else "Redid"
    return f"{'↩️' if undone else '↪️'} {verb} edit {outcome.seq}: {text(outcome.summary, 400)}."
