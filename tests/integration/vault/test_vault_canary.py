"""The vault canary: a wrong key stops start-up with one operator message, rotation carries the
canary along, and `rotate-key --retire` drops old keys only when nothing needs them."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot.bootstrap import rotate_vault_key
from bot.settings import load_settings
from services.db.models import BrokerCredential, CredentialKind, Environment, Trader, VaultCanary
from services.errors import ConfigurationError, StartupError
from services.vault import (
    Vault,
    check_vault_key,
    generate_key,
    key_file_path,
    load_keys,
    rotate_all_secrets,
    secrets_needing_rotation,
)

pytestmark = pytest.mark.db


async def test_the_first_start_stores_a_canary_and_later_starts_read_it(database: str) -> None:
    vault = Vault([generate_key()])

    assert await check_vault_key(vault) is True
    assert await check_vault_key(vault) is False
    assert await VaultCanary.all().count() == 1


async def test_a_wrong_key_stops_start_up_with_an_operator_message(database: str) -> None:
    await check_vault_key(Vault([generate_key()]))

    with pytest.raises(StartupError) as caught:
        await check_vault_key(Vault([generate_key()]))

    assert "TASTYBOT_SECRET_KEY" in caught.value.user_message
    assert "link" not in caught.value.user_message  # not the trader-facing "re-link" message


async def test_rotation_reencrypts_the_canary_so_the_new_key_alone_reads_it(database: str) -> None:
    old, new = generate_key(), generate_key()
    await check_vault_key(Vault([old]))

    await rotate_all_secrets(Vault([new, old]))

    assert await check_vault_key(Vault([new])) is False


async def _store_credential(vault: Vault) -> None:
    trader = await Trader.create(discord_id=42)
    await BrokerCredential.create(
        trader=trader,
        environment=Environment.SANDBOX,
        kind=CredentialKind.PERSONAL,
        refresh_token_encrypted=vault.encrypt("rt-42"),
        client_secret_encrypted=vault.encrypt("cs-42"),
    )


async def test_secrets_needing_rotation_counts_what_the_primary_key_cannot_read(
    database: str,
) -> None:
    old, new = generate_key(), generate_key()
    await check_vault_key(Vault([old]))
    await _store_credential(Vault([old]))

    assert await secrets_needing_rotation(Vault([new, old])) == 3  # two secrets + the canary
    await rotate_all_secrets(Vault([new, old]))
    assert await secrets_needing_rotation(Vault([new, old])) == 0


async def test_retire_refuses_while_a_secret_needs_an_old_key_then_drops_it(
    db_url: str, tmp_path: Path
) -> None:
    settings = load_settings(_env_file=None, DATABASE_URL=db_url, TASTYBOT_DATA_DIR=tmp_path)
    keys, generated = load_keys(None, tmp_path)
    assert generated
    from services.db import close_db, init_db

    await init_db(db_url)
    await check_vault_key(Vault(keys))
    await _store_credential(Vault(keys))
    await close_db()

    # A new key is added to the file but nothing re-encrypted yet: retiring would lose data.
    from services.vault import rotate_key_file

    rotate_key_file(tmp_path)
    with pytest.raises(ConfigurationError, match="still need an older key"):
        await rotate_vault_key(settings, retire=True)
    assert len(load_keys(None, tmp_path)[0]) == 2

    # Re-encrypt (this adds yet another key), then retire: one key left, everything readable.
    rotation = await rotate_vault_key(settings)
    assert rotation.reencrypted == 2
    retired = await rotate_vault_key(settings, retire=True)
    assert retired.retired == 2
    remaining, _ = load_keys(None, tmp_path)
    assert len(remaining) == 1
    assert stat.S_IMODE(key_file_path(tmp_path).stat().st_mode) == 0o600

    await init_db(db_url, migrate=False)
    try:
        assert await check_vault_key(Vault(remaining)) is False
        credential = await BrokerCredential.get(trader__discord_id=42)
        assert Vault(remaining).decrypt(credential.refresh_token_encrypted) == "rt-42"
    finally:
        await close_db()
