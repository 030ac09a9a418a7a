"""A trader's stored Tastytrade grant, read from the vault into a :class:`BrokerConnection`.

Vault purposes name the row by its natural key (the trader's Discord id and the environment),
known before a new row has an id: a ciphertext copied to another trader's row or another
column does not decrypt there.
"""

from __future__ import annotations

from pydantic import SecretStr

from services.broker.routing import BrokerConnection, BrokerRoute, OAuthClient
from services.db.models import BrokerCredential, CredentialKind
from services.environment import Environment
from services.errors import ConfigurationError, NotLinkedError
from services.vault import Vault


def refresh_token_purpose(discord_id: int, environment: Environment) -> str:
    return f"broker_credential.refresh_token:trader={discord_id}:{environment.value}"


def client_secret_purpose(discord_id: int, environment: Environment) -> str:
    return f"broker_credential.client_secret:trader={discord_id}:{environment.value}"


async def load_connection(
    vault: Vault,
    discord_id: int,
    environment: Environment,
    route: BrokerRoute,
    oauth_clients: dict[Environment, OAuthClient] | None = None,
) -> BrokerConnection:
    """The trader's grant for ``environment``, decrypted. A personal grant carries its own
    client secret; an OAuth grant uses the operator's client secret for that environment."""
    credential = await BrokerCredential.get_or_none(
        trader__discord_id=discord_id, environment=environment, revoked_at=None
    )
    if credential is None:
        raise NotLinkedError()
    refresh_token = vault.decrypt(
        credential.refresh_token_encrypted,
        purpose=refresh_token_purpose(discord_id, environment),
    )
    if credential.kind is CredentialKind.PERSONAL and credential.client_secret_encrypted:
        client_secret = vault.decrypt(
            credential.client_secret_encrypted,
            purpose=client_secret_purpose(discord_id, environment),
        )
    else:
        client = (oauth_clients or {}).get(environment)
        if client is None:
            raise ConfigurationError(
                f"no Tastytrade OAuth client is configured for {environment.value}"
            )
        client_secret = client.client_secret.get_secret_value()
    return BrokerConnection(
        environment=environment,
        client_secret=SecretStr(client_secret),
        refresh_token=SecretStr(refresh_token),
        route=route,
    )
