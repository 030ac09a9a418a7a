"""One bootstrap that builds the bot and its dependencies from settings."""

from __future__ import annotations

from bot.bot import BotOptions, Tastybot
from bot.settings import Settings
from services.parsing import warm_up_parser
from services.vault import Vault, load_keys


def build_vault(settings: Settings) -> Vault:
    """The vault from TASTYBOT_SECRET_KEY, or from a key file generated on the first run."""
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    keys, _generated = load_keys(secret, settings.data_dir)
    return Vault(keys)


def build_bot(settings: Settings, options: BotOptions | None = None) -> Tastybot:
    """The bot with everything wired; the spaCy pipeline is loaded off the event loop."""
    options = options or BotOptions()
    options.warm_ups.append(warm_up_parser)
    return Tastybot(settings, options, vault=build_vault(settings))


async def rotate_vault_key(settings: Settings) -> tuple[int, str]:
    """Make a new primary key (key file) or use the first of TASTYBOT_SECRET_KEY, then
    re-encrypt every stored secret under it. Returns (secrets re-encrypted, where the key is)."""
    from services.db import close_db, init_db
    from services.vault import rotate_all_secrets, rotate_key_file

    if settings.secret_key is None or not settings.secret_key.get_secret_value().strip():
        keys = rotate_key_file(settings.data_dir)
        where = f"new key added to the key file in {settings.data_dir}"
    else:
        keys, _ = load_keys(settings.secret_key.get_secret_value(), settings.data_dir)
        where = "first key of TASTYBOT_SECRET_KEY; you can now remove the old keys from it"
    vault = Vault(keys)
    await init_db(settings.effective_database_url)
    try:
        count = await rotate_all_secrets(vault)
    finally:
        await close_db()
    return count, where
