"""The secret guard deletes messages holding a Tastytrade secret, and nothing else: orders,
chat, links and numbers stay."""

from __future__ import annotations

import pytest

from services.linking import looks_like_secret

JWT = (
    "eyJhbGciOiJFZERTQSIsInR5cCI6InJ0K2p3dCJ9.eyJpc3MiOiJodHRwczovL2FwaS50YXN0eXRyYWRlLmNvbSJ9."
    "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG9mcmVk"
)
CLIENT_SECRET = "3f9c2a7be41d08c6a5f2e9b7c1d4a8e06b3f5c92"


@pytest.mark.parametrize(
    "text",
    [
        JWT,
        f"here is my refresh token {JWT} thanks",
        CLIENT_SECRET,
        f"client secret: {CLIENT_SECRET}",
        f"client_secret={CLIENT_SECRET} refresh_token={JWT}",
        "refresh_token: 8fJ2kLq9ZxW3vB7nR1tY",
        '{"client_secret": "a1b2c3d4e5f6a7b8c9d0"}',
        "sim-rt-5d1f0e6a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c",
        "sim-rt-Qm3_xV9kLp2Zr8TnW4yB6cHd1JfGs0Ae",
        "my token is h7Kq2ZxR9vLm4TnB8cWp1YsD6fGj3QaE5uIo0NeX_tM",
        "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",  # a Discord bot token
        f"https://example.com/cb?refresh_token={JWT}",
        CLIENT_SECRET.upper(),
    ],
)
def test_secrets_are_spotted(text: str) -> None:
    assert looks_like_secret(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "BTO SPY 12/18 450C @ 2.15",
        "sell 2 AMD 150 calls 12/18 @ 3.20",
        "STO 1 SPXW 241218P05800000 @ 4.10 GTC",
        "buy 100 shares of MSFT at market",
        "anyone buying SPY calls today? my refresh token expired lol",
        "what's a client secret and where do I find it?",
        "the client secret is shown only once, copy it",
        "order 1234567890123456789012345678901234567890 filled",  # digits only
        "account 5WT00001 and 5WZ00002",
        "https://cdn.discordapp.com/attachments/1/2/chart.png?ex=66&is=65&hm=3f9c2a7be41d08c6a5f2e9b7c1d4a8e06b3f5c923f9c2a7be41d08c6a5f2e9b7",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "supercalifragilisticexpialidocious and antidisestablishmentarianism",
        "Pneumonoultramicroscopicsilicovolcanoconiosis123",
        "<@123456789012345678> <#234567890123456789> <:spy:345678901234567890>",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef",  # no digits... and a joke, not a secret
        "PL today: +$1,234.56 on SPY 450/455 call spread, IV 23.4%",
        "use !link sandbox in a DM",
    ],
)
def test_ordinary_chat_and_orders_are_not_secrets(text: str) -> None:
    assert not looks_like_secret(text)


def test_a_huge_message_is_checked_quickly_and_correctly() -> None:
    chatter = "BTO SPY 12/18 450C @ 2.15 " * 150  # Discord's 4,000-character limit
    assert not looks_like_secret(chatter)
    assert looks_like_secret(chatter + CLIENT_SECRET)
