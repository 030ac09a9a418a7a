"""Listed chains and parsed orders for the resolve and validate tests, built as Tastytrade
lists them (OCC and streamer symbols, tick schedules), with no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from nlp import Leg, ParsedOrder
from services.orders.market import (
    BrokerPosition,
    ListedChain,
    ListedExpiration,
    ListedRoot,
    ListedStrike,
    Quote,
    TickSize,
)

TODAY = date(2026, 1, 5)  # a Monday; 16 Jan is the monthly, 19 Jan a holiday (MLK day)
PENNY_ALL = (TickSize(Decimal("0.01")),)
PENNY = (TickSize(Decimal("0.01"), Decimal(3)), TickSize(Decimal("0.05")))
NICKEL = (TickSize(Decimal("0.05"), Decimal(3)), TickSize(Decimal("0.10")))


def occ(root: str, expiration: date, option_type: str, strike: Decimal) -> str:
    flag = "C" if option_type == "call" else "P"
    return f"{root:<6}{expiration:%y%m%d}{flag}{int(strike * 1000):08d}"


def streamer(root: str, expiration: date, option_type: str, strike: Decimal) -> str:
    flag = "C" if option_type == "call" else "P"
    return f".{root}{expiration:%y%m%d}{flag}{format(strike.normalize(), 'f')}"


def listing(
    root: str,
    expiration: date,
    strikes: Iterable[int | str],
    *,
    expiration_type: str = "Weekly",
    settlement_type: str = "PM",
) -> ListedExpiration:
    rows = []
    for value in strikes:
        k = Decimal(str(value))
        rows.append(
            ListedStrike(
                k,
                occ(root, expiration, "call", k),
                occ(root, expiration, "put", k),
                streamer(root, expiration, "call", k),
                streamer(root, expiration, "put", k),
            )
        )
    return ListedExpiration(root, expiration, expiration_type, settlement_type, tuple(rows))


def chain(
    underlying: str,
    roots: dict[str, Sequence[ListedExpiration]],
    *,
    ticks: tuple[TickSize, ...] = PENNY_ALL,
    cash_settled: bool = False,
) -> ListedChain:
    return ListedChain(
        underlying,
        tuple(
            ListedRoot(root, 100, cash_settled, ticks, tuple(expirations))
            for root, expirations in roots.items()
        ),
    )


SPY_STRIKES = range(580, 621, 5)
SPY_DATES = [date(2026, 1, d) for d in (5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 20, 21, 22, 23, 30)] + [
    date(2026, 2, 20)
]
SPY = chain(
    "SPY",
    {
        "SPY": [
            listing(
                "SPY",
                d,
                SPY_STRIKES,
                expiration_type="Regular" if d.day in (16, 20) and d.month in (1, 2) else "Weekly",
            )
            for d in SPY_DATES
        ]
    },
)
AAPL_DATES = [date(2026, 1, d) for d in (9, 16, 23, 30)] + [date(2026, 2, 20)]
AAPL = chain(
    "AAPL",
    {"AAPL": [listing("AAPL", d, (220, 225, 230, 235, 240, 245, 250)) for d in AAPL_DATES]},
    ticks=PENNY,
)
SPX_STRIKES = range(5800, 6101, 25)
SPX = chain(
    "SPX",
    {
        "SPX": [
            listing("SPX", d, SPX_STRIKES, expiration_type="Regular", settlement_type="AM")
            for d in (date(2026, 1, 16), date(2026, 2, 20))
        ],
        "SPXW": [
            listing("SPXW", date(2026, 1, d), SPX_STRIKES)
            for d in (5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 20, 23, 30)
        ],
    },
    ticks=NICKEL,
    cash_settled=True,
)


def option_leg(
    side: str,
    option_type: str | None,
    strike: int | str | None,
    expiration: date | None,
    *,
    quantity: int = 1,
    effect: str | None = None,
) -> Leg:
    return Leg(
        side=side,  # type: ignore[arg-type]
        effect=effect,  # type: ignore[arg-type]
        quantity=quantity,
        type=option_type,  # type: ignore[arg-type]
        strike=None if strike is None else Decimal(str(strike)),
        expiration=expiration,
    )


def stock_leg(side: str, quantity: int, effect: str | None = None) -> Leg:
    return Leg(side, effect, quantity, "equity", None, None)  # type: ignore[arg-type]


def parsed(
    underlying: str | None,
    *legs: Leg,
    price: str | None = None,
    price_effect: str | None = None,
    order_type: str | None = None,
    tif: str | None = None,
) -> ParsedOrder:
    return ParsedOrder(
        kind="order",
        underlying=underlying,
        legs=legs,
        order_type=order_type or ("limit" if price is not None else "market"),  # type: ignore[arg-type]
        price=None if price is None else Decimal(price),
        price_effect=price_effect,  # type: ignore[arg-type]
        tif=tif,  # type: ignore[arg-type]
    )


def position(symbol: str, quantity: int, underlying: str = "SPY") -> BrokerPosition:
    kind = "Equity" if len(symbol) < 10 else "Equity Option"
    return BrokerPosition(symbol, underlying, kind, Decimal(quantity))


def quote(symbol: str, bid: str, ask: str, kind: str = "Equity Option") -> Quote:
    b, a = Decimal(bid), Decimal(ask)
    return Quote(symbol, kind, b, a, (b + a) / 2)
