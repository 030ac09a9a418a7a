"""Our OAuth linking routes with the simulator as Tastytrade, for the tests that link through
them (with aiohttp's test client, or in a real browser)."""

from __future__ import annotations

from aiohttp import web
from pydantic import SecretStr

from services.broker import Environment, broker_route
from services.broker.client import RetryPolicy
from services.broker.routing import OAuthClient
from services.linking import LinkingContext
from services.status import StatusBoard
from services.vault import Vault
from simulator.server import RunningSimulator
from web_status import create_app
from web_status._routes_oauth import LinkedCallback, OAuthWeb, oauth_routes


def simulator_linking(sim: RunningSimulator, vault: Vault, policy: RetryPolicy) -> LinkingContext:
    """Linking against the simulator (demo routing), with its OAuth client in each environment."""
    creds = sim.credentials()
    return LinkingContext(
        vault=vault,
        route=broker_route(str(sim.url), demo_mode=True),
        oauth_clients={
            env: OAuthClient(
                creds[env.value]["oauth_client_id"], SecretStr(creds[env.value]["client_secret"])
            )
            for env in Environment
        },
        policy=policy,
    )


def oauth_app(context: LinkingContext, base: str, on_linked: LinkedCallback) -> web.Application:
    """The public web app with the OAuth routes at ``base``; its database is always up."""

    async def db_ok() -> bool:
        return True

    board = StatusBoard(version="t", environment="demo", database_kind="sqlite")
    return create_app(
        board, db_check=db_ok, features=[oauth_routes(OAuthWeb(context, lambda: base, on_linked))]
    )
