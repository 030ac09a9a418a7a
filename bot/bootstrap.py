"""One bootstrap that builds the bot and its dependencies from settings."""

from __future__ import annotations

from dataclasses import dataclass

from bot.bot import BotOptions, Tastybot
from bot.notify_dm import DiscordDirectMessenger
from bot.settings import Settings
from services.notify import NotificationService, SmtpMailer, parse_smtp_url
from services.parsing import warm_up_parser
from services.vault import Vault, load_keys
from web_status._routes_email import add_email_routes


def vault_keys(settings: Settings) -> list[str]:
    """The vault's keys from TASTYBOT_SECRET_KEY, or from a key file generated on the first run
    (demo only: real mode requires TASTYBOT_SECRET_KEY, see ``Settings.require_safe_for_real``)."""
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    keys, _generated = load_keys(secret, settings.data_dir)
    return keys


def build_vault(settings: Settings) -> Vault:
    """The vault on :func:`vault_keys`."""
    return Vault(vault_keys(settings))


def build_bot(settings: Settings, options: BotOptions | None = None) -> Tastybot:
    """The bot with everything wired; the spaCy pipeline is loaded off the event loop.

    In real mode, unsafe settings stop here with a ConfigurationError naming each of them.
    """
    settings.require_safe_for_real()
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    options = options or BotOptions()
    options.warm_ups.append(warm_up_parser)
    keys = vault_keys(settings)
    bot = Tastybot(settings, options, vault=Vault(keys), vault_keys=keys)
    wire_notifications(bot, settings)
    add_oauth_pages(bot)
    add_download_pages(bot)
    return bot


def add_download_pages(bot: Tastybot) -> None:
    """``/download/<token>``: the single-use links that ``/export`` hands out, signed with a
    key the vault derives for that purpose."""
    from services.reports.exports import LinkSigner
    from web_status._routes_download import DownloadWeb, download_routes

    if bot.vault is not None:
        bot.web_features.append(download_routes(DownloadWeb(LinkSigner.from_vault(bot.vault))))


def add_oauth_pages(bot: Tastybot) -> None:
    """The OAuth start and callback pages; a link made there is announced to the cogs as the
    ``tastytrade_linked`` event (the linking cog DMs the trader), so web_status needs no
    Discord."""
    from services.linking import LinkingContext, LinkResult
    from web_status._routes_oauth import OAuthWeb, oauth_routes

    async def announce_link(result: LinkResult) -> None:
        bot.dispatch("tastytrade_linked", result)

    context = LinkingContext(
        vault=bot.vault, route=bot.broker_route, oauth_clients=bot.oauth_clients
    )
    bot.web_features.append(oauth_routes(OAuthWeb(context, bot.public_url, announce_link)))


def wire_notifications(bot: Tastybot, settings: Settings) -> None:
    """The mailer (when SMTP_URL is set), the notifier (inbox, DM, email) and the email
    verification route; a malformed SMTP_URL stops start-up with a ConfigurationError."""
    smtp_url = settings.smtp_url.get_secret_value() if settings.smtp_url else ""
    if smtp_url.strip():
        bot.mailer = SmtpMailer(parse_smtp_url(smtp_url), settings.smtp_from)
    bot.notifier = NotificationService(
        messenger=DiscordDirectMessenger(bot), mailer=bot.mailer, base_url=settings.web_base_url
    )
    bot.web_features.append(add_email_routes)


@dataclass(frozen=True)
class KeyRotation:
    """What ``tastybot rotate-key`` did."""

    reencrypted: int
    where: str
    retired: int = 0


async def rotate_vault_key(settings: Settings, *, retire: bool = False) -> KeyRotation:
    """Without ``retire``: make a new primary key (key file) or use the first of
    TASTYBOT_SECRET_KEY, then re-encrypt every stored secret under it.

    With ``retire``: check that every stored secret opens under the primary key alone, then
    drop the older keys from the key file (with TASTYBOT_SECRET_KEY, say which to remove).
    Refuses, changing nothing, while any secret still needs an older key.
    """
    from services.db import close_db, init_db
    from services.errors import ConfigurationError
    from services.vault import (
        retire_old_keys,
        rotate_all_secrets,
        rotate_key_file,
        secrets_needing_rotation,
    )

    secret = settings.secret_key.get_secret_value().strip() if settings.secret_key else ""
    uses_key_file = not secret
    await init_db(settings.effective_database_url)
    try:
        if retire:
            keys, _ = load_keys(secret or None, settings.data_dir)
            pending = await secrets_needing_rotation(Vault(keys))
            if pending:
                raise ConfigurationError(
                    f"{pending} stored secret(s) still need an older key; run "
                    "`tastybot rotate-key` first, then retire"
                )
            if uses_key_file:
                removed = retire_old_keys(settings.data_dir)
                return KeyRotation(0, f"key file in {settings.data_dir}", retired=removed)
            return KeyRotation(
                0,
                "every secret reads with the first key of TASTYBOT_SECRET_KEY; remove the "
                "others from it and restart",
                retired=len(keys) - 1,
            )
        if uses_key_file:
            keys = rotate_key_file(settings.data_dir)
            where = f"new key added to the key file in {settings.data_dir}"
        else:
            keys, _ = load_keys(secret, settings.data_dir)
            where = (
                "first key of TASTYBOT_SECRET_KEY; run `tastybot rotate-key --retire` to "
                "check, then remove the old keys from it"
            )
        count = await rotate_all_secrets(Vault(keys))
        return KeyRotation(count, where)
    finally:
        await close_db()
