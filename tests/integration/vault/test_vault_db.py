"""The vault against a real database: no plaintext secret in a dump, and key rotation.

Runs on Postgres when ``TEST_DATABASE_URL`` is set (in a throwaway database of its own), else
on SQLite in ``tmp_path``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from services.db.models import BrokerCredential, CredentialKind, Environment, Trader
from services.db.setup import close_db, init_db
from services.errors import VaultError
from services.vault import Vault, generate_key, rotate_all_secrets

pytestmark = pytest.mark.db


@pytest.fixture
def _db_url(database: str) -> str:
    """The shared ``database`` fixture: a migrated copy of the session's template."""
    return database


def _dumps(url: str) -> dict[str, str]:
    """What a backup of the database holds, as text, by source (file bytes, SQL dumps)."""
    if url.startswith("sqlite://"):
        path = Path(url.removeprefix("sqlite://"))
        raw = b"".join(
            p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)
        )
        conn = sqlite3.connect(path)
        try:
            sql = "\n".join(conn.iterdump())
        finally:
            conn.close()
        return {"file bytes": raw.decode("latin-1"), "iterdump": sql}

    pg_dump = shutil.which("pg_dump")
    if not pg_dump:
        # without the dump the test would prove only what the ORM reads back: fail, not pass
        pytest.fail("pg_dump is not installed: the Postgres dump cannot be checked")
    parts = urlsplit(url)
    result = subprocess.run(
        [
            pg_dump,
            "--data-only",
            "-h",
            parts.hostname or "127.0.0.1",
            "-p",
            str(parts.port or 5432),
            "-U",
            parts.username or "postgres",
            "-d",
            parts.path.lstrip("/"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PGPASSWORD": parts.password or ""},
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"pg_dump failed ({result.returncode}): {result.stderr.strip()}")
    return {"pg_dump": result.stdout}


async def _dump_rows() -> str:
    from tortoise import connections

    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        _, rows = await conn.execute_query(
            "SELECT row_to_json(t)::text AS j FROM broker_credential t"
        )
        return "\n".join(str(row["j"]) for row in rows)
    _, rows = await conn.execute_query("SELECT * FROM broker_credential")
    return "\n".join(repr(tuple(dict(row).values())) for row in rows)


async def _store_credentials(vault: Vault) -> dict[int, tuple[str, str | None]]:
    """Two credentials (one with a client secret); returns their plaintexts by id."""
    plaintexts: dict[int, tuple[str, str | None]] = {}
    for discord_id, kind, with_client_secret in (
        (1001, CredentialKind.PERSONAL, True),
        (1002, CredentialKind.OAUTH, False),
    ):
        trader = await Trader.create(discord_id=discord_id)
        refresh = f"refresh-{secrets.token_hex(16)}"
        client = f"client-{secrets.token_hex(16)}" if with_client_secret else None
        cred = await BrokerCredential.create(
            trader=trader,
            environment=Environment.SANDBOX,
            kind=kind,
            refresh_token_encrypted=vault.encrypt(refresh, purpose=f"refresh:{discord_id}"),
            client_secret_encrypted=(
                vault.encrypt(client, purpose=f"client:{discord_id}") if client else None
            ),
        )
        plaintexts[cred.id] = (refresh, client)
    return plaintexts


async def test_database_dump_holds_ciphertext_but_no_plaintext(_db_url: str) -> None:
    key = generate_key()
    vault = Vault([key])
    plaintexts = await _store_credentials(vault)
    tokens = [
        t
        for row in await BrokerCredential.all().values_list(
            "refresh_token_encrypted", "client_secret_encrypted"
        )
        for t in row
        if t
    ]
    assert len(tokens) == 3

    dumps = {"rows": await _dump_rows()}
    if _db_url.startswith("sqlite://"):
        await close_db()  # checkpoint the WAL so the file bytes are what a backup would copy
        dumps.update(_dumps(_db_url))
        await init_db(_db_url, migrate=False)
    else:
        dumps.update(_dumps(_db_url))

    for source, dump in dumps.items():
        for token in tokens:
            assert token in dump, f"{source} does not cover the credential rows"
        for refresh, client in plaintexts.values():
            assert refresh not in dump, f"plaintext refresh token in {source}"
            assert client is None or client not in dump, f"plaintext client secret in {source}"
        assert key not in dump


def test_a_postgres_dump_without_pg_dump_fails_instead_of_passing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="pg_dump is not installed"):
        _dumps("postgres://postgres@127.0.0.1:5432/tastybot_test")


def test_a_failing_pg_dump_fails_instead_of_passing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "pg_dump"
    broken.write_text("#!/bin/sh\necho 'server version mismatch' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(broken))
    with pytest.raises(pytest.fail.Exception, match="server version mismatch"):
        _dumps("postgres://postgres@127.0.0.1:5432/tastybot_test")


async def test_rotate_all_secrets_reencrypts_every_row_under_the_new_key(_db_url: str) -> None:
    old_key, new_key = generate_key(), generate_key()
    plaintexts = await _store_credentials(Vault([old_key]))

    count = await rotate_all_secrets(Vault([new_key, old_key]))

    assert count == 3
    new_only, old_only = Vault([new_key]), Vault([old_key])
    for cred in await BrokerCredential.all().prefetch_related("trader"):
        discord_id = cred.trader.discord_id
        refresh, client = plaintexts[cred.id]
        assert new_only.decrypt(cred.refresh_token_encrypted, purpose=f"refresh:{discord_id}") == (
            refresh
        )
        with pytest.raises(VaultError):
            old_only.decrypt(cred.refresh_token_encrypted, purpose=f"refresh:{discord_id}")
        if client is None:
            assert cred.client_secret_encrypted is None
        else:
            assert cred.client_secret_encrypted is not None
            assert (
                new_only.decrypt(cred.client_secret_encrypted, purpose=f"client:{discord_id}")
                == client
            )
            with pytest.raises(VaultError):
                old_only.decrypt(cred.client_secret_encrypted, purpose=f"client:{discord_id}")


async def test_rotation_is_all_or_nothing(_db_url: str) -> None:
    old_key, new_key = generate_key(), generate_key()
    await _store_credentials(Vault([old_key]))
    stranger = await Trader.create(discord_id=1003)
    await BrokerCredential.create(
        trader=stranger,
        environment=Environment.PRODUCTION,
        kind=CredentialKind.OAUTH,
        refresh_token_encrypted=Vault([generate_key()]).encrypt("unknown-key"),
    )
    before = (
        await BrokerCredential.all()
        .order_by("id")
        .values_list("refresh_token_encrypted", "client_secret_encrypted")
    )

    with pytest.raises(VaultError):
        await rotate_all_secrets(Vault([new_key, old_key]))

    after = (
        await BrokerCredential.all()
        .order_by("id")
        .values_list("refresh_token_encrypted", "client_secret_encrypted")
    )
    assert after == before


async def test_rotating_an_empty_table_is_a_no_op(_db_url: str) -> None:
    assert await rotate_all_secrets(Vault([generate_key()])) == 0
