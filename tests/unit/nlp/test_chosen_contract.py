"""The one contract ordered among several a message names (nlp/_chosen.py).

A rejected alternative, the positions held, marks of neighbouring strikes or someone else's
alert stand in clauses of their own before the order; a contract kept, held or planned for
later is set apart in a clause after it. The order is the clause where the writer's action
governs one complete contract. Near misses stay chatter: a comparison asked, two contracts with
their greeks, a list of past trades, an alert relayed with no order of the writer's, an order
withdrawn after it, a plan for later, and two orders in one message.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]


def _one_leg(parsed: ParsedOrder, ticker: str, strike: str, kind: str, price: str) -> None:
    assert parsed.kind == "order", parsed.notes
    assert parsed.underlying == ticker
    assert len(parsed.legs) == 1
    leg = parsed.legs[0]
    assert leg.strike == Decimal(strike)
    assert leg.type == kind
    assert parsed.price == Decimal(price)


# --- other contracts in a head before the order -----------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "strike", "kind", "price"),
    [
        ("not the 40 calls, the 42 calls: buy 3 KO 42c 1/15 @ 0.65", "KO", "42", "call", "0.65"),
        ("both CAT puts are up. closing the 330p, not the 320p: STC 2 CAT 330p 12/18 @ 7.40",
         "CAT", "330", "put", "7.40"),
        ("ORCL 1/15 190c or 195c... 195c it is: buy 1 ORCL 195c 1/15 @ 4.10",
         "ORCL", "195", "call", "4.10"),
        ("went back and forth on the UBER 80c and 85c. going with the 85s: buy 2 UBER 85c "
         "12/18 @ 1.15", "UBER", "85", "call", "1.15"),
        ("chain for HD 12/18: 400c 6.10, 410c 3.20, 420c 1.45. buy 2 HD 410c 12/18 @ 3.20",
         "HD", "410", "call", "3.20"),
        ("the scanner picked CRM 300c and 310c for 12/18, playing the 310: BTO 1 CRM 310c 12/18 "
         "@ 2.75", "CRM", "310", "call", "2.75"),
        ("already holding 3 SNOW 180c 12/18, adding a higher strike: buy 1 SNOW 190c 12/18 @ 3.60",
         "SNOW", "190", "call", "3.60"),
        ("dropping the ABNB 140c, EXPE has the better setup. buy six EXPE 210c Jan @ 4.40",
         "EXPE", "210", "call", "4.40"),
    ],
)  # fmt: skip
def test_the_order_after_other_contracts_in_a_head(
    parse: Parse, text: str, ticker: str, strike: str, kind: str, price: str
) -> None:
    _one_leg(parse(text), ticker, strike, kind, price)


# --- other contracts set apart after the order ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ticker", "strike", "kind", "price"),
    [
        ("I own the PEP 150c and 155c 12/18. sell to close 1 PEP 155c 12/18 @ 2.30, keep the 150",
         "PEP", "155", "call", "2.30"),
        ("BTC 2 TGT 120p 12/18 @ .20, the 115p I wrote stays on", "TGT", "120", "put", "0.20"),
        ("buy 4 ROKU 90c 1/15 @ 3.05 rather than the 80p", "ROKU", "90", "call", "3.05"),
        ("BTO 1 ADBE 600c 1/15 @ 11.80 now. the ADBE 620c is for after earnings",
         "ADBE", "600", "call", "11.80"),
        ("buy 1 DE 500c 1/15 @ 9.90. not bothering with the 450p hedge this time",
         "DE", "500", "call", "9.90"),
    ],
)  # fmt: skip
def test_the_order_before_a_contract_set_apart(
    parse: Parse, text: str, ticker: str, strike: str, kind: str, price: str
) -> None:
    _one_leg(parse(text), ticker, strike, kind, price)


# --- near misses: chatter stays chatter, and no contract is picked when it is unclear --------
@pytest.mark.parametrize(
    "text",
    [
        # a comparison asked as a question
        "ORCL 190c or 195c for 1/15, which would you buy 1 of?",
        "HD 410c at 3.20 vs the 420c at 1.45 for 12/18, which one would you take?",
        # two contracts side by side with greeks
        "CRM 12/18 300c delta .52 vega .30, 310c delta .38 vega .27",
        # a list of past trades
        "this week's fills: CAT 330p 12/18 sold, KO 42c 1/15 bought, GM 55c stopped out",
        "yesterday: STO 2 TGT 120p 12/18 @ .60 (filled). STO 2 TGT 115p 12/18 @ .35 (filled)",
        # someone else's alert relayed without an order of the writer's
        "@nina posted BTO UBER 80c and 85c 12/18 earlier, anyone in?",
        "Ray's alerts: buy 2 HD 410c 12/18 @ 3.20, buy 1 HD 420c 12/18 @ 1.45",
        # an order written and then withdrawn
        "buy 1 ADBE 600c 1/15 @ 11.80, not the 620c. nah, not today",
        "BTO 2 PEP 155c 12/18 @ 2.30, keep the 150c. jk",
        # a plan for later
        "tomorrow I'll look at the SNOW 180c and 190c 12/18 if it dips",
        "if KO holds 70, buy 3 KO 42c 1/15 @ 0.65 rather than the 40c",
        # two orders in one message: no single pick
        "buy 1 GM 50c 1/15 @ 2.10, buy 5 GM 55c 1/15 @ 0.70",
        "BTC 1 PEP 150c 12/18 @ 1.10, STO 1 PEP 160c 1/15 @ 1.40",
    ],
)
def test_several_contracts_with_no_order_of_the_writer_stay_chatter(
    parse: Parse, text: str
) -> None:
    assert parse(text).kind == "none"


def test_a_heading_that_reports_keeps_the_order_reported(parse: Parse) -> None:
    parsed = parse("Closed: STC 1 CAT 330p 12/18 @ 7.40, kept the 320p")
    assert parsed.kind == "none"
