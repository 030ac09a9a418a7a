"""Round 42 (ninth session of 2026-12-06): a ticker that is also a price word ("buy 30 COST at
1002.50"); one lower-case letter after "shares of" or before the shares' price ("f"); "the
last" before a lower-case ticker; a possessive before "bid"; a price verb's heading over the
order ("bid under the market:"); ", so please" after a statement closed in its clause; each
text run once in a parse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_order, assert_sure_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
TUE = date(2036, 3, 4)
MAR = date(2036, 3, 21)  # March's monthly expiration (third Friday)
APR = date(2036, 4, 17)  # April's (Good Friday moves it to the Thursday)
MAY = date(2036, 5, 16)


def _shares(parsed: ParsedOrder) -> list[tuple[str, int, str | None]]:
    return [(leg.side, leg.quantity, leg.type) for leg in parsed.legs]


@pytest.mark.parametrize(
    "text",
    [
        "buy 30 COST at 1002.50",
        "COST 1004 and quiet into the Fed. buy 30 COST at 1002.50, stop 980",
    ],
)
def test_a_price_word_in_capitals_after_the_count_and_before_at_is_the_ticker(
    parse: Parse, text: str
) -> None:
    parsed = parse(text, on=TUE)
    assert_sure_order(parsed, "COST", [("buy", None, 30, "equity", None, None)], Decimal("1002.50"))


def test_the_price_word_in_lower_case_stays_a_word(parse: Parse) -> None:
    # "at cost" names the entry price, and "cost" in lower case is never the ticker
    assert parse("buy 30 cost at 1002.50", on=TUE).kind == "none"


@pytest.mark.parametrize(
    ("text", "side", "count", "price"),
    [
        ("buy 10 shares of f at 11.92, it pays a dividend", "buy", 10, "11.92"),
        ("f 12.25. sell 10 f at 12.25", "sell", 10, "12.25"),
    ],
)
def test_one_lower_case_letter_is_the_ticker_where_only_a_ticker_stands(
    parse: Parse, text: str, side: str, count: int, price: str
) -> None:
    parsed = parse(text, on=TUE)
    assert_order(parsed, "F", price=Decimal(price))
    assert _shares(parsed) == [(side, count, "equity")]


@pytest.mark.parametrize("text", ["buy 10 shares of a company", "sell 10 a at 12.25"])
def test_an_article_is_no_ticker(parse: Parse, text: str) -> None:
    assert parse(text, on=TUE).kind == "none"


def test_the_last_before_a_lower_case_word_and_a_strike_leads_the_ticker(parse: Parse) -> None:
    parsed = parse("sell the last aal 16c 3/21 @ .01", on=TUE)
    assert_sure_order(parsed, "AAL", [("sell", None, 1, "call", Decimal(16), MAR)], Decimal("0.01"))


def test_a_bid_after_a_possessive_is_the_order_sent_before(parse: Parse) -> None:
    text = "AAPL 239.60 on the open, tuesday's bid never filled. buy 40 AAPL at 239.80"
    parsed = parse(text, on=TUE)
    assert_order(parsed, "AAPL", price=Decimal("239.80"))
    assert _shares(parsed) == [("buy", 40, "equity")]


def test_a_price_verbs_heading_says_how_the_order_below_is_priced(parse: Parse) -> None:
    parsed = parse("bid under the market: buy 40 AAPL limit 240.00, day order", on=TUE)
    assert_sure_order(parsed, "AAPL", [("buy", None, 40, "equity", None, None)], Decimal("240.00"))
    assert (parsed.order_type, parsed.tif) == ("limit", "day")


def test_a_bid_with_a_number_before_the_colon_is_still_the_order(parse: Parse) -> None:
    parsed = parse("bid 1.15 for 6 SOFI 20c 3/21", on=TUE)
    assert_order(parsed, "SOFI", price=Decimal("1.15"))
    assert parsed.legs[0].side == "buy"


def test_so_please_after_a_statement_starts_the_instruction(parse: Parse) -> None:
    text = (
        "The April call is closed, so please sell 1 JPM May 290 call at 4.95, covered by the "
        "100 shares."
    )
    assert_sure_order(
        parse(text, on=TUE), "JPM", [("sell", None, 1, "call", Decimal(290), MAY)], Decimal("4.95")
    )


def test_so_please_does_not_lift_a_question(parse: Parse) -> None:
    text = "should I sell the April call, so please sell 1 JPM May 290 call at 4.95?"
    assert parse(text, on=TUE).kind == "none"


def test_each_text_is_run_once_in_a_parse(parse: Parse, monkeypatch: pytest.MonkeyPatch) -> None:
    from nlp import _parser

    runs: list[str] = []
    run = _parser._Extractor.run

    def counting(self: _parser._Extractor) -> object:
        runs.append(" ".join(item.text for item in self.items))
        return run(self)

    monkeypatch.setattr(_parser._Extractor, "run", counting)
    # a laugh after the order: the rules refuse it, and the second opinion reads the same text
    # again with its talk set aside
    parsed = parse("buy 1 SPY 600c 12/18 @ 2.15 lol", on=TUE)
    assert parsed.kind == "order"
    assert not parsed.sure
    assert runs
    assert len(runs) == len(set(runs))


@pytest.mark.parametrize(
    "text",
    [
        "ok fixing it. btc 1 dis 3/21 140c / sto 1 dis 3/21 145c, .38 db. now it's above 140.80",
        "DIS 141, same thing on the 3/21 140c: btc 1 dis 3/21 140c / sto 1 dis 3/21 145c, .38 db",
    ],
)
def test_legs_after_a_lead_in_without_talk_are_the_order(parse: Parse, text: str) -> None:
    parsed = parse(text, on=TUE)
    assert_sure_order(
        parsed,
        "DIS",
        [
            ("buy", "close", 1, "call", Decimal(140), MAR),
            ("sell", "open", 1, "call", Decimal(145), MAR),
        ],
        Decimal(".38"),
    )
    assert parsed.price_effect == "debit"


def test_legs_after_a_lead_in_about_someone_else_stay_talk(parse: Parse) -> None:
    text = "he did this. btc 1 dis 3/21 140c / sto 1 dis 3/21 145c, .38 db"
    assert parse(text, on=TUE).kind == "none"


@pytest.mark.parametrize(
    "lead",
    ["once-a-year hedge for the whole book:", "once a month:", "step 2:"],
)
def test_a_frequency_or_a_later_step_heads_the_order(parse: Parse, lead: str) -> None:
    parsed = parse(f"{lead} buy 1 SPY Dec 850p @ 27.60", on=TUE)
    assert_order(parsed, "SPY", price=Decimal("27.60"))


@pytest.mark.parametrize(
    "lead", ["once SPY hits 600:", "Step 1: buy 1 SPY Dec 850p @ 27.60\nStep 2: ???\nStep 3:"]
)
def test_a_condition_or_a_list_of_steps_stays_talk(parse: Parse, lead: str) -> None:
    assert parse(f"{lead} buy 1 SPY Dec 850p @ 27.60", on=TUE).kind == "none"


def test_a_percentage_after_the_order_is_no_detail(parse: Parse) -> None:
    text = "following @ravi out: sell 1 TSLA 460/430 put spread 3/21 @ 12.80. never again at 28%"
    parsed = parse(text, on=TUE)
    assert_order(parsed, "TSLA", price=Decimal("12.80"))
    assert sorted(leg.strike or 0 for leg in parsed.legs) == [Decimal(430), Decimal(460)]


def test_a_price_after_the_remark_is_not_set_aside(parse: Parse) -> None:
    # a price after the order's sentence may be a detail of the trade: the rules refuse the
    # message, and the second opinion's reading is asked about
    parsed = parse("sell 1 TSLA 460/430 put spread 3/21 @ 12.80. never again at 28.50", on=TUE)
    assert not parsed.sure


def test_the_writers_paragraph_under_a_quote_is_read_as_a_whole_message(parse: Parse) -> None:
    text = (
        "> buy 20 NVDA at 361.40\nNVDA 369.20, that first lot is green again. taking half of "
        "it off: sell 10 NVDA at 369.20"
    )
    parsed = parse(text, on=TUE)
    assert_sure_order(parsed, "NVDA", [("sell", None, 10, "equity", None, None)], Decimal("369.20"))


@pytest.mark.parametrize(
    "text",
    [
        "btc 1 spy 860/859 pcs 3/21 at market\nno gtc on this one and it's pennies",
        "forgot the gtc on the IWM one friday. it's .18 already:\nBTC 2 IWM 295/290 PCS 3/21 @ .20",
        "gtc filled, +6!! same thing again:\nsto 1 spy 860/859 pcs 3/21 @ .12",
    ],
)
def test_gtc_that_names_another_order_is_not_this_ones(parse: Parse, text: str) -> None:
    parsed = parse(text, on=TUE)
    assert parsed.kind == "order"
    assert parsed.tif is None


@pytest.mark.parametrize("tail", ["gtc", "as a gtc", "good til canceled"])
def test_the_orders_own_gtc_still_counts(parse: Parse, tail: str) -> None:
    assert parse(f"sell 1 SPY 860p 3/21 @ .20 {tail}", on=TUE).tif == "gtc"


_REASONING = (
    "VIX 14.1 after CPI and the event is gone, next week has only the minutes. That's a "
    "condor week for me."
)


@pytest.mark.parametrize(
    "tail",
    [
        "manage at 50% (2.30). anyone else selling the post-CPI crush?",
        "PT 1.80, stop on a VWAP loss. who's trading the open?",
        "holding through the print. what's everyone's SPX read?",
        "+50 if it works, done for the week",
    ],
)
def test_an_order_line_between_paragraphs_of_reasoning_is_the_order(
    parse: Parse, tail: str
) -> None:
    text = f"{_REASONING}\nSTO 1 SPX 8850/8875/9250/9275 IC 3/21 @ 4.60\n{tail}"
    parsed = parse(text, on=TUE)
    assert_order(parsed, "SPX", price=Decimal("4.60"))
    assert sorted(leg.strike or 0 for leg in parsed.legs) == [8850, 8875, 9250, 9275]


def test_the_order_line_wins_over_numbers_of_the_paragraph_above(parse: Parse) -> None:
    # the market's move stated in the last sentence above it, closed by the line's end; the
    # whole message alone would take the range's 898.20 for the price
    text = (
        "last day before a 3-day weekend and volume is half. one setup today: the 10:30 range "
        "break. range 898.20-899.60, broke up at 10:42\nBTO 2 SPY 900c 3/21 @ .80\n"
        "PT 1.20 and I'm done for the week. anyone else working today or already on the boat?"
    )
    assert_sure_order(
        parse(text, on=TUE), "SPY", [("buy", "open", 2, "call", Decimal(900), MAR)], Decimal(".80")
    )


def test_a_question_about_the_order_after_the_writers_decision_is_asked(parse: Parse) -> None:
    text = (
        "ok I read the CPI thread twice. my take: cool print = rip. I only have 1,800 in the "
        "account so I'm keeping it small\nbuy 1 spy 915c 3/21 @ .62\nis .62 too much to pay the "
        "day before? selling it right after the number either way"
    )
    parsed = parse(text, on=TUE)
    assert_order(parsed, "SPY", price=Decimal(".62"))
    assert not parsed.sure
    assert parsed.doubt is not None and "question" in parsed.doubt


def test_a_polite_order_line_between_paragraphs_is_the_order(parse: Parse) -> None:
    text = (
        "The TLT order filled at 84.30. I do not want to lose the shares before the dividend, "
        "and someone suggested I can buy them back.\nPlease buy to close 3 JNJ 175 calls for "
        "April at 2.05.\nThat is a loss of 180, which I accept to keep the shares."
    )
    parsed = parse(text, on=TUE)
    assert_order(parsed, "JNJ", price=Decimal("2.05"))
    assert [(leg.side, leg.effect, leg.quantity) for leg in parsed.legs] == [("buy", "close", 3)]


def test_a_condition_after_the_order_line_is_asked_about(parse: Parse) -> None:
    text = (
        "everyone's talking TGT. the straddle is 12.40 and I have 1,868, too much. so my "
        "version is\nbuy 2 TGT 160c 3/21 @ .90\nif it pops 10% these print."
    )
    parsed = parse(text, on=TUE)
    assert_order(parsed, "TGT", price=Decimal(".90"))
    assert not parsed.sure


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # the paragraph ends in a condition, an example or a question that governs the line
        (f"{_REASONING} If VIX gets back under 13 tomorrow:", "we'll see"),
        (f"{_REASONING} Would this be the right trade?", "asking before I do anything"),
        # the question after it asks about the order itself
        (_REASONING, "is 4.60 too little for this one?"),
        # a short header over it, not the writer's reasoning
        ("Gamma Scalps alert", "good luck all"),
    ],
)
def test_an_order_line_under_a_condition_or_before_its_own_question_stays_talk(
    parse: Parse, before: str, after: str
) -> None:
    text = f"{before}\nSTO 1 SPX 8850/8875/9250/9275 IC 3/21 @ 4.60\n{after}"
    parsed = parse(text, on=TUE)
    assert parsed.kind == "none" or not parsed.sure


@pytest.mark.parametrize(
    ("line", "room"),
    [
        ("PT 907.50, stop back under 904.50. anyone else catch that flush?", True),
        ("who's trading the open?", True),
        ("@dex you trading CPI next week or sitting out?", True),
        ("anyone else think this is dumb?", False),
        ("is .62 too much to pay the day before?", False),
        ("how are you all sizing 0dte?", False),
    ],
)
def test_a_question_to_the_room_is_not_about_the_order(line: str, room: bool) -> None:
    from nlp._pasted import asks_the_room

    assert asks_the_room(line) is room


@pytest.mark.parametrize(
    "text",
    [
        "Thinking STO 2 XOM 110p 12/18 @ 1.35",
        "Closed positions \u2b07\ufe0f STC 3 ETSY 60c 12/18 @ 2.40",
    ],
)
def test_talk_the_refitted_model_asks_about(parse: Parse, text: str) -> None:
    # the rules read it as talk; the model refitted on 15,051 dev lines would ask about it
    assert_talk(parse(text))
