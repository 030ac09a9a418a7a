"""A simulated Discord (dpytest's backend) for the demo and the end-to-end tests.

The real bot and cogs run unchanged; dpytest replaces the gateway and HTTP layers, so a
message "typed" here goes through discord.py's normal command processing.
"""

from __future__ import annotations

import asyncio
import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
import discord.ext.test as dpytest
from discord.ext import commands
from discord.ext.test import backend as dpytest_backend
from discord.ext.test import factories as dpytest_factories
from discord.ext.test import runner as dpytest_runner

_MENTION = re.compile(r"<(@[!&]?|#)(\d+)>")


@dataclass
class Exchange:
    """One message typed by a user and everything the bot sent in answer."""

    author: str
    content: str
    replies: list[discord.Message] = field(default_factory=list)
    error: BaseException | None = None
    in_dm: bool = False


def _keep_text_beside_files() -> None:
    """dpytest reads a message's text from the JSON payload, which discord.py leaves empty when
    a file goes along (the text then travels as the multipart ``payload_json``): without this,
    a chart's one-line summary would vanish from the transcript."""
    original = discord.abc.handle_message_parameters
    if getattr(original, "keeps_text", False):
        return

    def keep(*args: Any, **kwargs: Any) -> Any:
        params = original(*args, **kwargs)
        if params.payload is None and params.multipart:
            part = next(p for p in params.multipart if p["name"] == "payload_json")
            return params._replace(payload=json.loads(part["value"]))
        return params

    keep.keeps_text = True  # type: ignore[attr-defined]
    discord.abc.handle_message_parameters = keep


def _keep_files_on_edit() -> None:
    """dpytest's edit ignores files (and fails on the multipart form discord.py sends with
    them): an edit that adds an attachment (``Message.add_files``) keeps the attachments the
    message had and adds the new ones, written to disk as dpytest does for sent files."""
    original = dpytest_backend.edit_message
    if getattr(original, "keeps_files", False):
        return

    def edit(message: discord.Message, **fields: Any) -> Any:
        params = fields.get("params")
        if params is None or params.payload is not None or not params.multipart:
            return original(message, **fields)
        part = next(p for p in params.multipart if p["name"] == "payload_json")
        payload = json.loads(part["value"])
        kept = [a for a in payload.get("attachments", ()) if "url" in a]
        for file in params.files or ():
            path = Path(f"./dpytest_edit_{dpytest_factories.make_id()}.dat")
            if file.fp.seekable():
                file.fp.seek(0)
            path.write_bytes(file.fp.read())
            added = dpytest_factories.make_attachment_dict(
                file.filename,
                path.stat().st_size,
                path.absolute().as_uri(),
                path.absolute().as_uri(),
            )
            kept.append({**added, "description": file.description})
        payload["attachments"] = kept
        return original(message, params=params._replace(payload=payload))

    edit.keeps_files = True  # type: ignore[attr-defined]
    dpytest_backend.edit_message = edit


class PressResponse:
    """The part of ``discord.InteractionResponse`` the bot's views use, recording calls."""

    def __init__(self) -> None:
        self.edited: dict[str, Any] | None = None
        self.sent: str | None = None

    async def edit_message(self, **kwargs: Any) -> None:
        self.edited = kwargs

    async def send_message(self, content: str, **kwargs: Any) -> None:
        self.sent = content


class Press:
    """A button press by ``user`` (dpytest has no interactions: this stands in for one)."""

    def __init__(self, user: discord.abc.User, message: discord.Message | None = None) -> None:
        self.user = user
        self.message = message
        self.response = PressResponse()


async def press(view: discord.ui.View, label: str, user: discord.abc.User) -> Press:
    """Press the button whose label starts with ``label`` as ``user`` (refused presses stop at
    the view's owner check, as on Discord)."""
    interaction = Press(user)
    if not await view.interaction_check(interaction):  # type: ignore[arg-type]
        return interaction
    button = next(
        (
            item
            for item in view.children
            if isinstance(item, discord.ui.Button) and (item.label or "").startswith(label)
        ),
        None,
    )
    if button is None:
        raise LookupError(f"no button labelled {label!r}")
    await button.callback(interaction)  # type: ignore[arg-type]
    return interaction


