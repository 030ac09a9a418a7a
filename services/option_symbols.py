"""Reading Tastytrade's OCC option symbols: the one parser services use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.strategies._model import LegType

# OCC option symbol as Tastytrade sends it: root padded to six characters, YYMMDD, C/P, strike
# x 1000 on eight digits (``SPY   250620P00450000``)
_OCC = re.compile(r"([A-Z0-9./]{1,6})\s*(\d{2})(\d{2})(\d{2})([CP])(\d{8})")


@dataclass(frozen=True, slots=True)
class OptionContract:
    """The call or put an OCC symbol names."""

    type: LegType
    strike: Decimal
    expiration: date


def parse_option_symbol(symbol: str) -> OptionContract | None:
    """The contract of an OCC option symbol, or ``None`` for anything else (stock, futures,
    futures options, crypto)."""
    found = _OCC.fullmatch(symbol.strip())
    if found is None:
        return None
    _, year, month, day, right, strike = found.groups()
    try:
        expiration = date(2000 + int(year), int(month), int(day))
    except ValueError:
        return None
    return OptionContract(
        type=LegType.CALL if right == "C" else LegType.PUT,
        strike=Decimal(strike) / 1000,
        expiration=expiration,
    )
