"""`tastybot demo` end to end: simulator, database, web page, scripted conversation."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest

from bot.demo import CLOSING, OPENING, play
from bot.settings import load_settings


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def test_demo_plays_the_script_prints_every_reply_then_answers_typed_lines(
    in_tmp: Path,
) -> None:
    """One run (the demo takes a while): the script, then what the trader types."""
    out = io.StringIO()

    code = await play(
        load_settings(_env_file=None),
        interactive=True,
        output_dir=in_tmp / "demo-output",
        seed=7,
        out=out,
        lines=io.StringIO("!parse STO 1 SPX 4500/4490 PCS @ 2.10\n\n"),
    )

    text = out.getvalue()
    assert code == 0
    for step in (*OPENING, *CLOSING):
        assert f"trader{' (DM)' if step.dm else ''} > {step.content}" in text
    assert "(no reply)" not in text
    # linked both environments in DMs, the pasted secret deleted, then a real sync
    assert "trader (DM) > !link sandbox <client secret> <refresh token>" in text
    assert "== Linked 3 Tastytrade sandbox accounts ==" in text
    assert "== Linked 3 Tastytrade production accounts ==" in text
    assert "I deleted your message because it looked like a Tastytrade secret" in text
    assert "== Sync succeeded ==" in text
    assert "== Dashboard ==" in text
    assert "== P&L · year to date ==" in text
    # the export link is opened as the trader would, and the CSV's header row is printed
    assert "(downloading http://127.0.0.1:" in text
    assert "  | Date,Executed at (UTC),Account," in text
    assert "[attachment: tastybot-form-8949-" in text
    assert "== Sync status ==" in text
    assert "== Inbox:" in text
    assert "== Did you mean ...? ==" in text
    assert "- Is it an order?:" in text  # /parse of a message with talk around the order
    # the second opinion overruling the rules (a question): the order read, and asked about
    assert "Not sure: words around it read like talk, though the message as a" in text
    assert "Is this an order? I would read it as: Buy 1 SPY" in text
    assert "(the trader presses [No, ignore it])" in text
    # the order pointing at a row of the positions pasted with it trades that row's contract
    assert "Sell to close 2 TSLA" in text and "600 call" in text
    # a row of a sheet holding a put spread, closed leg by leg as held
    assert "Buy to close 4 SPY" in text and "Sell to close 4 SPY" in text
    # a jade lizard named by its three strikes, leg by leg
    assert "Sell to open 1 NVDA" in text and "505 call" in text
    assert "Not an order, as you said: nothing was rehearsed or placed." in text
    assert "sim-rt-" not in text  # no secret is printed
    left = await asyncio.to_thread(lambda: sorted(path.name for path in in_tmp.iterdir()))
    assert left == ["data", "demo-output"]
    assert "production 5WT00001" in text and "sandbox    5WZ00001" in text
    assert "== About Tastybot ==" in text
    assert "== Not an order ==" in text
    assert "Web status page: http://127.0.0.1:" in text
    # a signal rule fires on its first tick and its order is placed and filled
    assert "== Signal #1 fired: SPY above 550 ==" in text
    assert "Placed automatically in production" in text
    assert "filled at" in text.split("Signal #1 fired")[1]
    assert "Your turn" in text
    assert "trader > !parse STO 1 SPX 4500/4490 PCS @ 2.10" in text
    assert "== Order: SPX ==" in text
    assert text.rstrip().endswith("Demo finished.")
