"""Round 39 (sixth session of 2026-12-06): orders written as a block of lines (nlp._leg_block).
A heading, one line per leg (numbered, bulleted, labelled "OUT ➜"/"IN ➜", signed, in a code
block or a table), and a closing line with the net price; the lines around the legs lend them
the ticker, the date, the count and the effect."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_sure_order, assert_talk, leg_keys

from nlp import ParsedOrder, shared_pipeline
from nlp._leg_block import read_leg_block
from nlp._parser import _read_part

Parse = Callable[..., ParsedOrder]
FEB14 = date(2034, 2, 14)  # a Tuesday
FRI = date(2034, 2, 17)  # this week's Friday
MAR17 = date(2034, 3, 17)  # March's monthly expiration


def test_numbered_legs_take_the_date_and_the_price_from_the_closing_line(parse: Parse) -> None:
    text = (
        "KO after the dividend, iron condor\n1- sell 3 KO 62p\n2- buy 3 KO 60p\n"
        "3- sell 3 KO 70c\n4- buy 3 KO 72c\nexp this week, .55 credit"
    )
    assert_sure_order(
        parse(text, on=FEB14),
        "KO",
        [
            ("sell", None, 3, "put", Decimal(62), FRI),
            ("buy", None, 3, "put", Decimal(60), FRI),
            ("sell", None, 3, "call", Decimal(70), FRI),
            ("buy", None, 3, "call", Decimal(72), FRI),
        ],
        Decimal("0.55"),
    )
    assert parse(text, on=FEB14).price_effect == "credit"


@pytest.mark.parametrize(
    ("out_label", "in_label"),
    [("OUT ➜", "IN ➜"), ("OUT:", "IN:"), ("close ➜", "open ➜"), ("old ->", "new ->")],
)
def test_labels_of_a_roll_give_each_plain_side_its_effect(
    parse: Parse, out_label: str, in_label: str
) -> None:
    text = (
        f"XOM 105p, rolling down and out\n{out_label} buy 2 XOM 105p 2/17\n"
        f"{in_label} sell 2 XOM 100p 3/17\nnet .31 cr"
    )
    assert_sure_order(
        parse(text, on=FEB14),
        "XOM",
        [
            ("buy", "close", 2, "put", Decimal(105), FRI),
            ("sell", "open", 2, "put", Decimal(100), MAR17),
        ],
        Decimal("0.31"),
    )


def test_long_and_short_labels_are_the_sides_of_a_diagonal(parse: Parse) -> None:
    text = (
        "GLD diagonal, slow grind higher\nlong: 2 GLD 3/17 240c\nshort: 2 GLD 2/24 250c\n3.15 debit"
    )
    parsed = parse(text, on=FEB14)
    assert_sure_order(
        parsed,
        "GLD",
        [
            ("buy", None, 2, "call", Decimal(240), MAR17),
            ("sell", None, 2, "call", Decimal(250), date(2034, 2, 24)),
        ],
        Decimal("3.15"),
    )
    assert parsed.price_effect == "debit"


def test_signed_occ_symbols_in_a_code_block_are_legs_with_the_price_outside(parse: Parse) -> None:
    text = (
        "QQQ March IC\n```\n-2 QQQ   340317P00500000\n+2 QQQ   340317P00490000\n"
        "-2 QQQ   340317C00560000\n+2 QQQ   340317C00570000\n```\nLMT 1.95 CR, sending"
    )
    assert_sure_order(
        parse(text, on=FEB14),
        "QQQ",
        [
            ("sell", None, 2, "put", Decimal(500), MAR17),
            ("buy", None, 2, "put", Decimal(490), MAR17),
            ("sell", None, 2, "call", Decimal(560), MAR17),
            ("buy", None, 2, "call", Decimal(570), MAR17),
        ],
        Decimal("1.95"),
    )


def test_a_broker_date_in_a_code_block_and_closing_in_the_heading(parse: Parse) -> None:
    text = (
        "DIA call fly: closing\n```\nBUY   1  DIA 17MAR34 400 CALL\nSELL  2  DIA 17MAR34 410 CALL\n"
        "BUY   1  DIA 17MAR34 420 CALL\n```\n1.10 cr"
    )
    assert_sure_order(
        parse(text, on=FEB14),
        "DIA",
        [
            ("buy", "close", 1, "call", Decimal(400), MAR17),
            ("sell", "close", 2, "call", Decimal(410), MAR17),
            ("buy", "close", 1, "call", Decimal(420), MAR17),
        ],
        Decimal("1.10"),
    )


def test_a_markdown_table_names_its_columns_in_the_header(parse: Parse) -> None:
    text = (
        "SPX March condor, opening\n| leg | qty | strike |\n|---|---|---|\n"
        "| long put | 1 | 7900 |\n| short put | 1 | 7950 |\n| short call | 1 | 8700 |\n"
        "| long call | 1 | 8750 |\n4.20 cr, day"
    )
    parsed = parse(text, on=FEB14)
    assert_sure_order(
        parsed,
        "SPX",
        [
            ("buy", "open", 1, "put", Decimal(7900), MAR17),
            ("sell", "open", 1, "put", Decimal(7950), MAR17),
            ("sell", "open", 1, "call", Decimal(8700), MAR17),
            ("buy", "open", 1, "call", Decimal(8750), MAR17),
        ],
        Decimal("4.20"),
    )
    assert parsed.tif == "day"


def test_a_table_of_columns_spaced_out(parse: Parse) -> None:
    text = (
        "EEM March IC\nside  qty  type  strike\nsell   6   put    44\nbuy    6   put    42\n"
        "sell   6   call   50\nbuy    6   call   52\nexp 3/17 — .36 cr"
    )
    assert_sure_order(
        parse(text, on=FEB14),
        "EEM",
        [
            ("sell", None, 6, "put", Decimal(44), MAR17),
            ("buy", None, 6, "put", Decimal(42), MAR17),
            ("sell", None, 6, "call", Decimal(50), MAR17),
            ("buy", None, 6, "call", Decimal(52), MAR17),
        ],
        Decimal("0.36"),
    )


def test_two_legs_on_one_line_share_the_count_said_once(parse: Parse) -> None:
    text = (
        "amd looks heavy into the print\nbuying the 190 put, selling the 175 put\n"
        "march 17 exp, 3 spreads\nlimit 4.05"
    )
    parsed = parse(text, on=FEB14)
    assert_sure_order(
        parsed,
        "AMD",
        [
            ("buy", None, 3, "put", Decimal(190), MAR17),
            ("sell", None, 3, "put", Decimal(175), MAR17),
        ],
        Decimal("4.05"),
    )
    assert parsed.price_effect == "debit"  # the dearer put bought


def test_a_side_said_once_for_two_strikes_on_a_line(parse: Parse) -> None:
    text = (
        "first condor on IWM, 3/17 expiry\nselling 240 put and 280 call\n"
        "buying 235 put and 285 call as wings\n1 of each, want 1.20 credit"
    )
    assert_sure_order(
        parse(text, on=FEB14),
        "IWM",
        [
            ("sell", None, 1, "put", Decimal(240), MAR17),
            ("sell", None, 1, "call", Decimal(280), MAR17),
            ("buy", None, 1, "put", Decimal(235), MAR17),
            ("buy", None, 1, "call", Decimal(285), MAR17),
        ],
        Decimal("1.20"),
    )


def test_bare_strikes_under_a_heading_that_says_the_side(parse: Parse) -> None:
    text = (
        "CRWD reports thursday\nbuying the 2/24 strangle:\n- 380 put\n- 440 call\n"
        "2 each, 21.40 debit"
    )
    assert_sure_order(
        parse(text, on=FEB14),
        "CRWD",
        [
            ("buy", None, 2, "put", Decimal(380), date(2034, 2, 24)),
            ("buy", None, 2, "call", Decimal(440), date(2034, 2, 24)),
        ],
        Decimal("21.40"),
    )


def test_a_price_said_as_a_credit_wins_over_the_entry_price_beside_it(parse: Parse) -> None:
    text = (
        "📣 $AAPL fly — taking it off\n🔴 STC 1 AAPL 240c 2/24\n🟢 BTC 2 AAPL 250c 2/24\n"
        "🔴 STC 1 AAPL 260c 2/24\n4.10 credit (in at 1.35)"
    )
    parsed = parse(text, on=FEB14)
    assert parsed.kind == "order" and parsed.price == Decimal("4.10"), parsed.to_dict()
    assert parsed.price_effect == "credit"
    assert [leg.quantity for leg in parsed.legs] == [1, 2, 1]


def _block(text: str) -> ParsedOrder | None:
    from nlp._parser import _lets_block_stand

    pipeline = shared_pipeline()
    return read_leg_block(
        text,
        _read_part(FEB14, pipeline),
        lambda around: _lets_block_stand(around, FEB14, pipeline),
    )


BLOCK = "{head}\nsell 2 KO 62p\nbuy 2 KO 60p\n{tail}"


def test_the_block_reader_reads_the_plain_form() -> None:
    order = _block(BLOCK.format(head="KO put spread, 3/17", tail=".40 cr"))
    assert order is not None and order.notes == ("written as a block of lines",)
    assert order.price == Decimal("0.40") and order.price_effect == "credit"


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("KO put spread, 3/17", ".40 cr?"),  # a question
        ("KO put spread, 3/17", ".40 cr\nwould you do this one"),  # a question without its "?"
        ("filled this morning, KO put spread 3/17", ".40 cr"),  # a report of a fill
        ("KO put spread, 3/17", "somewhere between .40 and .55"),  # no one net price
        ("KO put spread", ".40 cr"),  # no date for the legs
        ("KO put spread, 3/17 or 3/24", ".40 cr"),  # two dates
        ("KO put spread\nthoughts on the dividend\nfor 3/17", ".40 cr"),  # three heading lines
    ],
)
def test_talk_or_a_missing_field_around_the_legs_is_no_block(head: str, tail: str) -> None:
    assert _block(BLOCK.format(head=head, tail=tail)) is None


def test_legs_priced_one_by_one_are_trades_listed_not_one_block() -> None:
    text = "KO today\nsell 2 KO 62p 3/17 @ .90\nbuy 2 KO 60p 3/17 @ .50\nnet .40 cr"
    assert _block(text) is None


def test_a_line_of_talk_between_the_legs_breaks_the_block() -> None:
    text = "KO put spread 3/17\nsell 2 KO 62p\nthen the wing\nbuy 2 KO 60p\n.40 cr"
    assert _block(text) is None


def test_a_leg_that_is_itself_a_structure_breaks_the_block() -> None:
    text = (
        "NVDA book going in:\n• short 1 NVDA 215p / 270c strangle 2/24\n"
        "• long 5 NVDA 250/265c spread 2/24\n.40 cr"
    )
    assert _block(text) is None


def test_a_question_about_a_block_is_talk(parse: Parse) -> None:
    text = "KO put spread I'm eyeing, 3/17\nsell 2 KO 62p\nbuy 2 KO 60p\n.40 cr fair? thoughts?"
    assert_talk(parse(text, on=FEB14))


@pytest.mark.parametrize(
    ("tail", "tif"),
    [
        (".40 credit · Day\nsend it", "day"),
        (".40 cr, GTC", "gtc"),
        (".40 cr day order", "day"),
        (".40 cr\nback to it the next day", None),
    ],
)
def test_a_time_in_force_is_its_own_part_of_a_closing_line(tail: str, tif: str | None) -> None:
    order = _block(BLOCK.format(head="KO put spread, 3/17", tail=tail))
    assert order is not None and order.tif == tif


# --- the order's own clause among several contracts (nlp._chosen.ORDER_START) --------------------
@pytest.mark.parametrize(
    "text",
    [
        "hood beat 📈 30c 2/24 1.60 vs 32c 2/24 .70 👉 buy 4x hood 32c 2/24 @ .70",
        "hood 30c 2/24 or 32c 3/17 🤔 the extra month matters more. grab 4 hood 32c 3/17 @ .70",
        "HOOD hedges: 28p Mar .40, 30p Mar .95. dropping the far one: sell HOOD 28p march x4 @ .40",
    ],
)
def test_the_writers_own_clause_after_contracts_weighed(parse: Parse, text: str) -> None:
    parsed = parse(text, on=FEB14)
    assert parsed.kind == "order" and parsed.underlying == "HOOD", parsed.to_dict()
    assert len(parsed.legs) == 1 and parsed.legs[0].quantity == 4
    assert parsed.legs[0].strike in (Decimal(32), Decimal(28))


def test_a_relayed_alert_code_without_a_count_opens_no_clause_of_its_own(parse: Parse) -> None:
    text = (
        "from #alerts: STO KO 60p / STO PEP 150p (both 3/17). I'm taking the KO one: "
        "STO 1 KO 60p 3/17 @ .85"
    )
    parsed = parse(text, on=FEB14)
    assert parsed.kind == "order" and parsed.underlying == "KO", parsed.to_dict()
    assert parsed.legs[0].strike == Decimal(60)


def test_a_broker_leg_line_with_the_side_and_count_last(parse: Parse) -> None:
    text = (
        "Tradier multileg:\nKO 2034-03-17 Put 62 Sell to Open x3\n"
        "KO 2034-03-17 Put 60 Buy to Open x3\nNet Credit 0.45\nsubmit this one"
    )
    assert_sure_order(
        parse(text, on=FEB14),
        "KO",
        [
            ("sell", "open", 3, "put", Decimal(62), MAR17),
            ("buy", "open", 3, "put", Decimal(60), MAR17),
        ],
        Decimal("0.45"),
    )


def test_a_heading_count_in_lots_counts_every_leg(parse: Parse) -> None:
    parsed = parse("AMD 180c calendar, 3 lots: sell 2/24 / buy 3/17, 2.05 debit", on=FEB14)
    assert [leg.quantity for leg in parsed.legs] == [3, 3], parsed.to_dict()


# --- replies and alert cards (nlp._pasted.own_paragraph_after_relayed) ----------------------------
SEP14 = date(2034, 9, 14)  # a Thursday


@pytest.mark.parametrize(
    "quote",
    [
        "↪ Replying to @Dee: STC AMD 250c @ 4.10",
        "replying to dee: STC AMD 250c @ 4.10 taking it off",
        "> STC AMD 250c @ 4.10\n> AMD +4% on the upgrade",
    ],
)
def test_the_writers_lines_under_a_reply_are_read_alone(parse: Parse, quote: str) -> None:
    parsed = parse(f"{quote}\nSTC 2 AMD 250c 9/15 @ 4.05, nice one", on=SEP14)
    assert_sure_order(
        parsed,
        "AMD",
        [("sell", "close", 2, "call", Decimal(250), date(2034, 9, 15))],
        Decimal("4.05"),
    )


@pytest.mark.parametrize(
    "own",
    [
        "skipping this one, already heavy into CPI",
        "sold at market and got 4.00. the spreads on amd are awful",
        "max loss is 3 a spread, still deciding",
    ],
)
def test_talk_under_a_reply_leaves_the_replied_order_alone(parse: Parse, own: str) -> None:
    parsed = parse(f"↪ Replying to @Dee: STO AMD 9/15 240/235 PCS @ 1.10\n{own}", on=SEP14)
    assert parsed.kind == "none", parsed.to_dict()


def test_an_alert_card_passed_on_is_no_order(parse: Parse) -> None:
    text = "📣 DEE ALERT\nTicker: AMD\nContract: 260C 9/22\nEntry: 2.40\n\nAMD calls again? pass"
    assert parse(text, on=SEP14).kind == "none"


def test_the_writers_own_price_under_an_alert_card(parse: Parse) -> None:
    text = (
        "🟢 OPEN · Dee's Desk\nTicker: AMD\nContract: 260C 9/22\nEntry: 2.40\n\n"
        "BTO AMD 260c 9/22 @ 2.30 x3. small, it's a lotto"
    )
    parsed = parse(text, on=SEP14)
    assert parsed.kind == "order" and parsed.price == Decimal("2.30"), parsed.to_dict()
    assert parsed.legs[0].quantity == 3


# --- learned from b105's dev half -------------------------------------------------------------
JUN14 = date(2034, 6, 14)  # a Wednesday; June's monthly is Fri 06-16


def test_a_block_at_market_with_the_count_on_its_own_line(parse: Parse) -> None:
    text = (
        "$CRM IC, closing it for pennies\n1- sell 250p 6/16\n2- buy 260p 6/16\n"
        "3- buy 320c 6/16\n4- sell 330c 6/16\nx2\nmkt"
    )
    parsed = parse(text, on=JUN14)
    assert parsed.kind == "order" and parsed.order_type == "market", parsed.to_dict()
    assert parsed.price is None and parsed.price_effect is None
    assert {(leg.quantity, leg.effect) for leg in parsed.legs} == {(2, "close")}


def test_a_days_print_in_the_heading_is_the_earnings_not_a_flow_report(parse: Parse) -> None:
    text = "$CRM strangle for Monday's print, 6/23\n1- buy 340c\n2- buy 280p\nx2\n9.40 db"
    assert_sure_order(
        parse(text, on=JUN14),
        "CRM",
        [
            ("buy", None, 2, "call", Decimal(340), date(2034, 6, 23)),
            ("buy", None, 2, "put", Decimal(280), date(2034, 6, 23)),
        ],
        Decimal("9.40"),
    )


def test_exp_tmrw_in_the_heading_dates_the_legs(parse: Parse) -> None:
    text = (
        "📣 $CRM earnings put fly, exp tmrw\n• BTO 1 CRM 300p\n• STO 2 CRM 290p\n"
        "• BTO 1 CRM 280p\n💵 2.10 debit"
    )
    parsed = parse(text, on=date(2034, 6, 15))
    assert parsed.kind == "order" and parsed.price == Decimal("2.10"), parsed.to_dict()
    assert {leg.expiration for leg in parsed.legs} == {date(2034, 6, 16)}


def test_a_polite_line_of_two_legs_over_its_price(parse: Parse) -> None:
    text = (
        "Please buy 3 QQQ August 600 puts and sell 3 QQQ August 570 puts.\n"
        "Limit 7.10 debit, good til canceled."
    )
    parsed = parse(text, on=JUN14)
    assert_sure_order(
        parsed,
        "QQQ",
        [
            ("buy", None, 3, "put", Decimal(600), date(2034, 8, 18)),
            ("sell", None, 3, "put", Decimal(570), date(2034, 8, 18)),
        ],
        Decimal("7.10"),
    )
    assert parsed.tif == "gtc"


def test_close_my_in_the_heading_closes_every_leg(parse: Parse) -> None:
    text = (
        "Please close my KO put spread:\nsell 2 KO July 62 puts\nbuy 2 KO July 58 puts\n"
        "Net credit 1.05."
    )
    parsed = parse(text, on=JUN14)
    assert parsed.kind == "order", parsed.to_dict()
    assert {leg.effect for leg in parsed.legs} == {"close"}


def test_a_tickers_position_heading_describes_what_is_held(parse: Parse) -> None:
    text = "KO position:\n• 300 sh at 61.20\n• short 3 KO 64c 7/21 against it\nbasis 60.10"
    assert parse(text, on=JUN14).kind == "none"


@pytest.mark.parametrize(
    ("last", "count"),
    [("I'll take that one, 3 contracts", 3), ("I'm taking it: 2 lots", 2)],
)
def test_a_forwarded_post_taken_up_in_the_last_line(parse: Parse, last: str, count: int) -> None:
    text = f"Forwarded from 📢 Theta Signals (Telegram):\nSTO XSP 9/14 640P @ 0.45\n{last}"
    parsed = parse(text, on=SEP14)
    assert parsed.kind == "order" and parsed.underlying == "XSP", parsed.to_dict()
    assert parsed.legs[0].quantity == count and parsed.price == Decimal("0.45")


def test_a_forwarded_notice_not_taken_up_stays_talk(parse: Parse) -> None:
    text = (
        "---------- Forwarded message ---------\nFrom: Broker <no-reply@broker.example>\n"
        "Your order to Buy 2 CAT 01/18/2035 400.00 Call at a limit of $11.50 has expired.\n"
        "not re-entering, CAT ran away from me"
    )
    assert_talk(parse(text, on=SEP14))


# --- text pasted from other apps (learned from b111's dev half) --------------------------------
DEC6 = date(2034, 12, 6)  # a Wednesday; the December monthly is Fri 12-15


@pytest.mark.parametrize(
    ("pointer", "row", "ticker", "quantity"),
    [
        ("place it please", None, "SPY", 2),
        ("row 1 is working already. place row 2 here", 2, "KO", 1),
    ],
)
def test_a_sheet_exported_with_semicolons_and_decimal_commas(
    parse: Parse, pointer: str, row: int | None, ticker: str, quantity: int
) -> None:
    rows = "2034-12-06;STO;2;SPY;2034-12-08;735;P;0,55;DAY\n"
    if row is not None:
        rows += "2034-12-06;STO;1;KO;2035-01-19;72;P;0,95;GTC\n"
    header = "date;action;qty;symbol;expiry;strike;cp;limit;tif"
    text = f"today's line 👇\n```\n{header}\n{rows}```\n{pointer}"
    parsed = parse(text, on=DEC6)
    assert parsed.kind == "order" and parsed.underlying == ticker, parsed.to_dict()
    assert parsed.legs[0].quantity == quantity


def test_a_copied_form_of_dropdowns(parse: Parse) -> None:
    parsed = parse("place this:\n[Buy ▾] [40] [SOFI ▾] [Limit ▾] [21.05] [GTC ▾]", on=DEC6)
    assert_sure_order(parsed, "SOFI", [("buy", None, 40, "equity", None, None)], Decimal("21.05"))
    assert parsed.tif == "gtc"


def test_a_broker_api_body_sent_as_is(parse: Parse) -> None:
    text = (
        "the script can't send combos yet. send it here\n```\nclass=multileg&symbol=QQQ"
        "&type=credit&duration=day&price=0.41&option_symbol[0]=QQQ341208P00600000"
        "&side[0]=sell_to_open&quantity[0]=2&option_symbol[1]=QQQ341208P00595000"
        "&side[1]=buy_to_open&quantity[1]=2\n```"
    )
    parsed = parse(text, on=DEC6)
    assert_sure_order(
        parsed,
        "QQQ",
        [
            ("sell", "open", 2, "put", Decimal(600), date(2034, 12, 8)),
            ("buy", "open", 2, "put", Decimal(595), date(2034, 12, 8)),
        ],
        Decimal("0.41"),
    )
    assert (parsed.price_effect, parsed.tif) == ("credit", "day")


def test_a_broker_api_body_for_shares(parse: Parse) -> None:
    text = (
        "API key is dead again. send it here\n```\n"
        "class=equity&symbol=JPM&side=buy&quantity=30&type=limit&duration=gtc&price=319.40\n```"
    )
    assert_sure_order(
        parse(text, on=DEC6), "JPM", [("buy", None, 30, "equity", None, None)], Decimal("319.40")
    )


def test_a_chat_export_line_copied_as_it_is(parse: Parse) -> None:
    text = "[12/6/34, 9:51 AM] Rick: buy 100 INTC @ 38.20 gtc\ncopy that one for me too"
    assert_sure_order(
        parse(text, on=DEC6), "INTC", [("buy", None, 100, "equity", None, None)], Decimal("38.20")
    )
    talk = "[12/6/34, 9:51 AM] Rick: buy 100 INTC @ 38.20 gtc\nlol he's chasing again"
    assert parse(talk, on=DEC6).kind == "none"


def test_the_writers_order_under_a_trade_confirmation(parse: Parse) -> None:
    text = (
        "TRADE CONFIRMATION\nTrade date 11/29/2034   Settlement 11/30/2034\n"
        "You BOUGHT 2 CALL UBER 12/15/34 105 @ 2.30\nPrincipal $460.00\n\n"
        "UBER up this morning. sell to close 2 UBER 105c 12/15 @ 3.40"
    )
    parsed = parse(text, on=DEC6)  # the bot may still ask about the remark before it
    assert parsed.kind == "order" and parsed.price == Decimal("3.40"), parsed.to_dict()
    assert leg_keys(parsed) == [("sell", "close", 2, "call", Decimal(105), date(2034, 12, 15))]


# --- learned from b113's and b116's dev halves ----------------------------------------------------
FEB7 = date(2035, 2, 7)  # a Wednesday
APR16 = date(2035, 4, 16)  # a Monday; the May monthly is Fri 05-18


@pytest.mark.parametrize(
    "header",
    ["🔁 Harbor Alerts · #vip-alerts", "📨 Theta Desk (Telegram)", "Theta Desk TG 👇"],
)
def test_an_alert_service_post_relayed_alone_is_talk(parse: Parse, header: str) -> None:
    assert parse(f"{header}\nBTO QQQ 2/9 765P @ 2.40 weekend hedge", on=FEB7).kind == "none"


@pytest.mark.parametrize(
    ("own", "quantity", "price", "order_type"),
    [
        ("in for 2 @ 4.30", 2, Decimal("4.30"), "limit"),
        ("same, 3 spreads @ 1.05", 3, Decimal("1.05"), "limit"),
        ("same, all 5", 5, Decimal("4.40"), "limit"),
        ("in for 1 at market", 1, None, "market"),
    ],
)
def test_a_relayed_alert_taken_up_with_the_writers_terms(
    parse: Parse, own: str, quantity: int, price: Decimal | None, order_type: str
) -> None:
    parsed = parse(f"Theta Desk TG 👇\nBTO SPX 8450C 0DTE @ 4.40\n\n{own}", on=FEB7)
    assert parsed.kind == "order" and parsed.underlying == "SPX", parsed.to_dict()
    assert (parsed.legs[0].quantity, parsed.price, parsed.order_type) == (
        quantity,
        price,
        order_type,
    )


def test_the_writers_order_above_a_forwarded_mail(parse: Parse) -> None:
    text = (
        "Placing this one: sell 2 KO 62.5 puts March @ .85 gtc\n\n"
        "---------- Forwarded message ---------\nFrom: The Wheel Letter <letters@example.com>\n"
        "Subject: Trade of the week\n\nKO at 64.10. We are selling the March 60 puts for .60."
    )
    parsed = parse(text, on=FEB7)
    assert parsed.kind == "order" and parsed.price == Decimal("0.85"), parsed.to_dict()
    assert leg_keys(parsed) == [("sell", None, 2, "put", Decimal("62.5"), date(2035, 3, 16))]


def test_a_buy_write_written_as_a_block(parse: Parse) -> None:
    text = "adding to KO, same setup\n• buy 100 KO shares\n• STO 1 KO 66c 5/18\nnet 62.40 db"
    parsed = parse(text, on=APR16)
    assert parsed.kind == "order" and parsed.strategy == "covered_call", parsed.to_dict()
    assert parsed.price == Decimal("62.40") and parsed.price_effect == "debit"


def test_may_in_a_heading_is_the_month(parse: Parse) -> None:
    text = (
        "HD May put spread\nside  qty  strike  type\nbuy    2    400    put\n"
        "sell   2    380    put\n6.20 db"
    )
    parsed = parse(text, on=APR16)
    assert {leg.expiration for leg in parsed.legs} == {date(2035, 5, 18)}, parsed.to_dict()


def test_dated_legs_ignore_the_dates_of_a_position_described_above(parse: Parse) -> None:
    text = (
        "SPY cal is long 3 760c 5/18 / short 3 760c 4/27\nmoving the short out a week:\n"
        "1) buy to close 3 SPY 760c 4/27\n2) sell to open 3 SPY 760c 5/4\n.95 cr"
    )
    parsed = parse(text, on=APR16)
    assert leg_keys(parsed) == [
        ("buy", "close", 3, "call", Decimal(760), date(2035, 4, 27)),
        ("sell", "open", 3, "call", Decimal(760), date(2035, 5, 4)),
    ], parsed.to_dict()


def test_one_leg_under_a_heading_with_the_price_below(parse: Parse) -> None:
    text = (
        "Please close my JNJ covered calls:\nBuy 3 JNJ May 175 calls\nLimit 0.35, good for the day."
    )
    parsed = parse(text, on=APR16)
    assert leg_keys(parsed) == [("buy", "close", 3, "call", Decimal(175), date(2035, 5, 18))]
    assert (parsed.price, parsed.tif, parsed.strategy) == (Decimal("0.35"), "day", "single")


JAN19 = date(2035, 1, 19)  # a Friday, January's monthly


@pytest.mark.parametrize("when", ["prints tuesday", "print next tuesday", "prints after the close"])
def test_a_companys_print_before_a_time_is_its_earnings(parse: Parse, when: str) -> None:
    text = (
        f"MSFT 580c Feb 11.20, AAPL 290c 2/2 3.90. MSFT {when}. out before it: "
        "sell 1 MSFT 580c Feb @ 11.20"
    )
    parsed = parse(text, on=JAN19)
    assert parsed.kind == "order" and parsed.underlying == "MSFT", parsed.to_dict()
    assert leg_keys(parsed) == [("sell", None, 1, "call", Decimal(580), date(2035, 2, 16))]


def test_a_print_of_a_size_on_the_tape_is_still_flow(parse: Parse) -> None:
    assert parse("NVDA print 2M calls, BTO NVDA 250c 2/16 @ 3.10 sweep", on=JAN19).kind == "none"


@pytest.mark.parametrize(
    "text",
    [
        "still long 300 XLE / 100 XOM and the XOM 110p Feb. adding the XLE side: "
        "buy 1 XLE 95p 2/16 @ 1.80",
        "NFLX print tuesday. short 900c Feb 12.10, long 850p Feb, long 800c Jan 2036. "
        "buy to close 1 NFLX 900c 2/16/35 @ 12.10 before the print",
    ],
)
def test_positions_listed_before_the_order_are_held_not_ordered(parse: Parse, text: str) -> None:
    parsed = parse(text, on=JAN19)
    assert parsed.kind == "order" and len(parsed.legs) == 1, parsed.to_dict()
    assert parsed.legs[0].strike in (Decimal(95), Decimal(900))
