"""The one place where errors become replies: domain errors are explained, the rest logged."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from discord.ext import commands

from cogs._common import reply, usage
from services.errors import TastybotError

log = logging.getLogger(__name__)


def new_reference() -> str:
    """A short id the user can quote and we can grep for in the logs."""
    return secrets.token_hex(4)


class ErrorHandler(commands.Cog):
    """Maps command errors to short replies and logs unexpected ones with a reference id."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_command_error(
        self, ctx: commands.Context[Any], error: commands.CommandError
    ) -> None:
        cause: BaseException = error
        while isinstance(cause, commands.CommandInvokeError | commands.HybridCommandError):
            cause = cause.original
        message = self._message_for(ctx, cause)
        if message is None:
            reference = new_reference()
            log.error(
                "unexpected error in command %s (ref %s)",
                ctx.command.qualified_name if ctx.command else "?",
                reference,
                exc_info=(type(cause), cause, cause.__traceback__),
            )
            record_error = getattr(getattr(self.bot, "status_board", None), "record_error", None)
            if record_error is not None:
                record_error()
            message = (
                "Sorry, something went wrong on our side. "
                f"If it keeps happening, quote reference `{reference}`."
            )
        await reply(ctx, message)

    def _message_for(self, ctx: commands.Context[Any], error: BaseException) -> str | None:
        prefix = ctx.clean_prefix or "!"
        if isinstance(error, TastybotError):
            return error.user_message
        if isinstance(error, commands.CommandNotFound):
            return f"I don't know that command. Type `{prefix}help` to see what I can do."
        if isinstance(error, commands.MissingRequiredArgument):
            return f"Missing `{error.param.name}`. Usage: {usage(ctx)}"
        if isinstance(error, commands.TooManyArguments):
            return f"Too many arguments. Usage: {usage(ctx)}"
        if isinstance(error, commands.RangeError):
            return f"Choose a number from {error.minimum} to {error.maximum}. Usage: {usage(ctx)}"
        if isinstance(error, commands.UserInputError):
            return f"That input doesn't look right. Usage: {usage(ctx)}"
        if isinstance(error, commands.NoPrivateMessage):
            return "That command only works in a server."
        if isinstance(error, commands.PrivateMessageOnly):
            return "That command only works in a DM with me."
        if isinstance(error, commands.MissingPermissions):
            return "You need the Manage Server permission for that."
        if isinstance(error, commands.CommandOnCooldown):
            return f"Slow down a little: try again in {error.retry_after:.0f}s."
        if isinstance(error, commands.CheckFailure):
            return "You can't use that command here."
        if isinstance(error, commands.DisabledCommand):
            return "That command is switched off."
        return None
