"""Query discipline: every main page and API list asks the database the same number of times
whether the search holds twenty applications or two hundred (no query per row: no N+1).

Two accounts get the heavy search (``onward.tracker.heavy``) at two sizes, ten times apart, once
for this module; the larger one's busiest application and contact get a longer story still, so the
pages about one of them compare a short story with a long one. Every page is asked once to warm up
(the first request of a session and a token's "last used" do one-off work), then once more while its
queries are counted. The counts must be equal, and under ``MOST`` so that a page that grew a loop of
queries of its own is seen too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onward.accounts.actions import new_calendar_token
from onward.api.actions import create_token
from onward.mailimport.models import ImportedMail
from onward.tracker import actions as tracker
from onward.tracker.heavy import create_heavy
from onward.tracker.models import Application, Contact

TODAY = "2026-11-20"
SMALL, LARGE = 0.004, 0.04  # about 20 and 200 applications
MOST = 30  # queries any one page may take

PAGES = [
    "Today",
    "board",
    "board with the closed ones",
    "applications",
    "applications, filtered",
    "applications, last page",
    "application page",
    "application page, the whole story",
    "contacts",
    "contact page",
    "lessons",
    "Insights",
    "mail review queue",
    "mail import",
    "check-ins",
    "goals",
    "career review",
    "calendar feed",
    "CSV export",
    "settings",
    "settings: your data",
    "settings: API tokens",
    "API applications",
    "API applications, closed",
    "API contacts",
    "API interviews",
    "API rejections",
    "API steps",
    "API drafts",
    "API feedback",
    "API check-ins",
    "API mail review",
    "API timeline",
    "API notes",
    "API interactions",
]


@dataclass
class Account:
    user: User
    browser: Client
    script: Client
    urls: dict[str, str]
    counts: dict[str, int]


def _busiest_application(user: User) -> Application:
    """A closed application with a plan, interviews, conversations and notes: the longest story."""
    found = (
        Application.objects.for_user(user)
        .filter(rejection__isnull=False)
        .annotate(
            interviewed=Count("interviews", distinct=True),
            talked=Count("interactions", distinct=True),
            noted=Count("dated_notes", distinct=True),
        )
        .filter(interviewed__gt=0)
        .order_by("-interviewed", "-talked", "-noted", "id")
        .first()
    )
    assert found is not None, "the heavy search has no rejected application with interviews"
    return found


def _busiest_contact(user: User) -> Contact:
    found = (
        Contact.objects.for_user(user)
        .annotate(talks=Count("interactions"))
        .filter(Q(talks__gt=0))
        .order_by("-talks", "id")
        .first()
    )
    assert found is not None, "the heavy search has no contact with a conversation"
    return found


def _urls(user: User) -> dict[str, str]:
    app = _busiest_application(user).uuid
    contact = _busiest_contact(user).uuid
    urls = {
        "Today": "/",
        "board": "/applications/board/",
        "board with the closed ones": "/applications/board/?closed=1",
        "applications": "/applications/",
        "applications, filtered": "/applications/?stage=rejected&since=2020-01-01",
        "applications, last page": "/applications/?page=999",
        "application page": f"/applications/{app}/",
        "application page, the whole story": f"/applications/{app}/?story=all",
        "contacts": "/contacts/",
        "contact page": f"/contacts/{contact}/",
        "lessons": "/lessons/",
        "Insights": "/insights/",
        "mail review queue": "/mail/review/",
        "mail import": "/mail/",
        "check-ins": "/checkins/",
        "goals": "/goals/",
        "career review": "/review/",
        "calendar feed": f"/calendar/{new_calendar_token(user)}.ics",
        "CSV export": "/applications/export.csv",
        "settings": "/settings/",
        "settings: your data": "/settings/data/",
        "settings: API tokens": "/settings/tokens/",
        "API applications": "/api/v1/applications?limit=200",
        "API applications, closed": "/api/v1/applications?state=closed",
        "API contacts": "/api/v1/contacts?limit=200",
        "API interviews": "/api/v1/interviews?limit=200",
        "API rejections": "/api/v1/rejections?limit=200",
        "API steps": "/api/v1/steps?limit=200",
        "API drafts": "/api/v1/drafts?limit=200",
        "API feedback": "/api/v1/feedback?limit=200",
        "API check-ins": "/api/v1/checkins?limit=200",
        "API mail review": "/api/v1/mail/review?limit=200",
        "API timeline": f"/api/v1/applications/{app}/timeline?limit=200",
        "API notes": f"/api/v1/applications/{app}/notes?limit=200",
        "API interactions": f"/api/v1/contacts/{contact}/interactions?limit=200",
    }
    assert sorted(urls) == sorted(PAGES)
    return urls


def _ask(account: Account, name: str) -> list[dict[str, Any]]:
    url = account.urls[name]
    client = account.script if url.startswith("/api/") else account.browser
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)  # a streamed answer asks the database as it is read
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return captured.captured_queries


@pytest.fixture(scope="module")
def accounts(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Account]]:
    """The two searches, made once for the module (outside each test's transaction) and deleted after."""
    made: dict[str, Account] = {}
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        patch.setenv("ONWARD_TODAY", TODAY)
        try:
            for size, scale in (("small", SMALL), ("large", LARGE)):
                user = User.objects.create_user(username=f"query-counts-{size}", password="a-long-passphrase")
                create_heavy(user, date.fromisoformat(TODAY), scale=scale)
                _one_waiting(user)
                if size == "large":
                    _longer_story(user)
                browser = Client()
                browser.force_login(user)
                script = Client(headers={"authorization": f"Bearer {create_token(user, 'query counts').secret}"})
                made[size] = Account(user, browser, script, _urls(user), {})
            for account in made.values():  # warm up: one-off work is not the page's
                for name in PAGES:
                    _ask(account, name)
            for account in made.values():
                for name in PAGES:
                    account.counts[name] = len(_ask(account, name))
            yield made
        finally:
            for account in made.values():
                account.user.delete()


def _longer_story(user: User) -> None:
    """Ten more interviews (with the person), conversations and notes for the busiest application and contact."""
    today = date.fromisoformat(TODAY)
    application, contact = _busiest_application(user), _busiest_contact(user)
    for n in range(1, 11):
        day = today - timedelta(days=n)
        tracker.add_interview(user, application, on=day, today=today, kind="technical", contacts=[contact])
        tracker.log_interaction(user, contact, today=today, on=day, channel="call", application=application)
        tracker.add_note(user, application, f"Note {n}", today=today, on=day)
    assert (_busiest_application(user), _busiest_contact(user)) == (application, contact)


def _one_waiting(user: User) -> None:
    """At least one message in the review queue: an empty list skips its query, which would hide nothing."""
    if not ImportedMail.objects.for_user(user).filter(status="review").exists():
        ImportedMail.objects.create(
            owner=user, fingerprint="query-counts", subject="Your application", label="rejection", confidence=0.6,
            status="review", sent_on=date.fromisoformat(TODAY),
        )  # fmt: skip


def _shapes(queries: list[dict[str, Any]]) -> str:
    """The queries a page ran, the numbers taken out, the repeated ones first: where an N+1 shows."""
    shapes = Counter(re.sub(r"\b\d+\b|'[^']*'", "?", query["sql"])[:160] for query in queries)
    return "\n".join(f"  {count} × {shape}" for shape, count in shapes.most_common())


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_a_page_asks_the_same_number_of_queries_for_ten_times_the_data(accounts: dict[str, Account], name: str) -> None:
    small, large = accounts["small"], accounts["large"]
    counts = (small.counts[name], large.counts[name])
    if counts[0] != counts[1]:
        pytest.fail(
            f"{name}: {counts[0]} queries on the small search ({small.urls[name]}), {counts[1]} on the one ten "
            f"times larger ({large.urls[name]}).\nThe larger one's queries:\n{_shapes(_ask(large, name))}"
        )
    assert counts[1] <= MOST, f"{name} ({large.urls[name]}) takes {counts[1]} queries:\n{_shapes(_ask(large, name))}"


@pytest.mark.django_db
def test_the_two_searches_really_are_ten_times_apart(accounts: dict[str, Account]) -> None:
    sizes = [Application.objects.for_user(accounts[size].user).count() for size in ("small", "large")]
    assert sizes[0] >= 15
    assert sizes[1] >= 9 * sizes[0]
