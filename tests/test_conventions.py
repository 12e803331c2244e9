"""Guard rails for the project's conventions."""

from __future__ import annotations

import ast
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from onward.cli.main import app
from onward.config import SETTINGS, settings_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_domain_never_imports_django() -> None:
    offenders = []
    for path in (ROOT / "onward" / "domain").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in {"django", "ninja"}]
    assert offenders == []


@pytest.mark.django_db
def test_no_pending_migrations() -> None:
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)


def test_every_setting_is_documented() -> None:
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert settings_markdown() in docs, "regenerate the table: make docs"
    assert all(setting.name in docs for setting in SETTINGS)


def _command_names() -> list[str]:
    names = []
    for info in app.registered_commands:
        names.append(info.name or info.callback.__name__.replace("_", "-"))  # type: ignore[union-attr]
    for group in app.registered_groups:
        sub = group.typer_instance
        prefix = group.name
        for info in sub.registered_commands:  # type: ignore[union-attr]
            names.append(f"{prefix} {info.name or info.callback.__name__.replace('_', '-')}")  # type: ignore[union-attr]
    return names


def test_every_command_is_documented() -> None:
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in _command_names() if not re.search(rf"`onward {re.escape(name)}\b", docs)]
    assert missing == []


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme
    assert "make test" in readme
