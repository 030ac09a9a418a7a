"""/email end to end: set sends a link (to a recording mailer; the real SMTP path is in
tests/integration/notify), the link verifies it, show and remove work on the trader's own
address only, and nothing private is answered in the channel."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from support.discord_ui import dm_reply

from bot.bot import Tastybot
from bot.discord_sim import SimulatedDiscord
from services.notify.addresses import VerificationOutcome, email_status, verify_token

TRADER, OTHER = 0, 1
PRIVATE_NOTE = "I answered in your DMs (it is private)."


@dataclass
class RecordingMailer:
    sent: list[tuple[str, str, str]] = field(default_factory=list)

    async def send_mail(self, to: str, subject: str, body: str) -> None:
        self.sent.append((to, subject, body))


@pytest.fixture
def mailer(tastybot: Tastybot) -> RecordingMailer:
    recording = RecordingMailer()
    tastybot.mailer = recording
    return recording


def _token(body: str) -> str:
    match = re.search(r"/email/verify\?token=([A-Za-z0-9_-]+)", body)
    assert match is not None
    return match.group(1)


async def test_without_smtp_email_is_clearly_not_configured(discord_sim: SimulatedDiscord) -> None:
    setting = await discord_sim.send("!email set trader@example.com")
    showing = await discord_sim.send("!email")

    assert "Email is not configured on this Tastybot" in dm_reply(setting).content
    fields = {f.name: f.value for f in dm_reply(showing).embeds[0].fields}
    assert "not configured" in str(fields["Note"])
    assert (await email_status(discord_sim.member(TRADER).id)).pending is None


async def test_set_sends_a_link_that_verifies_the_address(
    discord_sim: SimulatedDiscord, mailer: RecordingMailer
) -> None:
    exchange = await discord_sim.send("!email set Trader@Example.com")

    assert "I emailed a confirmation link to Trader@example.com" in dm_reply(exchange).content
    assert [m.content for m in exchange.replies if m.channel == discord_sim.channel] == [
        PRIVATE_NOTE
    ]
    [(to, _subject, body)] = mailer.sent
    assert to == "Trader@example.com"
    assert body.count("http://127.0.0.1:0/email/verify?token=") == 1
    pending = await discord_sim.send("!email")
    fields = {f.name: f.value for f in dm_reply(pending).embeds[0].fields}
    assert fields["Verified address"] == "none"
    assert "Trader@example.com" in str(fields["Waiting for confirmation"])

    assert await verify_token(_token(body)) is VerificationOutcome.VERIFIED
    verified = await discord_sim.send("!email show")

    fields = {f.name: f.value for f in dm_reply(verified).embeds[0].fields}
    assert fields["Verified address"] == "Trader@example.com"


async def test_remove_forgets_the_address(
    discord_sim: SimulatedDiscord, mailer: RecordingMailer
) -> None:
    await discord_sim.send("!email set trader@example.com")
    await verify_token(_token(mailer.sent[0][2]))

    removed = await discord_sim.send("!email remove")
    again = await discord_sim.send("!email remove")

    assert "forgotten" in dm_reply(removed).content
    assert dm_reply(again).content == "You have no email address set."
    status = await email_status(discord_sim.member(TRADER).id)
    assert (status.address, status.verified) == (None, False)


async def test_another_member_sees_and_changes_nothing(
    discord_sim: SimulatedDiscord, mailer: RecordingMailer
) -> None:
    trader_id = discord_sim.member(TRADER).id
    await discord_sim.send("!email set trader@example.com")
    await verify_token(_token(mailer.sent[0][2]))

    shown = await discord_sim.send("!email", member=OTHER)
    removed = await discord_sim.send("!email remove", member=OTHER)

    text = str(dm_reply(shown).embeds[0].to_dict())
    assert "trader@example.com" not in text
    assert dm_reply(removed).content == "You have no email address set."
    status = await email_status(trader_id)
    assert (status.address, status.verified) == ("trader@example.com", True)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("!email set", "Missing `address`"),
        ("!email set not-an-address", "does not look like an email address"),
        ("!email set <script>@example.com", "does not look like an email address"),
        ("!email set a@example.com, b@example.com", "does not look like an email address"),
        ("!email set a@example.com\nBcc: victim@example.com", "does not look like an email"),
        ("!email set @everyone", "does not look like an email address"),
        ("!email set mé@example.com", "plain ASCII"),
        ("!email set " + "a" * 1900 + "@example.com", "too long"),
    ],
)
async def test_malformed_hostile_and_oversized_addresses_are_refused(
    discord_sim: SimulatedDiscord, mailer: RecordingMailer, command: str, expected: str
) -> None:
    exchange = await discord_sim.send(command)

    assert expected in exchange.replies[-1].content
    assert mailer.sent == []
    assert (await email_status(discord_sim.member(TRADER).id)).pending is None
