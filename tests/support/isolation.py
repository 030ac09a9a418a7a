"""A pytest plugin (loaded by conftest.py): tests are isolated from the developer's machine.

No test reads the developer's environment or `.env`, and a run that leaves a new file at the top
of the repository (the root directory) fails: by-products go to ``tmp_path``.

Every variable ``bot.settings.Settings`` reads (its aliases, so a new setting is covered without
a change here), the families they belong to, and the tastytrade SDK's own fallbacks are removed
before each test; a test that needs one sets it with ``monkeypatch.setenv``. ``Settings`` stops
reading `.env` unless a test passes ``_env_file`` itself. ``TEST_DATABASE_URL`` (how CI picks
Postgres) is not the bot's variable and stays.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import AliasChoices

from bot.settings import Settings

# the SDK falls back to these when a session gets an empty secret or refresh token
SDK_VARIABLES = frozenset({"TT_SECRET", "TT_REFRESH"})
# families of the bot's variables, for settings that read a name the model does not spell out
BOT_PREFIXES = ("TASTYBOT_", "WEB_", "TASTYTRADE_", "DISCORD_", "SMTP_")


def settings_variables() -> frozenset[str]:
    """The environment variable names `Settings` reads, upper-case."""
    names: set[str] = set()
    for name, field in Settings.model_fields.items():
        if field.alias is None and field.validation_alias is None:
            names.add(name.upper())
        for alias in (field.alias, field.validation_alias):
            if isinstance(alias, str):
                names.add(alias.upper())
            elif isinstance(alias, AliasChoices):
                names.update(choice.upper() for choice in alias.choices if isinstance(choice, str))
    return frozenset(names)


def is_read_by_the_bot(name: str) -> bool:
    """Whether the bot or the SDK reads the variable ``name`` (Settings ignores case)."""
    upper = name.upper()
    return upper in settings_variables() or upper in SDK_VARIABLES or upper.startswith(BOT_PREFIXES)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if is_read_by_the_bot(name):
            monkeypatch.delenv(name)
    monkeypatch.setitem(Settings.model_config, "env_file", None)


# what tools legitimately add at the top of a checkout (all of it is in .gitignore)
TOOL_OUTPUT = frozenset({".hypothesis", ".pytest_cache", "coverage.xml", "htmlcov", "__pycache__"})
_TOP_LEVEL = pytest.StashKey[frozenset[str]]()


def _top_level(root: Path) -> frozenset[str]:
    return frozenset(
        p.name
        for p in root.iterdir()
        if p.name not in TOOL_OUTPUT and not p.name.startswith(".coverage")
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_TOP_LEVEL] = _top_level(session.config.rootpath)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A file the run left at the top of the repository (a by-product) fails the run."""
    before = session.config.stash.get(_TOP_LEVEL, None)
    if before is None:
        return
    left = sorted(_top_level(session.config.rootpath) - before)
    if left:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"the tests left files in {session.config.rootpath}: {left}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
