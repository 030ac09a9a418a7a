"""Discord markup is removed before parsing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nlp import MAX_INPUT_CHARS, ParsedOrder
from nlp._noise import LONGEST_REPEAT, shorten_repeats, strip_discord_noise


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("BTO SPY <@123456789>", "BTO SPY"),
        ("BTO SPY <@!123456789>", "BTO SPY"),
        ("<@&1050033416185335808> BTO SPY", "BTO SPY"),
        ("BTO SPY <#998877>", "BTO SPY"),
        ("BTO <:pepe:123456> SPY", "BTO SPY"),
        ("BTO <a:dance:123456> SPY", "BTO SPY"),
        ("I was waiting :smile: BTO", "I was waiting BTO"),
        ("**BTO** __SPY__ ~~x~~", "BTO SPY x"),
        ("`BTO` ``SPY``", "BTO SPY"),
        ("||BTO SPY||", "BTO SPY"),
        ("> BTO SPY", "BTO SPY"),
        ("BTO\u200b SPY\u200d\ufeff", "BTO SPY"),
        ("BTO SPY https://example.com/chart.png", "BTO SPY"),
        ("BTO SPY www.example.com", "BTO SPY"),
        ("@everyone BTO SPY @here", "BTO SPY"),
        ("$MDB 422.5c 2.20 1/9 @Lottos", "$MDB 422.5c 2.20 1/9"),
        ("STC 2 TSLA @ m", "STC 2 TSLA @ m"),
        ("BTO SPY   261218C00450000", "BTO SPY261218C00450000"),
    ],
)
def test_strip_discord_noise(raw: str, clean: str) -> None:
    assert strip_discord_noise(raw).text == clean


def test_embed_title_is_split_off_and_notes_are_cut() -> None:
    raw = (
        "[embed title: Daytrade] Contract: **QQQ 11/11 623C**\n\n"
        "Entry: **0.84**\n\nNotes: **buy more at 0.5**"
    )
    clean = strip_discord_noise(raw)
    assert clean.embed_title == "Daytrade"
    assert "buy more" not in clean.text
    assert "Entry: 0.84" in clean.text


def test_noise_does_not_change_the_order(parse: Callable[..., ParsedOrder]) -> None:
    plain = parse("BTO 1 SPY 600c 12/18 @ 2.15").to_dict()
    noisy = parse(
        "> **BTO** 1 __SPY__ `600c` ||12/18|| @ 2.15 <@&123> <:fire:42> https://x.io/a\u200b"
    ).to_dict()
    assert noisy == plain


def test_embed_update_is_not_an_order(parse: Callable[..., ParsedOrder]) -> None:
    parsed = parse("[embed title: UPDATE:] Contract: **IWM 11/11 243C** Entry: **0.72**")
    assert parsed.kind == "none"


@pytest.mark.parametrize(
    ("raw", "addressee"),
    [
        ("@jen sell 2 IWM 240p 12/18 at 1.95", "jen"),
        ("hey @sara, sell your NVDA 190c", "sara"),
        ("@Trader_Bot sell 2 UBER 100c", None),
        ("@everyone BTO 2 SPY 600c", None),
        ("@m sell 2 SPY", None),
        ("sell 2 SPY 600c @jen", None),
    ],
)
def test_a_handle_opening_the_message_is_its_addressee(raw: str, addressee: str | None) -> None:
    assert strip_discord_noise(raw).addressee == addressee


@pytest.mark.parametrize(
    ("raw", "short"),
    [
        ("@" * 40, "@" * LONGEST_REPEAT),
        ("ok" + "\n" * 30 + "BTO", "ok" + "\n" * LONGEST_REPEAT + "BTO"),
        (". " * 25 + "x", ". " * LONGEST_REPEAT + "x"),
        ("ab: " * 20, "ab: " * LONGEST_REPEAT),
        ("━" * 17, "━" * LONGEST_REPEAT),
        ("-" * LONGEST_REPEAT, "-" * LONGEST_REPEAT),  # not past the limit: kept
        ("BTO 1 SPY 600c 12/18 @ 2.15", "BTO 1 SPY 600c 12/18 @ 2.15"),
        ("| SPY |" + " " * 30 + "| 600c |", "| SPY |" + " " * 30 + "| 600c |"),  # blanks kept
        ("1000000000000000000000 shares", "1" + "0" * LONGEST_REPEAT + " shares"),
    ],
)
def test_a_unit_repeated_past_the_limit_is_shortened(raw: str, short: str) -> None:
    assert shorten_repeats(raw) == short


@pytest.mark.parametrize("unit", ["@", ",", "(", "\n", "\n\n", " \n", ". ", ".", "1.", "'", "ab: "])
def test_an_order_followed_by_a_long_run_still_reads(
    unit: str, parse: Callable[..., ParsedOrder]
) -> None:
    head = "BTO 2 SPY 600c 12/18 @ 2.15 "
    text = head + unit * ((MAX_INPUT_CHARS - len(head)) // len(unit))
    fields = ("kind", "underlying", "legs", "order_type", "price", "price_effect")
    read, alone = parse(text).to_dict(), parse(head).to_dict()
    assert {key: read[key] for key in fields} == {key: alone[key] for key in fields}
