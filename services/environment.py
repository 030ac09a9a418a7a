"""The Tastytrade environment an action is for: an enum, never a free string.

A free string once routed "Sandbox", "sandbx" and "SANDBOX " to production. Code compares
``Environment`` members only; text from a person goes through :func:`parse_environment`, which
refuses anything it does not recognise instead of guessing.
"""

from __future__ import annotations

from enum import StrEnum

from services.errors import ValidationError


class Environment(StrEnum):
    SANDBOX = "sandbox"
    PRODUCTION = "production"


def parse_environment(text: str) -> Environment:
    """The environment a person named (any case, surrounding spaces ignored); anything else,
    including near-misses such as "sandbx", is refused."""
    try:
        return Environment(text.strip().lower())
    except ValueError:
        names = " or ".join(f"`{member.value}`" for member in Environment)
        raise ValidationError(f"Unknown environment; use {names}.") from None
