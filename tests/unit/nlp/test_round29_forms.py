"""Text pasted from other apps, round 29.

Each test names one general form: a broker's ticket pasted under the app's name and sent by
the writer's go line ("fire it off here", "do it here instead", "submit", "buy it"); a
program's record (a JSON object, a header row over one row of a CSV or a sheet) sent the same
way; a notice of an expired order entered again; OCR's letter l for a one inside a date or a
price. Talk that looks like them (a go line negated, asked, put off; the side the other way;
a question about the paste) stays chatter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from support.parsing import LegKey, assert_sure_order, assert_talk

from nlp import ParsedOrder

Parse = Callable[..., ParsedOrder]

ON = date(2029, 12, 5)
JAN18 = date(2030, 1, 18)
DEC21 = date(2029, 12, 21)


# A broker's ticket under the app's name, sent by the writer's go line.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            "Merrill Edge:\nBuy to open 3 contracts UBER Jan 18 2030 $85 Put\nLimit $3.70, Day\n"
            "merrill won't do options in this account, do it here",
            "UBER",
            [("buy", "open", 3, "put", Decimal("85"), JAN18)],
            Decimal("3.70"),
        ),
        (
            "Schwab ticket:\nSELL 1 IWM Dec21'29 245 PUT\nLMT 0.70 · DAY\n"
            "fire it off here, the app is frozen",
            "IWM",
            [("sell", None, 1, "put", Decimal("245"), DEC21)],
            Decimal("0.70"),
        ),
        (
            "Webull:\nSell 40 shares AMD · Limit $210.50 · Good for day\ndo it here instead",
            "AMD",
            [("sell", None, 40, "equity", None, None)],
            Decimal("210.50"),
        ),
        (
            "Fidelity options ticket:\nBuy 2 GOOGL $200 Call\nExp Jan 18, 2030\n"
            "Limit price $6.80\nsubmit",
            "GOOGL",
            [("buy", None, 2, "call", Decimal("200"), JAN18)],
            Decimal("6.80"),
        ),
        (
            "OCR from my screenshot:\nSell | 4 | KO | 12/21/2O29 | 65 Call | Lmt O.5l\n"
            "that's the one, sell it",
            "KO",
            [("sell", None, 4, "call", Decimal("65"), DEC21)],
            Decimal("0.51"),
        ),
        (
            "Fwd: Order Expired\nYour order to Buy 2 CAT 01/18/2030 400.00 Call at a limit of"
            " $11.50 has expired.\nre-enter it here, same terms",
            "CAT",
            [("buy", None, 2, "call", Decimal("400"), JAN18)],
            Decimal("11.50"),
        ),
    ],
)
def test_pasted_ticket_sent_by_the_writers_go_line(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


# A program's record (JSON, CSV, a sheet's row under its header) sent by the go line.
@pytest.mark.parametrize(
    ("text", "underlying", "legs", "price"),
    [
        (
            '{"sym":"QQQ","exp":"2029-12-21","strike":615,"right":"P","side":"SELL","qty":1,'
            '"lmt":1.25,"tif":"DAY"}\nfire it',
            "QQQ",
            [("sell", None, 1, "put", Decimal("615"), DEC21)],
            Decimal("1.25"),
        ),
        (
            "csv:\nsymbol,qty,action,limit,tif\nPFE,200,BUY,27.10,DAY\nexecute",
            "PFE",
            [("buy", None, 200, "equity", None, None)],
            Decimal("27.10"),
        ),
        (
            "from my sheet:\nTicker\tAction\tQty\tStrike\tType\tExp\tLimit\n"
            "ORCL\tSTO\t2\t170\tPut\t1/18/2030\t3.60\nrow 2 is go, send it",
            "ORCL",
            [("sell", "open", 2, "put", Decimal("170"), JAN18)],
            Decimal("3.60"),
        ),
        (
            "csv export:\ndate,symbol,side,qty,strike,type,expiry,price\n"
            "2029-12-03,CRM,buy,2,340,call,2030-01-18,7.45\nsame order again today please",
            "CRM",
            [("buy", None, 2, "call", Decimal("340"), JAN18)],
            Decimal("7.45"),
        ),
    ],
)
def test_pasted_record_sent_by_the_writers_go_line(
    parse: Parse, text: str, underlying: str, legs: list[LegKey], price: Decimal
) -> None:
    assert_sure_order(parse(text, on=ON), underlying, legs, price)


def test_record_sent_at_market(parse: Parse) -> None:
    parsed = parse(
        '{"orderType":"MARKET","symbol":"RIVN","quantity":150,"instruction":"BUY"}\nsubmit', on=ON
    )
    assert parsed.kind == "order", parsed.to_dict()
    assert parsed.order_type == "market"
    assert parsed.legs[0].quantity == 150


# The same pastes with a go line negated, asked, put off, on the other side, or a question.
@pytest.mark.parametrize(
    "text",
    [
        "Fidelity options ticket:\nBuy 2 GOOGL $200 Call\nExp Jan 18, 2030\nLimit price $6.80\n"
        "don't place it",
        "Fidelity options ticket:\nBuy 2 GOOGL $200 Call\nExp Jan 18, 2030\nLimit price $6.80\n"
        "should I submit it?",
        "Schwab ticket:\nSELL 1 IWM Dec21'29 245 PUT\nLMT 0.70 · DAY\nfire it tomorrow",
        "OCR from my screenshot:\nSell | 4 | KO | 12/21/2029 | 65 Call | Lmt 0.51\nbuy it",
        "Merrill Edge:\nBuy to open 3 contracts UBER Jan 18 2030 $85 Put\nLimit $3.70, Day\n"
        "I'd never do it here",
        '{"sym":"QQQ","exp":"2029-12-21","strike":615,"right":"P","side":"SELL","qty":1,'
        '"lmt":1.25}\nwhy did the API reject this? it says 400',
        "csv:\nsymbol,qty,action,limit,tif\nPFE,200,BUY,27.10,DAY\nwould you execute this?",
    ],
)
def test_paste_not_sent_stays_chatter(parse: Parse, text: str) -> None:
    assert_talk(parse(text, on=ON))
