"""Reading other people's job-search spreadsheets: columns, dates and salaries.

Pure functions over strings; the tracker's CSV import does the file and the
database. Every parser raises ``ValueError`` with a sentence meant for a person.

>>> recognise_columns(["Employer", "Job Title", "Status", "Date Applied"])
{'Employer': 'company', 'Job Title': 'role', 'Status': 'stage', 'Date Applied': 'applied_on'}
>>> parse_salary("$80k - 95k")
(80000, 95000)
"""

from __future__ import annotations

import re
from datetime import date, datetime

FIELDS: dict[str, str] = {
    "id": "onward's id for the application (from an onward export)",
    "company": "the company or employer (required)",
    "role": "the job title (required)",
    "stage": "where the application stands",
    "applied_on": "the date you applied",
    "url": "a link to the posting",
    "source": "where you found it: referral, job board, recruiter, company site…",
    "location": "city, region or remote",
    "salary": "a salary or range, such as 80k-95k",
    "salary_min": "the low end of the salary range",
    "salary_max": "the high end of the salary range",
    "notes": "anything else",
    "stage_history": "dated stage changes, as onward exports them",
    "ignore": "leave this column out",
}

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "onward id", "uuid"),
    "company": ("company", "company name", "employer", "organisation", "organization", "org", "business"),
    "role": ("role", "title", "job title", "position", "position title", "job", "job name", "role title"),
    "stage": ("stage", "status", "application status", "state", "current stage", "result", "outcome"),
    "applied_on": (
        "applied on",
        "date applied",
        "applied",
        "applied date",
        "application date",
        "date",
        "date of application",
        "submitted",
        "submitted on",
    ),
    "url": ("url", "link", "job link", "job url", "posting", "posting url", "job posting", "listing", "website"),
    "source": ("source", "found via", "found on", "channel", "job board", "where found", "referral source"),
    "location": ("location", "city", "place", "where", "office", "remote"),
    "salary": ("salary", "salary range", "compensation", "pay", "pay range", "comp"),
    "salary_min": ("salary min", "min salary", "salary from", "minimum salary"),
    "salary_max": ("salary max", "max salary", "salary to", "maximum salary"),
    "notes": ("notes", "note", "comments", "comment", "details", "description"),
    "stage_history": ("stage history", "history"),
}

SOURCES: dict[str, tuple[str, ...]] = {
    "referral": ("referral", "referred", "friend", "network referral", "employee referral"),
    "job_board": (
        "job board",
        "linkedin",
        "indeed",
        "glassdoor",
        "board",
        "jobs site",
        "welcome to the jungle",
        "otta",
    ),
    "recruiter": ("recruiter", "recruiter outreach", "headhunter", "agency", "inbound"),
    "company_site": ("company site", "company website", "careers page", "website", "direct"),
    "network": ("network", "networking", "meetup", "event", "conference", "alumni"),
    "other": ("other",),
}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def recognise_columns(headers: list[str]) -> dict[str, str]:
    """Map each header that onward understands to its field; others are left out."""
    lookup = {_key(name): field for field, names in COLUMN_NAMES.items() for name in names}
    found: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        field = lookup.get(_key(header))
        if field and field not in taken:
            found[header] = field
            taken.add(field)
    return found


def parse_source(text: str) -> str:
    """A source id from free text; unknown text is kept as ``other``.

    >>> parse_source("LinkedIn")
    'job_board'
    """
    key = _key(text)
    if not key:
        return ""
    for source, words in SOURCES.items():
        if key == _key(source) or key in words:
            return source
    for source, words in SOURCES.items():
        if any(re.search(rf"\b{re.escape(word)}\b", key) for word in words):
            return source
    return "other"


DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%m/%d/%y",
)


def parse_date(text: str, *, day_first: bool = False) -> date | None:
    """A date from the ways spreadsheets write them; None for an empty cell.

    Slashed dates are read month first (as US trackers write them) unless the
    first number cannot be a month, or ``day_first`` is set.

    >>> parse_date("2026-03-02"), parse_date("14/03/2026"), parse_date("Mar 2, 2026")
    (datetime.date(2026, 3, 2), datetime.date(2026, 3, 14), datetime.date(2026, 3, 2))
    """
    raw = text.strip()
    if not raw:
        return None
    raw = raw.split("T")[0] if re.match(r"\d{4}-\d\d-\d\dT", raw) else raw
    raw = re.sub(r"\s+\d{1,2}:\d\d(:\d\d)?$", "", raw)  # a time after the date
    formats = list(DATE_FORMATS)
    if day_first:
        formats.remove("%d/%m/%Y")
        formats.insert(formats.index("%m/%d/%Y"), "%d/%m/%Y")
    for fmt in formats:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date onward can read; write it as YYYY-MM-DD")


def _amount(text: str) -> int:
    cleaned = text.strip().lower().replace(",", "").replace(" ", "")
    cleaned = re.sub(r"^[^\d]*", "", cleaned)  # currency signs and words before
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(k)?[^\d]*", cleaned)
    if not match:
        raise ValueError
    value = float(match.group(1)) * (1000 if match.group(2) else 1)
    return round(value)


def parse_salary(text: str) -> tuple[int | None, int | None]:
    """(low, high) from "80000", "80k-95k", "$80,000 – $95,000 a year"; (None, None) when empty."""
    raw = text.strip()
    if not raw:
        return None, None
    parts = [p for p in re.split(r"\s*(?:-|–|—|to)\s*", raw) if p.strip()]
    try:
        amounts = [_amount(p) for p in parts[:2]]
    except ValueError:
        raise ValueError(f"{text!r} is not a salary onward can read; write it like 80000 or 80k-95k") from None
    if not amounts:
        return None, None
    low, high = amounts[0], amounts[-1]
    if low > high:
        low, high = high, low
    return low, high
