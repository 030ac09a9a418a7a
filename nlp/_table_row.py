"""An order written as one row of a table: a markdown row, a spreadsheet's tab-separated row,
a CSV line, or a card of "| Field | value |" rows.

Traders paste the order from where they keep it: "| STO | 2 | IWM | 330/325 PCS | 9/27 | 0.58
|" under a header "| Action | Qty | Ticker | Strikes | Exp | Limit |", "BTO⇥AAPL⇥370⇥C⇥9/20⇥2⇥
4.15" from a sheet, "Sell to Open,SPY,2041-09-27,985,Put,2,2.75" under "Action,Symbol,Expiry,
Strike,Type,Qty,Limit", or an entry card "| Ticker | $TSLA |", "| Action | BTO |", "| Contract
| 560C 10/4 |", "| Size | 2 |", "| Price | 14.20 |". The row's cells are named by the header
when there is one, else by what each holds; :func:`table_order_text` writes them as the order
line the parser reads ("STO 2 IWM 330/325 PCS 9/27 @ 0.58"). A table with no row that opens
with an action, or with several, is left alone: a list of positions or fills is not an order.
"""

from __future__ import annotations

import re

from nlp import _lexicon as lex

_ACTION = re.compile(
    r"\A(?:bto|sto|btc|stc|buy|sell)(?:[ \t]+to[ \t]+(?:open|close))?\Z", re.IGNORECASE
)
_HEADERS = {
    "action": "action", "side": "action", "order": "action",
    "qty": "count", "quantity": "count", "size": "count", "contracts": "count", "#": "count",
    "ticker": "ticker", "symbol": "ticker", "underlying": "ticker", "stock": "ticker",
    "strike": "strike", "strikes": "strike", "contract": "contract",
    "type": "type", "c/p": "type", "call/put": "type", "right": "type",
    "exp": "date", "expiry": "date", "expiration": "date", "date": "date",
    "limit": "price", "price": "price", "px": "price", "lmt": "price", "net": "price",
    "tif": "tif", "duration": "tif",
}  # fmt: skip
_TICKER = re.compile(r"\A\$?([A-Z]{1,5}(?:[./][A-Z])?)\Z")
_TYPE = re.compile(r"\A(?:c|p|calls?|puts?)\Z", re.IGNORECASE)
_DATE = re.compile(
    r"\A(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{4}-\d{2}-\d{2}"
    rf"|(?:{lex.MONTH_NAMES})(?:[ \t]+\d{{1,2}})?)\Z",
    re.IGNORECASE,
)
_PRICE = re.compile(r"\A\$?(?:\d*\.\d+)\Z")
_INTEGER = re.compile(r"\A\d{1,5}\Z")
_STRIKE = re.compile(r"\A\d+(?:\.\d+)?(?:[cp]|/\d+(?:\.\d+)?.*)?\Z", re.IGNORECASE)
_TIF = re.compile(r"\A(?:day|gtc)\Z", re.IGNORECASE)
_SEPARATOR = re.compile(r"\A[\s|:\-]*\Z")
_MAX_ROWS = 12


def _cells(line: str) -> list[str] | None:
    """The cells of one table line, or None when the line is no table row."""
    line = line.strip()
    if line.startswith("|") and line.count("|") >= 3:
        return [cell.strip() for cell in line.strip("|").split("|")]
    if line.count("\t") >= 3:
        return [cell.strip() for cell in line.split("\t")]
    line = _ROW_LABEL.sub("", line)
    if line.count(",") >= 4 and " " not in _TO_ACTION.sub("", line):
        return [cell.strip() for cell in line.split(",")]
    return None


_ROW_LABEL = re.compile(r"\A(?:order|row(?:[ \t]+\d+)?)[ \t]*:[ \t]*", re.IGNORECASE)
_TO_ACTION = re.compile(r"(?:buy|sell)[ \t]+to[ \t]+(?:open|close)", re.IGNORECASE)


def table_order_text(text: str) -> str | None:
    """``text`` with its table written as the order line of its one action row (see above),
    the writer's other lines kept around it; None when there is no such row."""
    lines = text.split("\n")
    table = [at for at, line in enumerate(lines) if _cells(line) is not None]
    if not table or table[-1] - table[0] + 1 != len(table):
        return None  # no table, or rows apart: not one table
    order = _table_order(lines[table[0] : table[-1] + 1])
    if order is None:
        return None
    return "\n".join([*lines[: table[0]], order, *lines[table[-1] + 1 :]])


def _table_order(lines: list[str]) -> str | None:
    rows = [cells for line in lines if (cells := _cells(line)) is not None]
    rows = [cells for cells in rows if not _SEPARATOR.match("".join(cells))]
    if not rows or len(rows) > _MAX_ROWS:
        return None
    if all(len(cells) == 2 for cells in rows):
        return _card(rows)
    header = [_HEADERS.get(cell.lower()) for cell in rows[0]]
    named = sum(name is not None for name in header) >= 3
    body = rows[1:] if named else rows
    actions = [cells for cells in body if cells and _ACTION.match(cells[0])]
    if len(actions) != 1:
        return None
    row = actions[0]
    fields = (
        {name: cell for name, cell in zip(header, row, strict=False) if name and cell}
        if named
        else _fields_by_content(row)
    )
    return _order_line(fields)


def _card(rows: list[list[str]]) -> str | None:
    fields = {_HEADERS.get(key.lower()): value for key, value in rows if value}
    fields.pop(None, None)
    if "action" not in fields or not _ACTION.match(fields["action"]):
        return None
    return _order_line({name: value for name, value in fields.items() if name})


def _fields_by_content(row: list[str]) -> dict[str, str]:
    """The fields of a row with no header, by what each cell holds: the first integer after the
    action is the strike when a type or a date follows it, else the count."""
    fields: dict[str, str] = {"action": row[0]}
    for at, cell in enumerate(row[1:], start=1):
        after = next((later for later in row[at + 1 :] if later), "")
        if "ticker" not in fields and _TICKER.match(cell):
            fields["ticker"] = cell
        elif _TYPE.match(cell) and "type" not in fields:
            fields["type"] = cell
        elif _DATE.match(cell) and "date" not in fields:
            fields["date"] = cell
        elif _PRICE.match(cell):
            fields["price"] = cell
        elif _TIF.match(cell):
            fields["tif"] = cell
        elif (
            _INTEGER.match(cell)
            and "strike" not in fields
            and (
                _TYPE.match(after)
                or _DATE.match(after)
                or (not after and "count" in fields)
                or ("ticker" in fields and "count" in fields)
            )
        ):
            fields["strike"] = cell
        elif _INTEGER.match(cell) and "count" not in fields:
            fields["count"] = cell
        elif _STRIKE.match(cell) and "strike" not in fields:
            fields["strike"] = cell
    return fields


def _order_line(fields: dict[str, str]) -> str | None:
    if "ticker" not in fields or "action" not in fields:
        return None
    ticker = fields["ticker"].lstrip("$")
    parts = [fields["action"], fields.get("count", ""), ticker]
    if "contract" in fields:
        parts.append(fields["contract"])
    if "strike" in fields:
        kind = fields.get("type", "")
        letter = (
            kind[:1].lower() if kind and not re.search(r"[a-z]", fields["strike"], re.I) else ""
        )
        parts.append(f"{fields['strike']}{letter}")
    parts.append(fields.get("date", ""))
    if "price" in fields:
        parts.append(f"@ {fields['price'].lstrip('$')}")
    parts.append(fields.get("tif", ""))
    return " ".join(part for part in parts if part)
