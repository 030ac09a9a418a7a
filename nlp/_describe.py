"""Plain-text rendering of a parsed order, for the Discord cog's confirmation embed."""

from __future__ import annotations

from nlp._models import Leg, ParsedOrder, format_decimal

_STRATEGY_TITLES = {
    "stock": "Stock",
    "single": "Single option",
    "vertical": "Vertical spread",
    "iron_condor": "Iron condor",
    "iron_fly": "Iron fly",
    "straddle": "Straddle",
    "strangle": "Strangle",
    "butterfly": "Butterfly",
    "calendar": "Calendar spread",
    "double_calendar": "Double calendar",
    "diagonal": "Diagonal spread",
    "ratio": "Ratio spread (legs with their own counts)",
    "roll": "Roll (close one contract, open another)",
    "covered_call": "Buy-write (shares and a covered call)",
    "custom": "Custom (leg by leg)",
}


def describe_leg(leg: Leg, underlying: str) -> str:
    """One leg as a sentence: ``Buy to open 1 SPY 2026-12-18 450 call``."""
    action = "Buy" if leg.side == "buy" else "Sell"
    if leg.effect is not None:
        action = f"{action} to {leg.effect}"
    if leg.type == "equity":
        noun = "share" if leg.quantity == 1 else "shares"
        return f"{action} {leg.quantity} {noun} of {underlying}"
    parts = [action, str(leg.quantity), underlying]
    parts.append(leg.expiration.isoformat() if leg.expiration else "(no expiration)")
    parts.append(format_decimal(leg.strike) if leg.strike is not None else "(no strike)")
    parts.append(leg.type if leg.type is not None else "(call or put?)")
    return " ".join(parts)


def _price_line(order: ParsedOrder) -> str:
    if order.order_type == "market" or order.price is None:
        text = "Market"
    else:
        effect = f" {order.price_effect}" if order.price_effect else ""
        text = f"{order.price}{effect}, limit"
    if order.tif is not None:
        text += f", {order.tif.upper() if order.tif == 'gtc' else 'day'}"
    return text


_REASONS = {
    "question": "It reads as a question{word}.",
    "past tense": "It describes a trade already made{word}.",
    "hypothetical": "It is a plan or a hypothetical{word}, not an instruction.",
    "negation": "It says not to trade{word}.",
    "flow report or recap": "It looks like a flow report or a recap{word}.",
    "someone else's trade": "It describes someone else's trade{word}.",
    "an action talked about, not an instruction": (
        "It talks about a trade{word}; it does not ask for one."
    ),
    "no ticker": "I found no ticker symbol.",
    "no action": "I found no instruction to buy or sell.",
    "empty message": "The message is empty.",
    "embed update": "It is an automated alert update, not an order.",
}


def explain_notes(notes: tuple[str, ...] | list[str]) -> list[str]:
    """The parser's notes on a non-order as sentences a trader understands, one per reason."""
    sentences: dict[str, str] = {}
    for note in notes:
        reason, _, word = note.partition(": ")
        template = _REASONS.get(reason)
        if template is None:
            sentences.setdefault(
                reason, note[:1].upper() + note[1:] + ("" if note.endswith(".") else ".")
            )
            continue
        quoted = f' ("{word}")' if word and "{word}" in template else ""
        if reason not in sentences or (quoted and '("' not in sentences[reason]):
            sentences[reason] = template.format(word=quoted)
    return list(sentences.values())


def describe(parsed: ParsedOrder) -> list[tuple[str, str]]:
    """Field name / value pairs describing ``parsed`` for a confirmation message.

    Pure: no Discord types. An order yields Strategy, Legs, Expiration, Price and, when
    incomplete, Missing and Suggestions, and "Is it an order?" when the parser is not sure
    (``ParsedOrder.sure``); a non-order yields a single "Not an order" field.
    """
    if parsed.kind != "order" or parsed.underlying is None:
        reasons = explain_notes(parsed.notes) or ["No trading instruction found."]
        summary = [("Not an order", "\n".join(reasons))]
        if parsed.suggestions:
            summary.append(("Suggestions", "\n".join(parsed.suggestions)))
        return summary
    fields: list[tuple[str, str]] = []
    if parsed.strategy:
        fields.append(("Strategy", _STRATEGY_TITLES.get(parsed.strategy, parsed.strategy)))
    legs = "\n".join(describe_leg(leg, parsed.underlying) for leg in parsed.legs)
    fields.append(("Legs" if len(parsed.legs) > 1 else "Leg", legs))
    expirations = sorted({leg.expiration for leg in parsed.legs if leg.expiration is not None})
    if expirations:
        text = ", ".join(f"{day.isoformat()} ({day:%a})" for day in expirations)
        fields.append(("Expiration", text))
    fields.append(("Price", _price_line(parsed)))
    if parsed.occ_symbols:
        fields.append(("OCC", "\n".join(parsed.occ_symbols)))
    if parsed.missing:
        fields.append(("Missing", ", ".join(parsed.missing)))
    if parsed.suggestions:
        fields.append(("Suggestions", "\n".join(parsed.suggestions)))
    if parsed.doubt is not None:
        fields.append(("Is it an order?", f"Not sure: {parsed.doubt} Asked first."))
    elif not parsed.sure:
        talk = ", ".join(f"“{word}”" for word in parsed.remarks[:6])
        fields.append(
            ("Is it an order?", f"Not sure: words I do not read as an order ({talk}). Asked first.")
        )
    return fields


def summarize(parsed: ParsedOrder) -> str:
    """The order on one line (for a button or a list of choices): legs, then the price.

    ``Buy 5 SPY 2026-12-18 600 (call or put?) @ market``; a non-order gives ``Not an order``.
    """
    if parsed.kind != "order" or parsed.underlying is None:
        return "Not an order"
    underlying = parsed.underlying
    legs = " / ".join(describe_leg(leg, underlying) for leg in parsed.legs)
    if parsed.order_type == "market" or parsed.price is None:
        return f"{legs} @ market"
    effect = f" {parsed.price_effect}" if parsed.price_effect else ""
    return f"{legs} @ {parsed.price}{effect}"
