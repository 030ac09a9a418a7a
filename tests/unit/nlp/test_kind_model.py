"""The second opinion's model (nlp._kind_model): its tokens and features, its probabilities on
any input, and the shipped weights being exactly what tools/train_kind_model.py fits."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from nlp import _kind_model as model

ROOT = Path(__file__).resolve().parents[3]


def _trainer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train", ROOT / "tools" / "train_kind_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BTO 2 SPY 450c 1/15 @ $2.15", ["bto", "#", "spy", "#c", "#/#", "@", "$#"]),
        ("sell 3 IWM 22.5p .65 cr", ["sell", "#", "iwm", "#p", "#.#", "cr"]),
        ("I'd buy 5/10 wide?", ["i'd", "buy", "#/#", "wide", "?"]),
        ("", []),
        ("🚀🚀 ~~ ¯\\_(ツ)_/¯", ["(", ")", "/"]),
    ],
)
def test_tokens_keep_words_and_reduce_numbers_to_their_shape(
    text: str, expected: list[str]
) -> None:
    assert model.tokens(text) == expected


def test_features_are_words_pairs_and_the_messages_shape() -> None:
    found = model.features("BTO 1 SPY 600c\nstop 1.10")

    assert {"bto", "<s> bto", "bto #", "#c", "#.# </s>"} <= set(found)
    assert {"CAPS", "lines:several", "len:tiny"} <= set(found)
    assert "CAPS" not in model.features("buy 1 spy 600c")
    assert "len:huge" in model.features("word " * 61)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x" * 5000,
        "\x00\x07 ␀ \u202e DROP TABLE orders; --",
        "@" * 300,
        "buy " * 400,
        "zzqx " * 300,
    ],
)
def test_any_text_gets_a_probability(text: str) -> None:
    assert 0.0 <= model.order_probability(text) <= 1.0


def test_an_instruction_reads_as_an_order_and_a_regret_as_talk() -> None:
    # written for this test, in no corpus file
    assert model.order_probability("please buy 4 ORCL 190 calls for jan 15 at 6.30 limit") > 0.9
    assert (
        model.order_probability("ugh, should've sold my ORCL calls friday, gave it all back") < 0.1
    )


def test_the_model_never_learns_from_the_blind_test_split() -> None:
    files = _trainer().TRAINING_FILES

    assert all(path.name != "test.jsonl" for path in files)
    assert any(path.name == "dev.jsonl" for path in files)


def test_the_shipped_weights_are_what_the_training_script_fits() -> None:
    trainer = _trainer()
    shipped = json.loads(model.MODEL_PATH.read_text(encoding="utf-8"))

    fitted = trainer.fit(trainer.training_lines())

    assert fitted == shipped


def test_the_probability_does_not_depend_on_the_hash_seed() -> None:
    """The features are summed from a set, whose order follows the interpreter's hash seed: a
    message near a threshold must read the same in every process (and in CI)."""
    import os
    import subprocess
    import sys

    texts = [
        "sell 1 HD 380p 12/18 @ 4.40. maybe",
        "gm flow fam ☕ BTO 3 NVDA 240c 11/19 @ 4.20, tailing that golden sweep 🟡",
        "Please buy 2 SPY 850 puts for January at 11.90, good till cancelled.",
    ]
    # the module alone (standard library only), not the nlp package and spaCy
    script = (
        "import importlib.util, json, sys\n"
        "spec = importlib.util.spec_from_file_location('kind_model', sys.argv[2])\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "texts = json.loads(sys.argv[1])\n"
        "print(json.dumps([module.order_probability(t).hex() for t in texts]))\n"
    )
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script, json.dumps(texts), model.__file__],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
