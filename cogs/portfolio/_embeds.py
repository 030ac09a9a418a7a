"""The embeds of /dashboard, /positions, /transactions, /trades and /pnl: short lines, one
figure per line where it matters, so they read on a phone."""

from __future__ import annotations

import discord

from cogs.portfolio._format import change, money, price, quantity, symbol, text, when
from services.pnl import ClosedLot
from services.portfolio import (
    AccountSummary,
    Dashboard,
    Grouping,
    Page,
    PnLSummary,
    PositionLine,
    RealizedFigures,
    Scope,
    Totals,
    TradeList,
    TransactionLine,
)

PORTFOLIO_COLOUR = discord.Colour.from_rgb(230, 80, 40)
GAIN_COLOUR = discord.Colour.green()
LOSS_COLOUR = discord.Colour.red()
MAX_DASHBOARD_ACCOUNTS = 8  # keeps the embed far under Discord's 6,000 characters
FIELD_CHARS = 1024


def _embed(title: str, description: str | None = None) -> discord.Embed:
    return discord.Embed(title=title, description=description, colour=PORTFOLIO_COLOUR)


def _pnl_lines(pnl: RealizedFigures | None) -> list[str]:
    if pnl is None:
        return ["P&L n/a"]
    lines = [
        f"Realized: today {change(pnl.today)} · MTD {change(pnl.month_to_date)} · "
        f"YTD {change(pnl.year_to_date)}",
        f"Unrealized {change(pnl.unrealized)}",
    ]
    if pnl.unmarked_symbols:
        lines[-1] += f" ({len(pnl.unmarked_symbols)} without a mark)"
    return lines


def _totals_value(total: Totals) -> str:
    lines = [
        f"Net liq {money(total.net_liquidating_value)} · BP {money(total.buying_power)}",
        f"Day change {change(total.day_change)}",
        *_pnl_lines(total.pnl),
    ]
    return "\n".join(lines)


def _account_value(account: AccountSummary) -> str:
    lines = [
        f"Net liq {money(account.net_liquidating_value)} · BP {money(account.buying_power)}",
        f"Day change {change(account.day_change)}",
        *_pnl_lines(account.pnl),
        f"Synced {when(account.last_synced_at)}" + (" · closed" if account.is_closed else ""),
    ]
    return "\n".join(lines)


def _position_line(line: PositionLine) -> str:
    return (
        f"{symbol(line.symbol)} × {quantity(line.quantity)} · {money(line.market_value)} "
        f"({line.account_number})"
    )


def _transaction_line(line: TransactionLine) -> str:
    what = line.action or line.transaction_sub_type
    amount = f" {quantity(line.quantity)}" if line.quantity else ""
    subject = f" {symbol(line.symbol)}" if line.symbol else ""
    return (
        f"{line.transaction_date:%m-%d} {text(what, 30)}{amount}{subject} · "
        f"{change(line.net_value)}"
    )


def dashboard_embed(board: Dashboard) -> discord.Embed:
    embed = _embed("Dashboard", f"Last synced {when(board.last_synced_at)}")
    for total in board.totals:
        name = f"Total · {total.environment.value} · {total.accounts} account(s)"
        embed.add_field(name=name, value=_totals_value(total)[:FIELD_CHARS], inline=False)
    for account in board.accounts[:MAX_DASHBOARD_ACCOUNTS]:
        name = f"{account.account_number} · {account.nickname or '-'} ({account.environment.value})"
        embed.add_field(
            name=text(name, 256), value=_account_value(account)[:FIELD_CHARS], inline=False
        )
    hidden = len(board.accounts) - MAX_DASHBOARD_ACCOUNTS
    if hidden > 0:
        embed.add_field(name="More accounts", value=f"{hidden} more in the totals", inline=False)
    embed.add_field(
        name="Largest positions",
        value="\n".join(map(_position_line, board.largest_positions))[:FIELD_CHARS]
        or "No open positions.",
        inline=False,
    )
    embed.add_field(
        name="Last 5 transactions",
        value="\n".join(map(_transaction_line, board.recent_transactions))[:FIELD_CHARS]
        or "No transactions yet.",
        inline=False,
    )
    embed.set_footer(text=f"Day change: latest balance vs before {board.today:%Y-%m-%d} (New York)")
    return embed


