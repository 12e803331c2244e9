"""Tracker commands, in-process (so they run on SQLite and PostgreSQL), asserting on --json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from onward.cli.main import app
from tests.cli.helpers import one_clear_line, run_onward

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONWARD_TODAY", "2026-03-20")


def onward(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def fails(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 1, result.output
    return result.output


def test_add_prints_the_application() -> None:
    added = onward("add", "--company", "Acme", "--role", "Data analyst", "--applied-on", "2026-03-02", "--json")
    assert added["company"] == "Acme"
    assert added["role"] == "Data analyst"
    assert added["stage"] == "applied"
    assert added["applied_on"] == "2026-03-02"
    assert added["stage_history"] == [{"stage": "applied", "on": "2026-03-02"}]
    assert added["warnings"] == []
    assert len(added["id"]) == 36


def test_add_with_every_option_and_a_duplicate_warning() -> None:
    args = ["add", "--company", "Acme", "--role", "Analyst", "--stage", "screening", "--url", "https://a.example/j"]
    first = onward(*args, "--source", "referral", "--location", "Lisbon", "--json")
    assert (first["stage"], first["source"], first["location"]) == ("screening", "referral", "Lisbon")
    second = onward(*args, "--json")
    assert "already track an open application" in second["warnings"][0]


def test_list_filters_and_searches() -> None:
    onward("add", "--company", "Acme", "--role", "Analyst")
    onward("add", "--company", "Globex", "--role", "Engineer", "--stage", "interviewing")
    assert [a["company"] for a in onward("list", "--stage", "interviewing", "--json")] == ["Globex"]
    assert [a["role"] for a in onward("list", "--search", "analy", "--json")] == ["Analyst"]
    assert len(onward("list", "--json")) == 2
    assert "Acme" in onward("list")


def test_stage_by_text_prefix_and_id() -> None:
    added = onward("add", "--company", "Acme", "--role", "Analyst", "--applied-on", "2026-03-01", "--json")
    moved = onward("stage", "Acme — Analyst", "screening", "--on", "2026-03-05", "--json")
    assert moved["stage"] == "screening"
    onward("stage", added["id"][:8], "interviewing")
    history = onward("list", "--json")[0]["stage_history"]
    assert [h["stage"] for h in history] == ["applied", "screening", "interviewing"]


def test_ambiguity_lists_the_candidates() -> None:
    onward("add", "--company", "Acme", "--role", "Analyst")
    onward("add", "--company", "Acme", "--role", "Engineer")
    output = fails("stage", "Acme", "screening")
    assert "matches several applications" in output
    assert "Acme — Analyst" in output
    assert "Acme — Engineer" in output


def test_contact_interview_and_log() -> None:
    app_id = onward("add", "--company", "Acme", "--role", "Analyst", "--json")["id"]
    priya = onward(
        "contact", "add", "--name", "Priya Shah", "--email", "priya@acme.example", "--relationship", "recruiter",
        "--application", app_id, "--json",
    )  # fmt: skip
    assert priya["company"] == "Acme"
    assert priya["applications"] == [app_id]
    tomas = onward("contact", "add", "--name", "Tomás Ribeiro", "--relationship", "interviewer", "--json")
    interview = onward(
        "interview", "add", "--application", app_id, "--on", "2026-03-12", "--kind", "technical",
        "--with", priya["id"], "--with", "Tomás Ribeiro", "--notes", "SQL", "--liked", "the dashboard story", "--json",
    )  # fmt: skip
    assert {p["name"] for p in interview["with"]} == {"Priya Shah", "Tomás Ribeiro"}
    assert interview["liked"] == "the dashboard story"
    logged = onward("log", tomas["id"][:8], "--channel", "linkedin", "--note", "Thanks!", "--json")
    assert logged["on"] == "2026-03-20"
    contacts = {c["name"]: c for c in onward("contact", "list", "--json")}
    assert contacts["Tomás Ribeiro"]["last_contact_on"] == "2026-03-20"


def test_bad_input_is_one_line_and_writes_nothing() -> None:
    assert "Unknown stage 'maybe'" in fails("add", "--company", "A", "--role", "B", "--stage", "maybe")
    assert "--applied-on must be a date written YYYY-MM-DD" in fails(
        "add", "--company", "A", "--role", "B", "--applied-on", "3/2/26"
    )
    assert "is in the future" in fails("add", "--company", "A", "--role", "B", "--applied-on", "2026-12-01")
    assert "Unknown relationship 'boss'" in fails("contact", "add", "--name", "X", "--relationship", "boss")
    assert onward("list", "--json") == []


def test_csv_export_then_dry_run_and_import(tmp_path: Path) -> None:
    onward("add", "--company", "Acme", "--role", "Analyst", "--applied-on", "2026-03-01")
    target = tmp_path / "out.csv"
    assert "Wrote 1 applications" in onward("export", "csv", str(target))
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Org,Job,Status\nGlobex,Engineer,ghosted\nInitech,Designer,Offer!\n", encoding="utf-8")
    dry = onward("import", "csv", str(sheet), "--map", "Org=company", "--map", "Job=role", "--dry-run", "--json")
    assert (dry["imported"], dry["dry_run"]) == (2, True)
    assert len(onward("list", "--json")) == 1
    done = onward("import", "csv", str(sheet), "--map", "Org=company", "--map", "Job=role", "--json")
    assert done["imported"] == 2
    assert {a["stage"] for a in onward("list", "--json")} == {"applied", "no_response", "offer"}


def test_a_missing_csv_file(tmp_path: Path) -> None:
    assert "Cannot read" in fails("import", "csv", str(tmp_path / "nope.csv"))


def test_round_trip_between_two_data_folders(tmp_path: Path) -> None:
    """The real command, end to end: demo → export → import into an empty folder → export again."""
    first, second = tmp_path / "first", tmp_path / "second"
    pinned = {"ONWARD_TODAY": "2026-03-20"}
    assert run_onward(first, "demo", **pinned).returncode == 0
    assert run_onward(first, "export", "csv", str(tmp_path / "a.csv"), **pinned).returncode == 0
    imported = run_onward(second, "import", "csv", str(tmp_path / "a.csv"), "--json", **pinned)
    assert json.loads(imported.stdout)["imported"] == 30
    assert run_onward(second, "export", "csv", str(tmp_path / "b.csv"), **pinned).returncode == 0
    assert (tmp_path / "a.csv").read_text() == (tmp_path / "b.csv").read_text()
    line = one_clear_line(run_onward(second, "demo", **pinned))
    assert "already has applications" in line
