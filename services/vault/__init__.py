"""Encryption of secrets at rest (broker refresh tokens, client secrets).

``Vault(keys)`` wraps Fernet/MultiFernet: the first key encrypts, every key decrypts, and a
ciphertext can be bound to a *purpose* string so it fails to decrypt anywhere else (see
``Vault``). Keys come from ``load_keys``: ``TASTYBOT_SECRET_KEY`` (one key, or several
comma-separated keys, newest first) or else ``DATA_DIR/secret.key`` (one key per line, newest
first, mode ``0600``, generated on the first run; fine for demos, not for production).

Rotating keys (``tastybot rotate-key``)
---------------------------------------
With the key file:

1. ``rotate_key_file(data_dir)`` prepends a new key and keeps the old ones;
2. ``rotate_all_secrets(Vault(keys))`` re-encrypts every stored secret under the new key, in
   one transaction;
3. ``retire_old_keys(data_dir)`` then drops the old keys.

With ``TASTYBOT_SECRET_KEY`` (the process cannot rewrite its environment):

1. generate a key (``generate_key()``), set ``TASTYBOT_SECRET_KEY=NEW_KEY,OLD_KEY`` and restart
   (the bot now encrypts with NEW_KEY and still reads OLD_KEY);
2. run ``tastybot rotate-key``, which calls ``rotate_all_secrets``;
3. set ``TASTYBOT_SECRET_KEY=NEW_KEY`` and restart.

Until step 3, anyone with OLD_KEY can still read secrets stored before step 2, so do not skip
step 2 after a key was exposed. Keep a backup of the current key: without it stored
credentials are lost and every trader must link again.
"""

from services.vault._canary import check_vault_key
from services.vault._cipher import SECRET_KEY_SETTING, Vault, generate_key
from services.vault._keys import (
    KEY_FILE_NAME,
    key_file_path,
    load_keys,
    retire_old_keys,
    rotate_key_file,
)
from services.vault._rotation import rotate_all_secrets, secrets_needing_rotation

__all__ = [
    "KEY_FILE_NAME",
    "SECRET_KEY_SETTING",
    "Vault",
    "check_vault_key",
    "generate_key",
    "key_file_path",
    "load_keys",
    "retire_old_keys",
    "rotate_all_secrets",
    "rotate_key_file",
    "secrets_needing_rotation",
]