# positions ---------------------------------------------------------------------------------


def position_label(line: PositionLine) -> str:
    return f"{symbol(line.symbol)} × {quantity(line.quantity)} ({line.account_number})"


def positions_embed(page: Page[PositionLine], underlying: str | None) -> discord.Embed:
    title = f"Positions on {underlying}" if underlying else "Positions"
    embed = _embed(title)
    if not page.items:
        embed.description = (
            f"No open positions on {underlying} in your last sync."
            if underlying
            else "No open positions in your last sync."
        )
    for index, line in enumerate(page.items):
        embed.add_field(
            name=f"{page.number(index)}. {position_label(line)}"[:256],
            value=f"Mark {price(line.mark)} · value {money(line.market_value)} · "
            f"open P&L {change(line.open_gain)}",
            inline=False,
        )
    embed.set_footer(
        text=f"Page {page.page}/{page.pages} · {page.total} position(s) · pick one for details"
    )
    return embed


def position_embed(line: PositionLine) -> discord.Embed:
    embed = _embed(symbol(line.symbol), f"Account {line.account_number} ({line.environment.value})")
    rows = [
        ("Symbol", f"`{text(line.symbol, 64)}`"),
        ("Underlying", text(line.underlying_symbol, 32)),
        ("Type", text(line.instrument_type, 32)),
        ("Quantity", f"{quantity(line.quantity)} ({'short' if line.quantity < 0 else 'long'})"),
        ("Multiplier", str(line.multiplier)),
        ("Average open price", price(line.average_open_price)),
        ("Mark", price(line.mark)),
        ("Cost basis", money(line.cost_basis)),
        ("Market value", money(line.market_value)),
        ("Open P&L (mark vs average open, before fees)", change(line.open_gain)),
        ("Expires", when(line.expires_at, "D") if line.expires_at else "-"),
        ("As of", when(line.as_of, "f")),
    ]
    for name, value in rows:
        embed.add_field(name=name, value=value, inline=True)
    return embed


# transactions ------------------------------------------------------------------------------


def transaction_label(line: TransactionLine) -> str:
    what = line.action or line.transaction_sub_type
    subject = f" {symbol(line.symbol)}" if line.symbol else ""
    return f"{line.transaction_date:%Y-%m-%d} {what}{subject} {change(line.net_value)}"


def transactions_embed(page: Page[TransactionLine], filters: str) -> discord.Embed:
    embed = _embed("Transactions", f"Filters: {text(filters, 300)}" if filters else None)
    if not page.items:
        embed.description = (
            f"No transactions match {text(filters, 300)}." if filters else "No transactions yet."
        )
    for index, line in enumerate(page.items):
        embed.add_field(
            name=f"{page.number(index)}. {text(transaction_label(line), 240)}",
            value=f"{text(line.description, 200) or '-'} · {line.account_number}",
            inline=False,
        )
    embed.set_footer(
        text=f"Page {page.page}/{page.pages} · {page.total} transaction(s) · newest first"
    )
    return embed


def transaction_embed(line: TransactionLine) -> discord.Embed:
    embed = _embed(
        text(transaction_label(line), 256),
        text(line.description, 1000) or None,
    )
    rows = [
        ("Account", f"{line.account_number} ({line.environment.value})"),
        ("Type", text(f"{line.transaction_type} / {line.transaction_sub_type}", 200)),
        ("Action", text(line.action, 60) or "-"),
        ("Symbol", f"`{text(line.symbol, 64)}`" if line.symbol else "-"),
        ("Underlying", text(line.underlying_symbol, 32) or "-"),
        ("Quantity", quantity(line.quantity)),
        ("Price", price(line.price)),
        ("Value", change(line.value)),
        ("Fees", change(line.fees)),
        ("Net value", change(line.net_value)),
        ("Executed", when(line.executed_at, "f")),
        ("Tastytrade id", str(line.tastytrade_id)),
    ]
    for name, value in rows:
        embed.add_field(name=name, value=value, inline=True)
    return embed


# trades and P&L ----------------------------------------------------------------------------


