"""``describe`` renders a parsed order as field/value pairs for the Discord cog."""

from __future__ import annotations

from collections.abc import Callable

from nlp import ParsedOrder, describe

Parse = Callable[..., ParsedOrder]


def test_single_option_fields(parse: Parse) -> None:
    fields = dict(describe(parse("BTO 1 SPY 450c 12/18 @ 2.15 gtc")))
    assert fields["Leg"] == "Buy to open 1 SPY 2026-12-18 450 call"
    assert fields["Expiration"] == "2026-12-18 (Fri)"
    assert fields["Price"] == "2.15 debit, limit, GTC"
    assert fields["OCC"] == "SPY   261218C00450000"
    assert "Missing" not in fields


def test_spread_lists_every_leg(parse: Parse) -> None:
    fields = dict(describe(parse("sell 1 SPY 560/550 put spread 12/18 for 1.45 credit")))
    assert fields["Strategy"] == "Vertical spread"
    assert sorted(fields["Legs"].splitlines()) == [
        "Buy 1 SPY 2026-12-18 550 put",
        "Sell 1 SPY 2026-12-18 560 put",
    ]
    assert fields["Price"] == "1.45 credit, limit"


def test_incomplete_order_shows_missing_and_suggestions(parse: Parse) -> None:
    fields = dict(describe(parse("buying QQQ 400C")))
    assert fields["Missing"] == "expiration"
    assert "Add an expiration, e.g. 12/18" in fields["Suggestions"]
    assert fields["Price"] == "Market"
    assert fields["Leg"] == "Buy 1 QQQ (no expiration) 400 call"


def test_stock_order(parse: Parse) -> None:
    fields = dict(describe(parse("sell 200 shares AAPL at 245.10 day")))
    assert fields["Leg"] == "Sell 200 shares of AAPL"
    assert fields["Price"] == "245.10 credit, limit, day"


def test_chatter_is_described_as_not_an_order(parse: Parse) -> None:
    [(name, reason)] = describe(parse("did my TSLA order fill?"))
    assert name == "Not an order"
    assert reason == 'It reads as a question ("did").'


def test_each_chatter_reason_is_explained_once_in_plain_words() -> None:
    from nlp import explain_notes

    assert explain_notes(("question: anyone", "question")) == ['It reads as a question ("anyone").']
    assert explain_notes(("past tense: sold", "negation: not")) == [
        'It describes a trade already made ("sold").',
        'It says not to trade ("not").',
    ]
    assert explain_notes(("something new",)) == ["Something new."]
    assert explain_notes(()) == []
