"""Worst-case latency of ``nlp.parse_order`` on hostile messages of the longest length it takes.

Each message is a head (an order, a request, a word of thanks or nothing) followed by one short
unit written over and over up to ``nlp.MAX_INPUT_CHARS`` characters: runs of punctuation,
newlines, digits, blanks and words, the inputs on which a pattern that tries every start inside
a run, or spaCy's affix search, grows with the square of the length. Prints one JSON object:
``messages``, ``p50_ms`` and ``max_ms`` (the thread's CPU clock, best of ``--passes``) and the
five slowest messages by head and unit.
Run with ``python bench/hostile.py [--passes 3]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADS = ("BTO 2 SPY 600c 12/18 @ 2.15 ", "please buy 2 SPY 600c 12/18 @ 2.15", "thanks ", "")
UNITS = (
    ".",
    ". ",
    "!",
    "! ",
    ":",
    ": ",
    ",",
    ", ",
    "@",
    "$",
    "(",
    "'",
    "*",
    "/",
    "-",
    "- ",
    "~~",
    "\n",
    "\n\n",
    " \n",
    "  ",
    "\t",
    "1",
    "1 ",
    "1.",
    "1/",
    "12/18 ",
    "a",
    "a ",
    "c",
    "x ",
    "ab: ",
    "then ",
    "thx ",
    "ty. ",
    "buy ",
    "BTO ",
    "SPY ",
    "600c ",
    "> ",
    "| ",
    "🚀",
)
TODAY = date(2026, 12, 7)


def main() -> None:
    """Run the benchmark and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    import nlp

    pipeline = nlp.warm_up()
    timings: list[tuple[float, str, str]] = []
    for head in HEADS:
        for unit in UNITS:
            text = head + unit * ((nlp.MAX_INPUT_CHARS - len(head)) // len(unit))
            best = float("inf")
            for _ in range(args.passes):
                begin = time.thread_time()
                nlp.parse_order(text, today=TODAY, pipeline=pipeline)
                best = min(best, (time.thread_time() - begin) * 1000)
            timings.append((best, head, unit))
    timings.sort(reverse=True)
    result = {
        "messages": len(timings),
        "chars": nlp.MAX_INPUT_CHARS,
        "p50_ms": round(statistics.median(ms for ms, _, _ in timings), 2),
        "max_ms": round(timings[0][0], 2),
        "slowest": [
            {"ms": round(ms, 2), "head": head, "unit": unit} for ms, head, unit in timings[:5]
        ],
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
