"""Export and restore in one process: what survives, and every kind of backup that is refused untouched."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection

from onward.accounts.actions import new_calendar_token, preferences_for, save_preferences
from onward.backups import actions
from onward.backups.fields import BackupError
from onward.backups.schema import SECTIONS
from onward.backups.writer import existing_data
from onward.errors import UserError
from onward.mailimport import actions as mail
from onward.mailimport.models import ImportedMail, ImportJob
from onward.momentum import actions as momentum
from onward.plans.models import Rejection
from onward.tracker import actions as tracker
from onward.tracker.demo import create_demo
from onward.tracker.models import Application, StageEvent
from tests import mailmaker as mk

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _setup(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> None:
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())
    settings.ONWARD_DATA_DIR = tmp_path


def _document(user: User) -> dict[str, Any]:
    text, _ = actions.export_backup(user)
    return json.loads(text)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return {k: v for k, v in a.items() if k != "exported_at"} == {k: v for k, v in b.items() if k != "exported_at"}


def _small(owner: User) -> dict[str, Any]:
    """A few rows of everything common: enough to break in many ways."""
    for name in ("Acme", "Globex", "Initech", "Umbrella"):
        app = tracker.add_application(owner, company=name, role="Data analyst", today=TODAY).application
    tracker.add_interview(owner, app, on=TODAY, today=TODAY, kind="technical", contacts=[])
    momentum.check_in(owner, 4, today=TODAY)
    momentum.check_in(owner, 2, today=TODAY - timedelta(days=1))
    return _document(owner)


def _empty(user: User) -> bool:
    return existing_data(user) == {}


def test_two_exports_of_the_same_data_are_identical(owner: User) -> None:
    create_demo(owner, TODAY)
    first, _ = actions.export_backup(owner)
    second, _ = actions.export_backup(owner)
    strip = [line for line in first.splitlines() if '"exported_at"' not in line]
    assert strip == [line for line in second.splitlines() if '"exported_at"' not in line]


def test_a_restore_brings_back_everything_with_its_dates(owner: User) -> None:
    create_demo(owner, TODAY)
    save_preferences(owner, your_name="Sam", support_people="Maya", linkedin_premium=True)
    before = _document(owner)
    first_app = Application.objects.for_user(owner).order_by("pk").first()
    assert first_app is not None
    created = first_app.created_at
    actions.delete_all_data(owner)
    assert _empty(owner)
    restored = actions.import_backup(owner, json.dumps(before))
    assert restored.counts["applications"] == 30
    assert _same(_document(owner), before)
    again = Application.objects.get(uuid=first_app.uuid)
    assert again.created_at == created  # auto_now_add would have said "now"
    assert again.pk != first_app.pk  # new row numbers; the UUID is what stays
    assert preferences_for(owner).your_name == "Sam"


def _file_old_rejection(owner: User, tmp_path: Path) -> ImportedMail:
    """A rejection from long ago, filed from mail: its plan's passed steps are set aside."""
    app = tracker.add_application(
        owner, company="Northwind Analytics", role="Data Engineer", today=TODAY - timedelta(days=90)
    ).application
    tracker.change_stage(owner, app, "interviewing", today=TODAY, on=TODAY - timedelta(days=70))
    box = tmp_path / "old.eml"
    box.write_bytes(mk.rejection("Northwind Analytics", "Data Engineer", (TODAY - timedelta(days=60)).isoformat()))
    mail.import_path(owner, box, today=TODAY)
    item = ImportedMail.objects.get(owner=owner, label="rejection")
    assert item.status == "applied"
    assert item.changes["set_aside"]
    return item


def test_undo_of_filed_mail_still_works_after_a_move(owner: User, tmp_path: Path) -> None:
    item = _file_old_rejection(owner, tmp_path)
    document = _document(owner)
    row = next(r for r in document["imported_mail"] if r["uuid"] == str(item.uuid))
    assert all(isinstance(ref, str) for ref in row["changes"]["steps"] + row["changes"]["events"])
    actions.delete_all_data(owner)
    actions.import_backup(owner, json.dumps(document))
    moved = ImportedMail.objects.get(uuid=item.uuid)
    assert moved.changes["steps"] != item.changes["steps"]  # this database's row numbers now
    assert set(moved.changes["set_aside"]) <= set(moved.changes["steps"])
    mail.undo_item(owner, moved)
    app = Application.objects.get(owner=owner)
    assert app.stage == "interviewing"
    assert not Rejection.objects.filter(application=app).exists()
    assert list(StageEvent.objects.filter(application=app).values_list("stage", flat=True)) == [
        "applied",
        "interviewing",
    ]


def test_an_import_still_being_read_is_kept_as_stopped(owner: User) -> None:
    ImportJob.objects.create(owner=owner, name="big.mbox", folder="/somewhere/private", status="running", total=9)
    row = _document(owner)["mail_imports"][0]
    assert row["status"] == "failed"
    assert "Import them again" in row["error"]
    assert "folder" not in row


def test_secrets_stay_behind(owner: User) -> None:
    token = new_calendar_token(owner)
    text, _ = actions.export_backup(owner)
    assert token not in text
    assert "calendar_token" not in text


# --- refused, and nothing written ----------------------------------------------------------


def _refused(user: User, raw: str | bytes) -> str:
    before = preferences_for(user).your_name
    with pytest.raises(UserError) as caught:
        actions.import_backup(user, raw)
    assert _empty(user)
    assert preferences_for(user).your_name == before
    return str(caught.value)


def test_a_backup_from_a_newer_onward_says_which_versions(owner: User, outsider: User) -> None:
    document = _small(owner)
    document["version"] = 7
    message = _refused(outsider, json.dumps(document))
    assert "version 7" in message
    assert "reads version 1" in message


