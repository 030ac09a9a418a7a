"""The only module that reads the environment (and `.env`).

Secrets have no defaults; a missing one is reported by the command that needs it.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.db.setup import database_kind
from services.errors import ConfigurationError

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
    database_url: str = Field(default="", alias="DATABASE_URL")
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

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if value:
            try:
                database_kind(value)
            except ConfigurationError as exc:
                raise ValueError(exc.user_message) from None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def effective_database_url(self) -> str:
        """DATABASE_URL, or SQLite inside the data directory (the embedded default)."""
        return self.database_url or f"sqlite://{self.data_dir / 'tastybot.sqlite3'}"

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
