"""Tracker pages: the owner's flows, forms that keep what was typed, and an outsider who gets 404."""

from __future__ import annotations

import re
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


def test_the_interview_form_lists_the_companys_people_first_and_keeps_everyone_selectable(
    owner_client: Client, owner: User, application: Application, contact: Contact
) -> None:
    """Priya is linked to the Acme application; Dana works at Acme; eight more people are elsewhere."""
    dana = actions.add_contact(owner, name="Dana Acme-Team", company="Acme", relationship="interviewer")
    elsewhere = [
        actions.add_contact(owner, name=f"Person {n} at Globex", company="Globex", relationship="interviewer")
        for n in range(8)
    ]
    url = reverse("tracker:interview_add", args=[application.uuid])
    page = owner_client.get(url).content.decode()
    people = page[page.index('<fieldset class="choices people-met"') : page.index("New people you met")]
    assert "<legend>People you met</legend>" in people
    first = people.index('<fieldset class="people-met__group"><legend>At Acme</legend>')
    other = people.index("<legend>Other people</legend>")
    assert first < people.index("Dana Acme-Team") < other
    assert first < people.index("Priya Shah") < other
    assert other < people.index("Person 0 at Globex")
    assert "<summary>Other people (8)</summary>" in people  # a long list of the rest waits behind a summary
    for person in (contact, dana, *elsewhere):  # and every contact can still be ticked
        assert f'name="contacts" value="{person.pk}"' in people
    # Sent back with an error, what was typed and ticked is kept, and a ticked "other" person is in view.
    data = {
        "on": "2026-03-09",
        "kind": "technical",
        "contacts": [dana.pk, elsewhere[3].pk],
        "new_people": "Hannah Okafor, not-an-address",
        "topics": "SQL window functions",
    }
    bad = owner_client.post(url, data).content.decode()
    assert "does not look like an email address" in bad
    assert "SQL window functions" in bad
    assert "Hannah Okafor, not-an-address" in bad
    for person in (dana, elsewhere[3]):
        assert re.search(rf'<input type="checkbox" name="contacts" value="{person.pk}"[^>]*checked', bad)
    assert '<details class="people-met__more" open><summary>Other people (8)</summary>' in bad  # the tick in view
    # A made-up contact is refused on the field, tied to it for screen readers.
    made_up = owner_client.post(url, {**data, "new_people": "", "contacts": [dana.pk, 99999]}).content.decode()
    assert 'aria-describedby="id_contacts_error"' in made_up
    assert 'id="id_contacts_error"' in made_up
    owner_client.post(url, {**data, "new_people": ""})
    interview = Interview.objects.get()
    assert set(interview.contacts.all()) == {dana, elsewhere[3]}


def test_the_interview_form_without_anyone_at_the_company(owner_client: Client, owner: User) -> None:
    app = actions.add_application(owner, company="Initech", role="Analyst", today=TODAY).application
    url = reverse("tracker:interview_add", args=[app.uuid])
    assert 'class="choices people-met"' not in owner_client.get(url).content.decode()  # nobody to choose yet
    actions.add_contact(owner, name="Sam Globex", company="Globex")
    page = owner_client.get(url).content.decode()
    assert "<legend>People you met</legend>" in page
    assert "Sam Globex" in page
    assert "<summary>" not in page  # a short list is shown as it is
    assert "At Initech" not in page
    # A recruiter from an agency, linked to the application, comes first too, and the legend says why.
    actions.add_contact(owner, name="Jo Hays", company="Hays", relationship="recruiter", application=app)
    page = owner_client.get(url).content.decode()
    assert page.index("<legend>At Initech or on this application</legend>") < page.index("Jo Hays")
    assert page.index("Jo Hays") < page.index("<legend>Other people</legend>") < page.index("Sam Globex")
