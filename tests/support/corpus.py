"""The labelled chat orders in `tests/data/corpus/*.jsonl` (format: `SCHEMA.md` there).

The shared corpus files are copied into the repository so a plain clone tests the parser; the
copies are the test data, so a plain clone needs nothing beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parents[1] / "data" / "corpus"


def corpus_lines(pattern: str = "*.jsonl") -> list[tuple[str, dict[str, Any]]]:
    """Every line of the corpus files matching `pattern` as (test id, parsed JSON), in file
    order."""
    lines = []
    for path in sorted(CORPUS_DIR.glob(pattern)):
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if raw.strip():
                case = json.loads(raw)
                lines.append((case.get("id") or f"{path.stem}:{number}", case))
    return lines
