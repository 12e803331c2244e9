"""The "Your data" page through the real views: download, restore, delete the data, delete the account.

The outsider: every action works on the signed-in person's own data only; the
owner's data never shows in, or is touched by, anyone else's request.
"""

from __future__ import annotations

import html
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from onward.accounts.actions import new_calendar_token, preferences_for, save_preferences
from onward.api.actions import create_token
from onward.api.models import ApiToken
from onward.backups import actions
from onward.backups.forms import RestoreForm
from onward.backups.writer import existing_data
from onward.mailimport.models import ImportJob
from onward.momentum import actions as momentum
from onward.tracker import actions as tracker
from onward.tracker.models import Company

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)
PASSWORD = "a-long-passphrase"  # the owner's, in tests/conftest.py


@pytest.fixture(autouse=True)
def _setup(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> None:
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())
    settings.ONWARD_DATA_DIR = tmp_path


@pytest.fixture
def search(owner: User) -> User:
    """A little of everything: applications at two companies, a contact, a check-in and a goal."""
    app = tracker.add_application(owner, company="Acme", role="Data analyst", today=TODAY).application
    tracker.add_application(owner, company="Globex", role="Analyst", today=TODAY)
    tracker.add_contact(owner, name="Priya Shah", relationship="recruiter", application=app)
    momentum.check_in(owner, 4, today=TODAY, note="A good day")
    momentum.set_goal(owner, applications=3, people=1, today=TODAY)
    save_preferences(owner, your_name="Alex")
    return owner


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


def _upload(text: str | bytes, name: str = "backup.json") -> SimpleUploadedFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="application/json")


def test_the_page_says_what_is_here_and_offers_each_way(search: User, owner_client: Client) -> None:
    page = owner_client.get(reverse("backups:data")).content.decode()
    assert "Download a backup" in page
    assert "2 companies, 2 applications, 1 contact, 1 check-in, 1 goal" in page
    assert "Delete all my data" in page
    assert "there is no account to delete" in page  # local mode
    assert reverse("backups:delete_account") not in page


