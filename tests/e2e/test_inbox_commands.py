"""/inbox end to end on simulated Discord: a notice arrives by DM and in the inbox, the pager
pages and marks read, and another member sees and changes nothing of it."""

from __future__ import annotations

import discord
import pytest
from support.discord_ui import FakeInteraction, dm_reply, view_of

from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from bot.notify_dm import DiscordDirectMessenger
from cogs.inbox._views import InboxPager
from services.notify import Event, Notice, NotificationService
from services.notify.inbox import inbox_page, unread_count

TRADER, OTHER = 0, 1


@pytest.fixture
def notifier(tastybot: Tastybot) -> NotificationService:
    service = NotificationService(
        messenger=DiscordDirectMessenger(tastybot), mailer=None, base_url="http://127.0.0.1"
    )
    tastybot.notifier = service
    return service


async def _tell(discord_sim: SimulatedDiscord, service: NotificationService, count: int) -> None:
    trader = discord_sim.member(TRADER).id
    for number in range(count):
        await service.notify(
            Notice(trader, Event.SYNC_FAILED, f"Sync failed #{number}", "HTTP 503; /sync later")
        )


async def test_a_notice_reaches_the_members_dms(
    discord_sim: SimulatedDiscord, notifier: NotificationService
) -> None:
    member = discord_sim.member(TRADER)

    delivery = await notifier.deliver(
        Notice(member.id, Event.CREDENTIALS_REJECTED, "Link again", "Tastytrade refused the grant")
    )
    exchange = await discord_sim.send("!inbox")

    assert delivery is not None and delivery.dm_status == "sent"
    dms = [m for m in discord_sim.bot.cached_messages if isinstance(m.channel, discord.DMChannel)]
    told = [m for m in dms if m.embeds and m.embeds[0].title == "Link again"]
    assert len(told) == 1
    assert told[0].channel.id == (await member.create_dm()).id
    assert "Tastytrade refused the grant" in (told[0].embeds[0].description or "")
    fields = dm_reply(exchange).embeds[0].fields
    assert fields[0].name is not None and "Link again" in fields[0].name


async def test_inbox_is_answered_privately_and_pages(
    discord_sim: SimulatedDiscord, notifier: NotificationService
) -> None:
    await _tell(discord_sim, notifier, 7)

    exchange = await discord_sim.send("!inbox")

    channel_notes = [m.content for m in exchange.replies if m.channel == discord_sim.channel]
    assert channel_notes == ["I answered in your DMs (it is private)."]
    message = dm_reply(exchange)
    embed = message.embeds[0]
    assert embed.title == "Inbox: 7 unread"
    assert [f.name.split(" · ")[1] for f in embed.fields if f.name] == [
        f"Sync failed #{n}" for n in (6, 5, 4, 3, 2)
    ]
    pager = view_of(discord_sim, message, InboxPager)
    assert pager.previous_page.disabled and not pager.next_page.disabled

    interaction = FakeInteraction(discord_sim.member(TRADER))
    await pager.next_page.callback(interaction)  # type: ignore[arg-type]

    assert interaction.response.edited is not None
    second = interaction.response.edited["embed"]
    assert [f.name.split(" · ")[1] for f in second.fields] == ["Sync failed #1", "Sync failed #0"]
    assert pager.next_page.disabled


async def test_mark_read_by_button_and_by_command(
    discord_sim: SimulatedDiscord, notifier: NotificationService
) -> None:
    await _tell(discord_sim, notifier, 7)
    trader_id = discord_sim.member(TRADER).id
    pager = view_of(discord_sim, dm_reply(await discord_sim.send("!inbox")), InboxPager)

    owner = FakeInteraction(discord_sim.member(TRADER))
    await pager.mark_page_read.callback(owner)  # type: ignore[arg-type]
    assert await unread_count(trader_id) == 2

    oldest = (await inbox_page(trader_id, 2)).items[-1]
    exchange = await discord_sim.send(f"!inbox read {oldest.id}")
    assert dm_reply(exchange).content == f"Marked #{oldest.id} read."
    assert await unread_count(trader_id) == 1

    exchange = await discord_sim.send("!inbox read all")
    assert dm_reply(exchange).content == "Marked 1 notice read."
    assert await unread_count(trader_id) == 0


