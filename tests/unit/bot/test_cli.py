"""The `tastybot` command line: clear one-line failures with exit code 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in ("DISCORD_TOKEN", "DATABASE_URL", "TASTYBOT_SECRET_KEY", "PORT", "WEB_PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    return tmp_path


def test_run_without_token_exits_2_with_one_line(
    clean_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run"]) == 2

    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "DISCORD_TOKEN is not set" in err


def test_malformed_database_url_names_the_variable(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://root:hunter2@localhost/db")

    assert main(["run"]) == 2

    err = capsys.readouterr().err
    assert "configuration error: DATABASE_URL" in err
    assert "hunter2" not in err


def test_no_command_prints_help_and_exits_2(
    clean_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([]) == 2
    assert "usage: tastybot" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(clean_env: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2


def test_migrate_brings_a_new_database_up_to_date(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite://{clean_env / 'db' / 'x.sqlite3'}")

    assert main(["migrate"]) == 0
    assert main(["migrate"]) == 0  # idempotent

    assert "database is up to date" in capsys.readouterr().out
    assert (clean_env / "db" / "x.sqlite3").exists()


def test_rotate_key_creates_a_key_file_and_reports(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite://{clean_env / 'x.sqlite3'}")
    monkeypatch.setenv("TASTYBOT_DATA_DIR", str(clean_env / "data"))
    (clean_env / "data").mkdir()
    from services.vault import load_keys

    load_keys(None, clean_env / "data")  # first run generates the key file

    assert main(["rotate-key"]) == 0

    assert "re-encrypted 0 secret(s)" in capsys.readouterr().out
    keys, generated = load_keys(None, clean_env / "data")
    assert len(keys) == 2 and not generated


def test_console_script_without_token_prints_no_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DISCORD_TOKEN", "DATABASE_URL"}}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "DISCORD_TOKEN" in result.stderr


def test_version_flag(clean_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("tastybot ")


def test_simulator_subcommand_is_wired(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["simulator", "--help"])

    assert caught.value.code == 0
    assert "--seed" in capsys.readouterr().out


async def test_sigterm_closes_the_bot_cleanly() -> None:
    import asyncio
    import signal

    from bot.cli import install_shutdown_handlers

    class FakeBot:
        def __init__(self) -> None:
            self.closed = asyncio.Event()

        async def close(self) -> None:
            self.closed.set()

    bot = FakeBot()
    loop = asyncio.get_running_loop()
    install_shutdown_handlers(bot)
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(bot.closed.wait(), timeout=5)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)

    assert bot.closed.is_set()


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.com", "::"])
def test_the_simulator_listens_on_loopback_only(
    clean_env: Path, capsys: pytest.CaptureFixture[str], host: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["simulator", "--host", host, "--port", "0"])

    assert exited.value.code == 2
    assert "not a loopback address" in capsys.readouterr().err


def test_the_simulator_refuses_real_mode(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TASTYBOT_MODE", "real")

    assert main(["simulator", "--port", "0"]) == 2

    assert "refused with TASTYBOT_MODE=real" in capsys.readouterr().err
