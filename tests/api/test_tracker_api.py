"""Applications, contacts, conversations and interviews through the API: what the web does, as JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from onward.tracker.models import Application, StageEvent
from tests.api.conftest import TODAY, Api, error_of

pytestmark = pytest.mark.django_db


def add(api: Api, **values: Any) -> dict[str, Any]:
    response = api.post("/applications", {"company": "Acme", "role": "Data analyst", **values})
    assert response.status_code == 201, response.content
    return dict(response.json())


def test_adding_an_application_records_its_history(api: Api) -> None:
    made = add(api, stage="screening", applied_on="2026-03-01", source="referral", salary_min=50000, salary_max=60000)
    assert (made["stage"], made["applied_on"], made["source"], made["warnings"]) == (
        "screening",
        "2026-03-01",
        "referral",
        [],
    )
    assert [e["stage"] for e in made["stage_history"]] == ["applied", "screening"]
    again = add(api)
    assert "already track an open application" in again["warnings"][0]
    assert api.get(f"/applications/{made['id']}").json()["salary_min"] == 50000


def test_the_list_filters_and_pages(api: Api) -> None:
    for n in range(5):
        add(api, company=f"Company {n}", role="Designer" if n % 2 else "Analyst", source="referral" if n else "")
    add(api, company="Gone", role="Analyst", stage="withdrawn")
    listed = api.get("/applications", limit=2, offset=1).json()
    assert (listed["count"], len(listed["items"]), listed["limit"], listed["offset"]) == (6, 2, 2, 1)
    assert api.get("/applications", q="designer").json()["count"] == 2
    assert api.get("/applications", source="referral").json()["count"] == 4
    assert api.get("/applications", state="closed").json()["items"][0]["company"] == "Gone"
    assert api.get("/applications", state="open").json()["count"] == 5
    assert api.get("/applications", stage="withdrawn").json()["count"] == 1
    assert api.get("/applications", applied_since="2026-03-15").json()["count"] == 0
    bad = error_of(api.get("/applications", limit=500, stage="maybe"), 422)
    assert set(bad["fields"]) == {"limit", "stage"}


def test_editing_changes_only_what_was_sent(api: Api) -> None:
    made = add(api, location="Lyon", notes="Met them at a meetup")
    edited = api.patch(f"/applications/{made['id']}", {"company": "Acme Labs", "salary_max": 70000, "location": ""})
    body = edited.json()
    assert edited.status_code == 200
    assert (body["company"], body["salary_max"], body["location"], body["notes"]) == (
        "Acme Labs",
        70000,
        "",
        "Met them at a meetup",
    )
    assert body["stage"] == "applied"  # the stage moves only through …/stage
    refused = api.patch(f"/applications/{made['id']}", {"stage": "offer"})
    assert error_of(refused, 422)["fields"] == {"stage": "onward doesn't know this field; check its spelling."}
    backwards = api.patch(f"/applications/{made['id']}", {"salary_min": 90000})
    assert "swap the two numbers" in error_of(backwards, 400)["message"]


def test_stage_changes_are_kept_and_a_repeat_is_a_conflict(api: Api) -> None:
    made = add(api)
    moved = api.post(f"/applications/{made['id']}/stage", {"stage": "interviewing"})
    assert moved.json()["stage"] == "interviewing"
    assert StageEvent.objects.filter(application__uuid=made["id"]).count() == 2
    assert error_of(api.post(f"/applications/{made['id']}/stage", {"stage": "interviewing"}), 409)["code"] == "conflict"
    future = api.post(f"/applications/{made['id']}/stage", {"stage": "offer", "on": "2026-04-01"})
    assert "in the future" in error_of(future, 400)["message"]


def test_notes_and_the_timeline(api: Api) -> None:
    made = add(api)
    note = api.post(f"/applications/{made['id']}/notes", {"text": "Ask about the team size", "on": "2026-03-12"})
    assert note.status_code == 201
    assert note.json()["on"] == "2026-03-12"
    notes = api.get(f"/applications/{made['id']}/notes").json()
    assert ([n["text"] for n in notes["items"]], notes["count"]) == (["Ask about the team size"], 1)
    story = api.get(f"/applications/{made['id']}/timeline").json()
    assert {entry["kind"] for entry in story["items"]} == {"note", "stage"}
    assert story["count"] == len(story["items"])
    newest = api.get(f"/applications/{made['id']}/timeline", limit=1).json()
    assert (newest["items"], newest["count"]) == (story["items"][:1], story["count"])
    assert error_of(api.post(f"/applications/{made['id']}/notes", {"text": "   "}), 422)["fields"] == {
        "text": "This can't be empty."
    }


def test_contacts_and_conversations(api: Api) -> None:
    made = add(api)
    ana = api.post(
        "/contacts",
        {"name": "Ana Ruiz", "email": "ana@acme.example", "relationship": "recruiter", "application": made["id"]},
    )
    assert ana.status_code == 201
    body = ana.json()
    assert (body["company"], body["applications"], body["cadence_days"]) == ("Acme", [made["id"]], None)
    edited = api.patch(f"/contacts/{body['id']}", {"cadence_days": 90, "company": ""}).json()
    assert (edited["cadence_days"], edited["company"], edited["name"]) == (90, None, "Ana Ruiz")
    logged = api.post(f"/contacts/{body['id']}/interactions", {"channel": "call", "note": "Quick catch-up"})
    assert logged.status_code == 201
    assert logged.json()["on"] == TODAY
    assert api.get(f"/contacts/{body['id']}").json()["last_contact_on"] == TODAY
    assert api.get(f"/contacts/{body['id']}/interactions").json()["count"] == 1
    assert api.get("/contacts", q="ruiz", relationship="recruiter").json()["count"] == 1
    bad = api.post("/contacts", {"name": "Bo", "email": "not-an-email", "cadence_days": 0})
    assert set(error_of(bad, 422)["fields"]) == {"email", "cadence_days"}


def test_interviews_with_people_met_old_and_new(api: Api) -> None:
    made = add(api, stage="interviewing")
    ana = api.post("/contacts", {"name": "Ana Ruiz"}).json()
    recorded = api.post(
        "/interviews",
        {
            "application": made["id"],
            "on": "2026-03-10",
            "kind": "technical",
            "contacts": [ana["id"]],
            "new_people": [{"name": "Ben Ode", "email": "ben@acme.example"}],
            "liked": "The dashboard story",
        },
    )
    assert recorded.status_code == 201, recorded.content
    body = recorded.json()
    assert sorted(p["name"] for p in body["people"]) == ["Ana Ruiz", "Ben Ode"]
    assert api.get(f"/interviews/{body['id']}").json()["liked"] == "The dashboard story"
    assert api.get("/interviews", application=made["id"]).json()["count"] == 1
    assert api.get("/contacts", relationship="interviewer").json()["items"][0]["name"] == "Ben Ode"


def test_ids_in_a_body_that_are_not_yours_name_their_field(api: Api, outsider_api: Api) -> None:
    theirs = add(outsider_api, company="Private Co")
    their_contact = outsider_api.post("/contacts", {"name": "Secret person"}).json()
    mine = add(api)
    refused = api.post("/interviews", {"application": mine["id"], "on": TODAY, "contacts": [their_contact["id"]]})
    assert set(error_of(refused, 422)["fields"]) == {"contacts.0"}
    assert set(error_of(api.post("/contacts", {"name": "X", "application": theirs["id"]}), 422)["fields"]) == {
        "application"
    }
    assert Application.objects.get(uuid=theirs["id"]).contacts.count() == 0


OWNED = [
    ("GET", "/applications/{application}", None),
    ("PATCH", "/applications/{application}", {"notes": "mine now"}),
    ("POST", "/applications/{application}/stage", {"stage": "offer"}),
    ("GET", "/applications/{application}/notes", None),
    ("POST", "/applications/{application}/notes", {"text": "hello"}),
    ("GET", "/applications/{application}/timeline", None),
    ("GET", "/contacts/{contact}", None),
    ("PATCH", "/contacts/{contact}", {"name": "Renamed"}),
    ("GET", "/contacts/{contact}/interactions", None),
    ("POST", "/contacts/{contact}/interactions", {"note": "hi"}),
    ("GET", "/interviews/{interview}", None),
]


@pytest.mark.parametrize(("method", "path", "body"), OWNED)
def test_it_checks_ownership(api: Api, outsider_api: Api, owner: User, method: str, path: str, body: Any) -> None:
    made = add(api)
    contact = api.post("/contacts", {"name": "Ana"}).json()
    interview = api.post("/interviews", {"application": made["id"], "on": TODAY, "contacts": [contact["id"]]}).json()
    url = path.format(application=made["id"], contact=contact["id"], interview=interview["id"])
    response = outsider_api.get(url) if method == "GET" else outsider_api.send(method, url, body)
    assert error_of(response, 404)["code"] == "not_found"
    assert api.get(f"/applications/{made['id']}").json()["notes"] == ""
    assert api.get(f"/contacts/{contact['id']}").json()["name"] == "Ana"