def test_download_is_a_dated_attachment_with_everything(search: User, owner_client: Client) -> None:
    response = owner_client.post(reverse("backups:download"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="onward-backup-2026-03-10.json"'
    assert response["Content-Type"].startswith("application/json")
    document = json.loads(response.content)
    assert document["format"] == "onward-backup"
    assert [a["role"] for a in document["applications"]] == ["Data analyst", "Analyst"]
    assert document["preferences"]["your_name"] == "Alex"
    assert owner_client.get(reverse("backups:download")).status_code == 405


def test_the_outsider_downloads_only_their_own(search: User, outsider_client: Client) -> None:
    document = json.loads(outsider_client.post(reverse("backups:download")).content)
    assert all(document[key] == [] for key in ("companies", "applications", "contacts", "checkins", "goals"))
    page = outsider_client.get(reverse("backups:data")).content.decode()
    assert "Acme" not in page
    assert "2 applications" not in page


def test_restore_brings_a_backup_into_an_empty_account(search: User, owner_client: Client) -> None:
    text, _ = actions.export_backup(search)
    actions.delete_all_data(search)
    response = owner_client.post(reverse("backups:restore"), {"backup": _upload(text)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("backups:data")
    page = response.content.decode()
    assert "Your backup is restored: 2 companies, 2 applications" in page
    assert existing_data(search)["applications"] == 2


def test_restore_errors_are_shown_on_the_page_and_nothing_is_written(outsider: User, outsider_client: Client) -> None:
    cases = {
        '{"format": "onward-backup", "version": 2}': "format version 2, written by a newer onward",
        '{"format": "onward-backup", "version": 1, "appl': "ends too early",
        "not a backup at all": "isn't valid JSON",
    }
    for text, words in cases.items():
        response = outsider_client.post(reverse("backups:restore"), {"backup": _upload(text)})
        assert response.status_code == 400
        assert words in _text(response)
    huge = SimpleUploadedFile("huge.json", b"{}", content_type="application/json")
    huge.size = 41 * 1024 * 1024  # what Django reports for a file that big, without making one
    too_big = RestoreForm(files={"backup": huge})
    assert not too_big.is_valid()
    assert "larger than 40 MB" in too_big.errors["backup"][0]
    missing = outsider_client.post(reverse("backups:restore"), {})
    assert missing.status_code == 400
    assert "This field is required" in missing.content.decode()
    assert existing_data(outsider) == {}


def test_restore_into_an_account_with_data_says_what_to_do(search: User, owner_client: Client) -> None:
    text, _ = actions.export_backup(search)
    response = owner_client.post(reverse("backups:restore"), {"backup": _upload(text)})
    assert response.status_code == 400
    assert "already has data" in response.content.decode()
    assert existing_data(search)["applications"] == 2


def test_delete_all_data_needs_the_word(search: User, owner_client: Client) -> None:
    response = owner_client.post(reverse("backups:delete_data"), {"confirm": "yes"})
    assert response.status_code == 400
    assert "Type the word “delete” to go ahead. Nothing has been deleted." in response.content.decode()
    assert existing_data(search)["applications"] == 2


def test_delete_all_data_clears_everything_but_the_account(
    search: User, outsider: User, owner_client: Client, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    new_calendar_token(search)
    token = create_token(search, "my script")
    theirs = tracker.add_application(outsider, company="Acme", role="Analyst", today=TODAY).application
    create_token(outsider, "their script")
    upload = tmp_path / "imports" / "waiting"
    upload.mkdir(parents=True)
    (upload / "001-box.mbox").write_text("From x")
    ImportJob.objects.create(owner=search, name="box.mbox", folder=str(upload), status="queued")
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(reverse("backups:delete_data"), {"confirm": " Delete "}, follow=True)
    assert "All your data is deleted" in response.content.decode()
    assert existing_data(search) == {}
    assert not Company.objects.filter(owner=search).exists()
    assert User.objects.filter(pk=search.pk).exists()
    prefs = preferences_for(search)
    assert (prefs.your_name, prefs.calendar_token) == ("", None)
    assert not ApiToken.objects.filter(owner=search).exists(), token
    assert not upload.exists()
    # The outsider's search is untouched.
    assert existing_data(outsider) == {"companies": 1, "applications": 1}
    assert theirs.company.name == "Acme"
    assert ApiToken.objects.filter(owner=outsider).count() == 1


def test_deleting_an_account_is_for_server_mode(search: User, owner_client: Client) -> None:
    response = owner_client.post(reverse("backups:delete_account"), {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 404
    assert User.objects.filter(pk=search.pk).exists()


def test_deleting_an_account_needs_the_password_and_the_tick(
    search: User, outsider: User, owner_client: Client, settings: Any
) -> None:
    settings.ONWARD_MODE = "server"
    page = owner_client.get(reverse("backups:data")).content.decode()
    assert reverse("backups:delete_account") in page
    wrong = owner_client.post(reverse("backups:delete_account"), {"password": "not it", "understood": "on"})
    assert wrong.status_code == 400
    assert "isn't the one for this account, so nothing was deleted" in _text(wrong)
    unticked = owner_client.post(reverse("backups:delete_account"), {"password": PASSWORD})
    assert unticked.status_code == 400
    assert "Tick this box to go ahead" in unticked.content.decode()
    assert existing_data(search)["applications"] == 2
    tracker.add_application(outsider, company="Acme", role="Analyst", today=TODAY)
    create_token(search, "my script")
    done = owner_client.post(reverse("backups:delete_account"), {"password": PASSWORD, "understood": "on"})
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:signin")
    assert not User.objects.filter(pk=search.pk).exists()
    assert not ApiToken.objects.filter(owner_id=search.pk).exists()
    assert owner_client.get(reverse("backups:data")).status_code == 302  # signed out
    assert existing_data(outsider) == {"companies": 1, "applications": 1}


def test_the_outsider_cannot_delete_the_owners_data(search: User, outsider_client: Client) -> None:
    outsider_client.post(reverse("backups:delete_data"), {"confirm": "delete"})
    assert existing_data(search)["applications"] == 2


def test_delete_waits_for_a_mail_import_being_read(search: User, owner_client: Client) -> None:
    job = ImportJob.objects.create(owner=search, name="box.mbox", status="running", started_at=timezone.now())
    response = owner_client.post(reverse("backups:delete_data"), {"confirm": "delete"})
    assert response.status_code == 400
    assert "A mail import is being read right now" in _text(response)
    assert existing_data(search)["applications"] == 2
    # One left "running" by an onward that stopped long ago doesn't hold anything up.
    ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(hours=2))
    assert owner_client.post(reverse("backups:delete_data"), {"confirm": "delete"}).status_code == 302
    assert existing_data(search) == {}