async def test_another_member_sees_and_changes_nothing(
    discord_sim: SimulatedDiscord, notifier: NotificationService
) -> None:
    await _tell(discord_sim, notifier, 3)
    trader_id = discord_sim.member(TRADER).id
    items = (await inbox_page(trader_id)).items
    traders_pager = view_of(discord_sim, dm_reply(await discord_sim.send("!inbox")), InboxPager)

    own = await discord_sim.send("!inbox", member=OTHER)
    by_id = await discord_sim.send(f"!inbox read {items[0].id}", member=OTHER)
    everything = await discord_sim.send("!inbox read all", member=OTHER)
    stranger = FakeInteraction(discord_sim.member(OTHER))
    allowed = await traders_pager.interaction_check(stranger)  # type: ignore[arg-type]

    others_inbox = dm_reply(own).embeds[0]
    assert others_inbox.title == "Inbox: 0 unread" and others_inbox.fields == []
    others_dm = await discord_sim.member(OTHER).create_dm()
    assert dm_reply(own).channel.id == others_dm.id
    assert others_dm.id != (await discord_sim.member(TRADER).create_dm()).id
    assert by_id.replies[0].content == f"You have no notification #{items[0].id}."
    assert dm_reply(everything).content == "Marked 0 notices read."
    assert not allowed and stranger.response.sent is not None
    assert "someone else's inbox" in stranger.response.sent
    assert await unread_count(trader_id) == 3


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("!inbox abc", "That input doesn't look right"),
        ("!inbox 0", "Choose a number from 1 to 10000"),
        ("!inbox 99999999999999999999", "Choose a number from 1 to 10000"),
        ("!inbox read", "Missing `which`"),
        ("!inbox read xyz", "Say which notice"),
        ("!inbox read -3", "Say which notice"),
        ("!inbox read 99999999999999999999", "Say which notice"),
        ("!inbox read @everyone", "Say which notice"),
        ("!inbox read " + "9" * 1900, "Say which notice"),
        ("!inbox read 12 13", "Too many arguments"),
        ("!inbox 1 2", "Too many arguments"),
        ("!inbox show 0", "Choose a number from 1 to 10000"),
    ],
)
async def test_malformed_hostile_and_oversized_input_is_refused(
    discord_sim: SimulatedDiscord, notifier: NotificationService, command: str, expected: str
) -> None:
    await _tell(discord_sim, notifier, 1)

    exchange = await discord_sim.send(command)

    assert expected in exchange.replies[0].content
    assert await unread_count(discord_sim.member(TRADER).id) == 1


async def test_the_pager_expires_with_its_buttons_disabled(
    discord_sim: SimulatedDiscord, notifier: NotificationService
) -> None:
    await _tell(discord_sim, notifier, 1)
    pager = view_of(discord_sim, dm_reply(await discord_sim.send("!inbox")), InboxPager)

    await pager.on_timeout()

    assert all(item.disabled for item in pager.children if isinstance(item, discord.ui.Button))


async def test_prefix_show_takes_a_page(
    discord_sim: SimulatedDiscord, notifier: NotificationService
) -> None:
    await _tell(discord_sim, notifier, 6)

    exchange = await discord_sim.send("!inbox show 2")

    embed = dm_reply(exchange).embeds[0]
    assert [f.name.split(" · ")[1] for f in embed.fields if f.name] == ["Sync failed #0"]
    assert (embed.footer.text or "").startswith("Page 2/2")


async def test_slash_groups_keep_their_show_subcommand(tastybot: Tastybot) -> None:
    tree = {
        command.name: [option["name"] for option in command.to_dict(tastybot.tree)["options"]]
        for command in tastybot.tree.get_commands()
    }

    assert tree["inbox"] == ["show", "read"]
    assert tree["email"] == ["show", "set", "remove"]
    assert tree["settings"] == ["show", "sync", "notify", "expiry", "chart-theme", "risk"]
