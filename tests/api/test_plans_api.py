"""Rejections and their plans, steps, drafts and feedback through the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from onward.plans.models import PlanStep
from onward.tracker.models import Interaction
from tests.api.conftest import TODAY, Api, error_of

pytestmark = pytest.mark.django_db


def interviewed(api: Api) -> dict[str, Any]:
    """An application that reached interviews, with a recruiter and an interviewer met."""
    app = api.post("/applications", {"company": "Acme", "role": "Analyst", "applied_on": "2026-02-20"}).json()
    api.post(f"/applications/{app['id']}/stage", {"stage": "interviewing", "on": "2026-03-01"})
    api.post("/contacts", {"name": "Ana Ruiz", "relationship": "recruiter", "application": app["id"]})
    api.post(
        "/interviews",
        {
            "application": app["id"],
            "on": "2026-03-05",
            "new_people": [{"name": "Ben Ode", "email": "ben@acme.example"}],
            "liked": "the dashboard story",
        },
    )
    return dict(app)


def reject(api: Api, app: dict[str, Any], **details: Any) -> dict[str, Any]:
    response = api.post("/rejections", {"application": app["id"], "on": "2026-03-12", **details})
    assert response.status_code == 201, response.content
    return dict(response.json())


def test_logging_a_rejection_returns_its_plan(api: Api) -> None:
    app = interviewed(api)
    rejection = reject(api, app, via="email", reason="Went with an internal candidate")
    kinds = {step["kind"] for step in rejection["plan"]}
    assert {"pause", "thank_you", "feedback_request", "connect", "reflect", "get_back"} <= kinds
    assert (rejection["stage_reached"], rejection["application"]["id"], rejection["cool_off_days"]) == (
        "interview",
        app["id"],
        2,
    )
    assert api.get(f"/applications/{app['id']}").json()["stage"] == "rejected"
    assert api.get(f"/rejections/{rejection['id']}").json()["plan"] == rejection["plan"]
    listed = api.get("/rejections").json()
    assert listed["count"] == 1
    assert listed["items"][0]["plan"] == rejection["plan"]  # the plans of a page are read together
    again = api.post("/rejections", {"application": app["id"]})
    assert "already logged" in error_of(again, 409)["message"]


def test_a_rejection_for_something_not_tracked_yet(api: Api) -> None:
    made = api.post("/rejections", {"company": "Globex", "role": "Designer", "cool_off_days": 3})
    assert made.status_code == 201
    assert (made.json()["application"]["company"], made.json()["cool_off_days"]) == ("Globex", 3)
    both = api.post("/rejections", {"application": made.json()["application"]["id"], "company": "X", "role": "Y"})
    assert set(error_of(both, 422)["fields"]) == {"application"}
    neither = api.post("/rejections", {"company": "Globex"})
    assert set(error_of(neither, 422)["fields"]) == {"role"}
    too_long = api.post("/rejections", {"company": "Globex", "role": "Designer", "cool_off_days": 15})
    assert set(error_of(too_long, 422)["fields"]) == {"cool_off_days"}


def test_steps_done_skip_snooze_and_their_conflicts(api: Api) -> None:
    plan = reject(api, interviewed(api))["plan"]
    by_kind = {step["kind"]: step for step in plan}
    done = api.post(f"/steps/{by_kind['reflect']['id']}/done")
    assert (done.status_code, done.json()["status"], done.json()["completed_on"]) == (200, "done", TODAY)
    assert "already done" in error_of(api.post(f"/steps/{by_kind['reflect']['id']}/skip"), 409)["message"]
    skipped = api.post(f"/steps/{by_kind['connect']['id']}/skip").json()
    assert skipped["status"] == "skipped"
    snoozed = api.post(f"/steps/{by_kind['get_back']['id']}/snooze", {"days": 3}).json()
    assert (snoozed["snoozed_until"], snoozed["due"]) == ("2026-03-17", "2026-03-17")
    both = api.post(f"/steps/{by_kind['get_back']['id']}/snooze", {"days": 3, "until": "2026-03-20"})
    assert "one of the two" in error_of(both, 400)["message"]
    assert set(error_of(api.post(f"/steps/{by_kind['get_back']['id']}/snooze", {"days": 91}), 422)["fields"]) == {
        "days"
    }
    assert api.get("/steps", status="pending").json()["count"] == len(plan) - 2
    assert api.get("/steps", rejection=plan[0]["rejection"], limit=1).json()["count"] == len(plan)


def test_a_message_step_drafts_its_message_and_a_sent_draft_settles_it(api: Api) -> None:
    plan = reject(api, interviewed(api))["plan"]
    thanks = next(s for s in plan if s["kind"] == "thank_you" and s["contact"]["name"] == "Ben Ode")
    assert thanks["message"] == "thank_you"
    written = api.post(f"/steps/{thanks['id']}/draft", {"tone": "brief"})
    body = written.json()
    assert written.status_code == 200
    assert body["step"] == thanks["id"]
    assert (body["kind"], body["tone"], body["to"]["name"]) == ("thank_you", "brief", thanks["contact"]["name"])
    assert "dashboard" in body["body"]
    kept = api.post(
        "/drafts",
        {
            "kind": "thank_you",
            "application": thanks["application"]["id"],
            "step": thanks["id"],
            "subject": body["subject"],
            "body": body["body"],
        },
    ).json()
    assert (kept["contact"], kept["sent_on"]) == (thanks["contact"]["id"], None)
    sent = api.post(f"/drafts/{kept['id']}/sent", {})
    assert sent.json()["sent_on"] == TODAY
    assert api.get(f"/steps/{thanks['id']}").json()["status"] == "done"
    assert Interaction.objects.filter(contact__uuid=thanks["contact"]["id"]).exists()
    assert error_of(api.post(f"/drafts/{kept['id']}/sent", {}), 409)["code"] == "conflict"
    assert api.get("/drafts", sent=True).json()["count"] == 1
    pause = next(step for step in plan if step["kind"] == "pause")
    assert error_of(api.post(f"/steps/{pause['id']}/draft"), 409)["code"] == "conflict"


def test_a_draft_about_an_application(api: Api) -> None:
    app = api.post("/applications", {"company": "Initech", "role": "Developer", "applied_on": "2026-02-01"}).json()
    written = api.post("/drafts/render", {"kind": "follow_up", "application": app["id"], "tone": "formal"})
    assert written.status_code == 200
    assert written.json()["step"] is None
    assert "Developer" in written.json()["body"]
    bad = api.post("/drafts/render", {"kind": "love_letter", "application": app["id"]})
    assert set(error_of(bad, 422)["fields"]) == {"kind"}


def test_feedback_keeps_the_words_finds_themes_and_plans_a_reply(api: Api) -> None:
    app = interviewed(api)
    reject(api, app)
    logged = api.post(
        "/feedback",
        {
            "application": app["id"],
            "text": "Strong technical skills, but your examples were too long. We went with an internal candidate.",
            "disagree": True,
        },
    )
    assert logged.status_code == 201, logged.content
    body = logged.json()
    assert body["reply_step"]
    assert body["disagree"]
    assert body["themes"]
    assert PlanStep.objects.get(uuid=body["reply_step"]).kind == "feedback_reply"
    assert api.get(f"/feedback/{body['id']}").json()["text"].startswith("Strong technical skills")
    listed = api.get("/feedback", application=app["id"]).json()
    assert listed["count"] == 1
    assert listed["items"][0]["reply_step"] == body["reply_step"]  # looked up for the whole page at once
    empty = api.post("/feedback", {"application": app["id"], "text": " "})
    assert set(error_of(empty, 422)["fields"]) == {"text"}


OWNED = [
    ("GET", "/rejections/{rejection}", None),
    ("GET", "/steps/{step}", None),
    ("POST", "/steps/{step}/done", None),
    ("POST", "/steps/{step}/skip", None),
    ("POST", "/steps/{step}/snooze", {"days": 2}),
    ("POST", "/steps/{step}/draft", None),
    ("GET", "/feedback/{feedback}", None),
    ("GET", "/drafts/{draft}", None),
    ("POST", "/drafts/{draft}/sent", {}),
]


@pytest.mark.parametrize(("method", "path", "body"), OWNED)
def test_it_checks_ownership(api: Api, outsider_api: Api, owner: User, method: str, path: str, body: Any) -> None:
    app = interviewed(api)
    rejection = reject(api, app)
    step = next(s for s in rejection["plan"] if s["kind"] == "thank_you")
    feedback = api.post("/feedback", {"application": app["id"], "text": "Lovely to meet you"}).json()
    draft = api.post("/drafts", {"kind": "thank_you", "application": app["id"], "body": "Thank you!"}).json()
    url = path.format(rejection=rejection["id"], step=step["id"], feedback=feedback["id"], draft=draft["id"])
    response = outsider_api.get(url) if method == "GET" else outsider_api.send(method, url, body)
    assert error_of(response, 404)["code"] == "not_found"
    assert api.get(f"/steps/{step['id']}").json()["status"] == "pending"
    assert api.get(f"/drafts/{draft['id']}").json()["sent_on"] is None


def test_no_outsider_step_or_application_can_be_named_in_a_draft(api: Api, outsider_api: Api) -> None:
    theirs = reject(outsider_api, interviewed(outsider_api))
    step = theirs["plan"][0]
    mine = api.post("/applications", {"company": "Mine", "role": "Role"}).json()
    refused = api.post(
        "/drafts", {"kind": "thank_you", "application": mine["id"], "step": step["id"], "body": "Thanks"}
    )
    assert set(error_of(refused, 422)["fields"]) == {"step"}
    refused = api.post("/drafts/render", {"kind": "thank_you", "application": theirs["application"]["id"]})
    assert set(error_of(refused, 422)["fields"]) == {"application"}
