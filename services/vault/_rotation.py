"""Re-encrypting every stored secret under the vault's primary key."""

from __future__ import annotations

import logging

from tortoise.transactions import in_transaction

from services.db.models import BrokerCredential, VaultCanary
from services.errors import VaultError
from services.vault._cipher import Vault

log = logging.getLogger(__name__)

_SECRET_COLUMNS = ("refresh_token_encrypted", "client_secret_encrypted")


async def rotate_all_secrets(vault: Vault) -> int:
    """Re-encrypt every broker credential secret, and the vault canary, under ``vault``'s
    primary key.

    Runs in one transaction: if any secret cannot be decrypted with the vault's keys, nothing
    is changed and ``VaultError`` is raised. Returns how many secrets were re-encrypted (the
    canary is not counted).
    """
    count = 0
    async with in_transaction() as conn:
        for canary in await VaultCanary.all().using_db(conn):
            await (
                VaultCanary.filter(id=canary.id)
                .using_db(conn)
                .update(ciphertext=vault.rotate(canary.ciphertext))
            )
        rows = (
            await BrokerCredential.all()
            .using_db(conn)
            .order_by("id")
            .values("id", *_SECRET_COLUMNS)
        )
        for row in rows:
            changes: dict[str, str] = {}
            for column in _SECRET_COLUMNS:
                token = row[column]
                if token is None:
                    continue
                try:
                    changes[column] = vault.rotate(token)
                except VaultError:
                    log.error(
                        "broker_credential %s: %s cannot be decrypted with the configured keys; "
                        "no secret was re-encrypted",
                        row["id"],
                        column,
                    )
                    raise
            if changes:
                await BrokerCredential.filter(id=row["id"]).using_db(conn).update(**changes)
                count += len(changes)
    log.info("re-encrypted %d stored secret(s) under the primary key", count)
    return count


async def secrets_needing_rotation(vault: Vault) -> int:
    """How many stored secrets (the canary included) the primary key alone cannot read.

    Zero means the older keys can be retired. ``VaultError`` if a secret opens under no key.
    """
    pending = 0
    for row in await BrokerCredential.all().values(*_SECRET_COLUMNS):
        pending += sum(
            1 for column in _SECRET_COLUMNS if row[column] and vault.needs_rotation(row[column])
        )
    for canary in await VaultCanary.all():
        pending += vault.needs_rotation(canary.ciphertext)
    return pending
