"""Option symbols and index underlyings: the one place the simulator spells them.

OCC symbols (``SPY   250620C00600000``): the root padded to 6 characters, ``YYMMDD``, ``C`` or
``P`` and the strike times 1000 in 8 digits. Streamer (dxFeed) symbols: ``.SPY250620C600``.

Index underlyings are the ones Tastytrade reports with ``underlying-instrument-type`` ``Index``.
VIX is one of them: it is the Cboe volatility index, and its options are European-style and
cash-settled like those of SPX, so it belongs to both sets below (the history generator leaves
it out of what it trades for a different reason: VIX options price off VIX futures, which the
simulated market does not model).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

OCC_RE = re.compile(r"^([A-Z][A-Z0-9 ]{5})(\d{6})([CP])(\d{8})$")
STREAMER_RE = re.compile(r"^\.([A-Z0-9]+?)(\d{6})([CP])(\d+(?:\.\d+)?)$")

#: underlyings that are indexes (``underlying-instrument-type: Index`` on orders)
INDEX_UNDERLYINGS = frozenset({"SPX", "NDX", "RUT", "VIX", "XSP", "DJX"})

#: option roots whose options settle in cash (no stock delivery) and pay the index option fee
CASH_SETTLED_ROOTS = frozenset(
    {"SPX", "SPXW", "XSP", "NDX", "NDXP", "RUT", "RUTW", "VIX", "VIXW", "DJX", "XND", "MRUT"}
)

STRIKE_SCALE = 1000  # OCC strikes are thousandths in 8 digits


@dataclass(frozen=True, slots=True)
class OptionSymbol:
    """The parts of an OCC option symbol."""

    root: str
    expiration: date
    option_type: str  # "C" | "P"
    strike: Decimal

    @property
    def cash_settled(self) -> bool:
        return self.root in CASH_SETTLED_ROOTS

    @property
    def occ(self) -> str:
        return occ_symbol(self.root, self.expiration, self.option_type, self.strike)


@lru_cache(maxsize=65536)
def parse_occ(symbol: str) -> OptionSymbol | None:
    """Split an OCC symbol (``SPY   250620C00600000``); ``None`` if it is not one."""
    match = OCC_RE.match(symbol)
    if match is None:
        return None
    digits = match.group(2)
    try:
        expiration = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    strike = Decimal(int(match.group(4))) / STRIKE_SCALE
    return OptionSymbol(match.group(1).rstrip(), expiration, match.group(3), strike)


def occ_symbol(root: str, expiration: date, option_type: str, strike: Decimal) -> str:
    """``SPY   250620C00600000`` from its parts."""
    return f"{root:<6}{expiration:%y%m%d}{option_type}{int(strike * STRIKE_SCALE):08d}"


def strike_text(strike: Decimal) -> str:
    """``600`` / ``197.5``: the strike as it appears in streamer symbols."""
    return f"{strike.normalize():f}"


def streamer_symbol(root: str, expiration: date, option_type: str, strike: Decimal) -> str:
    """``.SPY250620C600`` from its parts."""
    return f".{root}{expiration:%y%m%d}{option_type}{strike_text(strike)}"


def streamer_to_occ(symbol: str) -> str | None:
    """OCC symbol for a dxFeed option symbol like ``.SPY250620C600``; ``None`` otherwise."""
    match = STREAMER_RE.match(symbol)
    if match is None or len(match.group(1)) > 6:
        return None
    digits = match.group(2)
    try:
        expiration = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        return None
    return occ_symbol(match.group(1), expiration, match.group(3), Decimal(match.group(4)))


def underlying_instrument_type(underlying: str) -> str:
    """``Index`` for index underlyings, else ``Equity`` (what orders report)."""
    return "Index" if underlying in INDEX_UNDERLYINGS else "Equity"
