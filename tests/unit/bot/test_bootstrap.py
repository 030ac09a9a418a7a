"""The composition root: one bootstrap builds the bot with its vault and warm-ups."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from bot.bootstrap import build_bot, build_vault
from bot.settings import load_settings
from services.parsing import warm_up_parser
from services.vault import generate_key


def test_first_run_generates_a_private_key_file_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings(_env_file=None, TASTYBOT_DATA_DIR=tmp_path / "data")

    with caplog.at_level(logging.WARNING):
        vault = build_vault(settings)

    key_file = tmp_path / "data" / "secret.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert any("generated" in record.getMessage().lower() for record in caplog.records)
    assert vault.decrypt(vault.encrypt("x")) == "x"
    assert build_vault(settings).decrypt(vault.encrypt("again")) == "again"  # key reused


def test_configured_key_is_used_and_no_file_is_written(tmp_path: Path) -> None:
    key = generate_key()
    settings = load_settings(
        _env_file=None, TASTYBOT_DATA_DIR=tmp_path / "data", TASTYBOT_SECRET_KEY=key
    )

    vault = build_vault(settings)

    assert not (tmp_path / "data" / "secret.key").exists()
    assert vault.key_count == 1


def test_build_bot_wires_vault_and_parser_warm_up(tmp_path: Path) -> None:
    settings = load_settings(
        _env_file=None,
        TASTYBOT_DATA_DIR=tmp_path,
        TASTYBOT_SECRET_KEY=generate_key(),
        PUBLIC_BASE_URL="https://tastybot.example",
    )

    bot = build_bot(settings)

    assert bot.vault is not None
    assert warm_up_parser in bot.options.warm_ups
    assert bot.is_demo is False


def test_real_mode_refuses_to_build_without_a_key_or_https(tmp_path: Path) -> None:
    from services.errors import ConfigurationError

    settings = load_settings(_env_file=None, TASTYBOT_DATA_DIR=tmp_path / "data")

    with pytest.raises(ConfigurationError, match="TASTYBOT_SECRET_KEY"):
        build_bot(settings)
    assert not (tmp_path / "data" / "secret.key").exists()  # no key file beside the database


def test_the_data_directory_is_created_owner_only(tmp_path: Path) -> None:
    settings = load_settings(
        _env_file=None,
        TASTYBOT_DATA_DIR=tmp_path / "data",
        TASTYBOT_SECRET_KEY=generate_key(),
        PUBLIC_BASE_URL="https://tastybot.example",
    )

    build_bot(settings)

    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


async def test_the_sqlite_file_is_created_owner_only(tmp_path: Path) -> None:
    from services.db import close_db, init_db

    path = tmp_path / "new" / "tastybot.sqlite3"
    await init_db(f"sqlite://{path}")
    await close_db()

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_parser_warm_up_takes_the_startup_objects_out_of_garbage_collection() -> None:
    import gc

    gc.unfreeze()
    try:
        warm_up_parser()

        assert gc.get_freeze_count() > 10_000  # spaCy's tables among them
    finally:
        gc.unfreeze()
