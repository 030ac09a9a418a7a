"""Round 44 (session of 2026-12-07): a remark after the order that states its own outcome ("If
905 breaks this could run.", "and if it never comes back down, I'll live with that", "if it
doesn't fill, walk it down a nickel") does not condition the order; a condition with nothing
after it, or one that places the order ("... I'm in"), still does. A regret about an earlier
trade ("should have sold all 5 yesterday"), a gain "on paper" and "only" outside a condition
do not hedge it; an emoji breaks the order from its remark; a remark the reading ran on into is
read from where the order ended; a past form later in the remark is not the joined clause's
story. A market status of a few words before the order ("NFLX +11%. STC ...") is the market's.
A flow report or a recap closing the paragraph above an order line does not govern it, and an
order clause inside reasoning is read alone when the whole reading is unsure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from support.parsing import leg_keys

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]
MON = date(2036, 9, 8)
WED = date(2036, 9, 10)
FRI = date(2036, 9, 12)
SEP = date(2036, 9, 19)  # September's monthly expiration (third Friday)
SEP_26 = date(2036, 9, 26)
OCT = date(2036, 10, 17)


def _order(parsed: ParsedOrder, underlying: str, price: str) -> None:
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.underlying == underlying
    assert parsed.price == Decimal(price)


def _talk_or_asked(parsed: ParsedOrder) -> None:
    assert parsed.kind == "none" or not parsed.sure, parsed.to_dict()


def test_a_condition_with_its_own_outcome_after_the_order_clause(parse: Parse) -> None:
    text = (
        "CPI hot, futures dumped at 8:30 and we opened on 905, under VWAP. The first bounce "
        "stopped at 906.80, yesterday's VWAP, and sellers leaned on it twice. That's a lower "
        "high and 904 is next, so BTO 2 SPY 904p exp today @ 1.35 with a stop over 907. If 903 "
        "breaks this could run."
    )
    parsed = parse(text, on=WED)
    _order(parsed, "SPY", "1.35")
    assert leg_keys(parsed) == [("buy", "open", 2, "put", Decimal("904"), WED)]
    assert not parsed.sure  # read out of a paragraph of talk: the bot asks first


def test_a_fill_plan_joined_to_the_order_keeps_it_the_order(parse: Parse) -> None:
    text = (
        "KO pays 2.04 a year and the ex-date is late November. At 71 the yield is under 3%, "
        "and the stock has held 69 four times since spring. I'm patient, so buy 30 KO at 69.20 "
        "gtc and if it never comes back down, I'll live with that."
    )
    parsed = parse(text, on=MON)
    _order(parsed, "KO", "69.20")
    assert leg_keys(parsed) == [("buy", None, 30, "equity", None, None)]
    assert parsed.tif == "gtc"


def test_a_reprice_plan_after_a_remark_keeps_the_share_order(parse: Parse) -> None:
    text = (
        "Trimming, as promised. AAPL is 12% of my portfolio after the run and my cap is 10%. "
        "It's just the rule, so sell 20 AAPL at 241.00 day, a touch over the market, and if it "
        "doesn't get there today I'll reprice tomorrow."
    )
    parsed = parse(text, on=MON)
    _order(parsed, "AAPL", "241.00")
    assert leg_keys(parsed) == [("sell", None, 20, "equity", None, None)]


def test_a_step_on_the_fill_after_a_dash(parse: Parse) -> None:
    parsed = parse("STO 2 IWM 210p 9/19 @ .85 — if it doesn't fill, walk it down a nickel", on=MON)
    _order(parsed, "IWM", "0.85")
    assert leg_keys(parsed) == [("sell", "open", 2, "put", Decimal("210"), SEP)]


def test_a_condition_that_places_the_order_is_still_talk(parse: Parse) -> None:
    for text in (
        "buy 1 SPY 700c 9/19 @ 2.10 if SPY breaks 701",
        "buy 1 SPY 700c 9/19 @ 2.10. if SPY breaks 701 I'm in",
        "buy 1 SPY 700c 9/19 @ 2.10. if SPY breaks 701 I'll send it",
        "if QQQ loses 600 I'm selling the 605p",
    ):
        assert parse(text, on=MON).kind == "none", text


def test_a_regret_about_an_earlier_trade_after_an_emoji(parse: Parse) -> None:
    parsed = parse("sell 3 AMC 6c 9/12 @ .08 😭 should have sold all 6 yesterday", on=WED)
    _order(parsed, "AMC", "0.08")
    assert leg_keys(parsed) == [("sell", None, 3, "call", Decimal("6"), FRI)]


def test_should_without_have_still_hedges_the_order(parse: Parse) -> None:
    _talk_or_asked(parse("sell 3 AMC 6c 9/12 @ .08, should be the right call, not sure", on=WED))


def test_a_remark_about_the_writers_own_habits_with_only_in_it(parse: Parse) -> None:
    text = (
        "BTO 3 QQQ 610c 0dte @ .70 — sizing up after a red day, every book says no, I only "
        "read the covers"
    )
    parsed = parse(text, on=WED)
    _order(parsed, "QQQ", "0.70")
    assert leg_keys(parsed) == [("buy", "open", 3, "call", Decimal("610"), WED)]


def test_only_before_a_condition_still_hedges_the_order(parse: Parse) -> None:
    _talk_or_asked(parse("BTO 3 QQQ 610c 0dte @ .70 — only if we reclaim 608 before lunch", on=WED))


def test_a_gain_on_paper_in_a_remark_the_reading_ran_on_into(parse: Parse) -> None:
    text = (
        "STO 1 SPX 6100/6150/6700/6750 IC next month @ 7.60 — the September one from monday is "
        "at 6.80 already, +80 on paper"
    )
    parsed = parse(text, on=MON)
    _order(parsed, "SPX", "7.60")
    assert {leg.expiration for leg in parsed.legs} == {OCT}
    assert len(parsed.legs) == 4


def test_paper_trading_still_takes_the_order_back(parse: Parse) -> None:
    _talk_or_asked(
        parse("STO 1 SPY 690p 9/19 @ 1.45 — on my paper account, just practising", on=MON)
    )


def test_a_later_sentence_of_the_remark_in_the_past_is_not_the_orders_story(parse: Parse) -> None:
    text = (
        "please sell 3 F 12c 10/17 at .07 and that's me done for the month. Net: +21, -60, -9 "
        "= -48. Learned a lot, mostly about theta"
    )
    parsed = parse(text, on=MON)
    _order(parsed, "F", "0.07")
    assert leg_keys(parsed) == [("sell", None, 3, "call", Decimal("12"), OCT)]


def test_the_orders_own_story_joined_to_it_is_still_a_report(parse: Parse) -> None:
    _talk_or_asked(parse("STO 1 SPY 690p 9/19 @ 1.45 and it tanked the next day", on=MON))


def test_a_short_market_status_before_the_order_and_a_remark_after(parse: Parse) -> None:
    parsed = parse(
        "AMD +9%. STC 2 AMD 150c 9/12 at market. the 130p are worthless, letting them expire",
        on=FRI,
    )
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.order_type == "market"
    assert leg_keys(parsed) == [("sell", "close", 2, "call", Decimal("150"), FRI)]
    parsed = parse("t 24.10. sell 40 t at 24.10, +9 lol but green is green", on=FRI)
    _order(parsed, "T", "24.10")
    assert leg_keys(parsed) == [("sell", None, 40, "equity", None, None)]


def test_a_status_with_talk_in_it_is_not_a_status(parse: Parse) -> None:
    for status in ("plan for tomorrow.", "yesterday I sold half.", "AMD +9%?"):
        text = f"{status} STC 2 AMD 150c 9/12 at market. the 130p are worthless, let them expire"
        assert parse(text, on=FRI).kind == "none", text


def test_a_recap_closing_the_paragraph_above_the_order_line(parse: Parse) -> None:
    text = (
        "I ran the numbers on FOMC days this year: QQQ moved 1.2, 0.5, 1.7 and 0.8 percent, "
        "average about 1.05. The 600 straddle expiring Friday is 9.60 with QQQ at 601.30, and "
        "it still has two days of theta in it. That's rich, but the last two prints both beat "
        "the implied and I'd rather be long gamma into the number than short it.\n"
        "BTO 1 QQQ 600 straddle 9/12 @ 9.60\n"
        "Small, one lot. If it's dead by Friday noon I eat it."
    )
    parsed = parse(text, on=WED)
    _order(parsed, "QQQ", "9.60")
    assert sorted(leg_keys(parsed)) == [
        ("buy", "open", 1, "call", Decimal("600"), FRI),
        ("buy", "open", 1, "put", Decimal("600"), FRI),
    ]


def test_a_fill_plan_naming_the_price_or_the_holder(parse: Parse) -> None:
    parsed = parse(
        "buy 100 T at 24.35 gtc. if T doesn't come back to 24.35 I don't need it", on=MON
    )
    _order(parsed, "T", "24.35")
    assert parsed.tif == "gtc"
    parsed = parse(
        "STC 2 MSFT 500c 9/19 @ 3.10 (in at 3.80 last week). if it doesn't fill by the close "
        "they ride into opex",
        on=MON,
    )
    _order(parsed, "MSFT", "3.10")
    assert leg_keys(parsed) == [("sell", "close", 2, "call", Decimal("500"), SEP)]


def test_pulling_the_order_if_it_is_not_filled_is_a_plan_on_its_fill(parse: Parse) -> None:
    text = (
        "SELL -2 VERTICAL AMD 100 (Weeklys) 19 SEP 36 165/170 CALL @1.10 LMT — pulling it if "
        "it's not filled before the event starts"
    )
    parsed = parse(text, on=MON)
    _order(parsed, "AMD", "1.10")
    assert sorted(leg_keys(parsed)) == [
        ("buy", None, 2, "call", Decimal("170"), SEP),
        ("sell", None, 2, "call", Decimal("165"), SEP),
    ]


def test_a_month_and_day_joined_by_a_dash_after_a_structure(parse: Parse) -> None:
    parsed = parse("sto 3 xsp 650/645 pcs 9-19 @ .60", on=MON)
    _order(parsed, "XSP", "0.60")
    assert {leg.expiration for leg in parsed.legs} == {SEP}
    assert not parsed.missing


def test_phone_slips_in_the_count_and_the_day(parse: Parse) -> None:
    parsed = parse("bto 3spy 672c 0dte @ 2.35", on=WED)
    _order(parsed, "SPY", "2.35")
    assert leg_keys(parsed) == [("buy", "open", 3, "call", Decimal("672"), WED)]
    parsed = parse("stc 4 spy 668c odte @3.25 🚀🚀", on=WED)
    _order(parsed, "SPY", "3.25")
    assert leg_keys(parsed) == [("sell", "close", 4, "call", Decimal("668"), WED)]


def test_a_unit_glued_to_the_count_is_not_a_ticker(parse: Parse) -> None:
    parsed = parse("buy 3 SPY 672c 0dte @ 2.35, 10am entry", on=WED)
    _order(parsed, "SPY", "2.35")
    assert parse("sell 2x 672c 0dte @ 1", on=WED).underlying != "X"


def test_one_side_of_a_condor_held(parse: Parse) -> None:
    parsed = parse("close the put side of my TSLA 370/380/560/570 IC Oct for 1.20", on=MON)
    _order(parsed, "TSLA", "1.20")
    assert sorted(leg_keys(parsed)) == [
        ("buy", "close", 1, "put", Decimal("380"), OCT),
        ("sell", "close", 1, "put", Decimal("370"), OCT),
    ]
    parsed = parse("buy back my 3 IWM 205p 10/17 at market, the 245 calls stay", on=MON)
    assert parsed.order_type == "market"
    assert [(leg.type, leg.strike) for leg in parsed.legs] == [("put", Decimal("205"))]
    parsed = parse(
        "buy back the put side of my 4 XSP 625/630/685/690 IC 9/19 @ .10, leaving the calls",
        on=MON,
    )
    assert {leg.type for leg in parsed.legs} == {"put"}
    assert len(parsed.legs) == 2


def test_talk_about_a_side_leaves_the_structure_whole(parse: Parse) -> None:
    text = (
        "skew trade before the long weekend, put side way too rich vs calls:\n"
        "STO 3 SPY 590p 10/17\nBTO 3 SPY 630c 10/17\n.20 cr"
    )
    assert {leg.type for leg in parse(text, on=MON).legs} == {"put", "call"}


def test_rolling_one_side_of_a_condor_up_and_out(parse: Parse) -> None:
    parsed = parse(
        "SPX 6652, the 6800 is getting close\nroll the call side of my SPX condor, 6800/6850 "
        "9/19, up and out to 6900/6950 October for a 1.10 credit",
        on=MON,
    )
    _order(parsed, "SPX", "1.10")
    assert sorted((leg.side, leg.strike, leg.expiration) for leg in parsed.legs) == [
        ("buy", Decimal("6800"), SEP),
        ("buy", Decimal("6950"), OCT),
        ("sell", Decimal("6850"), SEP),
        ("sell", Decimal("6900"), OCT),
    ]
    assert parsed.price_effect == "credit"
    parsed = parse(
        "roll my SPX 6200/6150 PCS 9/19 up and out to 6300/6250 PCS 10/17 for an 8.70 credit",
        on=MON,
    )
    _order(parsed, "SPX", "8.70")
    assert len(parsed.legs) == 4


def test_a_call_sold_against_a_position_held(parse: Parse) -> None:
    parsed = parse("STO 2 QQQ 650c 9/19 @ 4.50 against the long 640c Oct", on=MON)
    _order(parsed, "QQQ", "4.50")
    assert leg_keys(parsed) == [("sell", "open", 2, "call", Decimal("650"), SEP)]


def test_a_lower_case_ticker_after_what_is_left_of_the_position(parse: Parse) -> None:
    for text in ("sell my last 50 sofi at 14.20", "Sell my last 50 Sofi at 14.20"):
        parsed = parse(text, on=MON)
        _order(parsed, "SOFI", "14.20")
        assert leg_keys(parsed) == [("sell", None, 50, "equity", None, None)], text
    parsed = parse("Sell my 50 Sofi at market", on=MON)
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.order_type == "market"
    assert leg_keys(parsed) == [("sell", None, 50, "equity", None, None)]
    parsed = parse("sell the other nvda 190c 9/19 @ 13.80", on=MON)
    _order(parsed, "NVDA", "13.80")
    assert leg_keys(parsed) == [("sell", None, 1, "call", Decimal("190"), SEP)]


def test_chat_words_after_the_action_stay_words(parse: Parse) -> None:
    for text in (
        "sell the news on nvda 190c",
        "sell my car",
        "buy the dip spy 600c 9/19 @ 2",
        "my last 50 sofi are up",  # no action before the position's words
    ):
        assert parse(text, on=MON).kind == "none", text


def test_a_remark_of_numbers_after_the_order(parse: Parse) -> None:
    parsed = parse(
        "stc 5 spy 660p 0dte @ 1.55, +375. SPY 658.70, the 655p did .18 → .45, meh", on=WED
    )
    _order(parsed, "SPY", "1.55")
    assert leg_keys(parsed) == [("sell", "close", 5, "put", Decimal("660"), WED)]


def test_the_positions_story_dated_in_the_past_after_the_order(parse: Parse) -> None:
    parsed = parse(
        "sell 100 KO at 73.60 gtc. bought them at 69.90 in january, KO 73.10 now", on=MON
    )
    _order(parsed, "KO", "73.60")
    assert leg_keys(parsed) == [("sell", None, 100, "equity", None, None)]
    # undated, the same words may report the order's own fill
    _talk_or_asked(parse("sell 100 KO at 73.60 gtc. bought them back at 73.10, done", on=MON))


def test_a_ticker_that_is_also_an_action_word(parse: Parse) -> None:
    parsed = parse("sell 100 sh COP @ $95.30", on=MON)
    _order(parsed, "COP", "95.30")
    assert leg_keys(parsed) == [("sell", None, 100, "equity", None, None)]
    parsed = parse("buy 100 GRAB at 4.10", on=MON)
    _order(parsed, "GRAB", "4.10")
    # with no price or contract after it, the word in capitals is the writer's
    for text in ("STC 2 TAKE PROFITS NOW", "SELL 50 TRIM HALF"):
        assert parse(text, on=MON).kind == "none", text


def test_a_word_ticker_before_a_month_and_its_year(parse: Parse) -> None:
    parsed = parse("STO 1 COST Jan 2038 950p @ 31.50", on=MON)
    _order(parsed, "COST", "31.50")
    assert leg_keys(parsed) == [("sell", "open", 1, "put", Decimal("950"), date(2038, 1, 15))]


def test_a_closing_heading_before_the_action_is_its_effect(parse: Parse) -> None:
    parsed = parse("closing: buy back 4 XOM 105c 9/19 at .20", on=MON)
    _order(parsed, "XOM", "0.20")
    assert leg_keys(parsed) == [("buy", "close", 4, "call", Decimal("105"), SEP)]


def test_a_lower_case_ticker_after_a_count_in_words(parse: Parse) -> None:
    parsed = parse("sell a couple gis 57/65 strangles 9/19 for .45", on=MON)
    _order(parsed, "GIS", "0.45")
    assert sorted(leg_keys(parsed)) == [
        ("sell", None, 2, "call", Decimal("65"), SEP),
        ("sell", None, 2, "put", Decimal("57"), SEP),
    ]
    parsed = parse("buy back all three kr 68/76 strangles 9/19 @ .08", on=MON)
    _order(parsed, "KR", "0.08")
    assert {leg.quantity for leg in parsed.legs} == {3}


def test_me_too_with_a_count_and_a_price_takes_up_the_relayed_alert(parse: Parse) -> None:
    text = (
        "📨 Gamma Scalps (Telegram)\nBTO SPX 6480P 0DTE @ 3.60\nretail sales miss\n\n"
        "me too, 1 @ 3.55"
    )
    parsed = parse(text, on=WED)
    _order(parsed, "SPX", "3.55")
    assert leg_keys(parsed) == [("buy", "open", 1, "put", Decimal("6480"), WED)]
    assert parse("> BTO SPX 6480P 0DTE @ 3.60\nme too lol", on=WED).kind == "none"


def test_the_last_sentence_after_reasoning_that_ends_on_the_tape(parse: Parse) -> None:
    text = (
        "PPI in line, nobody cares, and the day after a big CPI gap is usually a slow fill of "
        "the gap. SPY has been lower every half hour since 10. QQQ is the weaker of the two and "
        "600 is the only level between here and 596. Not a big conviction trade, just following "
        "the tape with small size and a hard stop at 603. BTO 3 QQQ 598p 0dte @ 1.05"
    )
    parsed = parse(text, on=WED)
    _order(parsed, "QQQ", "1.05")
    assert leg_keys(parsed) == [("buy", "open", 3, "put", Decimal("598"), WED)]
    assert not parsed.sure  # the rules read the statements as talk: the bot asks


def test_a_quote_of_the_contract_in_the_lead_is_no_report_of_it(parse: Parse) -> None:
    text = (
        "PG is 152 and has done nothing for six weeks while everything else ripped. The 160s "
        "for October are 1.05, about 0.7% for five weeks. The 50-share bid at 150 stays in. "
        "Please sell 2 PG 160c Oct at 1.05"
    )
    parsed = parse(text, on=MON)
    _order(parsed, "PG", "1.05")
    assert leg_keys(parsed) == [("sell", None, 2, "call", Decimal("160"), OCT)]
    # the contract traded in the lead: the order line is its report
    text = (
        "PG ran all week and I was early on it as usual. Sold the PG 160c Oct at .60 on monday "
        "and bought them back today. sell 2 PG 160c Oct at 1.05"
    )
    _talk_or_asked(parse(text, on=MON))


def test_a_past_form_later_in_the_joined_remark(parse: Parse) -> None:
    parsed = parse(
        "STC 3 SPY 665p 0dte @ 2.50 and that's +375 on a trade that lasted a day", on=WED
    )
    _order(parsed, "SPY", "2.50")
    assert leg_keys(parsed) == [("sell", "close", 3, "put", Decimal("665"), WED)]
    _talk_or_asked(parse("STO 1 SPY 690p 9/19 @ 1.45 and it crashed the next morning", on=MON))


def test_may_after_a_structure_and_before_its_price_is_the_month(parse: Parse) -> None:
    parsed = parse("sto 1 spx 6100/6150/6750/6800 ic oct @15.40", on=MON)
    assert {leg.expiration for leg in parsed.legs} == {OCT}
    parsed = parse("sto 1 spx 6100/6150/6750/6800 ic may @15.40", on=MON)
    assert {leg.expiration for leg in parsed.legs} == {date(2037, 5, 15)}


def test_an_alert_under_the_result_of_last_weeks_alert(parse: Parse) -> None:
    text = (
        "🔔 AMD swing\nlast week's alert AMD 155c 9/5: in 2.40, out 7.60\n"
        "BTO AMD 180c 10/17 @ 4.20\nSL 2.50 / PT 8.00"
    )
    parsed = parse(text, on=MON)
    _order(parsed, "AMD", "4.20")
    assert leg_keys(parsed) == [("buy", "open", 1, "call", Decimal("180"), OCT)]


def test_a_reply_takes_up_the_alert_above_it_with_its_own_count_and_price(parse: Parse) -> None:
    parsed = parse("> Ray: BTO NVDA 180c 9/19 @ 3.40\nin, 2 @ 3.45 (pricey one)", on=MON)
    _order(parsed, "NVDA", "3.45")
    assert leg_keys(parsed) == [("buy", "open", 2, "call", Decimal("180"), SEP)]
    parsed = parse(
        "> Ray: STC TSLA 270c 9/19 @ 4.30 · stopped, FOMC dump\nsame, my 2 @ 4.25", on=MON
    )
    _order(parsed, "TSLA", "4.25")
    assert leg_keys(parsed) == [("sell", "close", 2, "call", Decimal("270"), SEP)]
    parsed = parse(
        "> Nadia 📈 MU shares: buy @ 117.40 on the gap · stop 109\nsame, 20 more @ 117.40", on=MON
    )
    _order(parsed, "MU", "117.40")
    assert leg_keys(parsed) == [("buy", None, 20, "equity", None, None)]
    parsed = parse("> Nadia 📈 TSLA shares: buy @ 259 · stop 240\nin, 5 shares @ 259 gtc", on=MON)
    assert parsed.tif == "gtc"


def test_a_reply_that_changes_the_alerts_contract(parse: Parse) -> None:
    parsed = parse("> Ray: BTO AAPL 270c 9/19 @ 3.05\nsame but 9/26, 2 @ 4.70", on=MON)
    _order(parsed, "AAPL", "4.70")
    assert leg_keys(parsed) == [("buy", "open", 2, "call", Decimal("270"), SEP_26)]
    parsed = parse("> Ray: BTO NVDA 180c 9/19 @ 3.40\nsame but the 175c, a couple @ 4.60", on=MON)
    assert leg_keys(parsed) == [("buy", "open", 2, "call", Decimal("175"), SEP)]
    parsed = parse("> Ray: STC MU 110c 9/19 @ 8.10\nsame for my 115s, 2 @ 4.60", on=MON)
    assert leg_keys(parsed) == [("sell", "close", 2, "call", Decimal("115"), SEP)]
    parsed = parse(
        "> 🧾 ThetaBot: STO QQQ 540/535 PCS 9/19 @ .95 cr · 3% OTM\n"
        "same but 535/530 for .75, 3 of them",
        on=MON,
    )
    _order(parsed, "QQQ", "0.75")
    assert sorted(leg_keys(parsed)) == [
        ("buy", "open", 3, "put", Decimal("530"), SEP),
        ("sell", "open", 3, "put", Decimal("535"), SEP),
    ]


def test_a_reply_that_exits_with_the_caller(parse: Parse) -> None:
    text = (
        "[OCR] gammaqueen · 20m\nSTC COIN 240C 9/19 @ 7.10 · cutting, chop\n—\n"
        "out too, my 1 at market"
    )
    parsed = parse(text, on=MON)
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.order_type == "market"
    assert leg_keys(parsed) == [("sell", "close", 1, "call", Decimal("240"), SEP)]


def test_replies_that_take_nothing_up(parse: Parse) -> None:
    for text in (
        "Day trade\nSTC $META 560c 0dte @ 2.90\nin at 1.70 earlier",
        "> Ray: BTO NVDA 180c 9/19 @ 3.40\nin, 2 @ 3.45 if it dips",
        "> Ray: BTO NVDA 180c 9/19 @ 3.40\nsame x2? or too late",
        "> Ray: BTO NVDA 180c 9/19 @ 3.40\nsame here, I have it in both accounts",
    ):
        parsed = parse(text, on=MON)
        assert parsed.kind == "none" or parsed.price == Decimal("2.90") or not parsed.sure, text


def test_an_oversized_change_in_a_reply_is_refused(parse: Parse) -> None:
    # a change is a few words; a long run of slashes or words is not read as a date (the run
    # is shortened before reading: nlp._noise.shorten_repeats)
    for change in ("9/" * 600 + "1", "a " * 900):
        text = f"> Ray: BTO NVDA 180c 9/19 @ 3.40\nsame but {change}, 2 @ 1"
        parsed = parse(text, on=MON)
        assert parsed.kind == "none" or {
            (leg.expiration.month, leg.expiration.day) for leg in parsed.legs if leg.expiration
        } == {(9, 19)}
