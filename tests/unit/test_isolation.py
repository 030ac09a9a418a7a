"""The suite's guards (``support.isolation``), tried on pytest runs inside this one: against a
developer's variables and `.env`, and against by-products left in the repository."""

from __future__ import annotations

import pytest

INNER_TEST = """
import os

from bot.settings import load_settings


def test_settings_are_the_defaults():
    settings = load_settings()
    assert settings.command_prefix == "!"
    assert settings.log_level == "INFO"
    assert "TT_SECRET" not in os.environ
"""


@pytest.fixture(autouse=True)
def _inner_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")


@pytest.fixture
def developer_machine(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """Variables and a `.env` a developer may well have, beside a test that wants defaults."""
    monkeypatch.setenv("COMMAND_PREFIX", "?")
    monkeypatch.setenv("log_level", "DEBUG")  # Settings ignores the case of names
    monkeypatch.setenv("TT_SECRET", "the-developers-own-secret")  # the SDK's fallback
    (pytester.path / ".env").write_text("COMMAND_PREFIX=?\nLOG_LEVEL=DEBUG\n")
    pytester.makepyfile(test_inner=INNER_TEST)


@pytest.mark.usefixtures("developer_machine")
def test_a_test_sees_neither_the_developers_variables_nor_their_env_file(
    pytester: pytest.Pytester,
) -> None:
    result = pytester.runpytest_inprocess("-p", "support.isolation", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


@pytest.mark.usefixtures("developer_machine")
def test_without_the_guard_the_developers_settings_leak_in(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)


def test_the_guard_covers_every_variable_settings_reads() -> None:
    from support.isolation import is_read_by_the_bot

    for name in ("DISCORD_TOKEN", "COMMAND_PREFIX", "DATABASE_URL", "PORT", "WEB_PORT"):
        assert is_read_by_the_bot(name) and is_read_by_the_bot(name.lower())
    for name in ("PUBLIC_BASE_URL", "LOG_LEVEL", "TASTYBOT_MODE", "TT_SECRET", "TT_REFRESH"):
        assert is_read_by_the_bot(name)
    assert not is_read_by_the_bot("TEST_DATABASE_URL")  # how CI picks Postgres
    assert not is_read_by_the_bot("PATH")


def test_a_run_that_leaves_a_file_in_the_repository_fails(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_litter="""
        from pathlib import Path

        def test_writes_into_the_working_directory():
            Path("dpytest_0.dat").write_bytes(b"by-product")
        """
    )
    result = pytester.runpytest_inprocess("-p", "support.isolation", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*the tests left files in*dpytest_0.dat*"])


def test_a_run_in_tmp_path_leaves_nothing_and_passes(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_tidy="""
        from pathlib import Path

        def test_writes_into_its_own_directory(tmp_path, monkeypatch):
            monkeypatch.chdir(tmp_path)
            Path("dpytest_0.dat").write_bytes(b"by-product")
        """
    )
    result = pytester.runpytest_inprocess("-p", "support.isolation", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.OK
