"""Vault: round trips, tamper and wrong-key detection, purposes, rotation, hostile inputs."""

from __future__ import annotations

import base64
import logging
import pickle

import pytest

from services.errors import ConfigurationError, VaultError
from services.vault import Vault, generate_key

SECRET = "rt-0123456789abcdef-SECRET"


@pytest.fixture
def key() -> str:
    return generate_key()


@pytest.fixture
def vault(key: str) -> Vault:
    return Vault([key])


def _assert_safe(err: VaultError, *forbidden: str) -> None:
    """The error (and anything chained to it) mentions none of ``forbidden``."""
    text = f"{err!s} {err!r} {err.user_message}"
    for item in forbidden:
        assert item not in text
    assert err.__cause__ is None
    assert err.__context__ is None or err.__suppress_context__


def test_round_trip(vault: Vault) -> None:
    token = vault.encrypt(SECRET)
    assert SECRET not in token
    assert vault.decrypt(token) == SECRET


def test_each_encryption_is_different(vault: Vault) -> None:
    assert vault.encrypt(SECRET) != vault.encrypt(SECRET)


@pytest.mark.parametrize(
    "plaintext",
    [
        "",
        "päßwörd-ünïcödé",
        "秘密の鍵",
        "emoji 🔑🚀",
        "\x00nul\x00",
        "\ud800 lone surrogate",
        '{"p"',
    ],
)
def test_round_trip_of_unusual_text(vault: Vault, plaintext: str) -> None:
    assert vault.decrypt(vault.encrypt(plaintext)) == plaintext


def test_round_trip_of_one_megabyte_secret(vault: Vault) -> None:
    plaintext = "x" * 1_000_000 + "é"
    assert vault.decrypt(vault.encrypt(plaintext)) == plaintext


