"""The canary: a known value stored encrypted, proving at start-up that the key is right.

Without it, a wrong ``TASTYBOT_SECRET_KEY`` (a typo, a key from another deployment, a rotation
that skipped re-encryption) would surface later as "please link your account again" for every
trader. With it, the bot stops at start-up with one message for the operator.
"""

from __future__ import annotations

import logging

from services.db.models import VaultCanary
from services.errors import StartupError, VaultError
from services.vault._cipher import Vault

log = logging.getLogger(__name__)

CANARY_PURPOSE = "vault_canary"
CANARY_VALUE = "tastybot vault canary v1"


async def check_vault_key(vault: Vault) -> bool:
    """Decrypt the stored canary with ``vault``; store one on first use. Returns True when a
    new canary was written. A canary the keys cannot read raises ``StartupError``."""
    canary = await VaultCanary.all().order_by("id").first()
    if canary is None:
        await VaultCanary.create(ciphertext=vault.encrypt(CANARY_VALUE, purpose=CANARY_PURPOSE))
        log.info("vault canary stored")
        return True
    try:
        value = vault.decrypt(canary.ciphertext, purpose=CANARY_PURPOSE)
    except VaultError:
        value = None
    if value != CANARY_VALUE:
        raise StartupError(
            "the vault key cannot read this database's secrets: TASTYBOT_SECRET_KEY (or the key "
            "file) is not the key they were written with. Restore the right key; to rotate, set "
            "TASTYBOT_SECRET_KEY=NEW,OLD and run `tastybot rotate-key`"
        )
    return False
