"""The second opinion (nlp._second_opinion): when the rules and the model of whether a message
is an order disagree strongly, the parser asks instead of choosing silently."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from nlp import Leg, ParsedOrder, describe
from nlp import _second_opinion as opinion

ORDER = ParsedOrder(
    kind="order",
    underlying="SPY",
    legs=(Leg("buy", "open", 1, "call", Decimal(600), date(2026, 12, 18)),),
    order_type="limit",
    price=Decimal("2.15"),
    price_effect="debit",
)
TALK = ParsedOrder(kind="none", notes=("past tense: yesterday",))


def _model_says(monkeypatch: pytest.MonkeyPatch, probability: float) -> None:
    monkeypatch.setattr(opinion, "order_probability", lambda text: probability)


def _never_read_again() -> ParsedOrder:
    raise AssertionError("read again although the model did not overrule the rules")


def _reads(order: ParsedOrder) -> Callable[[], ParsedOrder]:
    return lambda: order


@pytest.mark.parametrize("probability", [0.5, 0.2, opinion.DOUBT_BELOW])
def test_an_order_the_model_does_not_doubt_is_unchanged(
    monkeypatch: pytest.MonkeyPatch, probability: float
) -> None:
    _model_says(monkeypatch, probability)

    assert opinion.second_opinion(ORDER, "text", _never_read_again) is ORDER


def test_an_order_the_model_reads_as_talk_is_asked_about(monkeypatch: pytest.MonkeyPatch) -> None:
    _model_says(monkeypatch, opinion.DOUBT_BELOW / 2)

    doubted = opinion.second_opinion(ORDER, "text", _never_read_again)

    assert doubted.kind == "order" and not doubted.sure
    assert doubted.doubt == opinion.DOUBTED
    assert doubted.legs == ORDER.legs and doubted.price == ORDER.price
    assert "reads more like talk" in dict(describe(doubted))["Is it an order?"]


def test_an_order_the_model_is_certain_is_talk_is_still_only_asked_about(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _model_says(monkeypatch, 0.0)

    doubted = opinion.second_opinion(ORDER, "text", _never_read_again)

    assert doubted.kind == "order" and doubted.doubt == opinion.DOUBTED


@pytest.mark.parametrize("probability", [0.0, 0.5, 0.97])
def test_talk_the_model_is_not_sure_of_stays_talk(
    monkeypatch: pytest.MonkeyPatch, probability: float
) -> None:
    _model_says(monkeypatch, min(probability, opinion.RESCUE_AT - 0.001))

    assert opinion.second_opinion(TALK, "text", _never_read_again) is TALK


def test_talk_the_model_is_sure_is_an_order_is_read_again_and_asked_about(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _model_says(monkeypatch, opinion.RESCUE_AT)

    rescued = opinion.second_opinion(TALK, "text", _reads(ORDER))

    assert rescued.kind == "order" and not rescued.sure and rescued.doubt == opinion.RESCUED
    assert rescued.legs == ORDER.legs
    assert "past tense: yesterday" in rescued.notes  # why the rules turned it away


def test_talk_with_nothing_refused_as_talk_is_not_weighed(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model(text: str) -> float:
        raise AssertionError("the model was consulted with nothing to rescue")

    monkeypatch.setattr(opinion, "order_probability", no_model)

    assert opinion.second_opinion(TALK, "text", None) is TALK


def test_talk_that_reads_as_no_order_even_overruled_stays_talk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _model_says(monkeypatch, 0.999)

    assert opinion.second_opinion(TALK, "text", _reads(TALK)) is TALK


def test_the_parser_reads_a_talky_order_again_and_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    from nlp import parse_order

    text = "sell 3 VZ 40p 12/18 for .45, wdyt"
    _model_says(monkeypatch, 0.5)
    undecided = parse_order(text, today=date(2026, 11, 23))
    _model_says(monkeypatch, 0.999)

    overruled = parse_order(text, today=date(2026, 11, 23))

    assert undecided.kind == "none" and undecided.notes == ("question: wdyt",)
    assert overruled.kind == "order" and overruled.underlying == "VZ"
    assert overruled.doubt == opinion.RESCUED and not overruled.sure
    assert overruled.price == Decimal("0.45") and overruled.legs[0].quantity == 3
    assert overruled.legs[0].side == "sell" and overruled.legs[0].strike == Decimal(40)
    assert "question: wdyt" in overruled.notes


def test_a_reading_whose_verb_was_talk_is_never_rescued(monkeypatch: pytest.MonkeyPatch) -> None:
    from nlp import parse_order

    _model_says(monkeypatch, 0.999)

    # "sell" read as the joke's word, not the writer's: the reading would buy by the alert
    # convention
    assert parse_order("lol sell 2 MRNA 30c 12/18 @ .85", today=date(2026, 11, 23)).kind == "none"
