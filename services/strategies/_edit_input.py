"""What a trader types for an edit: group and lot numbers, and names for groups and types.

A name is text other people read in lists, so it is refused, not altered, when it carries
anything but letters, digits, spaces and a little punctuation: no markdown, mentions, emoji,
control or invisible characters (after Unicode NFKC normalisation, so a full-width ``＠`` is an
``@``). Numbers that cannot be ids read like ids the trader does not have.
"""

from __future__ import annotations

import re
import unicodedata

from services.errors import NotFoundError, ValidationError
from services.strategies.catalog import CATALOG_KEYS, display_name

MAX_GROUP_NAME_CHARS = 80
MAX_TYPE_NAME_CHARS = 40
MAX_LOTS_PER_EDIT = 100
MAX_ID = 2**31 - 1
MAX_ID_DIGITS = 10
NAME_PUNCTUATION = frozenset(" -.,'&()/+:!?%$")
NAME_RULE = "letters, digits, spaces and - . , ' & ( ) / + : ! ? % $"
_ID_SEPARATORS = re.compile(r"[\s,;]+")


def unknown_group(group_id: int) -> NotFoundError:
    # the same words whether the group never existed, was archived or is someone else's
    return NotFoundError(f"You have no strategy group #{group_id}. `/strategies` lists yours.")


def unknown_lot(lot_id: int) -> NotFoundError:
    return NotFoundError(f"You have no lot #{lot_id}. `/strategy show <group>` lists its lots.")


def checked(number: int, what: str) -> int:
    """A group or lot number that can exist; any other reads as one the trader does not have
    (and never reaches the database, whose id columns it would overflow)."""
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number <= MAX_ID:
        raise unknown_group(number) if what == "group" else unknown_lot(number)
    return number


def parse_id(text: str, what: str = "group") -> int:
    """A group or lot number typed by the trader (``12`` or ``#12``)."""
    cleaned = text.strip().removeprefix("#")
    if (
        not cleaned.isascii()
        or not cleaned.isdigit()
        or len(cleaned) > MAX_ID_DIGITS
        or not 0 < int(cleaned) <= MAX_ID
    ):
        raise ValidationError(
            f"That is not a {what} number: use the number `/strategies` shows, like `12`."
        )
    return int(cleaned)


def parse_ids(text: str, what: str = "lot", *, limit: int = MAX_LOTS_PER_EDIT) -> tuple[int, ...]:
    """Numbers separated by spaces or commas (``57, 58`` or ``#57 #58``), each once, in the
    order given; at most ``limit`` of them."""
    if len(text) > limit * (MAX_ID_DIGITS + 2):
        raise ValidationError(f"That is more than {limit} {what}s.")
    parts = [part for part in _ID_SEPARATORS.split(text) if part]
    numbers = tuple(dict.fromkeys(parse_id(part, what) for part in parts))
    if len(numbers) > limit:
        raise ValidationError(f"That is more than {limit} {what}s.")
    return numbers


def clean_name(text: str, *, what: str, limit: int) -> str:
    """A name for a group or type: whitespace collapsed, at most ``limit`` characters of
    :data:`NAME_RULE`; anything else (markdown, mentions, emoji) is refused, not altered."""
    if len(text) > limit * 4:  # refuse an oversized argument before normalising it
        raise ValidationError(f"A {what} name is at most {limit} characters.")
    cleaned = " ".join(unicodedata.normalize("NFKC", text).split())
    if not cleaned:
        raise ValidationError(f"Give the {what} a name.")
    if len(cleaned) > limit:
        raise ValidationError(f"A {what} name is at most {limit} characters.")
    if not all(char.isalnum() or char in NAME_PUNCTUATION for char in cleaned):
        raise ValidationError(
            f"A {what} name may use {NAME_RULE} only (no markdown, mentions or emoji)."
        )
    return cleaned


def name_key(name: str) -> str:
    return name.casefold()


def catalog_key(text: str) -> str | None:
    """The catalog key ``text`` names, as a key (``iron_condor``) or its display name."""
    cleaned = " ".join(text.strip().split())
    as_key = cleaned.lower().replace(" ", "_").replace("-", "_")
    if as_key in CATALOG_KEYS:
        return as_key
    folded = cleaned.casefold()
    return next((key for key in CATALOG_KEYS if display_name(key).casefold() == folded), None)
