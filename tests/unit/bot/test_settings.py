"""Settings: the only reader of the environment; bad values name the variable, not the value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import RunMode, load_settings
from services.errors import ConfigurationError


def test_defaults_use_embedded_sqlite_in_the_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)

    settings = load_settings(_env_file=None, TASTYBOT_DATA_DIR="somewhere")

    assert settings.effective_database_url == f"sqlite://{Path('somewhere') / 'tastybot.sqlite3'}"
    assert settings.mode is RunMode.REAL
    assert settings.discord_token is None


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db.example:5432/tb")
    monkeypatch.setenv("PORT", "5055")
    monkeypatch.setenv("LOG_LEVEL", "debug")

    settings = load_settings(_env_file=None)

    assert settings.effective_database_url == "postgres://u@db.example:5432/tb"
    assert settings.web_port == 5055
    assert settings.log_level == "DEBUG"


def test_secrets_never_appear_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "super-secret-token-value")
    monkeypatch.setenv("TASTYBOT_SECRET_KEY", "another-secret-value")

    settings = load_settings(_env_file=None)

    assert "super-secret-token-value" not in repr(settings)
    assert "another-secret-value" not in str(settings.model_dump())
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "super-secret-token-value"


@pytest.mark.parametrize(
    "url",
    ["mysql://root@localhost/db", "not a url", "postgres:///no-host", "http://x/y"],
)
def test_malformed_database_url_is_named_without_its_value(url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_settings(_env_file=None, DATABASE_URL=url)

    assert caught.value.user_message.startswith("DATABASE_URL")
    assert "root@localhost" not in caught.value.user_message


def test_out_of_range_port_is_reported() -> None:
    with pytest.raises(ConfigurationError, match="WEB_PORT"):
        load_settings(_env_file=None, WEB_PORT=70000)


def test_postgresql_scheme_is_accepted_and_normalised() -> None:
    from services.db.setup import normalise_url

    settings = load_settings(_env_file=None, DATABASE_URL="postgresql://u@h:5432/d")

    assert normalise_url(settings.effective_database_url) == "postgres://u@h:5432/d"
