"""Addresses a trader may set: plain ASCII local@domain, nothing hostile, nothing huge."""

from __future__ import annotations

import pytest

from services.errors import ValidationError
from services.notify.addresses import is_wellformed_token, normalise_address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("trader@example.com", "trader@example.com"),
        ("  Trader.Name+tag@Example.COM ", "Trader.Name+tag@example.com"),
        ("<me@sub.example.co.uk>", "me@sub.example.co.uk"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("me@xn--bcher-kva.example", "me@xn--bcher-kva.example"),
    ],
)
def test_plain_addresses_are_accepted(text: str, expected: str) -> None:
    assert normalise_address(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "no-at-sign",
        "@example.com",
        "me@",
        "me@localhost",
        "me@example",
        "me@-example.com",
        "me@example..com",
        "me..dots@example.com",
        ".me@example.com",
        "me@example.c0m",
        "a@b@example.com",
        "me@[127.0.0.1]",
        '"quoted"@example.com',
        "Name <me@example.com>",
        "me@example.com\r\nBcc: victim@example.com",
        "me@example.com, other@example.com",
        "<script>@example.com",
        "mé@example.com",
        "me@exämple.com",
        "me\x00@example.com",
        "x" * 65 + "@example.com",
        "me@" + "a" * 64 + ".com",
    ],
)
def test_malformed_and_hostile_addresses_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        normalise_address(text)


def test_oversized_input_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(ValidationError, match="too long"):
        normalise_address("a" * 1_000_000 + "@example.com")


def test_an_address_at_the_length_limit_is_accepted() -> None:
    address = "me@" + ".".join(["a" * 60] * 4) + ".com"
    assert len(address) == 250

    assert normalise_address(address) == address


@pytest.mark.parametrize(
    ("token", "ok"),
    [
        ("A" * 43, True),
        ("abc-DEF_123" * 3, True),
        ("short", False),
        ("A" * 65, False),
        ("A" * 42 + "=", False),
        ("A" * 40 + "<b>", False),
        ("A" * 40 + "%00", False),
    ],
)
def test_token_shapes(token: str, ok: bool) -> None:
    assert is_wellformed_token(token) is ok