def _scope(scope: Scope) -> str:
    accounts = ", ".join(scope.account_numbers[:6])
    more = f" +{len(scope.account_numbers) - 6}" if len(scope.account_numbers) > 6 else ""
    return f"{scope.environment.value}: {accounts}{more}"


def trade_label(lot: ClosedLot) -> str:
    when_closed = f"{lot.close_date:%Y-%m-%d}"
    return f"{when_closed} {symbol(lot.symbol)} × {quantity(lot.quantity)} {change(lot.realized)}"


def trades_embed(trades: TradeList, page: Page[ClosedLot]) -> discord.Embed:
    embed = _embed(
        f"Closed trades · {trades.period.label}",
        f"{_scope(trades.scope)}\n"
        f"Realized {change(trades.realized)} over {len(trades.lots)} lot(s)",
    )
    if not page.items:
        embed.description = f"{_scope(trades.scope)}\nNo trades closed in {trades.period.label}."
    for index, lot in enumerate(page.items):
        embed.add_field(
            name=f"{page.number(index)}. {trade_label(lot)}"[:256],
            value=f"{lot.side.value} · opened {lot.open_date:%Y-%m-%d} · "
            f"{lot.close_reason.value.replace('_', ' ')} · {lot.account}",
            inline=False,
        )
    embed.set_footer(
        text=f"Page {page.page}/{page.pages} · newest close first · pick one for details"
    )
    return embed


def trade_embed(lot: ClosedLot) -> discord.Embed:
    colour = GAIN_COLOUR if lot.realized >= 0 else LOSS_COLOUR
    embed = discord.Embed(
        title=f"{symbol(lot.symbol)}: {change(lot.realized)}",
        description=f"Account {lot.account} · {lot.side.value} lot",
        colour=colour,
    )
    rows = [
        ("Quantity", quantity(lot.quantity)),
        ("Underlying", text(lot.underlying, 32)),
        ("Opened", f"{lot.open_date:%Y-%m-%d} at {price(lot.open_price)}"),
        ("Closed", f"{lot.close_date:%Y-%m-%d} at {price(lot.close_price)}"),
        ("Closed by", lot.close_reason.value.replace("_", " ")),
        ("Opening cash", change(lot.open_cash_flow)),
        ("Closing cash", change(lot.close_cash_flow)),
        ("Fees", money(lot.fees)),
        ("Realized", change(lot.realized)),
    ]
    for name, value in rows:
        embed.add_field(name=name, value=value, inline=True)
    embed.set_footer(
        text=f"Transactions {lot.open_transaction_id} → {lot.close_transaction_id} · FIFO"
    )
    return embed


def pnl_embed(summary: PnLSummary) -> discord.Embed:
    colour = GAIN_COLOUR if summary.realized >= 0 else LOSS_COLOUR
    embed = discord.Embed(
        title=f"P&L · {summary.period.label}",
        description=(
            f"{_scope(summary.scope)}\n"
            f"**Realized {change(summary.realized)}** (after fees)\n"
            f"Fees paid in the period {money(summary.fees)}\n"
            f"{summary.closed_lots} closed lot(s): {summary.winners} won, {summary.losers} lost\n"
            f"Unrealized now {change(summary.unrealized)}"
        ),
        colour=colour,
    )
    if summary.unmarked_symbols:
        embed.description = (embed.description or "") + (
            f" ({len(summary.unmarked_symbols)} open symbol(s) without a mark)"
        )
    heading = "By underlying" if summary.grouping is Grouping.UNDERLYING else "By month"
    lines = [f"{text(key, 32)}: {change(amount)}" for key, amount in summary.groups]
    if summary.other_groups is not None:
        lines.append(f"Others: {change(summary.other_groups)}")
    embed.add_field(
        name=heading,
        value="\n".join(lines)[:FIELD_CHARS] or f"Nothing closed in {summary.period.label}.",
        inline=False,
    )
    embed.add_field(
        name="Not trade P&L",
        value=f"Dividends {change(summary.dividends)} · interest {change(summary.interest)}",
        inline=False,
    )
    if summary.anomalies:
        embed.set_footer(
            text=f"{summary.anomalies} row(s) could not be matched to an opening "
            "(history before your first sync?) and are left out."
        )
    return embed
