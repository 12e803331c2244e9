"""Check-ins (including deleting them) and the mail review queue through the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from onward.mailimport.models import ImportedMail
from onward.momentum.models import CheckIn
from onward.tracker.models import Application
from tests.api.conftest import TODAY, Api, error_of

pytestmark = pytest.mark.django_db


def test_checking_in_once_a_day_and_again(api: Api) -> None:
    first = api.post("/checkins", {"mood": 2, "note": "Tired, but the walk helped"})
    assert first.status_code == 201
    assert {k: first.json()[k] for k in ("on", "mood", "word")} == {"on": TODAY, "mood": 2, "word": "Low"}
    again = api.post("/checkins", {"mood": 4})
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert api.get("/checkins").json()["count"] == 1
    assert set(error_of(api.post("/checkins", {"mood": 6}), 422)["fields"]) == {"mood"}
    assert set(error_of(api.post("/checkins", {"mood": "3"}), 422)["fields"]) == {"mood"}
    assert set(error_of(api.post("/checkins", {"mood": 3, "note": "x" * 5001}), 422)["fields"]) == {"note"}


def test_deleting_one_check_in_or_all_of_them(api: Api, owner: User) -> None:
    made = api.post("/checkins", {"mood": 3}).json()
    deleted = api.delete(f"/checkins/{made['id']}")
    assert deleted.status_code == 204
    assert not CheckIn.objects.exists()
    assert error_of(api.delete(f"/checkins/{made['id']}"), 404)["code"] == "not_found"
    CheckIn.objects.create(owner=owner, on="2026-03-01", mood=2)
    CheckIn.objects.create(owner=owner, on="2026-03-02", mood=3)
    assert set(error_of(api.delete("/checkins"), 422)["fields"]) == {"confirm"}
    assert CheckIn.objects.count() == 2
    assert api.delete("/checkins", confirm="yes").json() == {"deleted": 2}


def test_check_ins_are_private(api: Api, outsider_api: Api) -> None:
    made = api.post("/checkins", {"mood": 1, "note": "Rough day"}).json()
    assert error_of(outsider_api.get(f"/checkins/{made['id']}"), 404)["code"] == "not_found"
    assert error_of(outsider_api.delete(f"/checkins/{made['id']}"), 404)["code"] == "not_found"
    assert outsider_api.delete("/checkins", confirm="yes").json() == {"deleted": 0}
    assert outsider_api.get("/checkins").json()["count"] == 0
    assert api.get(f"/checkins/{made['id']}").json()["note"] == "Rough day"


def waiting(owner: User, **values: Any) -> ImportedMail:
    fields: dict[str, Any] = {
        "owner": owner,
        "fingerprint": f"fp-{ImportedMail.objects.count()}",
        "subject": "Your application to Acme",
        "sender": "Acme Careers",
        "sent_on": "2026-03-10",
        "body": "Thank you for your interest. We have decided to move forward with other candidates.",
        "label": "rejection",
        "confidence": 0.62,
        "evidence": ["“move forward with other candidates”"],
        "company": "Acme",
        "role": "Analyst",
        "proposal": {"application": None, "confidence": 0.0, "reason": "", "action": "track it", "unsure": "Unsure."},
        "status": "review",
        **values,
    }
    return ImportedMail.objects.create(**fields)


def test_the_review_queue_accept_and_dismiss(api: Api, owner: User) -> None:
    first, second = waiting(owner), waiting(owner, subject="Newsletter", label="other_job")
    queue = api.get("/mail/review").json()
    assert queue["count"] == 2
    assert {m["id"] for m in queue["items"]} == {str(first.uuid), str(second.uuid)}
    accepted = api.post(f"/mail/messages/{first.uuid}/accept").json()
    assert accepted["status"] == "applied"
    assert accepted["application"]
    assert accepted["done"]
    application = Application.objects.get(uuid=accepted["application"])
    assert (application.company.name, application.stage) == ("Acme", "rejected")
    assert "already filed" in error_of(api.post(f"/mail/messages/{first.uuid}/accept"), 409)["message"]
    dismissed = api.post(f"/mail/messages/{second.uuid}/dismiss").json()
    assert (dismissed["status"], dismissed["body"]) == ("dismissed", "")
    assert api.get("/mail/review").json()["count"] == 0


def test_filing_a_message_your_way(api: Api, owner: User) -> None:
    app = api.post("/applications", {"company": "Globex", "role": "Engineer"}).json()
    item = waiting(owner, label="interview", company="Glob", role="")
    filed = api.post(f"/mail/messages/{item.uuid}/file", {"label": "interview", "application": app["id"]}).json()
    assert (filed["status"], filed["application"]) == ("applied", app["id"])
    assert api.get(f"/applications/{app['id']}").json()["stage"] == "interviewing"
    undone = api.post(f"/mail/messages/{item.uuid}/undo").json()
    assert (undone["status"], undone["application"]) == ("review", None)
    assert api.get(f"/applications/{app['id']}").json()["stage"] == "applied"
    refused = api.post(f"/mail/messages/{waiting(owner).uuid}/file", {"label": "offered"})
    assert set(error_of(refused, 422)["fields"]) == {"label"}


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", ""), ("POST", "/accept"), ("POST", "/dismiss"), ("POST", "/undo"), ("POST", "/file")],
)
def test_it_checks_ownership(api: Api, outsider_api: Api, owner: User, method: str, path: str) -> None:
    item = waiting(owner)
    url = f"/mail/messages/{item.uuid}{path}"
    body = {"label": "not_job"} if path == "/file" else None
    response = outsider_api.get(url) if method == "GET" else outsider_api.send(method, url, body)
    assert error_of(response, 404)["code"] == "not_found"
    assert outsider_api.get("/mail/review").json()["count"] == 0
    item.refresh_from_db()
    assert item.status == "review"
