"""Reflection, feedback, lessons and the prep sheet through the real views; an outsider gets 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from onward.plans import actions as plans
from onward.plans.models import Rejection
from onward.reflect import actions
from onward.reflect.models import Feedback, Reflection
from onward.tracker import actions as tracker

pytestmark = pytest.mark.django_db
R = date(2026, 3, 10)
TODAY = date(2026, 3, 14)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())


def _rejected(owner: User, company: str, on: date = R) -> Rejection:
    app = tracker.add_application(owner, company=company, role="Data analyst", today=on, applied_on=date(2026, 2, 1))
    priya = tracker.add_contact(owner, name=f"Priya at {company}", relationship="interviewer", company=company)
    tracker.add_interview(
        owner, app.application, on=date(2026, 3, 3), today=on, kind="final", contacts=[priya], liked="My SQL demo"
    )
    return plans.log_rejection(owner, app.application, today=on, stage_reached="final")


@pytest.fixture
def rejection(owner: User) -> Rejection:
    return _rejected(owner, "Acme")


def test_it_checks_ownership(outsider_client: Client, owner: User, rejection: Rejection) -> None:
    app = rejection.application
    feedback = actions.add_feedback(owner, app, "We hired internally.", today=TODAY)
    urls = [
        ("get", reverse("reflect:reflection", args=[app.uuid])),
        ("post", reverse("reflect:reflection", args=[app.uuid])),
        ("get", reverse("reflect:feedback_add", args=[app.uuid])),
        ("post", reverse("reflect:feedback_add", args=[app.uuid])),
        ("get", reverse("reflect:feedback", args=[feedback.uuid])),
        ("get", reverse("reflect:prep", args=[app.uuid])),
    ]
    for method, url in urls:
        data = {"text": "x", "on": "2026-03-12", "examples-rating": "1", "action": "finish"}
        assert getattr(outsider_client, method)(url, data if method == "post" else None).status_code == 404, url
    assert Feedback.objects.count() == 1
    assert not Reflection.objects.exists()
    lessons = outsider_client.get(reverse("reflect:lessons")).content.decode()
    assert "internally" not in lessons


def test_a_reflection_saves_half_done_then_finishes_and_settles_the_step(
    owner_client: Client, rejection: Rejection
) -> None:
    url = reverse("reflect:reflection", args=[rejection.application.uuid])
    page = owner_client.get(url).content.decode()
    assert "Through the interviewer&#x27;s eyes" in page or "Through the interviewer's eyes" in page
    owner_client.post(url, {"examples-rating": "2", "examples-text": "Used a school project", "action": "save"})
    saved = Reflection.objects.get()
    assert saved.is_draft
    assert saved.answers == {"examples": {"rating": 2, "text": "Used a school project"}}
    page = owner_client.get(url).content.decode()
    assert "Used a school project" in page
    assert 'name="examples-rating" value="2" checked' in page
    response = owner_client.post(url, {"examples-rating": "2", "strengths-text": "My SQL demo", "action": "finish"})
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.finished_on == TODAY
    assert rejection.steps.get(kind="reflect").status == "done"


def test_a_bad_rating_keeps_what_was_written(owner_client: Client, rejection: Rejection) -> None:
    url = reverse("reflect:reflection", args=[rejection.application.uuid])
    response = owner_client.post(url, {"examples-rating": "9", "rapport-text": "We laughed about trains"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "from 1 to 5" in body
    assert "We laughed about trains" in body


def test_logging_feedback_finds_themes_and_plans_the_reply(owner_client: Client, rejection: Rejection) -> None:
    url = reverse("reflect:feedback_add", args=[rejection.application.uuid])
    text = "It wasn't a lack of skills: we went with an internal candidate."
    response = owner_client.post(url, {"text": text, "on": "2026-03-13", "channel": "call", "disagree": "on"})
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert [t["theme"] for t in feedback.themes] == ["internal_candidate"]
    assert feedback.disagree
    detail = owner_client.get(response["Location"]).content.decode()
    assert "This one was not about you" in detail
    reply = rejection.steps.get(kind="feedback_reply")
    assert reverse("drafts:step", args=[reply.uuid]) in detail
    draft = owner_client.get(reverse("drafts:step", args=[reply.uuid])).content.decode()
    assert "It helps to hear" in draft or "useful to see it from your side" in draft  # the disagreeing phrasing


def test_empty_or_foreign_feedback(owner_client: Client, rejection: Rejection) -> None:
    url = reverse("reflect:feedback_add", args=[rejection.application.uuid])
    empty = owner_client.post(url, {"text": "   ", "on": "2026-03-13", "channel": "email"})
    assert empty.status_code == 400
    early = owner_client.post(url, {"text": "Too junior.", "on": "2026-03-01", "channel": "email"})
    assert early.status_code == 400
    assert "before the rejection" in early.content.decode()
    assert "Too junior." in early.content.decode()
    french = owner_client.post(
        url, {"text": "Nous avons retenu un autre profil.", "on": "2026-03-13", "channel": "email"}
    )
    page = owner_client.get(french["Location"]).content.decode()
    assert "only reads English feedback" in page
    assert Feedback.objects.get().english is False


def test_two_rejections_with_feedback_show_the_recurring_theme(owner: User, owner_client: Client) -> None:
    first = _rejected(owner, "Acme")
    second = _rejected(owner, "Globex", on=date(2026, 3, 12))
    actions.add_feedback(owner, first.application, "We'd have liked more concrete examples.", today=TODAY)
    actions.add_feedback(
        owner,
        second.application,
        "Your examples were vague. Also, the role went to an internal candidate.",
        today=TODAY,
    )
    lessons = owner_client.get(reverse("reflect:lessons")).content.decode()
    assert "Examples and results" in lessons
    assert "2 times" in lessons
    assert "STAR" in lessons
    assert "Not about you" in lessons
    nxt = tracker.add_application(owner, company="Initech", role="Analyst", today=TODAY)
    sheet = owner_client.get(reverse("reflect:prep", args=[nxt.application.uuid])).content.decode()
    assert "Examples and results" in sheet
    assert "My SQL demo" in sheet
    assert "hold you back from making me an offer" in sheet
    md = owner_client.get(reverse("reflect:prep", args=[nxt.application.uuid]) + "?format=md")
    assert md["Content-Type"].startswith("text/markdown")
    assert md.content.decode().startswith("# Interview prep: Analyst at Initech")


def test_feedback_shows_on_the_timeline_and_the_rejection_page(
    owner: User, owner_client: Client, rejection: Rejection
) -> None:
    actions.add_feedback(owner, rejection.application, "<b>Hiring</b> freeze, sorry.", today=TODAY)
    detail = owner_client.get(reverse("tracker:detail", args=[rejection.application.uuid])).content.decode()
    assert "Feedback arrived" in detail
    assert "&lt;b&gt;Hiring&lt;/b&gt;" in detail
    page = owner_client.get(reverse("plans:rejection", args=[rejection.uuid])).content.decode()
    assert "not about you" in page
