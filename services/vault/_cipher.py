"""The ``Vault``: authenticated encryption of short secrets with rotating Fernet keys."""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from services.errors import ConfigurationError, VaultError

log = logging.getLogger(__name__)

SECRET_KEY_SETTING = "TASTYBOT_SECRET_KEY"


def generate_key() -> str:
    """A new random Fernet key (url-safe base64 of 32 bytes) as text."""
    return Fernet.generate_key().decode("ascii")


def parse_key(key: str, *, source: str = SECRET_KEY_SETTING, position: int = 1) -> Fernet:
    """A ``Fernet`` for ``key``; a malformed key raises ``ConfigurationError`` naming ``source``.

    The message names where the key came from and its position, never the key itself.
    """
    if not isinstance(key, str):
        raise ConfigurationError(f"{source}: key #{position} is not text")
    try:
        return Fernet(key.strip().encode("ascii"))
    except (ValueError, TypeError, binascii.Error, UnicodeEncodeError):
        raise ConfigurationError(
            f"{source}: key #{position} is not a valid Fernet key (url-safe base64 of 32 bytes); "
            'generate one with `python -c "from services.vault import generate_key; '
            'print(generate_key())"`'
        ) from None


class Vault:
    """Encrypts and decrypts secrets; the first key encrypts, every key decrypts.

    Ciphertexts are Fernet tokens (AES-128-CBC + HMAC-SHA256, with the creation time in clear).
    The plaintext inside a token is a small JSON envelope ``{"p": purpose, "v": value}``:
    Fernet has no associated data, so the optional *purpose* (for example
    ``"broker_credential.refresh_token:trader=7:sandbox"``) travels inside the authenticated
    plaintext and ``decrypt`` refuses a token whose purpose differs from the one asked for. A
    ciphertext copied to another row or column therefore fails to decrypt there. Choose purposes
    from values known before the row is written (a natural key rather than an autoincrement id).
    A token made without a purpose only decrypts without one, and vice versa.

    Every failure to decrypt raises ``VaultError`` with a message that holds neither the
    secret nor a key.
    """

    __slots__ = ("_fernet", "_key_count", "_primary", "_primary_secret")

    def __init__(self, keys: Sequence[str]) -> None:
        if isinstance(keys, str | bytes):
            raise TypeError("Vault takes a sequence of keys (newest first), not a single string")
        fernets = [parse_key(key, position=i) for i, key in enumerate(keys, start=1)]
        if not fernets:
            raise ConfigurationError(f"{SECRET_KEY_SETTING}: no encryption key configured")
        self._primary = fernets[0]
        self._primary_secret = base64.urlsafe_b64decode(keys[0].strip().encode("ascii"))
        self._fernet = MultiFernet(fernets)
        self._key_count = len(fernets)

    def __repr__(self) -> str:
        return f"<Vault with {self._key_count} key(s), hidden>"

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a Vault holds keys and cannot be pickled")

    @property
    def key_count(self) -> int:
        """How many keys decrypt (the first of them encrypts)."""
        return self._key_count

    def encrypt(self, plaintext: str, *, purpose: str | None = None) -> str:
        """A token for ``plaintext`` under the primary key, bound to ``purpose`` if given."""
        if not isinstance(plaintext, str):
            raise TypeError(f"Vault.encrypt takes str, not {type(plaintext).__name__}")
        if purpose is not None and not isinstance(purpose, str):
            raise TypeError(f"purpose must be str or None, not {type(purpose).__name__}")
        # ensure_ascii keeps lone surrogates and any other code point round-trippable.
        envelope = json.dumps({"p": purpose, "v": plaintext}, separators=(",", ":"))
        return self._fernet.encrypt(envelope.encode("ascii")).decode("ascii")

    def decrypt(self, token: str, *, purpose: str | None = None) -> str:
        """The plaintext of ``token``; ``VaultError`` on tampering, wrong key, wrong purpose
        or anything that is not one of our tokens."""
        envelope = self._open(token)
        try:
            data = json.loads(envelope)
        except (ValueError, RecursionError):
            data = None
        if (
            not isinstance(data, dict)
            or set(data) != {"p", "v"}
            or not isinstance(data["v"], str)
            or not (data["p"] is None or isinstance(data["p"], str))
        ):
            raise _failure("not a vault envelope")
        if data["p"] != purpose:
            raise _failure(f"purpose mismatch (expected {purpose!r})")
        value: str = data["v"]
        return value

    def derive_key(self, purpose: str, *, length: int = 32) -> bytes:
        """A key for one ``purpose`` (for example ``"download-links/v1"``), derived from the
        primary key with HKDF-SHA256 (``info`` = the purpose), so no new secret setting is
        needed and a key derived for one purpose says nothing about the vault's key or any
        other purpose's. It changes when the primary key rotates: whatever it signed stops
        verifying, so use it only for short-lived values (signed links), never for data at
        rest."""
        if not isinstance(purpose, str) or not purpose:
            raise TypeError("derive_key needs a non-empty purpose string")
        hkdf = HKDF(
            algorithm=hashes.SHA256(),
            length=length,
            salt=None,
            info=b"tastybot-vault-derived-key:" + purpose.encode("utf-8"),
        )
        return hkdf.derive(self._primary_secret)

    def rotate(self, token: str) -> str:
        """``token`` re-encrypted under the primary key, its purpose and value unchanged."""
        try:
            return self._fernet.rotate(_as_bytes(token)).decode("ascii")
        except InvalidToken:
            raise _failure("invalid token or unknown key") from None

    def needs_rotation(self, token: str) -> bool:
        """True when ``token`` decrypts only under an older key (``VaultError`` if under none)."""
        data = _as_bytes(token)
        try:
            self._primary.decrypt(data)
        except InvalidToken:
            self._open(token)  # raises VaultError when no key opens it
            return True
        return False

    def _open(self, token: str) -> bytes:
        try:
            return self._fernet.decrypt(_as_bytes(token))
        except InvalidToken:
            raise _failure("invalid token or unknown key") from None


def _as_bytes(token: str) -> bytes:
    """The token as ASCII bytes; anything else cannot be a Fernet token."""
    if not isinstance(token, str) or not token:
        raise _failure("not a token")
    try:
        return token.encode("ascii")
    except UnicodeEncodeError:
        raise _failure("not a token") from None


def _failure(reason: str) -> VaultError:
    """A ``VaultError`` with the default, secret-free message; the reason goes to the log."""
    log.warning("could not decrypt a stored secret: %s", reason)
    return VaultError()
