"""Key loading from TASTYBOT_SECRET_KEY or a 0600 key file, and key-file rotation."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from services.errors import ConfigurationError
from services.vault import (
    Vault,
    generate_key,
    key_file_path,
    load_keys,
    retire_old_keys,
    rotate_key_file,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_setting_with_one_key(tmp_path: Path) -> None:
    key = generate_key()
    assert load_keys(key, tmp_path) == ([key], False)
    assert not key_file_path(tmp_path).exists()


def test_setting_with_several_keys_keeps_order(tmp_path: Path) -> None:
    new, old = generate_key(), generate_key()
    assert load_keys(f" {new} , {old},", tmp_path) == ([new, old], False)


def test_malformed_key_in_setting_names_the_setting_not_the_value(tmp_path: Path) -> None:
    bad = "hunter2-definitely-not-a-key"
    with pytest.raises(ConfigurationError) as info:
        load_keys(f"{generate_key()},{bad}", tmp_path)
    assert "TASTYBOT_SECRET_KEY" in str(info.value)
    assert bad not in str(info.value)


@pytest.mark.parametrize("setting", [None, "", "   "])
def test_missing_setting_generates_a_0600_key_file(
    tmp_path: Path, setting: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = tmp_path / "data"
    with caplog.at_level(logging.WARNING):
        keys, generated = load_keys(setting, data_dir)
    assert generated
    assert len(keys) == 1
    path = key_file_path(data_dir)
    assert path.read_text().split() == keys
    if os.name == "posix":
        assert _mode(path) == 0o600
    assert "demo" in caplog.text
    assert keys[0] not in caplog.text
    Vault(keys)


def test_key_file_is_reused(tmp_path: Path) -> None:
    first, generated_first = load_keys(None, tmp_path)
    second, generated_second = load_keys(None, tmp_path)
    assert (generated_first, generated_second) == (True, False)
    assert first == second


@posix_only
def test_generated_file_is_0600_even_with_permissive_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        load_keys(None, tmp_path)
    finally:
        os.umask(previous)
    assert _mode(key_file_path(tmp_path)) == 0o600


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660, 0o606])
def test_group_or_world_accessible_key_file_is_refused(tmp_path: Path, mode: int) -> None:
    key = generate_key()
    path = key_file_path(tmp_path)
    path.write_text(key + "\n")
    path.chmod(mode)
    with pytest.raises(ConfigurationError) as info:
        load_keys(None, tmp_path)
    message = str(info.value)
    assert "chmod 600" in message
    assert f"{mode:04o}" in message
    assert key not in message


def test_malformed_key_file_is_refused_without_echoing(tmp_path: Path) -> None:
    path = key_file_path(tmp_path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"garbage-secret-material\n")
    os.close(fd)
    with pytest.raises(ConfigurationError) as info:
        load_keys(None, tmp_path)
    assert "garbage-secret-material" not in str(info.value)
    assert str(path) in str(info.value)


def test_empty_key_file_is_refused(tmp_path: Path) -> None:
    path = key_file_path(tmp_path)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    with pytest.raises(ConfigurationError):
        load_keys(None, tmp_path)


def test_key_file_that_is_a_directory_is_refused(tmp_path: Path) -> None:
    key_file_path(tmp_path).mkdir(mode=0o700)
    with pytest.raises(ConfigurationError):
        load_keys(None, tmp_path)


def test_setting_wins_over_key_file(tmp_path: Path) -> None:
    load_keys(None, tmp_path)
    key = generate_key()
    assert load_keys(key, tmp_path) == ([key], False)


def test_rotate_key_file_prepends_a_new_key(tmp_path: Path) -> None:
    [old], _ = load_keys(None, tmp_path)
    keys = rotate_key_file(tmp_path)
    assert len(keys) == 2
    assert keys[1] == old
    assert keys[0] != old
    assert load_keys(None, tmp_path) == (keys, False)
    if os.name == "posix":
        assert _mode(key_file_path(tmp_path)) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret.key"]


def test_rotate_then_retire_keeps_only_the_newest_key(tmp_path: Path) -> None:
    [old], _ = load_keys(None, tmp_path)
    token = Vault([old]).encrypt("s3cret")
    keys = rotate_key_file(tmp_path)
    rotated = Vault(keys).rotate(token)
    assert retire_old_keys(tmp_path) == 1
    assert retire_old_keys(tmp_path) == 0
    current, _ = load_keys(None, tmp_path)
    assert current == keys[:1]
    assert Vault(current).decrypt(rotated) == "s3cret"


def test_rotate_without_key_file_explains_the_env_procedure(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as info:
        rotate_key_file(tmp_path)
    assert "TASTYBOT_SECRET_KEY" in str(info.value)


@posix_only
def test_rotate_refuses_an_insecure_key_file(tmp_path: Path) -> None:
    load_keys(None, tmp_path)
    key_file_path(tmp_path).chmod(0o644)
    with pytest.raises(ConfigurationError):
        rotate_key_file(tmp_path)
