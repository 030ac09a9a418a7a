"""Latency benchmark for ``nlp.parse_order`` over every corpus line.

Prints ``{"lines": N, "p50_ms": .., "p99_ms": .., "load_ms": ..}``. ``load_ms`` is the cold start
(importing ``nlp`` and spaCy, then ``nlp.warm_up()``); percentiles are per call over several passes
after warm-up. Run with ``python bench/parse.py [--passes 20]``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


CORPUS_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"


def _corpus() -> list[tuple[str, date]]:
    lines: list[tuple[str, date]] = []
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                case = json.loads(raw)
                lines.append((case["text"], date.fromisoformat(case["today"])))
    return lines


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    """Run the benchmark and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=20)
    args = parser.parse_args()
    cases = _corpus()
    started = time.perf_counter()
    nlp = importlib.import_module("nlp")  # cold start: imports spaCy and builds the pipeline
    pipeline = nlp.warm_up()
    load_ms = (time.perf_counter() - started) * 1000
    for text, today in cases:  # warm the caches once before measuring
        nlp.parse_order(text, today=today, pipeline=pipeline)
    samples: list[float] = []
    for _ in range(args.passes):
        for text, today in cases:
            begin = time.perf_counter()
            nlp.parse_order(text, today=today, pipeline=pipeline)
            samples.append((time.perf_counter() - begin) * 1000)
    result = {
        "lines": len(cases),
        "p50_ms": round(statistics.median(samples), 3),
        "p99_ms": round(_percentile(samples, 0.99), 3),
        "load_ms": round(load_ms, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
