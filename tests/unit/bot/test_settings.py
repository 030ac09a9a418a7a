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


@pytest.mark.parametrize("value", [-1, 33, "two", "1.5", "9" * 40])
def test_a_bad_order_worker_count_is_named(value: object) -> None:
    with pytest.raises(ConfigurationError, match="ORDER_WORKERS"):
        load_settings(_env_file=None, ORDER_WORKERS=value)


def test_order_workers_default_to_none_and_read_a_count() -> None:
    assert load_settings(_env_file=None).order_workers == 0
    assert load_settings(_env_file=None, ORDER_WORKERS="4").order_workers == 4


def test_postgresql_scheme_is_accepted_and_normalised() -> None:
    from services.db.setup import normalise_url

    settings = load_settings(_env_file=None, DATABASE_URL="postgresql://u@h:5432/d")

    assert normalise_url(settings.effective_database_url) == "postgres://u@h:5432/d"


def test_the_database_url_is_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://tb:pg-password-1@db.example:5432/tb")

    settings = load_settings(_env_file=None)

    assert "pg-password-1" not in repr(settings)
    assert "pg-password-1" not in str(settings.model_dump())
    assert settings.effective_database_url.endswith("@db.example:5432/tb")


@pytest.mark.parametrize(
    "url",
    [
        "postgres://u:pw-secret@db.example:notaport/tb",
        "postgres://u:pw-secret@db.example:99999/tb",
        "postgres://u:pw-secret@db.example:5432/tb?sslmode=sometimes",
    ],
)
def test_a_malformed_port_or_sslmode_is_one_clear_error(url: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        load_settings(_env_file=None, DATABASE_URL=url)

    assert caught.value.user_message.startswith("DATABASE_URL")
    assert "pw-secret" not in caught.value.user_message


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://tastybot.example",
        "https://",
        "https://user:pw@tastybot.example",
        "https://tastybot.example/?next=evil",
        "https://tastybot.example:notaport",
    ],
)
def test_public_base_url_must_be_a_plain_web_url(url: str) -> None:
    with pytest.raises(ConfigurationError, match="PUBLIC_BASE_URL"):
        load_settings(_env_file=None, PUBLIC_BASE_URL=url)


def test_real_mode_names_every_unsafe_setting() -> None:
    settings = load_settings(_env_file=None, PUBLIC_BASE_URL="http://tastybot.example")

    with pytest.raises(ConfigurationError) as caught:
        settings.require_safe_for_real()

    assert "TASTYBOT_SECRET_KEY" in caught.value.user_message
    assert "PUBLIC_BASE_URL must be an https://" in caught.value.user_message
    assert not settings.sends_hsts


def test_real_mode_with_a_key_and_https_is_accepted_and_sends_hsts() -> None:
    settings = load_settings(
        _env_file=None,
        TASTYBOT_SECRET_KEY="a-key",
        PUBLIC_BASE_URL="https://tastybot.example/",
    )

    settings.require_safe_for_real()
    assert settings.sends_hsts
    assert settings.web_base_url == "https://tastybot.example"


def test_demo_mode_needs_neither() -> None:
    settings = load_settings(_env_file=None, TASTYBOT_MODE="demo")

    settings.require_safe_for_real()
    assert not settings.sends_hsts


@pytest.mark.parametrize(
    ("mode", "url", "message"),
    [
        ("real", "http://127.0.0.1:8700", "only with TASTYBOT_MODE=demo"),
        ("demo", "https://api.tastyworks.com", "loopback"),
        ("demo", "http://10.1.2.3:8700", "loopback"),
    ],
)
def test_a_tastytrade_base_url_is_demo_and_loopback_only(mode: str, url: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        load_settings(_env_file=None, TASTYBOT_MODE=mode, TASTYTRADE_BASE_URL=url)


def test_heroku_postgres_url_with_sslmode_becomes_tls_credentials() -> None:
    from services.db.setup import COMMAND_TIMEOUT_S, postgres_credentials

    url = "postgres://u%40x:p%2Fw@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d8x?sslmode=require"
    settings = load_settings(_env_file=None, DATABASE_URL=url)

    credentials = postgres_credentials(settings.effective_database_url)

    assert credentials["ssl"] == "require"
    assert credentials["host"] == "ec2-1-2-3-4.compute-1.amazonaws.com"
    assert (credentials["user"], credentials["password"]) == ("u@x", "p/w")
    assert credentials["database"] == "d8x"
    assert credentials["command_timeout"] == COMMAND_TIMEOUT_S
