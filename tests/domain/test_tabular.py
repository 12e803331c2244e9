from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.domain.tabular import parse_date, parse_salary, parse_source, recognise_columns


def test_recognises_common_tracker_headers() -> None:
    headers = ["Company Name", "Position", "Application Status", "Date Applied", "Job Link", "City", "Comments", "Misc"]
    assert recognise_columns(headers) == {
        "Company Name": "company",
        "Position": "role",
        "Application Status": "stage",
        "Date Applied": "applied_on",
        "Job Link": "url",
        "City": "location",
        "Comments": "notes",
    }


def test_first_column_wins_when_two_mean_the_same() -> None:
    assert recognise_columns(["Title", "Role"]) == {"Title": "role"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-02", date(2026, 3, 2)),
        ("2026-03-02T10:15:00", date(2026, 3, 2)),
        ("03/02/2026", date(2026, 3, 2)),
        ("14/03/2026", date(2026, 3, 14)),
        ("2.3.2026", date(2026, 3, 2)),
        ("2 Mar 2026", date(2026, 3, 2)),
        ("March 2, 2026", date(2026, 3, 2)),
        ("", None),
    ],
)
def test_parse_date_reads_the_usual_ways(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_parse_date_day_first() -> None:
    assert parse_date("03/02/2026", day_first=True) == date(2026, 2, 3)


def test_parse_date_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="'next week' is not a date onward can read"):
        parse_date("next week")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80000", (80000, 80000)),
        ("80k-95k", (80000, 95000)),
        ("$80,000 – $95,000 a year", (80000, 95000)),
        ("95k to 80k", (80000, 95000)),
        ("€42.5k", (42500, 42500)),
        ("", (None, None)),
    ],
)
def test_parse_salary(text: str, expected: tuple[int | None, int | None]) -> None:
    assert parse_salary(text) == expected


def test_parse_salary_refuses_words() -> None:
    with pytest.raises(ValueError, match="not a salary"):
        parse_salary("competitive")


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=10**7))
def test_salary_ranges_come_back_ordered(a: int, b: int) -> None:
    assert parse_salary(f"{a} - {b}") == (min(a, b), max(a, b))


def test_parse_source() -> None:
    assert parse_source("LinkedIn") == "job_board"
    assert parse_source("Referred by Sam") == "referral"
    assert parse_source("Company website") == "company_site"
    assert parse_source("a flyer") == "other"
    assert parse_source("") == ""
