"""The spaCy tokenizer and Matcher rules for trading text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.matcher import Matcher

from nlp import build_pipeline
from nlp._noise import strip_discord_noise
from nlp._pipeline import LONGEST_CHUNK, PATTERNS


def _tokens(text: str) -> list[str]:
    return [token.text for token in build_pipeline().nlp.make_doc(text)]


def _labels(text: str) -> set[tuple[str, str]]:
    pipeline = build_pipeline()
    doc = pipeline.nlp.make_doc(text)
    strings = pipeline.nlp.vocab.strings
    return {
        (strings[match_id], doc[start:end].text) for match_id, start, end in pipeline.matches(doc)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@3.40", ["@", "3.40"]),
        ("HTZ@2.50", ["HTZ", "@", "2.50"]),
        ("11/13@1.77", ["11/13", "@", "1.77"]),
        ("450C", ["450C"]),
        ("172.50p.", ["172.50p", "."]),
        ("4500/4490", ["4500/4490"]),
        ("200p/195p", ["200p/195p"]),
        ("5790/5800/6300/6310", ["5790/5800/6300/6310"]),
        ("12/18/2026", ["12/18/2026"]),
        ("2026-06-19", ["2026-06-19"]),
        ("$SPY", ["$SPY"]),
        ("$BRK.B", ["$BRK.B"]),
        ("BRK.B", ["BRK.B"]),
        ("$2.50", ["$", "2.50"]),
        ("lim0.65", ["lim", "0.65"]),
        ("PT3:5.96", ["PT3", ":", "5.96"]),
        ("85%TS10%", ["85", "%", "TS10", "%"]),
        ("1.85x10", ["1.85x10"]),
        ("x5", ["x5"]),
        ("SPY261218C00450000", ["SPY261218C00450000"]),
        ("@m", ["@", "m"]),
        ("@mkt", ["@", "mkt"]),
        ("P&L", ["P&L"]),
    ],
)
def test_tokenizer_keeps_trading_units_together(text: str, expected: list[str]) -> None:
    assert _tokens(text) == expected


def test_padded_occ_symbol_becomes_one_token() -> None:
    clean = strip_discord_noise("BTO SPY   261218C00450000 @ 2.15").text
    assert "SPY261218C00450000" in _tokens(clean)


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [
        ("sell to open 2 AAPL", "ACTION", "sell to open"),
        ("buy to close 1 SPX", "ACTION", "buy to close"),
        ("2.05 to open", "EFFECT", "to open"),
        ("limit 1.60 good til canceled", "TIF_GTC", "good til canceled"),
        ("at 6.20 day order", "TIF_DAY", "day order"),
        ("STC 2 TSLA @ m", "MARKET", "@ m"),
        ("sell 50 QQQ at the market", "MARKET", "at the market"),
        ("put credit spread on SPX", "VERTICAL", "put credit spread"),
        ("$SPY Bear Call Spread 540/545", "VERTICAL", "Bear Call Spread"),
        ("SPY PCS 580/575", "VERTICAL", "PCS"),
        ("sell 2 SPX iron condors", "IRON_CONDOR", "iron condors"),
        ("IWM Iron Fly 200p/195p", "IRON_FLY", "Iron Fly"),
        ("buy 1 SPY 600 straddle", "STRADDLE", "straddle"),
        ("sell 2 TSLA 300/400 strangles", "STRANGLE", "strangles"),
        ("590/600/610 call butterfly", "BUTTERFLY", "call butterfly"),
        ("600 call calendar spread", "CALENDAR", "call calendar spread"),
        ("calls expiring next week", "EXP_NEXT_WEEK", "next week"),
        ("calls next friday at 6.20", "EXP_NEXT_FRIDAY", "next friday"),
        ("puts expiring next month", "EXP_NEXT_MONTH", "next month"),
        ("calls this week expiry", "EXP_THIS_WEEK", "this week"),
        ("thinking about buying", "PLAN", "thinking about"),
        ("not financial advice", "CHATTER", "not financial"),
        ("this morning's fill", "PAST_TIME", "this morning"),
    ],
)
def test_matcher_labels_phrases(text: str, label: str, span: str) -> None:
    assert (label, span) in _labels(text)


def test_pipeline_is_built_once() -> None:
    assert build_pipeline() is build_pipeline()


def _corpus_texts() -> list[str]:
    corpus = Path(__file__).resolve().parents[2] / "data" / "corpus"
    texts = []
    for name in ("alerts.jsonl", "natural_language.jsonl"):
        lines = (corpus / name).read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return texts


def test_split_matchers_find_what_one_longest_matcher_finds() -> None:
    # The phrase rules run as a PhraseMatcher plus a small Matcher (see nlp._pipeline); together
    # they must find exactly the matches of one Matcher holding every pattern, each label
    # filtered to its longest non-overlapping matches.
    pipeline = build_pipeline()
    reference = Matcher(pipeline.nlp.vocab)
    for label, patterns in PATTERNS.items():
        reference.add(label, patterns, greedy="LONGEST")
    texts = [
        *_corpus_texts(),
        "take some of my profits off and sell to open 2 iron condors next friday",
        "bull call debit spread vs bear put spread, twenty - five of them at the market",
        "take half off take the money market order good 'til canceled",
    ]
    for text in texts:
        doc = pipeline.nlp.make_doc(text)
        assert sorted(pipeline.matches(doc)) == sorted(reference(doc)), text


@pytest.mark.parametrize("chunk", ["@" * 200, "x" * 65, "1." * 70, "," * 129])
def test_a_chunk_longer_than_any_word_is_cut_into_pieces(chunk: str) -> None:
    pipeline = build_pipeline()
    text = f"BTO 2 SPY 600c {chunk} 12/18 @ 2.15\n"
    doc = pipeline.make_doc(text)
    assert doc.text == text
    assert max(len(token.text) for token in doc) <= LONGEST_CHUNK
    pieces = [token.text for token in doc if token.idx >= text.index(chunk)][: len(chunk) // 64]
    assert "".join(pieces) == chunk[: len("".join(pieces))]
    assert [token.text for token in doc][:4] == _tokens("BTO 2 SPY 600c")


def test_text_without_a_long_chunk_tokenizes_as_spacy_does() -> None:
    pipeline = build_pipeline()
    text = "BTO 2 SPY 600c 12/18 @ 2.15, lim1.05"
    assert [token.text for token in pipeline.make_doc(text)] == _tokens(text)
