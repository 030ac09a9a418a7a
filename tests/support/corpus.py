"""The shared corpus of labelled chat orders (`../shared/corpus/*.jsonl`, see SCHEMA.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """`shared/` beside the repository, or `TASTYBOT_SHARED_DIR` when set."""
    override = os.environ.get("TASTYBOT_SHARED_DIR")
    return Path(override) if override else REPO_ROOT.parent / "shared"


def corpus_lines() -> list[tuple[str, dict[str, Any]]]:
    """Every corpus line as (test id, parsed JSON), in file order."""
    lines = []
    for path in sorted((shared_dir() / "corpus").glob("*.jsonl")):
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if raw.strip():
                case = json.loads(raw)
                lines.append((case.get("id") or f"{path.stem}:{number}", case))
    return lines
