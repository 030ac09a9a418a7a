"""How signal rules look in Discord: one rule, a page of rules, a test, a firing's preview."""

from __future__ import annotations

from datetime import datetime

import discord

from cogs._common import BRAND_COLOUR
from services.portfolio import Page
from services.signals import RuleTest, RuleView

FIELD_CHARS = 1024  # Discord's limit for an embed field's value
LABEL_CHARS = 100  # Discord's limit for a select option's label
ADD_HELP = (
    "Rules read `when <condition> then <order>`: a price (`above 520`, `crosses below 580`), "
    "the gamma flip, the call or put wall, or total GEX (`turns negative`). `atm` in the "
    "order is the listed strike nearest the price when the rule fires."
)


def _clip(text: str, limit: int = FIELD_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def _when(moment: datetime | None) -> str:
    return "never" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def mode_text(rule: RuleView) -> str:
    return (
        "auto-execute (placed when inside your risk limits)"
        if rule.auto_execute
        else "preview by DM to confirm"
    )


def state_text(rule: RuleView) -> str:
    if rule.paused:
        return "paused"
    return "armed" if rule.armed else "waiting for the condition to clear"


def rule_label(rule: RuleView) -> str:
    return _clip(f"#{rule.id} {rule.condition}", LABEL_CHARS)


def rule_line(rule: RuleView) -> str:
    flags = ["auto" if rule.auto_execute else "confirm", state_text(rule)]
    if rule.last_outcome:
        flags.append(f"last: {rule.last_outcome.replace('_', ' ')}")
    return f"**#{rule.id}** {rule.condition} → {_code(rule.order_text)} · {' · '.join(flags)}"


def rule_embed(rule: RuleView, title: str | None = None) -> discord.Embed:
    """One rule: its condition, order, mode, state and last firing."""
    embed = discord.Embed(title=title or f"Signal rule #{rule.id}", colour=BRAND_COLOUR)
    embed.add_field(name="When", value=_clip(rule.condition), inline=False)
    embed.add_field(name="Then", value=_clip(_code(rule.order_text)), inline=False)
    embed.add_field(name="Mode", value=mode_text(rule))
    embed.add_field(name="State", value=state_text(rule))
    embed.add_field(name="Cooldown", value=f"{rule.cooldown_seconds // 60} min")
    fired = _when(rule.last_fired_at)
    if rule.last_outcome:
        fired += f" ({rule.last_outcome.replace('_', ' ')})"
    embed.add_field(name="Last fired", value=fired)
    embed.set_footer(text=_clip(f"You typed: {rule.text}", 2048))
    return embed


def rules_embed(page: Page[RuleView]) -> discord.Embed:
    """A page of the trader's rules."""
    if not page.items:
        return discord.Embed(
            title="Your signal rules",
            description=f"You have no signal rules. Add one with `/signal add`.\n{ADD_HELP}",
            colour=BRAND_COLOUR,
        )
    embed = discord.Embed(
        title="Your signal rules",
        description=_clip("\n".join(rule_line(rule) for rule in page.items), 4096),
        colour=BRAND_COLOUR,
    )
    noun = "rule" if page.total == 1 else "rules"
    embed.set_footer(text=f"{page.total} {noun} · page {page.page} of {page.pages}")
    return embed


def _figure(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"${value:,.0f} per 1%"
    return f"{value}"


def test_embed(tested: RuleTest) -> discord.Embed:
    """What the rule would do with the levels now (nothing was ordered)."""
    evaluation, observation = tested.evaluation, tested.observation
    if evaluation.fire:
        verdict = "It would fire now."
    elif evaluation.holds:
        verdict = f"The condition holds, but it would not fire ({evaluation.reason})."
    elif evaluation.holds is None:
        verdict = f"It cannot be evaluated now ({evaluation.reason})."
    else:
        verdict = f"The condition does not hold ({evaluation.reason})."
    embed = discord.Embed(
        title=f"Signal rule #{tested.rule.id}: test",
        description=f"{tested.rule.condition}\n**{verdict}** Nothing was ordered.",
        colour=BRAND_COLOUR,
    )
    embed.add_field(name="Watched", value=_figure(evaluation.value))
    embed.add_field(name="Level", value=_figure(evaluation.level))
    embed.add_field(name="State", value=state_text(tested.rule))
    embed.add_field(name="Would send", value=_clip(_code(tested.order_text)), inline=False)
    embed.set_footer(text=f"{observation.underlying} levels as of {_when(observation.as_of)}")
    return embed
