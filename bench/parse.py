"""Latency and accuracy benchmark for ``nlp.parse_order`` over every corpus file.

Prints one JSON object: ``lines``, ``p50_ms``, ``p99_ms``, ``load_ms`` over all lines, and per
corpus file (``tests/data/corpus/**/*.jsonl``) its ``lines``, ``accuracy`` (share of lines whose
schema fields all match, see SCHEMA.md), ``chatter_as_order`` (lines labelled ``none`` read as
an order) and ``p50_ms``/``p99_ms``. ``load_ms`` is the cold start (importing ``nlp`` and spaCy,
then ``nlp.warm_up()``); percentiles are per call over several passes after warm-up.
Run with ``python bench/parse.py [--passes 20]``.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CORPUS_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"


def _corpus_files() -> dict[str, list[dict[str, Any]]]:
    files: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(CORPUS_DIR.rglob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        cases = [json.loads(raw) for raw in lines if raw.strip()]
        files[str(path.relative_to(CORPUS_DIR))] = cases
    return files


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main() -> None:
    """Run the benchmark and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=20)
    args = parser.parse_args()
    files = _corpus_files()
    started = time.perf_counter()
    nlp = importlib.import_module("nlp")  # cold start: imports spaCy and builds the pipeline
    pipeline = nlp.warm_up()
    load_ms = (time.perf_counter() - started) * 1000
    evaluation = importlib.import_module("nlp._evaluation")
    all_samples: list[float] = []
    per_file: dict[str, dict[str, float | int]] = {}
    for name, cases in files.items():
        correct = chatter_as_order = 0
        for case in cases:  # one scored pass, which also warms the caches
            got = nlp.parse_order(
                case["text"], today=date.fromisoformat(case["today"]), pipeline=pipeline
            ).to_dict()
            correct += not evaluation.mismatched_fields(got, case["expect"])
            chatter_as_order += evaluation.is_chatter_read_as_order(got, case["expect"])
        samples: list[float] = []
        for _ in range(args.passes):
            for case in cases:
                today = date.fromisoformat(case["today"])
                begin = time.perf_counter()
                nlp.parse_order(case["text"], today=today, pipeline=pipeline)
                samples.append((time.perf_counter() - begin) * 1000)
        all_samples.extend(samples)
        per_file[name] = {
            "lines": len(cases),
            "accuracy": round(correct / len(cases), 4) if cases else 0.0,
            "chatter_as_order": chatter_as_order,
            "p50_ms": round(statistics.median(samples), 3) if samples else 0.0,
            "p99_ms": round(_percentile(samples, 0.99), 3) if samples else 0.0,
        }
    result = {
        "lines": sum(len(cases) for cases in files.values()),
        "p50_ms": round(statistics.median(all_samples), 3),
        "p99_ms": round(_percentile(all_samples, 0.99), 3),
        "load_ms": round(load_ms, 1),
        "files": per_file,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
