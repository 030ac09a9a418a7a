"""Latency and accuracy benchmark for ``nlp.parse_order`` over every corpus file.

Prints one JSON object: ``lines``, ``p50_ms``, ``p99_ms``, ``load_ms`` over all lines, and per
corpus file (``tests/data/corpus/**/*.jsonl``) its ``lines``, ``accuracy`` (share of lines whose
schema fields all match, see SCHEMA.md), ``chatter_as_order`` (lines labelled ``none`` read as
an order; ``chatter_unasked`` of them the parser is sure of, the rest the bot asks about before
it acts), ``orders_asked`` (order lines read as orders the parser is not sure of: the bot asks
"is this an order?" first) and ``p50_ms``/``p99_ms``. ``load_ms`` is the cold start (importing
``nlp`` and spaCy, then ``nlp.warm_up()``); percentiles are per call over several passes after
warm-up.
``cpu_p50_ms``/``cpu_p99_ms`` are the same calls timed by the thread's CPU clock: on a machine
shared with other work the wall-clock p99 mostly measures waiting for a core, the CPU p99 what
the parser itself costs.
Run with ``python bench/parse.py [--passes 20] [--skip blind/test.jsonl]``: ``--skip`` (repeatable)
leaves a corpus file out, so that whoever is tuning the parser can measure latency and the
other files without seeing the blind test split's score.
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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # tests/support: the scoring shared with the tests

CORPUS_DIR = ROOT / "tests" / "data" / "corpus"


def _corpus_files(skip: frozenset[str]) -> dict[str, list[dict[str, Any]]]:
    """Every corpus file not in ``skip``, the blind splits in ``blind/`` included, by path
    under the corpus (``blind/dev.jsonl``)."""
    blind = importlib.import_module("support.blind")
    paths = sorted(CORPUS_DIR.rglob("*.jsonl"))
    names = {path.relative_to(CORPUS_DIR).as_posix(): path for path in paths}
    unknown = skip - names.keys()
    if unknown:
        raise SystemExit(f"--skip: no such corpus file: {', '.join(sorted(unknown))}")
    return {name: blind.read_cases(path) for name, path in names.items() if name not in skip}


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    """Run the benchmark and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=20)
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="FILE",
        help="a corpus file to leave out, relative to tests/data/corpus (repeatable)",
    )
    args = parser.parse_args()
    files = _corpus_files(frozenset(args.skip))
    started = time.perf_counter()
    nlp = importlib.import_module("nlp")  # cold start: imports spaCy and builds the pipeline
    pipeline = nlp.warm_up()
    load_ms = (time.perf_counter() - started) * 1000
    blind = importlib.import_module("support.blind")
    all_samples: list[float] = []
    all_cpu: list[float] = []
    per_file: dict[str, dict[str, float | int]] = {}
    for name, cases in files.items():
        score = blind.score_cases(cases, pipeline=pipeline)  # also warms the caches
        samples: list[float] = []
        for _ in range(args.passes):
            for case in cases:
                today = date.fromisoformat(case["today"])
                begin, begin_cpu = time.perf_counter(), time.thread_time()
                nlp.parse_order(case["text"], today=today, pipeline=pipeline)
                all_cpu.append((time.thread_time() - begin_cpu) * 1000)
                samples.append((time.perf_counter() - begin) * 1000)
        all_samples.extend(samples)
        per_file[name] = {
            "lines": len(cases),
            "accuracy": round(score.accuracy, 4),
            "chatter_as_order": score.chatter_as_order,
            "chatter_unasked": score.chatter_unasked,
            "orders_asked": score.orders_asked,
            "p50_ms": round(statistics.median(samples), 3) if samples else 0.0,
            "p99_ms": round(_percentile(samples, 0.99), 3) if samples else 0.0,
        }
    result = {
        "lines": sum(len(cases) for cases in files.values()),
        "p50_ms": round(statistics.median(all_samples), 3),
        "p99_ms": round(_percentile(all_samples, 0.99), 3),
        "cpu_p50_ms": round(statistics.median(all_cpu), 3),
        "cpu_p99_ms": round(_percentile(all_cpu, 0.99), 3),
        "load_ms": round(load_ms, 1),
        "files": per_file,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
