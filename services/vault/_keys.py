"""Where the vault's keys come from: ``TASTYBOT_SECRET_KEY`` or a ``0600`` key file."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from pathlib import Path

from services.errors import ConfigurationError
from services.vault._cipher import SECRET_KEY_SETTING, generate_key, parse_key

log = logging.getLogger(__name__)

KEY_FILE_NAME = "secret.key"
_CHECK_MODE = os.name == "posix"


def key_file_path(data_dir: Path) -> Path:
    """The key file used when ``TASTYBOT_SECRET_KEY`` is not set."""
    return Path(data_dir) / KEY_FILE_NAME


def load_keys(secret_key_setting: str | None, data_dir: Path) -> tuple[list[str], bool]:
    """The vault keys, newest first, and whether a new key file was just generated.

    ``secret_key_setting`` (``TASTYBOT_SECRET_KEY``) holds one key or several comma-separated
    keys, newest first. When it is unset or blank, keys come from ``data_dir/secret.key`` (one
    per line, newest first), which is created with mode ``0600`` on the first run.
    """
    if secret_key_setting is not None and secret_key_setting.strip():
        keys = [part.strip() for part in secret_key_setting.split(",") if part.strip()]
        _validate(keys, SECRET_KEY_SETTING)
        return keys, False

    path = key_file_path(data_dir)
    if path.exists():
        return _read_key_file(path), False
    try:
        key = _create_key_file(path)
    except FileExistsError:  # another process created it between the check and the open
        return _read_key_file(path), False
    log.warning(
        "generated a new encryption key in %s; it is meant for demos and first runs only. "
        "Set %s (and keep a backup): without the key, stored broker credentials cannot be read",
        path,
        SECRET_KEY_SETTING,
    )
    return [key], True


def rotate_key_file(data_dir: Path) -> list[str]:
    """Prepend a new key to the key file, keeping the old ones; returns all keys, newest first.

    Build a ``Vault`` from the result and run ``rotate_all_secrets``; afterwards
    ``retire_old_keys`` drops the keys that are no longer needed.
    """
    path = key_file_path(data_dir)
    if not path.exists():
        raise ConfigurationError(
            f"there is no key file at {path}. If you set {SECRET_KEY_SETTING}, rotate by setting "
            f"it to 'NEW_KEY,OLD_KEY', re-encrypting, then removing OLD_KEY"
        )
    keys = [generate_key(), *_read_key_file(path)]
    _replace_key_file(path, keys)
    log.info("added a new primary key to %s (%d keys now)", path, len(keys))
    return keys


def retire_old_keys(data_dir: Path) -> int:
    """Keep only the newest key in the key file; returns how many keys were removed.

    Call this only after ``rotate_all_secrets`` succeeded with the newest key as primary:
    secrets still encrypted under a removed key can no longer be read.
    """
    path = key_file_path(data_dir)
    if not path.exists():
        raise ConfigurationError(f"there is no key file at {path}")
    keys = _read_key_file(path)
    if len(keys) > 1:
        _replace_key_file(path, keys[:1])
        log.info("removed %d old key(s) from %s", len(keys) - 1, path)
    return len(keys) - 1


def _validate(keys: list[str], source: str) -> None:
    if not keys:
        raise ConfigurationError(f"{source} holds no key")
    for position, key in enumerate(keys, start=1):
        parse_key(key, source=source, position=position)


def _read_key_file(path: Path) -> list[str]:
    try:
        info = path.stat()
    except OSError as exc:
        raise ConfigurationError(f"cannot read the key file {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ConfigurationError(f"the key file {path} is not a regular file")
    if _CHECK_MODE and info.st_mode & 0o077:
        raise ConfigurationError(
            f"the key file {path} is readable or writable by group or others "
            f"(mode {stat.S_IMODE(info.st_mode):04o}); run `chmod 600 {path}` or set "
            f"{SECRET_KEY_SETTING}"
        )
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        raise ConfigurationError(f"cannot read the key file {path} as ASCII text") from None
    keys = [line.strip() for line in text.splitlines()]
    keys = [key for key in keys if key and not key.startswith("#")]
    _validate(keys, f"key file {path}")
    return keys


def _create_key_file(path: Path) -> str:
    """A new key written to ``path`` with mode 0600; ``FileExistsError`` if it exists."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # holds the key: owner only
    key = generate_key()
    _write_new(path, [key])
    return key


def _replace_key_file(path: Path, keys: list[str]) -> None:
    """Atomically replace ``path`` with ``keys`` (a 0600 temp file, fsync, rename)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        _write_new(tmp, keys)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _write_new(path: Path, keys: list[str]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.write(fd, "".join(f"{key}\n" for key in keys).encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
