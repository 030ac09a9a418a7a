"""`!link`, `/forget` and the secret guard on simulated Discord with the real bot and the
simulator: a personal grant linked in a DM, secrets pasted in a server deleted with a warning,
forgetting with confirmation, and a second member who can neither see nor forget the first's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, cast

import discord
import pytest
from support.discord_ui import press, view_of

from bot.bot import Tastybot
from bot.discord_sim import Exchange, SimulatedDiscord
from cogs.linking._views import ForgetConfirm, LinkPanel, SyncOnLaunchChoice
from services.broker import broker_route
from services.db.models import BrokerAccount, BrokerCredential, SyncOnLaunch, Trader
from services.vault import Vault, generate_key
from simulator.server import RunningSimulator, run_simulator


@pytest.fixture
async def sim() -> AsyncIterator[RunningSimulator]:
    async with run_simulator(seed=7, market_tick=0, history=False) as running:
        yield running


@pytest.fixture
async def linking_discord(discord_sim: SimulatedDiscord, sim: RunningSimulator) -> SimulatedDiscord:
    bot = cast(Tastybot, discord_sim.bot)
    bot.vault = Vault([generate_key()])
    bot.broker_route = broker_route(str(sim.url), demo_mode=True)
    return discord_sim


def text_of(exchange: Exchange) -> str:
    parts = []
    for message in exchange.replies:
        parts.append(message.content or "")
        for embed in message.embeds:
            parts.extend([embed.title or "", embed.description or ""])
            parts.extend(f"{field.name} {field.value}" for field in embed.fields)
    return "\n".join(parts)


async def link_in_dm(
    discord_sim: SimulatedDiscord, sim: RunningSimulator, member: int = 0
) -> Exchange:
    creds = sim.credentials()["sandbox"]
    return await discord_sim.send(
        f"!link sandbox {creds['client_secret']} {creds['refresh_token']}", member=member, dm=True
    )


async def test_link_in_a_dm_links_the_personal_grant(
    linking_discord: SimulatedDiscord, sim: RunningSimulator
) -> None:
    exchange = await link_in_dm(linking_discord, sim)

    text = text_of(exchange)
    accounts = await BrokerAccount.filter(trader__discord_id=linking_discord.member(0).id)
    assert accounts and f"Linked {len(accounts)} Tastytrade sandbox accounts" in text
    assert all(account.account_number in text for account in accounts)
    assert all(isinstance(reply.channel, discord.DMChannel) for reply in exchange.replies)
    assert sim.credentials()["sandbox"]["client_secret"] not in text
    credential = await BrokerCredential.get(trader__discord_id=linking_discord.member(0).id)
    assert credential.kind == "personal"

    question = exchange.replies[-1]
    assert "sync your accounts each time it starts" in question.content
    view = view_of(linking_discord, question)
    assert type(view).__name__ == SyncOnLaunchChoice.__name__
    pressed = await press(view, "Yes", linking_discord.member(0))
    assert pressed.response.edited is not None and "/settings" in pressed.response.edited["content"]
    trader = await Trader.get(discord_id=linking_discord.member(0).id)
    assert trader.sync_on_launch is SyncOnLaunch.YES

    again = await link_in_dm(linking_discord, sim)  # relink: replaced, not asked again
    assert "Relinked" in text_of(again) and "each time it starts" not in text_of(again)
    assert await BrokerCredential.all().count() == 1


async def test_a_wrong_grant_in_a_dm_is_refused_clearly(
    linking_discord: SimulatedDiscord, sim: RunningSimulator
) -> None:
    creds = sim.credentials()["sandbox"]
    exchange = await linking_discord.send(
        f"!link production {creds['client_secret']} {creds['refresh_token']}", dm=True
    )
    assert "did not accept these credentials for production" in text_of(exchange)
    assert await BrokerCredential.all().count() == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("!link sandbx a b", "Unknown environment"),
        ("!link sandbox onlyonesecret0123456789", "Give the environment, the client secret"),
        ("!link sandbox " + "x" * 30 + " " + "y" * 5000, "too long"),
    ],
)
async def test_malformed_link_in_a_dm_is_explained(
    linking_discord: SimulatedDiscord, content: str, expected: str
) -> None:
    exchange = await linking_discord.send(content, dm=True)
    assert expected in text_of(exchange)
    assert await BrokerCredential.all().count() == 0


async def test_link_without_secrets_in_a_dm_shows_the_two_ways(
    linking_discord: SimulatedDiscord,
) -> None:
    exchange = await linking_discord.send("!link sandbox", dm=True)

    assert "personal grant" in text_of(exchange)
    view = view_of(linking_discord, exchange.replies[0])
    assert type(view).__name__ == LinkPanel.__name__
    labels = [item.label for item in view.children if isinstance(item, discord.ui.Button)]
    assert labels == ["Personal grant (sandbox)"]  # no OAuth client configured in tests
    other = await press(view, "Personal", linking_discord.member(1))
    assert other.response.sent is not None and "Only the trader who asked" in other.response.sent


async def test_link_with_secrets_in_a_server_is_deleted_with_a_warning(
    linking_discord: SimulatedDiscord, sim: RunningSimulator
) -> None:
    creds = sim.credentials()["sandbox"]
    channel = linking_discord.channel

    exchange = await linking_discord.send(
        f"!link sandbox {creds['client_secret']} {creds['refresh_token']}"
    )

    assert [m async for m in channel.history()] == exchange.replies  # the secret is gone
    assert len(exchange.replies) == 1
    assert "I deleted your message" in exchange.replies[0].content
    assert linking_discord.member(0).mention in exchange.replies[0].content
    assert await BrokerCredential.all().count() == 0


async def test_a_secret_pasted_in_a_server_is_deleted_with_a_warning(
    linking_discord: SimulatedDiscord, sim: RunningSimulator
) -> None:
    token = sim.credentials()["production"]["refresh_token"]

    exchange = await linking_discord.send(f"here is my token {token} can someone help")

    history = [m async for m in linking_discord.channel.history()]
    assert all(token not in message.content for message in history)
    assert (
        len(exchange.replies) == 1
        and "looked like a Tastytrade secret" in exchange.replies[0].content
    )


async def test_ordinary_chat_and_orders_are_left_alone(linking_discord: SimulatedDiscord) -> None:
    for content in ("BTO SPY 12/18 450C @ 2.15", "where do I find my refresh token?"):
        exchange = await linking_discord.send(content)
        assert exchange.replies == []
        history = [m.content async for m in linking_discord.channel.history()]
        assert content in history


async def test_a_secret_that_cannot_be_deleted_still_gets_a_warning(
    linking_discord: SimulatedDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def forbidden(self: discord.Message, **_: Any) -> None:
        raise discord.Forbidden(cast(Any, type("R", (), {"status": 403, "reason": "x"})()), "no")

    monkeypatch.setattr(discord.Message, "delete", forbidden)

    exchange = await linking_discord.send("client_secret=3f9c2a7be41d08c6a5f2e9b7c1d4a8e06b3f5c92")

    assert "cannot delete it here" in exchange.replies[0].content


async def test_link_in_a_server_without_secrets_answers_by_dm(
    linking_discord: SimulatedDiscord,
) -> None:
    exchange = await linking_discord.send("!link production")
    in_dm = [m for m in exchange.replies if isinstance(m.channel, discord.DMChannel)]
    in_guild = [m for m in exchange.replies if not isinstance(m.channel, discord.DMChannel)]
    assert in_guild[0].content == "I sent you a DM with your link options."
    assert in_dm and in_dm[0].embeds[0].title == "Link your Tastytrade account"


async def test_forget_asks_then_deletes_and_reports(
    linking_discord: SimulatedDiscord, sim: RunningSimulator
) -> None:
    await link_in_dm(linking_discord, sim)
    exchange = await linking_discord.send("!forget sandbox yes", dm=True)

    assert "personal grant" in text_of(exchange) and "every synced account" in text_of(exchange)
    view = view_of(linking_discord, exchange.replies[0])
    assert type(view).__name__ == ForgetConfirm.__name__
    pressed = await press(view, "Forget", linking_discord.member(0))

    assert pressed.response.edited is not None
    report = pressed.response.edited["content"]
    assert "Deleted your sandbox Tastytrade credentials" in report and "Purged" in report
    assert await BrokerCredential.all().count() == 0
    assert await BrokerAccount.all().count() == 0


async def test_forget_can_be_cancelled(
    linking_discord: SimulatedDiscord, sim: RunningSimulator
) -> None:
    await link_in_dm(linking_discord, sim)
    exchange = await linking_discord.send("!forget", dm=True)
    pressed = await press(
        view_of(linking_discord, exchange.replies[0]), "Cancel", linking_discord.member(0)
    )
    assert pressed.response.edited is not None
    assert pressed.response.edited["content"] == "Nothing was forgotten."
    assert await BrokerCredential.all().count() == 1


@pytest.mark.parametrize("argument", ["sandbx", "<script>", "x" * 3000])
async def test_forget_with_a_bad_environment_is_explained(
    linking_discord: SimulatedDiscord, argument: str
) -> None:
    exchange = await linking_discord.send(f"!forget {argument}", dm=True)
    assert "Unknown environment" in text_of(exchange)


async def test_another_member_can_neither_see_nor_forget_the_first_members_link(
    linking_discord: SimulatedDiscord, sim: RunningSimulator
) -> None:
    await link_in_dm(linking_discord, sim, member=0)
    owner = linking_discord.member(0)
    before = await BrokerCredential.filter(trader__discord_id=owner.id).count()
    accounts = await BrokerAccount.filter(trader__discord_id=owner.id).count()

    nothing = await linking_discord.send("!forget all yes", member=1, dm=True)
    assert "every synced account" in text_of(nothing)
    assert "personal grant" not in text_of(nothing)  # nothing of member 0's is listed
    pressed = await press(
        view_of(linking_discord, nothing.replies[0]), "Forget", linking_discord.member(1)
    )
    assert pressed.response.edited is not None
    assert pressed.response.edited["content"] == (
        "You had nothing linked or synced here, so nothing was deleted."
    )

    # member 1 cannot press member 0's confirmation either
    mine = await linking_discord.send("!forget all yes", member=0, dm=True)
    stolen = await press(
        view_of(linking_discord, mine.replies[0]), "Forget", linking_discord.member(1)
    )
    assert stolen.response.sent is not None and stolen.response.edited is None

    plain = await linking_discord.send("!forget", member=1, dm=True)
    assert "no linked Tastytrade credentials" in text_of(plain)
    assert await BrokerCredential.filter(trader__discord_id=owner.id).count() == before
    assert await BrokerAccount.filter(trader__discord_id=owner.id).count() == accounts
