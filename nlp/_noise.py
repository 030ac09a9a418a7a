"""Discord noise removal: mentions, emoji, markdown, URLs, zero-width characters."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SURROGATES = re.compile(r"[\ud800-\udfff]")  # lone surrogates cannot be encoded; drop them
_ZERO_WIDTH = re.compile("[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff]")
_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>")
_CUSTOM_EMOJI = re.compile(r"<a?:\w{1,64}:\d+>")
# not the minutes of a time before a colon ("new one at 10:40: buy ...")
_EMOJI_SHORTCODE = re.compile(r"(?<!\d):[a-z0-9_+\-]{2,32}:")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EVERYONE = re.compile(r"@(?:everyone|here)\b", re.IGNORECASE)
# ``@Lottos`` / ``@Cblast`` are role names typed as text; ``@m`` / ``@mkt`` mean "at market".
_AT_NAME = re.compile(r"@(?!(?:m|mkt|market)\b)[A-Za-z][\w.]*")
# A handle opening the message ("@jen sell 2 IWM ...", "@dave BTC your ..."): whom the message
# addresses (a name with "bot" in it is a bot: "@Trader_Bot sell 2 ..." is addressed to it).
_LEADING_HANDLE = re.compile(
    r"\A\s*(?:(?:hey|yo|hi|hello|oi|ok|okay)\b[ \t,]*)?"
    r"@(?!(?:m|mkt|market|everyone|here)\b)([A-Za-z][\w.]*)",
    re.IGNORECASE,
)
# Struck-through text with more written after it on its line is taken back and replaced ("@
# ~~1.70~~ 1.85", "~~buy~~ watching 2 HD ..."); struck text ending its line stays as words.
_STRUCK = re.compile(r"~~[^~\n]+~~(?=(?:[ \t]*~~[^~\n]+~~)*[ \t]*[^\s~])")
_MARKDOWN = re.compile(r"\*\*|__|~~|\|\||`+|(?<!\w)\*|\*(?!\w)")
_QUOTE = re.compile(r"^[ \t]*>+[ \t]?", re.MULTILINE)
# Quoted lines opening a message that goes on unquoted: the message replied to, someone else's
# words ("> what r u doing with the IWM puts?\nBTC 3 IWM ..."); quoted lines after the first
# unquoted one are the writer's own formatting ("🔥 $AMD 🔥\n> BTO 195c 10/30\n> @ 3.60").
_LEADING_QUOTE = re.compile(r"\A(?:[ \t]*>[^\n]*\n)+(?=[ \t]*[^>\s])")
# Discord's reply header copied with the message ("Replying to Priya\n<their message>\n<the
# reply>"): the line under the header is the message replied to, someone else's words, and is
# dropped with the header when the writer's reply follows on a line of its own ("replying to
# @kara: agreed. STO ..." keeps its reply on the header's line and is read).
_REPLY_HEADER = re.compile(
    r"\A[ \t]*replying[ \t]+to[ \t]+@?[\w.]+(?:[ \t]+[A-Z][\w.]*)?[ \t]*\n[^\n]*\n(?=\s*\S)",
    re.IGNORECASE,
)
# A question put to another member by name after the writer's own words, in a clause of its
# own ("BTO 4 SPY 725c 1dte @ .95 — @lars you playing the CPI pop or the dump?", "...\n@ray
# you still rolling those NVDA calls?"): when it asks about the member's doings in the second
# person, pointing at nothing of the writer's and judging nothing, it is a side conversation
# and goes with the mention. "@ray should I?", "@sam is that too high?" and "@jo you think it
# rips?" ask about the order and stay.
_ADDRESSED_QUESTION = re.compile(
    r"(?<=\S)(?P<edge>[ \t]*(?:[—–]|[.!]|\n)[ \t]*|[ \t]+)"
    r"@(?!(?:m|mkt|market|everyone|here)\b)[A-Za-z][\w.]*,?[ \t]+"
    r"(?P<question>[^?\n@]+)\?+[^\w\n]*(?=\n|\Z)",
    re.IGNORECASE,
)
_SECOND_PERSON = frozenset({"you", "your", "yours", "u", "ya", "yall", "y'all"})
_ABOUT_THE_WRITER = frozenset(
    {"i", "me", "my", "mine", "i'm", "im", "i'd", "i'll", "this", "that", "it", "these", "them"}
    | {"should", "too", "good", "bad", "right", "wrong", "ok", "okay", "smart", "dumb", "same"}
)


def _drop_addressed_question(match: re.Match[str]) -> str:
    words = set(re.findall(r"[a-z]+(?:'[a-z]+)?", match.group("question").lower()))
    if words & _SECOND_PERSON and not words & _ABOUT_THE_WRITER:
        return "\n" if "\n" in match.group("edge") else " "
    return match.group(0)


_EMBED_TITLE = re.compile(r"^\s*\[embed title:\s*([^\]]*)\]", re.IGNORECASE)
_EMBED_NOTES = re.compile(r"\bnotes?\s*:.*", re.IGNORECASE | re.DOTALL)
_OCC_PADDED = re.compile(r"\b([A-Za-z]{1,6})[ \t]+(\d{6}[CPcp]\d{8})\b")
_SPACES = re.compile(r"[ \t\f\v]+")
# Each noise pattern with the characters it cannot match without one of (a cheap look before
# the scan).
_NOISE_MARKS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_MENTION, ("<",)),
    (_CUSTOM_EMOJI, ("<",)),
    (_URL, ("/", ".")),  # "https://", "www."
    (_EVERYONE, ("@",)),
    (_AT_NAME, ("@",)),
    (_EMOJI_SHORTCODE, (":",)),
)
_MARKDOWN_MARKS = ("*", "_", "~", "|", "`")
# Text with none of these holds only single spaces: _SPACES would leave it as it is.
_SPACE_RUNS = ("  ", "\t", "\f", "\v")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "´": "'", "“": '"', "”": '"', "\u00a0": " "})


@dataclass(frozen=True, slots=True)
class CleanText:
    """Message text ready for tokenising, plus the embed title if the message was an embed."""

    text: str
    embed_title: str | None
    addressee: str | None = None


# A form's fields copied from a desktop app, each in brackets, the pickers with a ▾: "[Buy ▾]
# [50] [SOFI ▾] [Limit ▾] [20.85] [GTC ▾]" is "Buy 50 SOFI Limit 20.85 GTC".
_DROPDOWN_LINE = re.compile(r"^[ \t]*(?:\[[^\[\]\n]{1,40}\][ \t]*){3,}$", re.MULTILINE)
_DROPDOWN_CELL = re.compile(r"\[\s*([^\[\]\n]*?)\s*▾?\s*\]")


def _unwrap_dropdowns(line: re.Match[str]) -> str:
    if "▾" not in line.group(0):
        return line.group(0)
    return " ".join(_DROPDOWN_CELL.findall(line.group(0)))


def strip_discord_noise(raw: str) -> CleanText:
    """Remove Discord markup that carries no order information.

    Mentions, custom emoji, ``:shortcodes:``, URLs, markdown, quotes, spoilers and zero-width
    characters go (a quote that opens a reply goes with its words; a person's handle opening the
    message is kept as ``addressee``; a question put to another member after the writer's words
    goes with its mention: _ADDRESSED_QUESTION); embed ``Notes:`` sections
    (free-text commentary) are cut; OCC symbols with padded roots (``SPY   261218C00450000``)
    are joined into one word.
    """
    text = unicodedata.normalize("NFKC", _SURROGATES.sub("", raw)).translate(_QUOTES)
    text = _ZERO_WIDTH.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    embed_title = None
    text = _REPLY_HEADER.sub("", text)
    handle = _LEADING_HANDLE.match(text)
    addressee = handle.group(1) if handle and "bot" not in handle.group(1).lower() else None
    title_match = _EMBED_TITLE.match(text)
    if title_match:
        embed_title = title_match.group(1).strip()
        text = text[title_match.end() :]
        text = _EMBED_NOTES.sub("", text)
    if "@" in text and "?" in text:
        text = _ADDRESSED_QUESTION.sub(_drop_addressed_question, text)
    for pattern, marks in _NOISE_MARKS:
        if any(mark in text for mark in marks):
            text = pattern.sub(" ", text)
    if "~~" in text:
        text = _STRUCK.sub(" ", text)
    if any(mark in text for mark in _MARKDOWN_MARKS):
        text = _MARKDOWN.sub(" ", text)
    if ">" in text:
        text = _LEADING_QUOTE.sub("", text)
        text = _QUOTE.sub("", text)
    text = _OCC_PADDED.sub(r"\1\2", text)
    if "▾" in text:
        text = _DROPDOWN_LINE.sub(_unwrap_dropdowns, text)
    if any(space in text for space in _SPACE_RUNS):
        text = _SPACES.sub(" ", text)
    return CleanText(text=text.strip(), embed_title=embed_title, addressee=addressee)


# A unit of one to four characters written over and over ("@@@@...", ". . . ...", "\n\n\n...").
# Past ``LONGEST_REPEAT`` times it says nothing more, and long runs of one mark are what makes a
# pattern that tries every start inside them slow (2,000 newlines took seconds): the run is
# shortened to that many units before anything reads the message. Blanks are left alone: they
# align a pasted table's columns.
LONGEST_REPEAT = 16
_REPEATED = re.compile(rf"(.{{1,4}}?)\1{{{LONGEST_REPEAT},}}", re.DOTALL)


def shorten_repeats(text: str) -> str:
    """``text`` with each unit repeated more than ``LONGEST_REPEAT`` times (see above) written
    that many times; a unit of blanks only is kept whole."""
    return _REPEATED.sub(_shortened, text)


def _shortened(run: re.Match[str]) -> str:
    unit = run.group(1)
    return run.group() if unit.strip(" \t") == "" else unit * LONGEST_REPEAT
