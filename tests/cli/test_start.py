"""What every start of `onward` costs: the work that keeps it fast stays done (bench/cli_start.py times it)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from typer.testing import CliRunner

from onward.cli._django import _migration_files, _pending_migrations
from onward.cli.main import app
from tests.cli.helpers import run_onward


def imported(result_stderr: str) -> set[str]:
    """The modules a run imported, from Python's ``-X importtime`` report."""
    return {line.rsplit("|", 1)[-1].strip() for line in result_stderr.splitlines() if line.startswith("import time:")}


def test_version_imports_neither_django_nor_pydantic(tmp_path: Path) -> None:
    result = run_onward(tmp_path, "version", PYTHONPROFILEIMPORTTIME="1")
    assert result.returncode == 0, result.stderr
    modules = imported(result.stderr)
    assert "typer" in modules  # the report was read
    assert not {name for name in modules if name.split(".")[0] in {"django", "pydantic", "ninja"}}


def test_today_reads_the_database_without_pydantic(tmp_path: Path) -> None:
    result = run_onward(tmp_path, "today", "--json", PYTHONPROFILEIMPORTTIME="1", ONWARD_TODAY="2026-03-10")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["due"] == []
    modules = imported(result.stderr)
    assert "django.db.models" in modules
    assert not {name for name in modules if name.split(".")[0] in {"pydantic", "ninja", "icalendar", "rich"}}


def commands(group: typer.Typer) -> Iterator[Callable[..., Any]]:
    for info in group.registered_commands:
        assert info.callback is not None
        yield info.callback
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        yield from commands(sub.typer_instance)


def test_commands_annotations_are_not_postponed() -> None:
    """Typer evaluates a string annotation again on every start: see onward/cli/main.py."""
    postponed = [
        f"{func.__module__}.{func.__name__}"
        for func in commands(app)
        if any(isinstance(annotation, str) for annotation in func.__annotations__.values())
    ]
    assert len(list(commands(app))) > 40
    assert postponed == []


def test_values_left_out_and_given_convert_as_typer_converts_them() -> None:
    tiny = typer.Typer(rich_markup_mode=None)

    @tiny.command()
    def show(days: int | None = None, names: list[str] | None = None, word: str = "x", *, flag: bool = False) -> None:
        typer.echo(json.dumps([days, names, word, flag]))

    runner = CliRunner()
    assert json.loads(runner.invoke(tiny, []).stdout) == [None, None, "x", False]
    given = runner.invoke(tiny, ["--days", "3", "--names", "a", "--names", "b", "--word", "y", "--flag"])
    assert json.loads(given.stdout) == [3, ["a", "b"], "y", True]
    wrong = runner.invoke(tiny, ["--days", "three"])
    assert wrong.exit_code == 2
    assert "Invalid value for '--days'" in wrong.output


@pytest.mark.django_db
def test_migration_files_are_the_ones_django_loads() -> None:
    assert _migration_files() == set(MigrationLoader(connection, load=True).disk_migrations)


@pytest.mark.django_db
def test_a_migration_not_applied_is_still_seen() -> None:
    assert _pending_migrations() is False
    newest = max(name for app, name in MigrationLoader(connection).graph.leaf_nodes() if app == "tracker")
    MigrationRecorder(connection).record_unapplied("tracker", newest)
    assert _pending_migrations() is True