def test_a_cut_short_backup_is_refused(owner: User, outsider: User) -> None:
    text = json.dumps(_small(owner), indent=1)
    assert "ends too early" in _refused(outsider, text[: len(text) // 2])


def test_a_damaged_backup_is_refused(owner: User, outsider: User) -> None:
    text = json.dumps(_small(owner), indent=1)
    middle = text.index("\n", len(text) // 2)  # between two lines, outside any string
    assert "isn't valid JSON" in _refused(outsider, text[:middle] + "}{" + text[middle:])
    assert "UTF-8" in _refused(outsider, b"\xff\xfe\x00garbage")
    assert "isn't an onward backup" in _refused(outsider, json.dumps({"applications": []}))
    assert "empty" in _refused(outsider, "")


BREAKAGES = [
    ("applications[3].stage", lambda d: d["applications"][3].update(stage="done"), "'done' is not one"),
    ("applications[0].role", lambda d: d["applications"][0].pop("role"), "missing"),
    ("applications[1].mood", lambda d: d["applications"][1].update(mood=3), "doesn't know this field"),
    ("applications[2].applied_on", lambda d: d["applications"][2].update(applied_on="10/03/2026"), "YYYY-MM-DD"),
    ("applications[0].salary_min", lambda d: d["applications"][0].update(salary_min=-5), "out of range"),
    ("applications[0].role", lambda d: d["applications"][0].update(role="x" * 201), "at most 200"),
    ("applications[0].company", lambda d: d["applications"][0].update(company="nope"), "an id (a UUID)"),
    ("applications[0].created_at", lambda d: d["applications"][0].update(created_at="2026-03-10"), "UTC offset"),
    ("interviews[0].application", lambda d: d["interviews"][0].update(application=d["rejections"] or _uuid()), "no "),
    ("interviews[0].contacts[0]", lambda d: d["interviews"][0].update(contacts=[_uuid()]), "no contact"),
    ("checkins[1].on", lambda d: d["checkins"][1].update(on=d["checkins"][0]["on"]), "only be one"),
    ("companies[1].uuid", lambda d: d["companies"][1].update(uuid=d["companies"][0]["uuid"]), "same id"),
    ("checkins", lambda d: d.update(checkins={}), "expected a list"),
    ("goals", lambda d: d.pop("goals"), "section is missing"),
    ("surprises", lambda d: d.update(surprises=[]), "doesn't know this section"),
    ("preferences.linkedin_premium", lambda d: d["preferences"].update(linkedin_premium="yes"), "true or false"),
]


def _uuid() -> str:
    import uuid

    return str(uuid.uuid4())


@pytest.mark.parametrize(("path", "break_it", "words"), BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_a_wrong_shape_is_refused_with_its_place(
    owner: User, outsider: User, path: str, break_it: Any, words: str
) -> None:
    document = copy.deepcopy(_small(owner))
    break_it(document)
    message = _refused(outsider, json.dumps(document))
    assert f"at {path}:" in message
    assert words in message
    assert message.endswith("Nothing was changed.")


def test_a_database_refusal_half_way_writes_nothing(owner: User, outsider: User) -> None:
    """Two companies whose names differ only in case pass the checks; the database says no, and all is undone."""
    document = _small(owner)
    actions.delete_all_data(owner)
    document["preferences"]["your_name"] = "Someone else"
    document["companies"][1]["name"] = document["companies"][0]["name"].upper()
    message = _refused(outsider, json.dumps(document))
    assert "refused" in message


def test_a_nul_character_is_refused_only_where_postgresql_would_fail(owner: User, outsider: User) -> None:
    document = _small(owner)
    actions.delete_all_data(owner)
    document["applications"][0]["notes"] = "before\x00after"
    if connection.vendor == "postgresql":
        assert "at applications[0].notes: it holds a NUL" in _refused(outsider, json.dumps(document))
    else:
        actions.import_backup(outsider, json.dumps(document))
        assert Application.objects.filter(owner=outsider, notes="before\x00after").exists()


def test_an_account_with_data_is_not_mixed_with_a_backup(owner: User, outsider: User) -> None:
    document = _small(owner)
    momentum.check_in(outsider, 3, today=TODAY)
    with pytest.raises(UserError, match="already has data.*Delete all my data"):
        actions.import_backup(outsider, json.dumps(document))
    assert existing_data(outsider) == {"checkins": 1}


def test_ids_already_in_another_account_are_refused(owner: User, outsider: User) -> None:
    document = _small(owner)
    message = _refused(outsider, json.dumps(document))  # the owner still has all of it
    assert "already in use on this onward" in message
    assert "account" in message
    assert existing_data(owner)["applications"] == 4


def test_a_backup_is_restored_on_the_same_instance_after_the_data_is_deleted(owner: User, outsider: User) -> None:
    document = _small(owner)
    actions.delete_all_data(owner)
    actions.import_backup(outsider, json.dumps(document))
    assert existing_data(outsider) == {
        "companies": 4,
        "applications": 4,
        "interviews": 1,
        "checkins": 2,
    }


def test_every_section_is_counted(owner: User) -> None:
    counts = actions.export_backup(owner)[1]
    assert set(counts) == {s.key for s in SECTIONS if s.reach != "one"}
    assert actions.summary(counts) == "nothing yet"


def test_backup_error_names_the_place() -> None:
    error = BackupError("applications[3].stage", "'done' is not one onward knows")
    assert error.path == "applications[3].stage"
    assert str(error).startswith("This backup can't be restored (at applications[3].stage: ")
