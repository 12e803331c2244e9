"""Importing a CSV from the browser: preview, adjust the mapping, import."""

from __future__ import annotations

import base64

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from onward.tracker.models import Application

pytestmark = pytest.mark.django_db
URL = reverse("tracker:import_csv")
SHEET = b"Firm,Job title,Status,Date applied\nAcme,Analyst,Ghosted,2026-03-01\nGlobex,Engineer,,2026-03-02\n"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONWARD_TODAY", "2026-03-20")


def upload(client: Client, raw: bytes = SHEET) -> str:
    response = client.post(URL, {"file": SimpleUploadedFile("sheet.csv", raw, content_type="text/csv")})
    return response.content.decode()


def test_preview_shows_what_was_understood_and_imports_nothing(owner_client: Client) -> None:
    body = upload(owner_client)
    assert "Which column holds the company?" in body  # "Firm" is not a name onward knows
    assert 'name="map_0"' in body
    assert not Application.objects.exists()


def test_adjust_the_mapping_then_import(owner_client: Client, owner: User, outsider: User) -> None:
    content = base64.b64encode(SHEET).decode()
    form = {"content": content, "name": "sheet.csv", "column_0": "Firm", "map_0": "company", "column_1": "Job title"}
    preview = owner_client.post(URL, {**form, "step": "preview"}).content.decode()
    assert "2 applications ready to import" in preview
    response = owner_client.post(URL, {**form, "step": "import"})
    assert response.headers["Location"] == reverse("tracker:list")
    assert sorted(a.company.name for a in Application.objects.for_user(owner)) == ["Acme", "Globex"]
    assert not Application.objects.for_user(outsider).exists()


def test_a_bad_row_is_explained_and_nothing_is_imported(owner_client: Client) -> None:
    body = upload(owner_client, b"Company,Role,Date applied\nAcme,Analyst,2026-03-01\nGlobex,,2026-03-02\n")
    assert "line 3: the role is empty" in body
    assert "Import 1" not in body
    assert not Application.objects.exists()


def test_a_tampered_page_is_refused(owner_client: Client) -> None:
    response = owner_client.post(URL, {"content": "not base64!!", "step": "import"})
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_an_empty_upload_keeps_the_form(owner_client: Client) -> None:
    response = owner_client.post(URL, {})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_anonymous_visitors_cannot_import(client: Client) -> None:
    assert client.post(URL, {"content": base64.b64encode(SHEET).decode(), "step": "import"}).status_code == 302
    assert not Application.objects.exists()