class SimulatedDiscord:
    """Drives a configured bot: one guild, one text channel, members who type messages."""

    def __init__(self, bot: commands.Bot, *, members: list[str] | None = None) -> None:
        self.bot = bot
        _keep_text_beside_files()
        _keep_files_on_edit()
        dpytest.configure(bot, members=members or ["trader"])
        self.config = dpytest.get_config()

    @property
    def channel(self) -> discord.TextChannel:
        channel = self.config.channels[0]
        assert isinstance(channel, discord.TextChannel)
        return channel

    def view_of(self, message: discord.Message) -> discord.ui.View | None:
        """The view sent with ``message`` while it still listens (dpytest drops components,
        discord.py keeps the view)."""
        store = self.bot._connection._view_store
        view = store._synced_message_views.get(message.id)
        return view if isinstance(view, discord.ui.View) else None

    async def press_latest(
        self, exchange: Exchange, label: str, *, member: int = 0
    ) -> tuple[discord.Message, Press] | None:
        """Press ``label`` on the newest reply of ``exchange`` that carries a view; the message
        pressed and the press."""
        for message in reversed(exchange.replies):
            view = self.view_of(message)
            if view is not None and any(
                isinstance(item, discord.ui.Button) and (item.label or "").startswith(label)
                for item in view.children
            ):
                return message, await press(view, label, self.member(member))
        return None

    def member(self, index: int = 0) -> discord.Member:
        member: discord.Member = self.config.members[index]
        return member

    async def send(self, content: str, *, member: int = 0, dm: bool = False) -> Exchange:
        """Type ``content`` as a member in the text channel (or, with ``dm``, in the member's
        direct messages with the bot); collect the bot's replies."""
        await dpytest.empty_queue()
        author = self.member(member)
        exchange = Exchange(author=author.name, content=content, in_dm=dm)
        channel = await author.create_dm() if dm else self.channel
        try:
            await dpytest.message(content, channel=channel, member=author)
        except commands.CommandError as exc:
            # dpytest re-raises command errors after our error handler has replied.
            exchange.error = exc
        exchange.replies.extend(await self.sent_by_bot())
        return exchange

    async def sent_by_bot(self) -> list[discord.Message]:
        """What the bot sent since the last look (its replies, or what it sent on its own)."""
        await dpytest.run_all_events()
        await asyncio.sleep(0)
        queue = dpytest_runner.sent_queue
        sent: list[discord.Message] = []
        while not queue.empty():
            sent.append(queue.get_nowait())
        return sent

    async def close(self) -> None:
        """Drain pending events and detach the fake gateway so ``bot.close()`` can finish."""
        await dpytest.empty_queue()
        self.bot.ws = None  # type: ignore[assignment]  # dpytest's fake socket cannot close


def render_message(message: discord.Message, *, width: int = 78) -> str:
    """A message as readable text: its content, then each embed as an indented block."""
    parts: list[str] = []
    if message.content:
        parts.append(_MENTION.sub(lambda m: f"<{m.group(1)}…>", message.content))
    for embed in message.embeds:
        parts.append(render_embed(embed, width=width))
    for attachment in message.attachments:
        parts.append(f"[attachment: {attachment.filename}]")
    return "\n".join(parts) if parts else "(empty message)"


def render_embed(embed: discord.Embed, *, width: int = 78) -> str:
    inner = width - 4
    lines: list[str] = []
    if embed.title:
        lines.append(f"== {embed.title} ==")
    if embed.description:
        lines.extend(_wrap(embed.description, inner))
    for embed_field in embed.fields:
        lines.append(f"- {embed_field.name}:")
        lines.extend("    " + line for line in _wrap(str(embed_field.value), inner - 4))
    if embed.footer and embed.footer.text:
        lines.append(f"({embed.footer.text})")
    border = "+" + "-" * (width - 2) + "+"
    return "\n".join([border, *(f"| {line}" for line in lines), border])


def _wrap(text: str, width: int) -> list[str]:
    out: list[str] = []
    for paragraph in str(text).splitlines() or [""]:
        out.extend(textwrap.wrap(paragraph, width) or [""])
    return out


async def save_attachments(message: discord.Message, directory: Path) -> list[Path]:
    """Save a bot message's files (dpytest keeps their bytes) into ``directory``."""
    saved = []
    for attachment in message.attachments:
        target = directory / Path(attachment.filename).name
        data = await attachment.read()
        await asyncio.to_thread(_write_file, target, data)
        saved.append(target)
    return saved


def _write_file(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
