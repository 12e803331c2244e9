"""Tracker pages: the owner's flows, forms that keep what was typed, and an outsider who gets 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from onward.tracker import actions
from onward.tracker.models import Application, Contact, Interview

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 20)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())


@pytest.fixture
def application(owner: User) -> Application:
    app = actions.add_application(
        owner, company="Acme", role="Data analyst", today=TODAY, applied_on=date(2026, 3, 2), notes="Team of six"
    ).application
    return app


@pytest.fixture
def contact(owner: User, application: Application) -> Contact:
    return actions.add_contact(owner, name="Priya Shah", relationship="recruiter", application=application)


def owner_urls(application: Application, contact: Contact) -> list[tuple[str, str]]:
    a, c = application.uuid, contact.uuid
    return [
        ("get", reverse("tracker:detail", args=[a])),
        ("get", reverse("tracker:edit", args=[a])),
        ("post", reverse("tracker:edit", args=[a])),
        ("post", reverse("tracker:stage", args=[a])),
        ("post", reverse("tracker:note", args=[a])),
        ("get", reverse("tracker:interview_add", args=[a])),
        ("post", reverse("tracker:interview_add", args=[a])),
        ("get", reverse("tracker:contact_add") + f"?application={a}"),
        ("get", reverse("tracker:contact_detail", args=[c])),
        ("get", reverse("tracker:contact_edit", args=[c])),
        ("post", reverse("tracker:contact_edit", args=[c])),
        ("post", reverse("tracker:contact_log", args=[c])),
    ]


def test_it_checks_ownership(outsider_client: Client, application: Application, contact: Contact) -> None:
    for method, url in owner_urls(application, contact):
        data = {"stage": "screening", "text": "x", "name": "x", "company": "x", "role": "x", "on": "2026-03-10"}
        response = getattr(outsider_client, method)(url, data if method == "post" else None)
        assert response.status_code == 404, (method, url)
    application.refresh_from_db()
    assert application.stage == "applied"
    assert not application.dated_notes.exists()


def test_outsiders_see_none_of_the_owners_data_in_lists(
    outsider_client: Client, application: Application, contact: Contact
) -> None:
    for name in ("tracker:list", "tracker:board", "tracker:contacts", "tracker:export_csv"):
        body = outsider_client.get(reverse(name)).content.decode()
        assert "Acme" not in body, name
        assert "Priya" not in body, name


def test_lists_need_a_signed_in_user(client: Client) -> None:
    for name in ("tracker:list", "tracker:board", "tracker:contacts", "tracker:add"):
        assert client.get(reverse(name)).status_code == 302


def test_add_an_application_from_the_form(owner_client: Client, owner: User) -> None:
    response = owner_client.post(
        reverse("tracker:add"),
        {"company": "Globex", "role": "Analyst", "stage": "applied", "applied_on": "2026-03-18", "source": "referral"},
    )
    app = Application.objects.for_user(owner).get()
    assert response.headers["Location"] == reverse("tracker:detail", args=[app.uuid])
    assert (app.company.name, app.role, app.source, app.applied_on) == (
        "Globex",
        "Analyst",
        "referral",
        date(2026, 3, 18),
    )


def test_the_form_keeps_what_was_typed_on_an_error(owner_client: Client, owner: User) -> None:
    response = owner_client.post(
        reverse("tracker:add"),
        {"company": "Globex", "role": "Analyst", "stage": "applied", "applied_on": "2026-04-01", "location": "Lisbon"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "is in the future" in body
    assert 'value="Globex"' in body
    assert 'value="Lisbon"' in body
    assert not Application.objects.exists()


def test_a_duplicate_warns_but_adds(owner_client: Client, application: Application) -> None:
    response = owner_client.post(
        reverse("tracker:add"), {"company": "acme", "role": "Data analyst", "stage": "applied"}, follow=True
    )
    assert "already track an open application" in response.content.decode()
    assert Application.objects.count() == 2


def test_the_board_groups_by_stage_and_folds_closed_ones(owner_client: Client, owner: User) -> None:
    open_one = actions.add_application(owner, company="Open Co", role="Analyst", today=TODAY).application
    closed = actions.add_application(owner, company="Closed Co", role="Analyst", today=TODAY).application
    actions.change_stage(owner, closed, "rejected", today=TODAY)
    board = owner_client.get(reverse("tracker:board")).content.decode()
    assert "Open Co" in board
    assert "Closed Co" not in board
    assert "Show 1 closed application" in board
    unfolded = owner_client.get(reverse("tracker:board") + "?closed=1").content.decode()
    assert "Closed Co" in unfolded
    assert "Closed — next steps" in unfolded
    assert open_one.uuid.hex[:8]  # both exist


def test_moving_a_card_with_htmx_returns_the_board(owner_client: Client, application: Application) -> None:
    response = owner_client.post(
        reverse("tracker:stage", args=[application.uuid]),
        {"stage": "screening", "from": "board"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="board"')
    assert "<html" not in body
    application.refresh_from_db()
    assert application.stage == "screening"


def test_moving_a_card_without_javascript_redirects_back(owner_client: Client, application: Application) -> None:
    response = owner_client.post(
        reverse("tracker:stage", args=[application.uuid]),
        {"stage": "interviewing", "from": "board", "next": reverse("tracker:board")},
    )
    assert response.headers["Location"] == reverse("tracker:board")
    application.refresh_from_db()
    assert application.stage == "interviewing"


def test_stage_errors_on_the_detail_page_keep_the_form(owner_client: Client, application: Application) -> None:
    response = owner_client.post(
        reverse("tracker:stage", args=[application.uuid]), {"stage": "screening", "on": "2026-02-01"}
    )
    assert response.status_code == 400
    assert "before you applied" in response.content.decode()


def test_the_application_page_tells_its_whole_story(
    owner_client: Client, owner: User, application: Application, contact: Contact
) -> None:
    owner_client.post(reverse("tracker:stage", args=[application.uuid]), {"stage": "screening", "on": "2026-03-05"})
    owner_client.post(reverse("tracker:note", args=[application.uuid]), {"text": "Ask about the data stack"})
    owner_client.post(
        reverse("tracker:interview_add", args=[application.uuid]),
        {
            "on": "2026-03-09",
            "kind": "technical",
            "contacts": [contact.pk],
            "new_people": "Tomás Ribeiro, tomas@acme.example\nHannah Okafor",
            "topics": "SQL window functions",
            "liked": "The churn dashboard story",
        },
    )
    owner_client.post(reverse("tracker:contact_log", args=[contact.uuid]), {"channel": "call", "note": "Debrief"})
    body = owner_client.get(reverse("tracker:detail", args=[application.uuid])).content.decode()
    for text in (
        "Moved to Screening",
        "Moved to Applied",
        "Ask about the data stack",
        "Technical interview with",
        "Tomás Ribeiro",
        "SQL window functions",
        "The churn dashboard story",
    ):
        assert text in body, text
    interview = Interview.objects.get()
    assert {c.name for c in interview.contacts.all()} == {"Priya Shah", "Tomás Ribeiro", "Hannah Okafor"}
    assert Contact.objects.get(name="Hannah Okafor").relationship == "interviewer"


def test_an_empty_note_is_refused_and_nothing_lost(owner_client: Client, application: Application) -> None:
    response = owner_client.post(reverse("tracker:note", args=[application.uuid]), {"text": "  ", "on": "2026-03-10"})
    assert response.status_code == 400
    assert 'value="2026-03-10"' in response.content.decode()


def test_search_and_filters(owner_client: Client, owner: User) -> None:
    actions.add_application(owner, company="Acme", role="Data analyst", today=TODAY, applied_on=date(2026, 1, 5))
    actions.add_application(
        owner, company="Globex", role="Engineer", today=TODAY, applied_on=date(2026, 3, 5), notes="python team"
    )
    actions.add_application(owner, company="Initech", role="Designer", today=TODAY, source="referral")

    def names(**params: str) -> set[str]:
        response = owner_client.get(reverse("tracker:list"), params)
        return {a.company.name for a in response.context["applications"]}

    assert names(q="python") == {"Globex"}
    assert names(q="data acme") == {"Acme"}
    assert names(source="referral") == {"Initech"}
    assert names(since="2026-02-01", until="2026-03-10") == {"Globex"}
    assert names(stage="applied") == {"Acme", "Globex", "Initech"}


def test_live_search_returns_only_the_results_fragment(owner_client: Client, application: Application) -> None:
    response = owner_client.get(reverse("tracker:list"), {"q": "acme"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "Acme" in body


def test_contacts_page_and_logging(owner_client: Client, contact: Contact) -> None:
    assert "Priya Shah" in owner_client.get(reverse("tracker:contacts")).content.decode()
    response = owner_client.post(
        reverse("tracker:contact_log", args=[contact.uuid]), {"on": "2026-03-19", "channel": "linkedin", "note": "Hi"}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.last_contact_on == date(2026, 3, 19)
    future = owner_client.post(
        reverse("tracker:contact_log", args=[contact.uuid]), {"on": "2026-04-19", "channel": "call", "note": "Hi"}
    )
    assert future.status_code == 400
    assert "in the future" in future.content.decode()


def test_csv_export_download(owner_client: Client, application: Application) -> None:
    response = owner_client.get(reverse("tracker:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert body.splitlines()[0].startswith("id,company,role,stage")
    assert "applied 2026-03-02" in body


def test_empty_states_say_what_to_do(owner_client: Client) -> None:
    assert "Add your first application" in owner_client.get(reverse("tracker:board")).content.decode()
    assert "Add your first application" in owner_client.get(reverse("tracker:list")).content.decode()
    assert "Add a contact" in owner_client.get(reverse("tracker:contacts")).content.decode()
