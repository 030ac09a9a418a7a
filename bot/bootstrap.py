"""One bootstrap that builds the bot and its dependencies from settings."""

from __future__ import annotations

from bot.bot import BotOptions, Tastybot
from bot.settings import Settings


def build_bot(settings: Settings, options: BotOptions | None = None) -> Tastybot:
    """The bot with everything wired; the spaCy pipeline is loaded off the event loop."""
    import nlp

    options = options or BotOptions()
    options.warm_ups.append(nlp.warm_up)
    return Tastybot(settings, options)
