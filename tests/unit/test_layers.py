"""The one-way arrows of the design, checked on the source: adapters never touch the ORM,
`nlp` stays pure, services never import Discord, and only our wiring imports the simulator."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(package: str, root: Path = ROOT) -> list[tuple[Path, str]]:
    found = []
    for path in sorted((root / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.extend((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


def offenders(package: str, forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    return [
        f"{path.relative_to(root)} imports {module}"
        for path, module in imported_modules(package, root)
        if module.split(".")[0] in forbidden
    ]


@pytest.mark.parametrize("package", ["cogs", "web_status"])
def test_adapters_do_not_import_the_orm(package: str) -> None:
    assert offenders(package, ("tortoise",)) == []


def test_nlp_is_pure() -> None:
    assert (
        offenders(
            "nlp",
            ("tortoise", "discord", "aiohttp", "httpx", "httpx2", "tastytrade", "services", "bot"),
        )
        == []
    )


def test_services_never_import_discord_or_adapters() -> None:
    assert offenders("services", ("discord", "cogs", "web_status", "bot", "simulator")) == []


def test_simulator_imports_nothing_of_ours() -> None:
    assert offenders("simulator", ("bot", "cogs", "services", "nlp", "web_status")) == []


def test_only_the_cli_and_demo_wire_the_simulator() -> None:
    users = {
        str(path.relative_to(ROOT))
        for package in ("bot", "cogs", "services", "web_status", "nlp")
        for path, module in imported_modules(package)
        if module.split(".")[0] == "simulator"
    }
    assert users <= {"bot/cli.py", "bot/demo.py"}


def test_meta_test_catches_an_orm_import(tmp_path: Path) -> None:
    (tmp_path / "cogs" / "x").mkdir(parents=True)
    (tmp_path / "cogs" / "x" / "bad.py").write_text("import os\nfrom tortoise import fields\n")

    assert offenders("cogs", ("tortoise",), tmp_path) == ["cogs/x/bad.py imports tortoise"]


def test_every_cog_package_only_sets_up() -> None:
    for init in sorted((ROOT / "cogs").glob("*/__init__.py")):
        tree = ast.parse(init.read_text(encoding="utf-8"))
        functions = [node.name for node in tree.body if isinstance(node, ast.AsyncFunctionDef)]
        classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
        assert functions == ["setup"], init
        assert classes == [], init
