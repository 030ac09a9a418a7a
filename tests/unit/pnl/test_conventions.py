"""One scenario per convention of ``services.pnl``, with the expected figures worked out in each
docstring (fees are what was charged; values are signed, a debit negative)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from services.pnl import CashCategory, CloseReason, Side, compute_pnl

from .builders import cash, occ, tx

MON, TUE, WED = date(2025, 6, 2), date(2025, 6, 3), date(2025, 6, 4)
JUL, JAN = date(2025, 7, 1), date(2026, 1, 5)
CALL = occ("AAPL", date(2025, 6, 20), "C", 180)
PUT = occ("SPY", date(2025, 6, 20), "P", 450)
SPX_PUT = occ("SPXW", date(2025, 6, 20), "P", 5000)


def test_fifo_matches_the_oldest_lot_first() -> None:
    """Buy 100 @ 10 (-1000), buy 100 @ 12 (-1200), sell 150 @ 15 (+2250).
    FIFO: 100 from the first lot: -1000 + 1500 = 500; 50 from the second: -600 + 750 = 150.
    Realized 650; 50 shares of the second lot stay open with -600 of its cash flow."""
    report = compute_pnl(
        [
            tx(3, WED, symbol="XYZ", quantity=150, action="Sell to Close", price=15, value=2250),
            tx(1, MON, symbol="XYZ", quantity=100, action="Buy to Open", price=10, value=-1000),
            tx(2, TUE, symbol="XYZ", quantity=100, action="Buy to Open", price=12, value=-1200),
        ]
    )

    assert [
        (lot.open_transaction_id, lot.quantity, lot.realized) for lot in report.closed_lots
    ] == [
        (1, D(100), D(500)),
        (2, D(50), D(150)),
    ]
    assert report.realized == D(650)
    (still_open,) = report.open_lots
    assert (still_open.open_transaction_id, still_open.quantity) == (2, D(50))
    assert still_open.open_cash_flow == D(-600)


def test_fees_are_pro_rated_by_quantity_and_a_partial_close_splits_the_lot() -> None:
    """Buy 100 AAPL @ 190: value -19000, clearing 0.08. Sell 40 @ 200: value +8000, fees 0.10.
    Closed 40: opening share -19000 x 40/100 = -7600.00, fee 0.08 x 0.4 = 0.032 -> 0.03;
    realized = -7600 + 8000 - 0.03 - 0.10 = 399.87. Open 60: cash -11400.00, fees 0.05 (the
    exact remainder). At a mark of 195: 195 x 60 - 11400 - 0.05 = 299.95 unrealized."""
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol="AAPL",
                quantity=100,
                action="Buy to Open",
                price=190,
                value=-19000,
                clearing="0.08",
            ),
            tx(
                2,
                TUE,
                symbol="AAPL",
                quantity=40,
                action="Sell to Close",
                price=200,
                value=8000,
                clearing="0.03",
                regulatory="0.07",
            ),
        ],
        marks={"AAPL": D(195)},
    )

    (closed,) = report.closed_lots
    assert (closed.quantity, closed.open_cash_flow, closed.open_fees) == (
        D(40),
        D(-7600),
        D("0.03"),
    )
    assert (closed.close_cash_flow, closed.close_fees) == (D(8000), D("0.10"))
    assert closed.realized == report.realized == D("399.87")
    (remaining,) = report.open_lots
    assert (remaining.quantity, remaining.open_cash_flow, remaining.open_fees) == (
        D(60),
        D(-11400),
        D("0.05"),
    )
    assert remaining.unrealized == report.unrealized == D("299.95")
    assert report.fees == D("0.18")


def test_an_expiration_row_without_action_or_price_closes_the_open_lot_at_zero() -> None:
    """Long call: bought 1 @ 2.00 (-200, commission 1.00, clearing 0.10) -> expires: -201.10.
    Short put: sold 2 @ 1.50 (+300, fees 2.00 + 0.20 + 0.04 = 2.24) -> expires: +297.76.
    The Receive Deliver rows carry no action and no price: the open side decides."""
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol=CALL,
                quantity=1,
                action="Buy to Open",
                price=2,
                value=-200,
                commission=1,
                clearing="0.10",
            ),
            tx(
                2,
                MON,
                symbol=PUT,
                quantity=2,
                action="Sell to Open",
                price="1.5",
                value=300,
                commission=2,
                clearing="0.20",
                regulatory="0.04",
                minute=1,
            ),
            tx(
                3,
                date(2025, 6, 20),
                symbol=CALL,
                quantity=1,
                value=0,
                kind="Receive Deliver",
                sub_type="Expiration",
            ),
            tx(
                4,
                date(2025, 6, 20),
                symbol=PUT,
                quantity=2,
                value=0,
                kind="Receive Deliver",
                sub_type="Expiration",
                minute=1,
            ),
        ]
    )

    call, put = report.closed_lots
    assert (call.side, call.close_reason, call.close_price, call.realized) == (
        Side.LONG,
        CloseReason.EXPIRATION,
        D(0),
        D("-201.10"),
    )
    assert (put.side, put.quantity, put.close_reason, put.realized) == (
        Side.SHORT,
        D(2),
        CloseReason.EXPIRATION,
        D("297.76"),
    )
    assert report.open_lots == ()
    assert report.by_underlying == {"AAPL": D("-201.10"), "SPY": D("297.76")}


def test_an_assignment_closes_the_option_at_zero_and_opens_stock_at_the_strike() -> None:
    """Sold 1 SPY 450 put @ 3.00: +300, fees 1.12 -> assigned (no action): option realized
    300 - 1.12 = 298.88. Stock delivered: Receive Deliver Buy to Open 100 @ 450 = -45000,
    clearing 0.08: an open long lot at 450. At a mark of 455:
    455 x 100 x 1 - 45000 - 0.08 = 499.92 unrealized."""
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol=PUT,
                quantity=1,
                action="Sell to Open",
                price=3,
                value=300,
                commission=1,
                clearing="0.10",
                regulatory="0.02",
            ),
            tx(
                2,
                date(2025, 6, 20),
                symbol=PUT,
                quantity=1,
                value=0,
                kind="Receive Deliver",
                sub_type="Assignment",
            ),
            tx(
                3,
                date(2025, 6, 20),
                symbol="SPY",
                quantity=100,
                action="Buy to Open",
                price=450,
                value=-45000,
                kind="Receive Deliver",
                clearing="0.08",
                minute=1,
            ),
        ],
        marks={"SPY": D(455)},
    )

    (option,) = report.closed_lots
    assert (option.close_reason, option.close_price, option.realized) == (
        CloseReason.ASSIGNMENT,
        D(0),
        D("298.88"),
    )
    (stock,) = report.open_lots
    assert (stock.symbol, stock.side, stock.quantity, stock.open_price) == (
        "SPY",
        Side.LONG,
        D(100),
        D(450),
    )
    assert stock.multiplier == D(1)
    assert stock.net_open_cash_flow == D("-45000.08")
    assert stock.unrealized == D("499.92")


def test_an_exercise_closes_the_option_at_zero_and_the_stock_leg_closes_stock() -> None:
    """Held 100 AAPL bought @ 190 (-19000, clearing 0.08) and 1 AAPL 185 put bought @ 2.00
    (-200, fees 1.10). Exercise: the put closes at zero (-201.10); the delivery sells the 100
    shares at the strike: Receive Deliver without an action, value +18500 (a credit sells),
    fees 0.61 -> stock realized -19000 - 0.08 + 18500 - 0.61 = -500.69. Total -701.79."""
    put = occ("AAPL", date(2025, 6, 20), "P", 185)
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol="AAPL",
                quantity=100,
                action="Buy to Open",
                price=190,
                value=-19000,
                clearing="0.08",
            ),
            tx(
                2,
                MON,
                symbol=put,
                quantity=1,
                action="Buy to Open",
                price=2,
                value=-200,
                commission=1,
                clearing="0.10",
                minute=1,
            ),
            tx(
                3,
                date(2025, 6, 20),
                symbol=put,
                quantity=1,
                value=0,
                kind="Receive Deliver",
                sub_type="Exercise",
            ),
            tx(
                4,
                date(2025, 6, 20),
                symbol="AAPL",
                quantity=100,
                price=185,
                value=18500,
                kind="Receive Deliver",
                sub_type="Sell to Close",
                clearing="0.08",
                regulatory="0.53",
                minute=1,
            ),
        ]
    )

    by_symbol = {lot.symbol: lot for lot in report.closed_lots}
    assert by_symbol[put].close_reason is CloseReason.EXERCISE
    assert by_symbol[put].realized == D("-201.10")
    assert by_symbol["AAPL"].close_reason is CloseReason.DELIVERY
    assert by_symbol["AAPL"].close_price == D(185)
    assert by_symbol["AAPL"].realized == D("-500.69")
    assert report.realized == D("-701.79")
    assert report.open_lots == ()


def test_a_cash_settled_assignment_closes_the_index_option_at_the_settlement_cash() -> None:
    """Sold 1 SPXW 5000 put @ 10.00: +1000, fees 1.00 + 0.10 + 0.65 + 0.02 = 1.77.
    Cash Settled Assignment (no action, price = the strike 5000, value -1500 debit):
    realized 1000 - 1.77 - 1500 = -501.77; the close price is the cash per unit,
    1500 / (1 x 100) = 15 (the multiplier 100 comes from the opening fill, not the strike)."""
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol=SPX_PUT,
                quantity=1,
                action="Sell to Open",
                price=10,
                value=1000,
                commission=1,
                clearing="0.10",
                proprietary="0.65",
                regulatory="0.02",
                underlying="SPX",
            ),
            tx(
                2,
                date(2025, 6, 20),
                symbol=SPX_PUT,
                quantity=1,
                price=5000,
                value=-1500,
                kind="Receive Deliver",
                sub_type="Cash Settled Assignment",
                underlying="SPX",
            ),
        ]
    )

    (lot,) = report.closed_lots
    assert (lot.close_reason, lot.multiplier, lot.close_price) == (
        CloseReason.CASH_SETTLEMENT,
        D(100),
        D(15),
    )
    assert lot.realized == report.realized == D("-501.77")
    assert report.by_underlying == {"SPX": D("-501.77")}


def test_a_cash_settled_exercise_closes_a_long_index_option_at_the_credit() -> None:
    """Bought 2 XSP 550 calls @ 1.00: -200, fees 2.20. Cash Settled Exercise credits +700:
    realized -200 - 2.20 + 700 = 497.80."""
    call = occ("XSP", date(2025, 6, 20), "C", 550)
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol=call,
                quantity=2,
                action="Buy to Open",
                price=1,
                value=-200,
                commission=2,
                clearing="0.20",
            ),
            tx(
                2,
                date(2025, 6, 20),
                symbol=call,
                quantity=2,
                price=550,
                value=700,
                kind="Receive Deliver",
                sub_type="Cash Settled Exercise",
            ),
        ]
    )

    (lot,) = report.closed_lots
    assert (lot.side, lot.close_reason, lot.realized) == (
        Side.LONG,
        CloseReason.CASH_SETTLEMENT,
        D("497.80"),
    )


def test_a_forward_split_moves_the_basis_onto_the_new_quantity_without_pnl() -> None:
    """Bought 100 XYZ @ 400 (-40000, clearing 0.08). A 4:1 forward split: Receive Deliver
    Forward Split rows removing 100 (+40000) and adding 400 (-40000), no actions.
    No P&L; the lot is 400 shares @ 100 with the same -40000 cash flow and 0.08 fees.
    Selling the 400 @ 110 (+44000, fees 1.00): realized 44000 - 40000 - 0.08 - 1.00 = 3998.92."""
    split = [
        tx(
            2,
            TUE,
            symbol="XYZ",
            quantity=100,
            value=40000,
            kind="Receive Deliver",
            sub_type="Forward Split",
        ),
        tx(
            3,
            TUE,
            symbol="XYZ",
            quantity=400,
            value=-40000,
            kind="Receive Deliver",
            sub_type="Forward Split",
        ),
    ]
    opening = tx(
        1,
        MON,
        symbol="XYZ",
        quantity=100,
        action="Buy to Open",
        price=400,
        value=-40000,
        clearing="0.08",
    )

    after_split = compute_pnl([opening, *split])

    assert after_split.closed_lots == ()
    assert after_split.realized == D(0)
    (lot,) = after_split.open_lots
    assert (lot.quantity, lot.open_price, lot.open_cash_flow, lot.open_fees) == (
        D(400),
        D(100),
        D(-40000),
        D("0.08"),
    )
    assert lot.open_date == MON

    sold = compute_pnl(
        [
            opening,
            *split,
            tx(
                4,
                WED,
                symbol="XYZ",
                quantity=400,
                action="Sell to Close",
                price=110,
                value=44000,
                regulatory=1,
            ),
        ]
    )
    assert sold.realized == D("3998.92")
    assert sold.anomalies == ()


def test_a_reverse_split_with_a_new_symbol_moves_the_lots_in_fifo_order() -> None:
    """Two lots, 600 ABC @ 2 (-1200) and 400 ABC @ 3 (-1200). A 1:10 reverse split into ABC1
    (Reverse Split rows with actions: Sell to Close 1000 ABC, Buy to Open 100 ABC1).
    The lots become 60 ABC1 @ 20 and 40 ABC1 @ 30, each keeping its -1200; nothing realized.
    At a mark of 25: 60 x 25 - 1200 = 300 and 40 x 25 - 1200 = -200; unrealized 100."""
    report = compute_pnl(
        [
            tx(1, MON, symbol="ABC", quantity=600, action="Buy to Open", price=2, value=-1200),
            tx(
                2,
                MON,
                symbol="ABC",
                quantity=400,
                action="Buy to Open",
                price=3,
                value=-1200,
                minute=1,
            ),
            tx(
                3,
                TUE,
                symbol="ABC",
                quantity=1000,
                action="Sell to Close",
                value=2400,
                kind="Receive Deliver",
                sub_type="Reverse Split",
                underlying="ABC",
            ),
            tx(
                4,
                TUE,
                symbol="ABC1",
                quantity=100,
                action="Buy to Open",
                value=-2400,
                kind="Receive Deliver",
                sub_type="Reverse Split",
                underlying="ABC",
            ),
        ],
        marks={"ABC1": D(25)},
    )

    assert report.closed_lots == ()
    assert [
        (lot.symbol, lot.quantity, lot.open_price, lot.open_cash_flow) for lot in report.open_lots
    ] == [
        ("ABC1", D(60), D(20), D(-1200)),
        ("ABC1", D(40), D(30), D(-1200)),
    ]
    assert [lot.unrealized for lot in report.open_lots] == [D(300), D(-200)]
    assert report.unrealized == D(100)


def test_a_short_lot_gains_when_bought_back_lower_and_marks_negative() -> None:
    """Sold short 100 XYZ @ 50: +5000, fees 0.20. Bought back 60 @ 45: -2700, clearing 0.05.
    Closed 60: 5000 x 0.6 = 3000 - 2700 - 0.12 - 0.05 = 299.83. Open short 40: cash +2000,
    fees 0.08; at a mark of 55: -(55 x 40) + 2000 - 0.08 = -200.08 unrealized."""
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol="XYZ",
                quantity=100,
                action="Sell to Open",
                price=50,
                value=5000,
                regulatory="0.12",
                clearing="0.08",
            ),
            tx(
                2,
                TUE,
                symbol="XYZ",
                quantity=60,
                action="Buy to Close",
                price=45,
                value=-2700,
                clearing="0.05",
            ),
        ],
        marks={"XYZ": D(55)},
    )

    (closed,) = report.closed_lots
    assert (closed.side, closed.realized) == (Side.SHORT, D("299.83"))
    (short,) = report.open_lots
    assert (short.side, short.signed_quantity, short.market_value) == (
        Side.SHORT,
        D(-40),
        D(-2200),
    )
    assert short.unrealized == D("-200.08")


def test_the_multiplier_comes_from_the_transaction_values() -> None:
    """A mini option (multiplier 10): bought 3 @ 2.00 = -60, fees 3.30. Nothing assumes 100:
    60 / (3 x 2) = 10. At a mark of 2.50: 2.5 x 3 x 10 - 60 - 3.30 = 11.70 unrealized."""
    mini = occ("AMZN7", date(2025, 6, 20), "C", 200)
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol=mini,
                quantity=3,
                action="Buy to Open",
                price=2,
                value=-60,
                commission=3,
                clearing="0.30",
                underlying="AMZN",
            )
        ],
        marks={mini: D("2.5")},
    )

    (lot,) = report.open_lots
    assert lot.multiplier == D(10)
    assert lot.unrealized == D("11.70")


def test_a_rounded_value_still_gives_a_whole_multiplier() -> None:
    """3 shares @ 190.123 = 570.369, sent rounded as 570.37: the multiplier is 1, not
    1.0000017 (the difference is inside the cent rounding)."""
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol="XYZ",
                quantity=3,
                action="Buy to Open",
                price="190.123",
                value="-570.37",
            )
        ],
        marks={"XYZ": D(200)},
    )

    assert report.open_lots[0].multiplier == D(1)
    assert report.unrealized == D("29.63")


def test_a_lot_without_a_mark_is_left_out_of_unrealized_and_named() -> None:
    """Two open lots, one marked: only the marked one (100 @ 10 marked 11: +100) counts."""
    report = compute_pnl(
        [
            tx(1, MON, symbol="AAA", quantity=100, action="Buy to Open", price=10, value=-1000),
            tx(2, MON, symbol="BBB", quantity=100, action="Buy to Open", price=10, value=-1000),
        ],
        marks={"AAA": D(11)},
    )

    assert report.unrealized == D(100)
    assert report.unmarked_symbols == ("BBB",)


def test_dividends_interest_and_money_movements_are_reported_apart_from_trade_pnl() -> None:
    """Deposit 10000, dividend 25.50, credit interest 1.20, debit interest -3.40, withdrawal
    -500, an account fee -15: realized stays 0; dividends 25.50, interest -2.20, money
    movements 9500, other -15."""
    report = compute_pnl(
        [
            cash(1, MON, "Deposit", "10000"),
            cash(2, TUE, "Dividend", "25.50", symbol="AAPL"),
            cash(3, TUE, "Credit Interest", "1.20"),
            cash(4, WED, "Debit Interest", "-3.40"),
            cash(5, WED, "Withdrawal", "-500"),
            cash(6, WED, "Fee", "-15"),
        ]
    )

    assert report.realized == D(0)
    assert report.closed_lots == report.open_lots == ()
    assert (report.dividends, report.interest, report.money_movements, report.other_cash) == (
        D("25.50"),
        D("-2.20"),
        D(9500),
        D(-15),
    )
    assert [item.category for item in report.cash_items] == [
        CashCategory.MONEY_MOVEMENT,
        CashCategory.DIVIDEND,
        CashCategory.INTEREST,
        CashCategory.INTEREST,
        CashCategory.MONEY_MOVEMENT,
        CashCategory.FEE,
    ]


def test_realized_is_dated_by_the_closing_day_month_and_year() -> None:
    """Three round trips of 1 share bought @ 10: sold @ 11 on Jun 3 (+1), @ 13 on Jul 1 (+3),
    @ 8 on Jan 5 2026 (-2). By day, month and year follows the closing date."""
    rows = []
    for index, (closed_on, price) in enumerate(((TUE, 11), (JUL, 13), (JAN, 8))):
        symbol = f"S{index}"
        rows.append(
            tx(
                2 * index + 1,
                MON,
                symbol=symbol,
                quantity=1,
                action="Buy to Open",
                price=10,
                value=-10,
            )
        )
        rows.append(
            tx(
                2 * index + 2,
                closed_on,
                symbol=symbol,
                quantity=1,
                action="Sell to Close",
                price=price,
                value=price,
            )
        )
    report = compute_pnl(rows)

    assert report.realized_by_day == {TUE: D(1), JUL: D(3), JAN: D(-2)}
    assert report.realized_by_month == {"2025-06": D(1), "2025-07": D(3), "2026-01": D(-2)}
    assert report.realized_by_year == {2025: D(4), 2026: D(-2)}
    june = report.for_period(date(2025, 6, 1), date(2025, 6, 30))
    assert (june.realized, len(june.closed_lots)) == (D(1), 1)


def test_a_close_with_no_open_lot_is_an_anomaly_not_profit() -> None:
    """A Sell to Close of 10 shares (+500) with no opening in the history (it predates the
    sync): nothing realized, the row listed with its net cash 500 - 0.01 = 499.99."""
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol="OLD",
                quantity=10,
                action="Sell to Close",
                price=50,
                value=500,
                regulatory="0.01",
            )
        ]
    )

    assert report.realized == D(0)
    (anomaly,) = report.anomalies
    assert (anomaly.transaction_id, anomaly.quantity, anomaly.cash_flow) == (1, D(10), D("499.99"))


def test_repeated_rows_count_once_and_a_reversal_cancels_its_row() -> None:
    """The buy appears twice (overlapping sync pages) and a mistaken sell is reversed by
    row 4: one lot of 100 stays open, nothing realized."""
    buy = tx(1, MON, symbol="XYZ", quantity=100, action="Buy to Open", price=10, value=-1000)
    report = compute_pnl(
        [
            buy,
            buy,
            tx(3, TUE, symbol="XYZ", quantity=100, action="Sell to Close", price=12, value=1200),
            tx(
                4,
                TUE,
                symbol="XYZ",
                quantity=100,
                action="Buy to Close",
                price=12,
                value=-1200,
                reverses_id=3,
                minute=1,
            ),
        ]
    )

    assert report.closed_lots == ()
    assert [(lot.open_transaction_id, lot.quantity) for lot in report.open_lots] == [(1, D(100))]


def test_futures_style_buy_and_sell_close_the_opposite_side_first() -> None:
    """Sell 1 /ESM5 @ 5000 (a short, value 0 for futures aside, here notional +250000 with
    multiplier 50), then Buy 3 @ 4990 (-748500): 1 closes the short (+250000 - 249500 = 500),
    2 open a long."""
    report = compute_pnl(
        [
            tx(
                1,
                MON,
                symbol="/ESM5",
                quantity=1,
                action="Sell",
                price=5000,
                value=250000,
                instrument_type="Future",
                underlying="/ES",
            ),
            tx(
                2,
                TUE,
                symbol="/ESM5",
                quantity=3,
                action="Buy",
                price=4990,
                value=-748500,
                instrument_type="Future",
                underlying="/ES",
            ),
        ]
    )

    (closed,) = report.closed_lots
    assert (closed.side, closed.realized, closed.multiplier) == (Side.SHORT, D(500), D(50))
    (long,) = report.open_lots
    assert (long.side, long.quantity, long.open_cash_flow) == (Side.LONG, D(2), D(-499000))


def test_a_split_of_stock_and_options_together_pairs_each_series() -> None:
    """100 XYZ bought @ 100 (-10000) and 1 XYZ 100 call bought @ 5.00 (-500). A 2:1 split
    books four rows without actions on one day: XYZ 100 out (+10000) / 200 in (-10000), the
    100 call out (+500) / 2 of the new 50 call in (-500). Stock: 200 @ 50; call: 2 @ 2.50 with
    the old multiplier 100. Marks 52 and 2.60: 200 x 52 - 10000 = 400 and
    2 x 2.60 x 100 - 500 = 20."""
    old_call = occ("XYZ", date(2025, 6, 20), "C", 100)
    new_call = occ("XYZ", date(2025, 6, 20), "C", 50)
    split = {"kind": "Receive Deliver", "sub_type": "Forward Split", "underlying": "XYZ"}
    report = compute_pnl(
        [
            tx(1, MON, symbol="XYZ", quantity=100, action="Buy to Open", price=100, value=-10000),
            tx(2, MON, symbol=old_call, quantity=1, action="Buy to Open", price=5, value=-500,
               minute=1),
            tx(3, TUE, symbol="XYZ", quantity=100, value=10000, **split),
            tx(4, TUE, symbol="XYZ", quantity=200, value=-10000, **split),
            tx(5, TUE, symbol=old_call, quantity=1, value=500, **split),
            tx(6, TUE, symbol=new_call, quantity=2, value=-500, **split),
        ],
        marks={"XYZ": D(52), new_call: D("2.60")},
    )  # fmt: skip

    assert report.anomalies == report.closed_lots == ()
    by_symbol = {lot.symbol: lot for lot in report.open_lots}
    assert set(by_symbol) == {"XYZ", new_call}
    assert (by_symbol["XYZ"].quantity, by_symbol["XYZ"].open_price) == (D(200), D(50))
    assert (by_symbol[new_call].quantity, by_symbol[new_call].open_price) == (D(2), D("2.5"))
    assert by_symbol[new_call].multiplier == D(100)
    assert (by_symbol["XYZ"].unrealized, by_symbol[new_call].unrealized) == (D(400), D(20))
