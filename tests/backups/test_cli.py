"""``onward backup export`` and ``onward backup import`` as a person runs them: real files, real subprocesses."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from tests.backups.conftest import Place
from tests.cli.helpers import one_clear_line


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Place:
    """One small search, made once: the tests only read it (restores go to fresh folders)."""
    here = Place(tmp_path_factory.mktemp("backup-cli") / "data")
    here.ok("add", "--company", "Acme", "--role", "Data analyst", "--applied-on", "2026-03-02")
    here.ok("checkin", "--mood", "3")
    return here


def test_export_writes_a_private_file_and_says_what_is_in_it(place: Place, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    out = place.ok("backup", "export", str(target))
    assert out == f"Wrote a backup of 1 company, 1 application, 1 stage change, 1 check-in to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    document = json.loads(target.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("onward-backup", 1)
    assert [(a["role"], a["applied_on"]) for a in document["applications"]] == [("Data analyst", "2026-03-02")]


def test_export_never_replaces_a_file_unless_asked(place: Place, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("keep me")
    line = one_clear_line(place.onward("backup", "export", str(target)))
    assert line == f"Error: {target} already exists. Choose another name, or add --force to replace it."
    assert target.read_text() == "keep me"
    summary = json.loads(place.ok("backup", "export", str(target), "--force", "--json"))
    assert summary["counts"]["applications"] == 1
    assert summary["bytes"] == target.stat().st_size
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".onward-backup-")]


def test_export_to_standard_output(place: Place) -> None:
    document = json.loads(place.ok("backup", "export", "-"))
    assert document["checkins"][0]["mood"] == 3
    assert "--json" in one_clear_line(place.onward("backup", "export", "-", "--json"))


def test_import_restores_and_reports(place: Place, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    place.ok("backup", "export", str(target))
    elsewhere = Place(tmp_path / "elsewhere")
    out = elsewhere.ok("backup", "import", str(target))
    assert out == "Restored 1 company, 1 application, 1 stage change, 1 check-in. Welcome back.\n"
    listed = json.loads(elsewhere.ok("list", "--json"))
    assert [a["role"] for a in listed] == ["Data analyst"]
    again = Place(tmp_path / "again")
    result = again.onward("backup", "import", "-", "--json", stdin=target.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["restored"]["applications"] == 1
    assert report["version"] == 1
    assert report["exported_at"]


def test_import_errors_are_one_line(place: Place, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    place.ok("backup", "export", str(target))
    text = target.read_text(encoding="utf-8")
    line = one_clear_line(place.onward("backup", "import", str(target)))
    assert "already has data" in line
    assert "Delete all my data" in line
    fresh = Place(tmp_path / "fresh")
    assert "Cannot read" in one_clear_line(fresh.onward("backup", "import", str(tmp_path / "nothing.json")))
    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) // 3], encoding="utf-8")
    assert "ends too early" in one_clear_line(fresh.onward("backup", "import", str(cut)))
    document = json.loads(text)
    document["applications"][0]["stage"] = "done"
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(document), encoding="utf-8")
    assert "at applications[0].stage:" in one_clear_line(fresh.onward("backup", "import", str(wrong)))
    document["version"] = 2
    wrong.write_text(json.dumps(document), encoding="utf-8")
    assert "format version 2" in one_clear_line(fresh.onward("backup", "import", str(wrong)))
    assert json.loads(fresh.ok("list", "--json")) == []
