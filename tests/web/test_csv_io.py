"""CSV in and out through the real parser: round trips, spreadsheets, encodings, bad rows."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.contrib.auth.models import User

from onward.errors import UserError
from onward.tracker import actions, csvio, queries
from onward.tracker.models import Application

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 20)


def export(user: User) -> str:
    buffer = io.StringIO()
    csvio.write_csv(user, buffer)
    return buffer.getvalue()


def story(user: User) -> list[dict[str, object]]:
    found = queries.with_history(queries.applications(user).order_by("company__name", "role"))
    return [{k: v for k, v in queries.application_dict(a).items() if k != "id"} for a in found]


def test_round_trip_keeps_applications_and_their_stage_histories(owner: User, outsider: User) -> None:
    app = actions.add_application(
        owner,
        company="Acme, Inc.",
        role='Analyst "data"',
        today=TODAY,
        applied_on=date(2026, 2, 1),
        salary_min=40000,
        salary_max=52000,
        notes="Line one\nLine two",
        source="referral",
        location="Lisbon",
        url="https://acme.example/jobs/1",
    ).application
    actions.change_stage(owner, app, "screening", today=TODAY, on=date(2026, 2, 8))
    actions.change_stage(owner, app, "rejected", today=TODAY, on=date(2026, 2, 20))
    actions.add_application(owner, company="Globex", role="Engineer", today=TODAY, stage="wishlist")
    report = csvio.import_csv(outsider, export(owner).encode(), "export.csv", today=TODAY)
    assert report.imported == 2
    assert story(outsider) == story(owner)


def test_importing_the_same_file_twice_adds_nothing(owner: User) -> None:
    raw = b"Company,Title,Status,Date Applied\nAcme,Analyst,Applied,2026-03-01\n"
    assert csvio.import_csv(owner, raw, "t.csv", today=TODAY).imported == 1
    again = csvio.import_csv(owner, raw, "t.csv", today=TODAY)
    assert again.imported == 0
    assert again.skipped == ["line 2: Acme — Analyst is already tracked"]


def test_a_spreadsheet_with_its_own_words(owner: User) -> None:
    raw = (
        b"Employer;Position;Application Status;Date Applied;Salary Range;Found via\n"
        b"Acme;Analyst;Ghosted;03/02/2026;40k-50k;LinkedIn\n"
        b"Globex;Engineer;Rejected after onsite;2026-02-10;;\n"
        b"Initech;Designer;Pondering it;2026-02-11;;\n"
    )
    report = csvio.import_csv(owner, raw, "mine.csv", today=TODAY)
    assert report.imported == 3
    assert report.columns["Employer"] == "company"
    assert "line 3: read stage 'Rejected after onsite' as closed — next steps" in report.notes
    assert "line 4: did not recognise stage 'Pondering it'; filed as applied" in report.notes
    acme = Application.objects.get(company__name="Acme")
    assert (acme.stage, acme.applied_on, acme.salary_min, acme.salary_max, acme.source) == (
        "no_response",
        date(2026, 3, 2),
        40000,
        50000,
        "job_board",
    )


def test_a_bad_row_refuses_the_whole_file(owner: User) -> None:
    raw = b"company,role,applied_on\nAcme,Analyst,2026-03-01\nGlobex,,2026-03-02\nInitech,Designer,2026-03-03\n"
    with pytest.raises(UserError, match=r"bad\.csv, line 3: the role is empty\. Nothing was imported\."):
        csvio.import_csv(owner, raw, "bad.csv", today=TODAY)
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("cell", "reason"),
    [("2026-04-01", "the applied date 2026-04-01 is in the future"), ("soon", "'soon' is not a date")],
)
def test_bad_dates_name_the_line(owner: User, cell: str, reason: str) -> None:
    raw = f"company,role,applied_on\nAcme,Analyst,{cell}\n".encode()
    with pytest.raises(UserError, match=f"line 2: {reason}"):
        csvio.import_csv(owner, raw, "d.csv", today=TODAY)


def test_windows_1252_and_utf16_files_are_read(owner: User) -> None:
    text = "Company,Role\nCafé Olé,Analyste données\n"
    report = csvio.import_csv(owner, text.encode("cp1252"), "excel.csv", today=TODAY)
    assert report.encoding == "Windows-1252"
    assert "read excel.csv as Windows-1252 text" in report.notes
    assert Application.objects.get().company.name == "Café Olé"
    text16 = "Company,Role\nZoë Ltd,Designer\n"
    assert csvio.import_csv(owner, text16.encode("utf-16"), "u16.csv", today=TODAY).encoding == "UTF-16"


def test_a_binary_file_is_refused_clearly(owner: User) -> None:
    with pytest.raises(UserError, match="does not look like a text CSV file"):
        csvio.import_csv(owner, b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "photo.csv", today=TODAY)


def test_missing_columns_point_to_map(owner: User) -> None:
    with pytest.raises(UserError, match="has no column onward reads as role; name it with --map"):
        csvio.import_csv(owner, b"Company,Job thing\nAcme,Analyst\n", "m.csv", today=TODAY)
    report = csvio.import_csv(
        owner, b"Company,Job thing\nAcme,Analyst\n", "m.csv", today=TODAY, mapping={"Job thing": "role"}
    )
    assert report.imported == 1


def test_map_refuses_unknown_fields_and_columns(owner: User) -> None:
    with pytest.raises(UserError, match="unknown field 'salaryy'"):
        csvio.parse_mapping(["Pay=salaryy"])
    with pytest.raises(UserError, match="names column 'Nope', which m.csv does not have"):
        csvio.import_csv(owner, b"Company,Role\nA,B\n", "m.csv", today=TODAY, mapping={"Nope": "notes"})


def test_dry_run_writes_nothing(owner: User) -> None:
    report = csvio.import_csv(owner, b"Company,Role\nAcme,Analyst\n", "t.csv", today=TODAY, dry_run=True)
    assert report.imported == 1
    assert not Application.objects.exists()
