"""``onward mail classify`` and ``onward import PATH`` as a user runs them: real files, real subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

from tests import mailmaker as mk
from tests.cli.helpers import one_clear_line, run_onward

TODAY = "2026-11-20"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_classify_jsonl_prints_one_line_per_input_in_order(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "subject": "Update on your application", "body": "Unfortunately we have decided to move "
         "forward with other candidates for the Data Engineer role.", "from": "Acme Careers <jobs@acme.com>"},
        {"id": 2, "subject": None, "body": None, "from": None},
        {"id": "c", "subject": "Dinner on Saturday?", "body": "Are you free?", "from": None},
    ]  # fmt: skip
    lines = "\n".join(json.dumps(r) for r in rows) + "\n"
    src = tmp_path / "in.jsonl"
    src.write_text(lines, encoding="utf-8")
    result = run_onward(tmp_path / "data", "mail", "classify", "--jsonl", str(src))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c"]
    for o in out:
        assert {"id", "label", "confidence", "company", "role", "evidence"} <= set(o)
        assert 0 <= o["confidence"] <= 1
        assert isinstance(o["evidence"], list)
    assert out[0]["label"] == "rejection"
    assert out[0]["evidence"]
    assert out[2]["label"] == "not_job"
    assert not (tmp_path / "data" / "onward.sqlite3").exists()  # no data touched


def test_classify_jsonl_reports_a_bad_line_in_place_and_exits_non_zero(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "subject": "Hello", "body": "Hi", "from": null}\nnot json\n[1, 2]\n', encoding="utf-8")
    result = run_onward(tmp_path / "data", "mail", "classify", "--jsonl", str(src))
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 3
    assert out[0]["id"] == 1
    assert "label" in out[0]
    assert out[1]["error"].startswith("line 2:")
    assert out[2]["error"].startswith("line 3:")


def test_classify_files_as_json_lines(tmp_path: Path) -> None:
    box = _write(
        tmp_path,
        "box.mbox",
        mk.mbox(mk.rejection("Northwind", "Data Engineer", "2026-11-17"), mk.job_alert("2026-11-15")),
    )
    result = run_onward(tmp_path / "data", "mail", "classify", str(box), "--json")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["label"] for o in out] == ["rejection", "other_job"]
    assert out[0]["company"] == "Northwind"
    human = run_onward(tmp_path / "data", "mail", "classify", str(box))
    assert "rejection" in human.stdout
    assert "Your application for Data Engineer at Northwind" in human.stdout


def test_classify_refuses_a_zip_in_one_line(tmp_path: Path) -> None:
    box = _write(tmp_path, "mail.zip", b"PK\x03\x04" + b"\x00" * 64)
    line = one_clear_line(run_onward(tmp_path / "data", "mail", "classify", str(box)))
    assert "zip" in line


def test_import_json_shape_and_a_second_import_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    added = run_onward(
        data,
        "add",
        "--company",
        "Northwind",
        "--role",
        "Data Engineer",
        "--applied-on",
        "2026-10-01",
        ONWARD_TODAY=TODAY,
    )
    assert added.returncode == 0, added.stderr
    box = _write(
        tmp_path,
        "search.mbox",
        mk.mbox(
            mk.rejection("Northwind", "Data Engineer", "2026-11-17"),
            mk.job_alert("2026-11-15"),
            mk.personal("2026-11-14"),
        ),
    )
    result = run_onward(data, "import", str(box), "--yes", "--json", ONWARD_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"messages", "by_label", "applied", "review", "skipped_duplicates"} <= set(report)
    assert report["messages"] == 3
    assert report["by_label"]["rejection"] == 1
    assert report["skipped_duplicates"] == 0
    assert [a["label"] for a in report["applied"]] == ["rejection"]
    listed = json.loads(run_onward(data, "list", "--json", ONWARD_TODAY=TODAY).stdout)
    assert [a["stage"] for a in listed] == ["rejected"]

    again = json.loads(run_onward(data, "import", str(box), "--yes", "--json", ONWARD_TODAY=TODAY).stdout)
    assert again["skipped_duplicates"] == 3
    assert again["applied"] == []
    assert again["review"] == []
    today = json.loads(run_onward(data, "today", "--json", ONWARD_TODAY=TODAY).stdout)
    assert today  # the rejection's plan is there, once


def test_import_dry_run_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_onward(
        data,
        "add",
        "--company",
        "Northwind",
        "--role",
        "Data Engineer",
        "--applied-on",
        "2026-10-01",
        ONWARD_TODAY=TODAY,
    )
    box = _write(tmp_path, "one.eml", mk.rejection("Northwind", "Data Engineer", "2026-11-17"))
    report = json.loads(run_onward(data, "import", str(box), "--dry-run", "--json", ONWARD_TODAY=TODAY).stdout)
    assert report["dry_run"] is True
    assert report["applied"][0]["action"].startswith("log the rejection")
    listed = json.loads(run_onward(data, "list", "--json", ONWARD_TODAY=TODAY).stdout)
    assert [a["stage"] for a in listed] == ["applied"]


def test_import_without_yes_outside_a_terminal_asks_for_it(tmp_path: Path) -> None:
    box = _write(tmp_path, "one.eml", mk.personal("2026-11-14"))
    line = one_clear_line(run_onward(tmp_path / "data", "import", str(box)))
    assert "--yes" in line
    assert "--dry-run" in line


def test_import_of_a_missing_or_binary_file_is_one_line(tmp_path: Path) -> None:
    line = one_clear_line(run_onward(tmp_path / "data", "import", str(tmp_path / "nope.mbox"), "--yes"))
    assert "nope.mbox" in line
    binary = _write(tmp_path, "photo.eml", bytes(range(256)) * 40)
    line = one_clear_line(run_onward(tmp_path / "data", "import", str(binary), "--yes"))
    assert "photo.eml" in line


def test_import_csv_still_works_beside_import_path(tmp_path: Path) -> None:
    sheet = tmp_path / "apps.csv"
    sheet.write_text("company,role\nAcme,Analyst\n", encoding="utf-8")
    result = run_onward(tmp_path / "data", "import", "csv", str(sheet), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["imported"] == 1
