"""The composition root builds the notifier, the mailer (only with SMTP_URL) and the
verification route; a malformed SMTP_URL stops start-up naming the variable only."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bootstrap import build_bot
from bot.notify_dm import DiscordDirectMessenger
from bot.settings import Settings, load_settings
from services.errors import ConfigurationError
from services.notify import NotificationService, SmtpMailer
from services.status import StatusBoard
from web_status import create_app
from web_status._routes_email import add_email_routes


def _settings(tmp_path: Path, **extra: object) -> Settings:
    return load_settings(
        _env_file=None, TASTYBOT_DATA_DIR=tmp_path, TASTYBOT_MODE="demo", WEB_PORT=0, **extra
    )


def test_without_smtp_the_notifier_has_dm_but_no_mailer(tmp_path: Path) -> None:
    bot = build_bot(_settings(tmp_path))

    assert isinstance(bot.notifier, NotificationService)
    assert isinstance(bot.notifier.messenger, DiscordDirectMessenger)
    assert bot.mailer is None and bot.notifier.mailer is None
    assert add_email_routes in bot.web_features


def test_smtp_url_builds_the_mailer_shared_by_notifier_and_email(tmp_path: Path) -> None:
    bot = build_bot(
        _settings(
            tmp_path, SMTP_URL="smtps://bot:pw@mail.example.com", SMTP_FROM="Bot <b@example.com>"
        )
    )

    assert isinstance(bot.mailer, SmtpMailer)
    assert isinstance(bot.notifier, NotificationService) and bot.notifier.mailer is bot.mailer
    assert (bot.mailer.config.hostname, bot.mailer.config.port) == ("mail.example.com", 465)
    assert bot.notifier.base_url == bot.settings.web_base_url


def test_a_malformed_smtp_url_is_named_and_not_shown(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as raised:
        _settings(tmp_path, SMTP_URL="ftp://bot:hunter2@mail.example.com")

    assert "SMTP_URL" in raised.value.user_message
    assert "hunter2" not in raised.value.user_message


def test_the_verification_route_is_served_by_the_app(tmp_path: Path) -> None:
    bot = build_bot(_settings(tmp_path))

    async def reachable() -> bool:
        return True

    app = create_app(
        StatusBoard(version="t", environment="demo", database_kind="sqlite"),
        db_check=reachable,
        features=bot.web_features,
    )

    paths = {resource.canonical for resource in app.router.resources()}
    assert "/email/verify" in paths