def test_flipped_byte_is_detected(vault: Vault) -> None:
    token = vault.encrypt(SECRET)
    raw = bytearray(base64.urlsafe_b64decode(token))
    for index in (0, 5, 30, len(raw) // 2, len(raw) - 1):
        tampered_raw = bytearray(raw)
        tampered_raw[index] ^= 0x01
        tampered = base64.urlsafe_b64encode(bytes(tampered_raw)).decode()
        with pytest.raises(VaultError) as info:
            vault.decrypt(tampered)
        _assert_safe(info.value, SECRET)


def test_truncated_token_is_rejected(vault: Vault) -> None:
    token = vault.encrypt(SECRET)
    with pytest.raises(VaultError):
        vault.decrypt(token[:-4])


def test_wrong_key_is_rejected(vault: Vault, key: str) -> None:
    token = vault.encrypt(SECRET)
    other_key = generate_key()
    with pytest.raises(VaultError) as info:
        Vault([other_key]).decrypt(token)
    _assert_safe(info.value, SECRET, key, other_key)


@pytest.mark.parametrize(
    "garbage",
    ["", "not a token", "gAAAAA", "ñöñ-ascii-tökén", "=" * 10, "A" * 200, "\x00", "None"],
)
def test_garbage_is_rejected_with_vault_error(vault: Vault, garbage: str) -> None:
    with pytest.raises(VaultError):
        vault.decrypt(garbage)


@pytest.mark.parametrize("not_text", [None, b"gAAAAA", 42])
def test_non_text_token_is_rejected_with_vault_error(vault: Vault, not_text: object) -> None:
    with pytest.raises(VaultError):
        vault.decrypt(not_text)  # type: ignore[arg-type]


@pytest.mark.parametrize("not_text", [None, b"secret", 42])
def test_encrypting_non_text_is_a_type_error(vault: Vault, not_text: object) -> None:
    with pytest.raises(TypeError):
        vault.encrypt(not_text)  # type: ignore[arg-type]


def test_fernet_token_without_envelope_is_rejected(key: str) -> None:
    from cryptography.fernet import Fernet

    foreign = Fernet(key.encode()).encrypt(SECRET.encode()).decode()
    with pytest.raises(VaultError) as info:
        Vault([key]).decrypt(foreign)
    _assert_safe(info.value, SECRET, key)


def test_purpose_round_trip(vault: Vault) -> None:
    purpose = "broker_credential.refresh_token:trader=7:sandbox"
    token = vault.encrypt(SECRET, purpose=purpose)
    assert vault.decrypt(token, purpose=purpose) == SECRET


@pytest.mark.parametrize(
    ("made_for", "asked_for"),
    [
        ("broker_credential.refresh_token:42", "broker_credential.refresh_token:43"),
        ("broker_credential.refresh_token:42", "broker_credential.client_secret:42"),
        ("broker_credential.refresh_token:42", None),
        (None, "broker_credential.refresh_token:42"),
        ("", None),
    ],
)
def test_purpose_mismatch_is_rejected(
    vault: Vault, made_for: str | None, asked_for: str | None
) -> None:
    token = vault.encrypt(SECRET, purpose=made_for)
    with pytest.raises(VaultError) as info:
        vault.decrypt(token, purpose=asked_for)
    _assert_safe(info.value, SECRET)


def test_failure_is_logged_without_secret_or_key(
    vault: Vault, key: str, caplog: pytest.LogCaptureFixture
) -> None:
    token = vault.encrypt(SECRET, purpose="a")
    with caplog.at_level(logging.DEBUG), pytest.raises(VaultError):
        vault.decrypt(token, purpose="b")
    assert "purpose mismatch" in caplog.text
    assert SECRET not in caplog.text
    assert key not in caplog.text
    assert token not in caplog.text


def test_rotation_moves_token_to_new_primary_key() -> None:
    old_key, new_key = generate_key(), generate_key()
    old_token = Vault([old_key]).encrypt(SECRET, purpose="p")
    both = Vault([new_key, old_key])

    assert both.decrypt(old_token, purpose="p") == SECRET
    assert both.needs_rotation(old_token)

    rotated = both.rotate(old_token)
    assert rotated != old_token
    assert not both.needs_rotation(rotated)
    assert Vault([new_key]).decrypt(rotated, purpose="p") == SECRET
    with pytest.raises(VaultError):
        Vault([old_key]).decrypt(rotated, purpose="p")


def test_new_tokens_use_the_first_key() -> None:
    old_key, new_key = generate_key(), generate_key()
    token = Vault([new_key, old_key]).encrypt(SECRET)
    assert Vault([new_key]).decrypt(token) == SECRET
    with pytest.raises(VaultError):
        Vault([old_key]).decrypt(token)


def test_rotating_an_unreadable_token_raises_vault_error(vault: Vault) -> None:
    foreign = Vault([generate_key()]).encrypt(SECRET)
    with pytest.raises(VaultError):
        vault.rotate(foreign)
    with pytest.raises(VaultError):
        vault.needs_rotation(foreign)
    with pytest.raises(VaultError):
        vault.rotate("")


def test_repr_and_str_hide_keys() -> None:
    keys = [generate_key(), generate_key()]
    vault = Vault(keys)
    for text in (repr(vault), str(vault), f"{vault}"):
        for key in keys:
            assert key not in text
            assert key[:8] not in text
    assert "2" in repr(vault)


def test_vault_cannot_be_pickled(vault: Vault) -> None:
    with pytest.raises(TypeError):
        pickle.dumps(vault)


def test_malformed_key_raises_configuration_error_without_the_value() -> None:
    bad = "this-is-not-a-fernet-key-but-a-secret-value"
    with pytest.raises(ConfigurationError) as info:
        Vault([generate_key(), bad])
    message = str(info.value)
    assert "TASTYBOT_SECRET_KEY" in message
    assert "#2" in message
    assert bad not in message
    assert info.value.__cause__ is None


def test_no_keys_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError):
        Vault([])


def test_a_single_string_is_not_a_key_list(key: str) -> None:
    with pytest.raises(TypeError):
        Vault(key)


def test_generated_keys_are_distinct_and_valid() -> None:
    keys = {generate_key() for _ in range(5)}
    assert len(keys) == 5
    Vault(list(keys))
