"""Traders from around the world writing in an English-language server.

Order words of other languages (read through ``nlp/lexicon/languages.toml``), day-first dates
that cannot be month-first or are written the German way, decimal commas, dots and spaces
between thousands where a point would be absurd, and a verb said last. Each class comes with
the chatter that must stay chatter: a trade already made in another language, a condition, a
question, a plan.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import assert_chatter, assert_order

from nlp import ParsedOrder
from nlp._normalize import normalize

Parse = Callable[..., ParsedOrder]


def _leg(parsed: ParsedOrder) -> tuple[str, int, str | None, str | None, date | None]:
    leg = parsed.legs[0]
    strike = None if leg.strike is None else f"{leg.strike.normalize():f}"
    return leg.side, leg.quantity, leg.type, strike, leg.expiration


# --- order words of other languages ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "price", "leg"),
    [
        ("compre 3 VALE 11c 16/12 a 0,42", "VALE", "0.42",
         ("buy", 3, "call", "11", date(2026, 12, 16))),
        ("vende 4 contratos de BBD 3p 18/12 a 0,15 por favor", "BBD", "0.15",
         ("sell", 4, "put", "3", date(2026, 12, 18))),
        ("kaufen 2 Kontrakte SAP 240 Puts 18.12. zu 4,35", "SAP", "4.35",
         ("buy", 2, "put", "240", date(2026, 12, 18))),
        ("vendez 3 contrats AIR 160c 15 janvier à 2,15", "AIR", "2.15",
         ("sell", 3, "call", "160", date(2027, 1, 15))),
        ("compra 6 contratti ENI 14c 18 giugno a 0,35", "ENI", "0.35",
         ("buy", 6, "call", "14", date(2027, 6, 18))),
        ("vendi 2 STLA 10p 16 luglio a 0,22 grazie", "STLA", "0.22",
         ("sell", 2, "put", "10", date(2027, 7, 16))),
        ("koop 4 contracten ASML 900c 21 mei voor 22,50", "ASML", "22.50",
         ("buy", 4, "call", "900", date(2027, 5, 21))),
        ("Hola! vende dos PBR 14p 19 de marzo a 0,61", "PBR", "0.61",
         ("sell", 2, "put", "14", date(2027, 3, 19))),
        ("acheter trois TTE 65c 19 mars à 1,30 svp", "TTE", "1.30",
         ("buy", 3, "call", "65", date(2027, 3, 19))),
    ],
)  # fmt: skip
def test_order_words_of_other_languages(
    parse: Parse, text: str, ticker: str, price: str, leg: tuple[object, ...]
) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker, price)
    assert _leg(parsed) == leg


@pytest.mark.parametrize(
    ("text", "ticker", "side", "quantity"),
    [
        ("verkaufen 500 Stück BAYRY billigst", "BAYRY", "sell", 500),
        ("kaufen 40 Stück RHM bestens", "RHM", "buy", 40),
        ("compra 100 acciones de SAN a mercado", "SAN", "buy", 100),
        ("koop 250 aandelen ING bestens", "ING", "buy", 250),
    ],
)
def test_a_market_order_in_other_languages(
    parse: Parse, text: str, ticker: str, side: str, quantity: int
) -> None:
    parsed = parse(text)
    assert_order(parsed, ticker, side=side, quantity=quantity)
    assert parsed.order_type == "market"


def test_a_foreign_sell_is_never_read_as_an_alert_buy(parse: Parse) -> None:
    # before the word was known, a verbless contract and price was read as a buy
    parsed = parse("venda 2 ITUB 7p 18/12 a 0,20")
    assert_order(parsed, "ITUB", "0.20", side="sell")
    assert parsed.price_effect == "credit"


def test_credit_and_debit_in_other_languages(parse: Parse) -> None:
    credit = parse("vendi 2 contratti IWM 230/225 put spread 18/12 a 1,15 credito")
    assert_order(credit, "IWM", "1.15")
    assert credit.price_effect == "credit"
    debit = parse("compra 3 contratos QQQ 620/625 call spread 18/12 por 2,05 débito")
    assert_order(debit, "QQQ", "2.05", quantity=3)
    assert debit.price_effect == "debit"


def test_a_verb_said_last_is_the_order_verb(parse: Parse) -> None:
    sold = parse("MSFT 520c 18 Dec wale 2 lots bech do @ 6.15")
    assert_order(sold, "MSFT", "6.15", side="sell", quantity=2)
    bought = parse("TSLA 300 PE 18-Dec 4 lots le lo @ 9.10")
    assert_order(bought, "TSLA", "9.10", side="buy", quantity=4)
    assert _leg(bought) == ("buy", 4, "put", "300", date(2026, 12, 18))


def test_indian_ce_and_pe_after_a_strike(parse: Parse) -> None:
    parsed = parse("kindly buy 2 lots INFY 20 CE 18-Dec @ 0.45")
    assert _leg(parsed) == ("buy", 2, "call", "20", date(2026, 12, 18))
    assert_chatter(parse("NVDA at 45 PE is not cheap"))


def test_a_vocative_before_the_courtesy_is_the_person_addressed(parse: Parse) -> None:
    parsed = parse("Sir kindly sell to close 2 lots HDB 60 CE 18-Dec @ 1.25")
    assert_order(parsed, "HDB", "1.25", side="sell", quantity=2)


@pytest.mark.parametrize(
    "text",
    [
        # a trade already made
        "gestern 2 SAP 200c 18.12. zu 3,10 gekauft",
        "ho comprato 4 ENI 15c 18/12 a 0,30, speriamo",
        "comprei 10 BBAS 30c ontem a 0,45",
        "j'ai acheté 3 TTE 60c 18/12 à 1,10",
        "ik heb 200 aandelen ING gekocht voor 14,20",
        "er hat 100 Stück BASF zu 45,20 verkauft",
        "mi hermano vendió 3 TSLA 250p 18/12 a 4,10, está loco",
        # a condition, a question, a plan
        "wenn DAX über 20000 steigt, kaufe ich 2 SAP 220c 18.12.",
        "si SPY cae a 500, compro 2 SPY 480p 18/12",
        "kaufst du 2 SAP 260c 18.12. zu 2,00?",
        "voy a comprar 2 AAPL 200c 18/12 a 2,10 mañana",
        "je vais acheter 2 AAPL 200c 18/12 à 2,10 demain",
    ],
)
def test_foreign_chatter_stays_chatter(parse: Parse, text: str) -> None:
    assert_chatter(parse(text))


# --- day-first dates ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expiration"),
    [
        ("buy 2 AMD 200c 18/12 @ 3.10", date(2026, 12, 18)),
        ("sell 1 KO 60p 15/01/27 @ 0.55", date(2027, 1, 15)),
        ("sell 1 KO 60p 15/01/2027 @ 0.55", date(2027, 1, 15)),
        ("buy 2 AMD 200c 18.12. @ 3.10", date(2026, 12, 18)),
        ("buy 2 AMD 200c 04.12. @ 3.10", date(2026, 12, 4)),
        ("buy 2 AMD 200c 15.01.2027 @ 3.10", date(2027, 1, 15)),
        ("buy 2 AMD 200c 15.01.27 @ 3.10", date(2027, 1, 15)),
        # both readings possible: month first, as before
        ("buy 2 AMD 200c 1/12 @ 3.10", date(2027, 1, 12)),
        ("buy 2 AMD 200c 12/4/27 @ 3.10", date(2027, 12, 4)),
    ],
)
def test_day_first_dates(parse: Parse, text: str, expiration: date) -> None:
    parsed = parse(text)
    assert_order(parsed, text.split()[2], text.split()[-1])
    assert parsed.legs[0].expiration == expiration
    assert len(parsed.legs) == 1


def test_day_first_lookalikes_keep_their_reading(parse: Parse) -> None:
    spread = parse("BTO 2 XYZ 15/10 put spread 12/18 @ 1.20")
    assert sorted(leg.strike for leg in spread.legs) == [Decimal(10), Decimal(15)]
    assert normalize("watching SPY 24/7") == "watching SPY 24/7"
    # a price at the end of a sentence is no German date
    assert normalize("sell 2 AMD 200c 12/18 at 21.04.") == "sell 2 AMD 200c 12/18 at 21.04."
    assert normalize("BTO 2 AMD 200c 3.10.") == "BTO 2 AMD 200c 3.10."


# --- decimal commas and thousands --------------------------------------------------------------
def test_a_decimal_comma_in_a_strike(parse: Parse) -> None:
    parsed = parse("buy 3 SOFI 17,5c 18/12 @ 0,95")
    assert _leg(parsed) == ("buy", 3, "call", "17.5", date(2026, 12, 18))
    assert parsed.price == Decimal("0.95")
    puts = parse("sell 2 NIO 4,5 puts 18/12 @ 0,12")
    assert _leg(puts) == ("sell", 2, "put", "4.5", date(2026, 12, 18))


def test_a_decimal_comma_before_a_comma(parse: Parse) -> None:
    parsed = parse("compra 5 EWZ 30 calls 18/12 a 0,85, valeu galera")
    assert_order(parsed, "EWZ", "0.85", side="buy", quantity=5)


def test_thousands_set_off_by_dots_and_spaces(parse: Parse) -> None:
    assert_order(parse("buy 2.500 shares F @ 11,02"), "F", "11.02", quantity=2500)
    assert_order(parse("verkaufen 1.200 Stück BAS zu 44,10"), "BAS", "44.10", quantity=1200)
    spread = parse("sell 2 SPX 6.800/6.775 put spread 18/12 @ 4,20 credit")
    assert sorted(leg.strike for leg in spread.legs) == [Decimal(6775), Decimal(6800)]
    condor = parse("sell 1 SPX 6,400/6,425/7,150/7,175 iron condor 12/18, collect 3.90")
    assert sorted(leg.strike for leg in condor.legs) == [6400, 6425, 7150, 7175]
    spaced = parse("buy 2 SPX 6 900 calls 12/18 @ 22.40")
    assert _leg(spaced) == ("buy", 2, "call", "6900", date(2026, 12, 18))


def test_a_three_decimal_price_stays_a_decimal(parse: Parse) -> None:
    assert normalize("buy 10 XYZ @ 1.250") == "buy 10 XYZ @ 1.250"
    assert normalize("buy 2,000 shares F @ 11.20") == "buy 2,000 shares F @ 11.20"


def test_tickers_in_capitals_are_not_foreign_words(parse: Parse) -> None:
    assert_order(parse("SE 100c 12/18 @ 2.10"), "SE", "2.10")
    assert_order(parse("buy 100 STK @ 31.20"), "STK", "31.20", quantity=100)
    # lower case, opening a sentence, "se" is the Italian "if"
    assert_chatter(parse("se AAPL scende, compra 2 AAPL 200p 18/12 a 1,10"))
