"""Round 41 (eighth session of 2026-12-06): a card's "Action: closing" line over its keys; an
action on "it" that leads in to the order's own verb; a month abbreviated with a dot before a
new sentence's action; each part of a block of legs read once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_sure_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
MON = date(2036, 3, 3)  # a Monday
MAR = date(2036, 3, 21)  # March's monthly expiration (third Friday)
APR = date(2036, 4, 18)


@pytest.mark.parametrize(
    ("action", "effect", "first", "second", "price"),
    [
        ("closing", "close", "Buy", "Sell", ".95 debit"),
        ("Closing", "close", "Buy", "Sell", ".95 debit"),
        ("opening", "open", "Sell", "Buy", ".95 credit"),
    ],
)
def test_a_cards_action_line_sets_the_effect_of_every_leg(
    parse: Parse, action: str, effect: str, first: str, second: str, price: str
) -> None:
    text = (
        f"Ticker: MSFT\nAction: {action}\nStrategy: put credit spread\n"
        f"{first}: 2x 400P 3/21\n{second}: 2x 390P 3/21\nLimit: {price}"
    )
    parsed = parse(text, on=MON)
    assert_sure_order(
        parsed,
        "MSFT",
        [
            (first.lower(), effect, 2, "put", Decimal(400), MAR),
            (second.lower(), effect, 2, "put", Decimal(390), MAR),
        ],
        Decimal(".95"),
    )
    assert parsed.price_effect == price.split()[1]


def test_a_strategy_noun_on_the_same_line_still_makes_closing_a_modifier(parse: Parse) -> None:
    # "closing strategy" on one line is a noun phrase, not the effect of the order after it
    text = "my closing strategy is simple. sell 2 MSFT 400c 3/21 @ 1.20"
    parsed = parse(text, on=MON)
    assert parsed.kind == "order"
    assert [leg.effect for leg in parsed.legs] == [None]


@pytest.mark.parametrize(
    ("lead", "side"),
    [
        ("taking it: sell", "sell"),
        ("fading it: buy", "buy"),
        ("MSFT +3% at the open, taking it, sell", "sell"),
        ("doing this one: sell", "sell"),
        ("cut it: buy", "buy"),
    ],
)
def test_an_action_on_it_before_a_colon_leads_in_to_the_orders_verb(
    parse: Parse, lead: str, side: str
) -> None:
    parsed = parse(f"{lead} 2 MSFT 400c 3/21 @ 4.30", on=MON)
    assert parsed.kind == "order"
    assert [(leg.side, leg.quantity, leg.strike) for leg in parsed.legs] == [
        (side, 2, Decimal(400))
    ]
    assert parsed.price_effect == ("credit" if side == "sell" else "debit")


def test_selling_a_debit_spread_after_a_lead_in_sells_the_long_strike(parse: Parse) -> None:
    text = "MSFT +3% at the open, taking it: sell 2 MSFT 400/410 call debit spread 3/21 @ 4.30"
    assert_sure_order(
        parse(text, on=MON),
        "MSFT",
        [("sell", None, 2, "call", Decimal(400), MAR), ("buy", None, 2, "call", Decimal(410), MAR)],
        Decimal("4.30"),
    )


def test_taking_it_alone_is_still_the_buy(parse: Parse) -> None:
    parsed = parse("MSFT +3% at the open, taking it: 2 MSFT 400c 3/21 @ 4.30", on=MON)
    assert parsed.kind == "order"
    assert [(leg.side, leg.quantity) for leg in parsed.legs] == [("buy", 2)]


@pytest.mark.parametrize("verb", ["close my", "sell my", "STC"])
def test_a_dotted_month_before_an_action_ends_the_sentence(parse: Parse, verb: str) -> None:
    text = f"left after friday: MSFT 410c 3/21 x3, NVDA 300c x2 Apr. {verb} 3 MSFT 410c 3/21 at mkt"
    parsed = parse(text, on=MON)
    assert parsed.kind == "order"
    assert parsed.underlying == "MSFT"
    assert [(leg.side, leg.quantity, leg.strike, leg.expiration) for leg in parsed.legs] == [
        ("sell", 3, Decimal(410), MAR)
    ]
    assert parsed.order_type == "market"


def test_a_dotted_month_before_a_strike_is_still_the_expiration(parse: Parse) -> None:
    parsed = parse("sell 2 MSFT Apr. 400c @ 2.10", on=MON)
    assert parsed.legs[0].expiration == APR


def test_a_block_of_legs_reads_each_part_once(
    parse: Parse, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nlp import _parser

    seen: list[str] = []
    read = _parser._read

    def counting(text: str, *args: object, **kwargs: object) -> object:
        seen.append(text)
        return read(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_parser, "_read", counting)
    text = "SPY put spread, 3/21\nsell 2 600p\nbuy 2 590p\n.85 credit"
    parsed = parse(text, on=MON)
    assert parsed.kind == "order"
    assert len(parsed.legs) == 2
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("written", "expiration"),
    [("0 DTE", MON), ("0-dte", MON), ("1 DTE", date(2036, 3, 4)), ("30 dte", date(2036, 4, 2))],
)
def test_days_to_expiration_written_apart_from_their_count(
    parse: Parse, written: str, expiration: date
) -> None:
    parsed = parse(f"buy five SPY 842 puts {written} at $0.85", on=MON)
    assert [(leg.quantity, leg.expiration) for leg in parsed.legs] == [(5, expiration)]
    assert parsed.missing == ()


def test_may_capitalised_after_a_spread_is_the_month(parse: Parse) -> None:
    parsed = parse("buy 2 UNH 400/380 put spread May @ 5.40", on=MON)
    assert {leg.expiration for leg in parsed.legs} == {date(2036, 5, 16)}
    assert (
        parse("the put spread may work, buy 2 UNH 400/380 put spread @ 5.40", on=MON)
        .legs[0]
        .expiration
        is None
    )


def test_strikes_heading_a_colon_lend_no_strike_to_the_count(parse: Parse) -> None:
    parsed = parse("same trade again, new strikes: STO 1 SPX 7360/7370 CCS 0dte @ .60", on=MON)
    assert sorted((leg.side, leg.strike) for leg in parsed.legs) == [
        ("buy", Decimal(7370)),
        ("sell", Decimal(7360)),
    ]


@pytest.mark.parametrize("tail", [", all 25, @ .12", ", all 25 @ .12", " @ .12, all 25"])
def test_all_and_a_number_after_the_contract_counts_them(parse: Parse, tail: str) -> None:
    parsed = parse(f"STC F 12.5c 3/21{tail}", on=MON)
    assert [(leg.side, leg.effect, leg.quantity) for leg in parsed.legs] == [("sell", "close", 25)]


@pytest.mark.parametrize(("code", "effect"), [("STO", "open"), ("BTC", "close")])
def test_an_alert_code_heading_signed_legs_sets_their_effect(
    parse: Parse, code: str, effect: str
) -> None:
    text = f"{code} put spread:\n-1 Mar 21 36 SPY 640 P\n+1 Mar 21 36 SPY 635 P\n@ 1.05 cr"
    assert_sure_order(
        parse(text, on=MON),
        "SPY",
        [
            ("sell", effect, 1, "put", Decimal(640), MAR),
            ("buy", effect, 1, "put", Decimal(635), MAR),
        ],
        Decimal("1.05"),
    )


def test_like_i_said_recalls_the_writers_own_plan(parse: Parse) -> None:
    parsed = parse("out before Powell like I said: STC 3 SPY 865p 0dte @ 2.05", on=MON)
    assert parsed.kind == "order"
    assert [(leg.side, leg.effect, leg.quantity) for leg in parsed.legs] == [("sell", "close", 3)]
    assert_talk(parse("he said STC 3 SPY 865p 0dte @ 2.05", on=MON))


@pytest.mark.parametrize("move", ["IWM lost 300.", "IWM lost the 300 level.", "IWM reclaimed 300."])
def test_a_level_the_ticker_lost_is_the_market_not_a_trade(parse: Parse, move: str) -> None:
    parsed = parse(f"{move} hedge: BTO 2 IWM 295p 3/21 @ 3.40", on=MON)
    assert parsed.kind == "order"  # (asked about when "level" stays an unknown word)
    assert [(leg.side, leg.quantity, leg.strike) for leg in parsed.legs] == [
        ("buy", 2, Decimal(295))
    ]


def test_a_position_that_lost_money_is_still_a_report(parse: Parse) -> None:
    assert parse("my IWM straddle lost 300. BTO 2 IWM 295p 3/21 @ 3.40", on=MON).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "NVDA PCS in for 2.35. 10 wide, 7.65 max risk, April",
        "NVDA 300/290 PCS in for 2.35 April",
        "ORCL call spread: 4.80 in, 17.10 out, on 4. +4,920. the fly added 290",
        "WMT put spread: .75 in, .05 out, +280 on 4.",
        "📊 IVBot · KR 3/21 88 straddle 3.70 (±4.2%) · ADBE 3/21 560 straddle 41.20 (±7.4%)",
        "FlowBot - BTO 1 SPY 600c 3/21 @ 2",
    ],
)
def test_entries_exits_and_bots_posts_are_reports(parse: Parse, text: str) -> None:
    assert parse(text, on=MON).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "sto1 spy 830/825pcs 3/21 @.35",
        "sto 1 SPY 830/825PCS 3/21 @ .35",
        "sto 1 spy 830/825 bps 3/21 @ .35",
    ],
)
def test_spread_initials_glued_or_bull_put_spread(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=MON),
        "SPY",
        [
            ("sell", "open", 1, "put", Decimal(830), MAR),
            ("buy", "open", 1, "put", Decimal(825), MAR),
        ],
        Decimal(".35"),
    )


def test_chat_spellings_of_buy_and_weekly(parse: Parse) -> None:
    parsed = parse("byu 2 hood 100c wkly @ 2.35", on=MON)
    assert [(leg.side, leg.quantity, leg.expiration) for leg in parsed.legs] == [
        ("buy", 2, date(2036, 3, 7))
    ]
    assert parsed.underlying == "HOOD"


def test_a_lower_case_ticker_after_a_later_alert_code(parse: Parse) -> None:
    text = "nvda tonite. adding a strangle\nbto 1 nvda 340/280 strangle 3/21 @ 6.80"
    parsed = parse(text, on=MON)
    assert parsed.underlying == "NVDA"
    assert sorted((leg.type, leg.strike) for leg in parsed.legs) == [
        ("call", Decimal(340)),
        ("put", Decimal(280)),
    ]


def test_a_width_never_makes_a_strike_below_zero(parse: Parse) -> None:
    parsed = parse("sell 1 NVDA PCS 7.65 10 wide April @ 2.35", on=MON)
    assert all(leg.strike is None or leg.strike > 0 for leg in parsed.legs)


def test_a_roll_of_spreads_written_line_by_line_is_one_order(parse: Parse) -> None:
    text = (
        "SPX Nov put side 8325/8300 x2, SPX 8660. rolling it up for more credit:\n"
        "BTC 2 SPX 8325/8300 PCS 4/17\nSTO 2 SPX 8450/8425 PCS 4/17\nnet 1.40 credit"
    )
    apr = date(2036, 4, 17)
    assert_sure_order(
        parse(text, on=MON),
        "SPX",
        [
            ("buy", "close", 2, "put", Decimal(8325), apr),
            ("sell", "close", 2, "put", Decimal(8300), apr),
            ("sell", "open", 2, "put", Decimal(8450), apr),
            ("buy", "open", 2, "put", Decimal(8425), apr),
        ],
        Decimal("1.40"),
    )


def test_a_roll_under_a_heading_that_ends_on_me(parse: Parse) -> None:
    text = (
        "INTC 3x 40c 3/21 against 300 sh, stock 39.60. up and out before it runs on me:\n"
        "BTC 3 INTC 40c 3/21\nSTO 3 INTC 42c 4/17\n.15 cr"
    )
    assert_sure_order(
        parse(text, on=MON),
        "INTC",
        [
            ("buy", "close", 3, "call", Decimal(40), MAR),
            ("sell", "open", 3, "call", Decimal(42), date(2036, 4, 17)),
        ],
        Decimal(".15"),
    )
    assert parse("Nobody:\nMe: BTO 1 SPY 600c 3/21 @ 2", on=MON).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "XSP 895/900 CCS 3/21 x4 at .45. closing 2 of the 4 in case TSLA drags everything up:\n"
        "BTC 2 XSP 895/900 CCS 3/21 @ .45",
        "sorry if dumb: I want the opex lottery. BTO 2 SPY 885c 0dte @ .08",
        "I'd like to buy 10 shares of PLTR at 157.50 please. not 100, 10.",
        "Please sell to open 1 KO 82.5 put expiring 3/21 for 0.95. "
        "I have the $8,250 set aside in case I am assigned.",
        "Please close my AAPL 310 put expiring March 21 by selling it at 1.40; "
        "I no longer feel the need for insurance.",
    ],
)
def test_precautions_apologies_and_corrected_counts_leave_the_order(
    parse: Parse, text: str
) -> None:
    assert parse(text, on=MON).kind == "order"


@pytest.mark.parametrize(
    "text",
    [
        "in case SPY drops, BTO 2 SPY 580p 3/21 @ 1",
        "half my orders are placed half asleep, like the 1 META 600c 3/21 I'm staring at now",
        "JNJ: 300 shares, the calls are closed\nSPY: one May 720/690 put spread",
    ],
)
def test_conditions_and_reports_stay_talk(parse: Parse, text: str) -> None:
    assert parse(text, on=MON).kind == "none"


def test_a_preposition_on_it_arms_no_level(parse: Parse) -> None:
    parsed = parse("AMD 248, selling a put under it: sell to open 1 AMD 235p 3/21 @ 1.40", on=MON)
    assert_sure_order(
        parsed, "AMD", [("sell", "open", 1, "put", Decimal(235), MAR)], Decimal("1.40")
    )


def test_shares_bought_yesterday_name_the_shares_the_call_covers(parse: Parse) -> None:
    text = (
        "I would like to sell 1 KO 85 call for March at 1.05, "
        "against the shares I bought yesterday."
    )
    assert parse(text, on=MON).kind == "order"
    assert parse("bought 100 KO yesterday. sell 1 KO 85c 3/21 @ 1.05", on=MON).kind == "none"


def test_a_buy_write_block_with_shares_as_a_count_and_a_ticker(parse: Parse) -> None:
    parsed = parse("NVDA buy-write\nbuy 100 NVDA\nsell 1 NVDA 310c 3/21\nnet 287.60 db", on=MON)
    assert sorted((leg.side, leg.quantity, leg.type) for leg in parsed.legs) == [
        ("buy", 100, "equity"),
        ("sell", 1, "call"),
    ]
    assert parsed.price == Decimal("287.60")


@pytest.mark.parametrize(
    "text",
    [
        "stc 1 spy 875c 3/21, bto 1 spy 885c 3/21, 2.90 credit",
        "spy 875c 3/21 is up, so rolling it up: "
        "stc 1 spy 875c 3/21, bto 1 spy 885c 3/21, 2.90 credit",
    ],
)
def test_a_roll_written_in_lower_case(parse: Parse, text: str) -> None:
    assert_sure_order(
        parse(text, on=MON),
        "SPY",
        [
            ("sell", "close", 1, "call", Decimal(875), MAR),
            ("buy", "open", 1, "call", Decimal(885), MAR),
        ],
        Decimal("2.90"),
    )


def test_more_of_a_lower_case_ticker(parse: Parse) -> None:
    parsed = parse(
        "bought 2 spy 866c 3/21 at 2.40 an hour ago. adding 1 more spy 866c 3/21 @ 1.95", on=MON
    )
    assert parsed.underlying == "SPY"
    assert [(leg.side, leg.quantity) for leg in parsed.legs] == [("buy", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "FDX $320 Put 3/21 · 2 contracts\nin 4.45 · out 7.40\n+590",
        "IWM 305c: in .85, out .10 at market. a lottery ticket on a red day, that's on me",
        "📸 WFC ticket:\nsell 5 WFC 80p / buy 5 WFC 75p 3/21 @ .70 cr\nstatus: working",
        "sell 5 WFC 80p / buy 5 WFC 75p 3/21 @ .70 cr\nStatus: Filled",
    ],
)
def test_round_trips_and_orders_shown_with_their_status_are_reports(
    parse: Parse, text: str
) -> None:
    assert parse(text, on=MON).kind == "none"


def test_a_status_line_above_the_writers_own_order_is_no_report_of_it(parse: Parse) -> None:
    text = "Status: working\ncancel it and buy 1 WFC 80p 3/21 @ .70 instead"
    assert "status" not in " ".join(parse(text, on=MON).notes)


@pytest.mark.parametrize(
    "text",
    [
        "LULU straddle out at 31.80, in at 28.50. +330. barely worth the stress",
        "ADBE puts out at .40, in at 8.90. -1,700. binary events are binary",
        "mari out of the DAL calls at 3.20, in at 1.45 and 1.60. chef's kiss",
        "TSLA 350p from 11.40 to 14.60 ✅ that's my week",
    ],
)
def test_exits_entries_and_price_moves_in_words_are_reports(parse: Parse, text: str) -> None:
    assert parse(text, on=MON).kind == "none"


def test_an_exit_alert_with_its_entry_stays_an_order(parse: Parse) -> None:
    parsed = parse("STC 2 NFLX 1300c 3/21 out at 88, in at 31.50", on=MON)
    assert parsed.kind == "order"
    assert [(leg.side, leg.effect, leg.quantity) for leg in parsed.legs] == [("sell", "close", 2)]


@pytest.mark.parametrize(
    "tail", [", targets: 1.60/2.00", " PT1 1.60/2.00", ", PT 1.60/2.00, SL .75"]
)
def test_targets_written_as_a_slashed_pair_are_no_strikes(parse: Parse, tail: str) -> None:
    parsed = parse(f"BTO 3 QQQ 765c 0dte @ 1.10{tail}", on=MON)
    assert_sure_order(
        parsed, "QQQ", [("buy", "open", 3, "call", Decimal(765), MON)], Decimal("1.10")
    )


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        (
            "> Reader question: how do I roll a covered call? BTC the DIS 130c, STO the 135c.\n\n"
            "that's literally my position. doing it: buy to close 1 DIS 130c 3/21 @ 2.10",
            "DIS",
        ),
        (
            "> how long do you usually hold the IWM calls?\n"
            "until they pay me. today they paid me: STC 2 IWM 295c 3/21 @ 8.60",
            "IWM",
        ),
    ],
)
def test_the_writers_own_clause_under_a_quote(parse: Parse, text: str, ticker: str) -> None:
    parsed = parse(text, on=MON)
    assert parsed.kind == "order"
    assert parsed.underlying == ticker


def test_a_quote_and_a_reply_without_an_order_stay_talk(parse: Parse) -> None:
    text = "> BTO 1 SPY 600c 3/21 @ 2.10\nnice one. sold mine yesterday at 3"
    assert parse(text, on=MON).kind == "none"


def test_the_writers_order_on_the_last_line_under_rows_of_positions(parse: Parse) -> None:
    text = (
        "KO    -4   Jun 20   80 P   1.30 cr   mark 1.20\n"
        "CSCO  -2   May 16   82 P   .55 cr    mark .55\n"
        "same KO trade one strike lower: STO 2 KO 77.5p 3/21 @ .70"
    )
    assert_sure_order(
        parse(text, on=MON),
        "KO",
        [("sell", "open", 2, "put", Decimal("77.5"), MAR)],
        Decimal(".70"),
    )


def test_rows_of_positions_alone_stay_talk(parse: Parse) -> None:
    text = "KO    -4   Jun 20   80 P   1.30 cr   mark 1.20\nCSCO  -2   May 16   82 P   .55 cr"
    assert parse(text, on=MON).kind == "none"


def test_the_writers_order_in_the_last_clause_after_numbers(parse: Parse) -> None:
    text = (
        "AMD 161.90, IV 44 / IVR 38. 3 CSPs = $48k collateral, I have 51.2k cash. "
        "STO 3 AMD 160p 3/21 @ 2.45"
    )
    assert_sure_order(
        parse(text, on=MON), "AMD", [("sell", "open", 3, "put", Decimal(160), MAR)], Decimal("2.45")
    )


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("Took profits on NVDA. STC 2 NVDA 180c 12/18 @ 6.40", date(2026, 12, 7)),
        ("Update: STC 1 NVDA 210c 7/16 @ 9.90", date(2026, 12, 7)),
        ("back in the day: BTO 2 TSLA 330p 6/20 @ 3.10", date(2031, 6, 9)),
    ],
)
def test_talk_the_refitted_second_opinion_asks_about(parse: Parse, text: str, on: date) -> None:
    # The rules turn these away; the model refitted on 14,451 dev lines gives them 0.95 or
    # more, so the bot asks "is this an order?" instead of acting (moved here from the lists of
    # plain talk in test_instruction_guard, test_replies_and_quotes and test_round35_forms).
    assert_talk(parse(text, on=on))
