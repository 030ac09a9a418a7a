"""The only module that reads the environment (and `.env`).

Secrets have no defaults; a missing one is reported by the command that needs it.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.broker.routing import OAuthClient
from services.broker.transport import is_loopback_url
from services.db.setup import database_kind
from services.environment import Environment
from services.errors import ConfigurationError
from services.notify.mailer import parse_smtp_url

DEFAULT_DATA_DIR = Path("data")


class RunMode(StrEnum):
    REAL = "real"
    DEMO = "demo"


class Settings(BaseSettings):
    """Tastybot's configuration. `.env.example` documents every variable."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        case_sensitive=False,
    )

    discord_token: SecretStr | None = Field(default=None, alias="DISCORD_TOKEN")
    discord_guild_id: int | None = Field(default=None, alias="DISCORD_GUILD_ID")
    command_prefix: str = Field(default="!", alias="COMMAND_PREFIX", min_length=1, max_length=5)
    # A SecretStr: a Postgres URL carries its password.
    database_url: SecretStr | None = Field(default=None, alias="DATABASE_URL")
    # How long start-up keeps retrying an unreachable database (the web page answers 503
    # meanwhile) before it stops with one line.
    database_wait_seconds: float = Field(default=30.0, ge=0, le=3600, alias="DATABASE_WAIT_SECONDS")
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, alias="TASTYBOT_DATA_DIR")
    secret_key: SecretStr | None = Field(default=None, alias="TASTYBOT_SECRET_KEY")
    web_host: str = Field(default="127.0.0.1", alias="WEB_HOST")
    web_port: int = Field(
        default=8080, ge=0, le=65535, validation_alias=AliasChoices("WEB_PORT", "PORT")
    )
    public_base_url: str | None = Field(default=None, alias="PUBLIC_BASE_URL")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", alias="LOG_LEVEL"
    )
    mode: RunMode = Field(default=RunMode.REAL, alias="TASTYBOT_MODE")
    # Demo only: the loopback root of a local Tastytrade (the simulator). Refused in real mode.
    tastytrade_base_url: str | None = Field(default=None, alias="TASTYTRADE_BASE_URL")
    # The operator's Tastytrade OAuth clients (partner approval); without one, traders link
    # personal grants only. Production and sandbox clients are separate.
    oauth_client_id: str | None = Field(default=None, alias="TASTYTRADE_OAUTH_CLIENT_ID")
    oauth_client_secret: SecretStr | None = Field(
        default=None, alias="TASTYTRADE_OAUTH_CLIENT_SECRET"
    )
    sandbox_oauth_client_id: str | None = Field(
        default=None, alias="TASTYTRADE_SANDBOX_OAUTH_CLIENT_ID"
    )
    sandbox_oauth_client_secret: SecretStr | None = Field(
        default=None, alias="TASTYTRADE_SANDBOX_OAUTH_CLIENT_SECRET"
    )
    # Outgoing email: smtp://user:password@host:587 (STARTTLS) or smtps://...:465. SECRET.
    smtp_url: SecretStr | None = Field(default=None, alias="SMTP_URL")
    smtp_from: str = Field(default="Tastybot <tastybot@localhost>", alias="SMTP_FROM")
    # How many traders' syncs run at once when the bot starts (sync on launch).
    sync_on_launch_concurrency: int = Field(
        default=4, ge=1, le=64, alias="SYNC_ON_LAUNCH_CONCURRENCY"
    )
    # Worker processes that run the order pipeline's steps (0: in the bot's own process). A
    # burst of orders then uses every core (see services/orders/workers.py).
    order_workers: int = Field(default=0, ge=0, le=32, alias="ORDER_WORKERS")

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value():
            try:
                database_kind(value.get_secret_value())
            except ConfigurationError as exc:
                raise ValueError(exc.user_message) from None
        return value

    @field_validator("smtp_url")
    @classmethod
    def _check_smtp_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value().strip():
            try:
                parse_smtp_url(value.get_secret_value())
            except ConfigurationError as exc:
                raise ValueError(exc.user_message) from None
        return value

    @field_validator("public_base_url")
    @classmethod
    def _check_public_base_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - raises ValueError on a malformed port
        except ValueError:
            raise ValueError("PUBLIC_BASE_URL is not a valid URL") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("PUBLIC_BASE_URL must be an http:// or https:// URL with a host")
        if parts.username or parts.password or parts.query or parts.fragment:
            raise ValueError("PUBLIC_BASE_URL must not carry credentials, a query or a fragment")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _check_broker_override(self) -> Settings:
        if self.tastytrade_base_url is not None:
            if self.mode is not RunMode.DEMO:
                raise ValueError("TASTYTRADE_BASE_URL is allowed only with TASTYBOT_MODE=demo")
            if not is_loopback_url(self.tastytrade_base_url):
                raise ValueError("TASTYTRADE_BASE_URL must be a loopback http(s) address")
        return self

    def oauth_clients(self) -> dict[Environment, OAuthClient]:
        """The configured OAuth clients by environment (a client needs its id and secret)."""
        pairs = {
            Environment.PRODUCTION: (self.oauth_client_id, self.oauth_client_secret),
            Environment.SANDBOX: (self.sandbox_oauth_client_id, self.sandbox_oauth_client_secret),
        }
        return {
            environment: OAuthClient(client_id=client_id, client_secret=secret)
            for environment, (client_id, secret) in pairs.items()
            if client_id and secret is not None and secret.get_secret_value()
        }

    def real_mode_problems(self) -> list[str]:
        """What makes these settings unsafe for real credentials (empty in demo mode)."""
        if self.mode is not RunMode.REAL:
            return []
        problems = []
        if self.secret_key is None or not self.secret_key.get_secret_value().strip():
            problems.append(
                "TASTYBOT_SECRET_KEY must be set in real mode (a key file generated beside the "
                "database would be lost or copied with it)"
            )
        if self.public_base_url is None or urlsplit(self.public_base_url).scheme != "https":
            problems.append(
                "PUBLIC_BASE_URL must be an https:// URL in real mode (OAuth callbacks and "
                "download links carry one-time secrets)"
            )
        return problems

    def require_safe_for_real(self) -> None:
        """Raise a ConfigurationError naming every unsafe setting when in real mode."""
        problems = self.real_mode_problems()
        if problems:
            raise ConfigurationError("; ".join(problems))

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def effective_database_url(self) -> str:
        """DATABASE_URL, or SQLite inside the data directory (the embedded default)."""
        if self.database_url is not None and self.database_url.get_secret_value():
            return self.database_url.get_secret_value()
        return f"sqlite://{self.data_dir / 'tastybot.sqlite3'}"

    @property
    def sends_hsts(self) -> bool:
        """Real mode serves over https behind the operator's proxy: browsers must stay on it."""
        return self.mode is RunMode.REAL and (self.public_base_url or "").startswith("https://")

    @property
    def web_base_url(self) -> str:
        return self.public_base_url or f"http://{self.web_host}:{self.web_port}"


def load_settings(**overrides: object) -> Settings:
    """Read settings; a bad variable becomes a ConfigurationError that names it (not its value)."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"]) or "settings"
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{name}: {message}")
        raise ConfigurationError("; ".join(problems)) from None
