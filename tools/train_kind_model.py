"""Fit the parser's second opinion on whether a message is an order (``nlp/_kind_model.py``) and
write its weights to ``nlp/data/kind_model.json``.

Trains on the corpus files the parser may learn from: ``tests/data/corpus/*.jsonl`` and the
blind split's ``dev.jsonl``. Never on ``blind/test.jsonl``: that split measures the parser, the
model included. A logistic regression (scikit-learn, L2, ``C=1``) over the binary features of
``nlp._kind_model.features``; the fit is deterministic, so running this again on the same files
writes the same weights (``tests/unit/nlp/test_kind_model.py`` checks that the shipped file is
what this script makes).

Run with ``python tools/train_kind_model.py [--check]``; ``--check`` compares instead of writing
and exits 1 when the shipped weights are stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp._kind_model import MODEL_PATH, features  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"
# the files the model learns from; blind/test.jsonl is never one of them
TRAINING_FILES = (*sorted(CORPUS.glob("*.jsonl")), CORPUS / "blind" / "dev.jsonl")
REGULARIZATION = 1.0
# weights this small change no probability by more than a rounding error; leaving them out
# keeps the shipped file small
MIN_WEIGHT = 0.005
DIGITS = 4


def training_lines(files: tuple[Path, ...] = TRAINING_FILES) -> list[tuple[str, bool]]:
    """(text, is an order) for every labelled line of ``files``."""
    lines: list[tuple[str, bool]] = []
    for path in files:
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                case = json.loads(raw)
                lines.append((case["text"], case["expect"]["kind"] == "order"))
    return lines


def fit(lines: list[tuple[str, bool]]) -> dict[str, Any]:
    """The model's data: its bias, its weights by feature, and what it was fitted on."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(features(text), 1) for text, _ in lines])
    labels = [order for _, order in lines]
    model = LogisticRegression(C=REGULARIZATION, max_iter=5000).fit(matrix, labels)
    weights = {
        name: round(float(weight), DIGITS)
        for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(weight) >= MIN_WEIGHT
    }
    return {
        "about": "nlp/_kind_model.py: logistic regression, made by tools/train_kind_model.py",
        "trained_on": {
            "files": [str(path.relative_to(ROOT)) for path in TRAINING_FILES],
            "lines": len(lines),
            "orders": sum(labels),
        },
        "bias": round(float(model.intercept_[0]), DIGITS),
        "weights": dict(sorted(weights.items())),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    data = fit(training_lines())
    text = json.dumps(data, indent=0, sort_keys=False, ensure_ascii=False) + "\n"
    if args.check:
        same = MODEL_PATH.read_text(encoding="utf-8") == text
        print("up to date" if same else f"stale: run python {Path(__file__).relative_to(ROOT)}")
        return 0 if same else 1
    MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(ROOT)}: {len(data['weights'])} weights")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
