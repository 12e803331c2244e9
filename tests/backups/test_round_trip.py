"""Backup round trip across engines, through the real command: SQLite <-> PostgreSQL and back.

A rich account (the demo, two mail imports with a filed rejection, an undone and
a dismissed message, check-ins, a goal, feedback, a reflection, drafts sent and
saved, reviews, notes, every setting) is exported, restored into a fresh data
folder on the other engine, exported again, restored on the first engine, and
exported once more: the three documents are equal apart from ``exported_at``.
Every section must have rows, so a model added to the backup without data here
(or a field that doesn't survive) fails this test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from onward.backups.schema import SECTIONS
from tests import mailmaker as mk
from tests.backups.conftest import Place, on_postgres
from tests.backups.seed import MBOX_ENV

pytestmark = pytest.mark.django_db  # so it runs again in the suite's PostgreSQL pass (from PostgreSQL first)


def _mail(tmp_path: Path) -> tuple[Path, Path]:
    first = tmp_path / "first.mbox"
    first.write_bytes(
        mk.mbox(
            mk.rejection("Kestrel Robotics", "Data engineer", "2026-03-09", domain="kestrelrobotics.example"),
            mk.interview("Quarry Labs", "Analytics engineer", "2026-03-08"),
            mk.confirmation("Nimbus Works", "Data analyst", "2026-03-07"),
            mk.job_alert("2026-03-06"),
            mk.personal("2026-03-05"),
        )
    )
    second = tmp_path / "second.mbox"
    second.write_bytes(
        mk.mbox(
            mk.rejection("Saltmarsh Studio", "Research analyst", "2026-01-20"),
            mk.confirmation("Ironbridge Data", "Data analyst", "2026-03-01"),
        )
    )
    return first, second


def _seed(place: Place, tmp_path: Path) -> None:
    first, second = _mail(tmp_path)
    place.ok("demo")
    imported = json.loads(place.ok("import", "mail", str(first), "--yes", "--json"))
    assert imported["applied"], imported
    place.ok("checkin", "--mood", "4", "--note", "Good call with Maya")
    place.ok("goal", "set", "--applications", "5", "--people", "3")
    place.ok(
        "feedback", "add", "Lumen Health — Product analyst", "--text", "We went with an internal candidate.",
        "--disagree", "--channel", "call",
    )  # fmt: skip
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"preparation": {"rating": 4, "text": "Practised the SQL exercise twice"}}))
    place.ok("reflect", "Lumen Health — Product analyst", "--answers-file", str(answers), "--finish")
    place.python("tests.backups.seed", **{MBOX_ENV: str(second)})


def _export(place: Place, name: str) -> dict[str, Any]:
    target = place.data_dir.parent / name
    summary = json.loads(place.ok("backup", "export", str(target), "--json"))
    document = json.loads(target.read_text(encoding="utf-8"))
    assert summary["counts"] == {s.key: len(document[s.key]) for s in SECTIONS if s.reach != "one"}
    return document


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_backup_round_trip_across_engines(tmp_path: Path, postgres_database: Callable[[], str]) -> None:
    sqlite = [Place(tmp_path / "sqlite-1"), Place(tmp_path / "sqlite-2")]
    postgres = [Place(tmp_path / "pg-1", postgres_database()), Place(tmp_path / "pg-2", postgres_database())]
    home, away = (postgres, sqlite) if on_postgres() else (sqlite, postgres)
    _seed(home[0], tmp_path)
    original = _export(home[0], "original.json")

    empty = [s.key for s in SECTIONS if s.reach != "one" and not original[s.key]]
    assert empty == [], f"the round trip has no rows for {empty}: add some to the seed"
    assert original["preferences"]["support_people"]
    assert original["preferences"]["linkedin_premium"] is True
    statuses = {row["status"] for row in original["imported_mail"]}
    assert {"applied", "review", "dismissed", "left"} <= statuses, statuses
    assert any(row["changes"].get("events") for row in original["imported_mail"])
    assert any(row["contacts"] for row in original["interviews"])
    assert any(row["applications"] for row in original["contacts"])
    assert any(row["sent_on"] for row in original["drafts"])
    assert any(not row["sent_on"] for row in original["drafts"])

    restored = json.loads(away[0].ok("backup", "import", str(tmp_path / "original.json"), "--json"))
    assert restored["restored"] == {s.key: len(original[s.key]) for s in SECTIONS if s.reach != "one"}
    # The mail came along with its fingerprints: importing the same mailbox again changes nothing.
    again = json.loads(away[0].ok("import", "mail", str(tmp_path / "first.mbox"), "--yes", "--json"))
    assert again["skipped_duplicates"] == again["messages"] == 5
    moved = _export(away[0], "moved.json")
    assert _without_time(moved) == _without_time(original)

    home[1].ok("backup", "import", str(tmp_path / "moved.json"))
    back = _export(home[1], "back.json")
    assert _without_time(back) == _without_time(original)

    text = (tmp_path / "original.json").read_text(encoding="utf-8")
    token = json.loads(home[0].python("tests.backups.calendar_token"))["calendar_token"]
    assert token
    assert token not in text, "the calendar address is a secret of the instance"
