"""What ships: pinned, hashed dependencies; a production image without the simulator or the
simulated Discord, which still starts and answers clearly when asked for the demo."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO_ONLY = ("simulator", "bot/demo.py", "bot/discord_sim.py")

# Run in a fresh interpreter with the demo-only modules made unimportable, as in the image.
WITHOUT_DEMO = """
import importlib.abc, sys

class Blocked(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("simulator", "dpytest") or name in (
            "bot.demo", "bot.discord_sim", "discord.ext.test"
        ):
            raise ImportError(f"{name} is not installed")
        return None

sys.meta_path.insert(0, Blocked())
from bot.cli import main
code = main(sys.argv[1:])
print("loaded:", sorted(m for m in sys.modules if m.split(".")[0] in ("simulator", "dpytest")))
sys.exit(code)
"""


def _run_without_demo(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_DEMO, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("lock", ["prod.lock", "dev.lock"])
def test_every_locked_requirement_is_pinned_with_hashes(lock: str) -> None:
    text = (REPO / "requirements" / lock).read_text()
    requirements = re.findall(r"^([A-Za-z0-9_.\-\[\]]+)(==[^ \\]+)? \\$", text, re.MULTILINE)

    assert requirements
    for name, pin in requirements:
        assert pin, f"{name} is not pinned"
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert all("--hash=sha256:" in block for block in blocks if block.strip())


def test_the_production_lock_has_no_demo_or_test_tools() -> None:
    prod = (REPO / "requirements" / "prod.lock").read_text().lower()
    dev = (REPO / "requirements" / "dev.lock").read_text().lower()

    for tool in ("dpytest==", "pytest==", "playwright==", "hypothesis=="):
        assert tool not in prod
        assert tool in dev


def test_dpytest_is_an_extra_not_a_dependency() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]

    assert not any(dep.startswith("dpytest") for dep in project["dependencies"])
    assert any(dep.startswith("dpytest") for dep in project["optional-dependencies"]["demo"])


def test_the_image_leaves_out_the_simulator_and_simulated_discord() -> None:
    ignored = (REPO / ".dockerignore").read_text().split()
    dockerfile = (REPO / "Dockerfile").read_text()

    for path in DEMO_ONLY:
        assert path in ignored
    assert "COPY simulator" not in dockerfile
    assert "--require-hashes -r requirements/prod.lock" in dockerfile


def test_without_the_demo_extra_the_cli_still_runs_and_explains_the_demo(
    tmp_path: Path,
) -> None:
    version = _run_without_demo("--version", tmp_path=tmp_path)
    no_token = _run_without_demo("run", tmp_path=tmp_path)
    demo = _run_without_demo("demo", tmp_path=tmp_path)
    simulator = _run_without_demo("simulator", tmp_path=tmp_path)

    assert version.returncode == 0, version.stderr
    assert no_token.returncode == 2
    assert "DISCORD_TOKEN is not set" in no_token.stderr
    assert "loaded: []" in no_token.stdout
    for result in (demo, simulator):
        assert result.returncode == 2
        assert "not part of this installation" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
