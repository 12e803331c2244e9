"""The draft page and its actions: compose from the plan, check live, save, download, mark sent.

Real database, real views; an outsider gets 404 everywhere.
"""

from __future__ import annotations

import email
import html
from datetime import date
from email import policy
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from onward.accounts.actions import save_preferences
from onward.drafts import actions
from onward.drafts.models import Draft
from onward.plans import actions as plans
from onward.plans.models import PlanStep, Rejection
from onward.tracker import actions as tracker
from onward.tracker.models import Interaction

pytestmark = pytest.mark.django_db
R = date(2026, 3, 10)
TODAY = date(2026, 3, 13)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings: object) -> None:
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())
    settings.ONWARD_DATA_DIR = str(tmp_path)  # type: ignore[attr-defined]


@pytest.fixture
def rejection(owner: User) -> Rejection:
    """A final round with an interviewer (with notes) and a recruiter (no email)."""
    save_preferences(owner, your_name="Alex Morgan")
    app = tracker.add_application(owner, company="Acme", role="Data analyst", today=R, applied_on=date(2026, 2, 1))
    tracker.add_application(owner, company="Globex", role="Analyst", today=R)
    priya = tracker.add_contact(
        owner, name="Priya Shah", relationship="interviewer", email="priya@acme.example", company="Acme"
    )
    tom = tracker.add_contact(owner, name="Tom Reyes", relationship="recruiter", application=app.application)
    tracker.add_interview(
        owner,
        app.application,
        on=date(2026, 3, 3),
        today=R,
        kind="final",
        contacts=[priya],
        topics="Forecasting churn, <b>dashboards</b> for the ops team",
        liked="",
    )
    assert tom.pk
    return plans.log_rejection(owner, app.application, today=R, stage_reached="final")


def _step(rejection: Rejection, kind: str, name: str = "") -> PlanStep:
    found = rejection.steps.filter(kind=kind)
    if name:
        found = found.filter(contact__name=name)
    return found.get()


def test_it_checks_ownership(outsider_client: Client, rejection: Rejection) -> None:
    step = _step(rejection, "thank_you", "Priya Shah")
    app = rejection.application
    urls = [
        ("get", reverse("drafts:step", args=[step.uuid])),
        ("post", reverse("drafts:step", args=[step.uuid])),
        ("get", reverse("drafts:new", args=["follow_up"]) + f"?application={app.uuid}"),
        ("post", reverse("drafts:new", args=["follow_up"]) + f"?application={app.uuid}"),
        ("post", reverse("drafts:lint")),
    ]
    data = {"application": str(app.uuid), "kind": "thank_you", "body": "Hi", "tone": "warm", "action": "sent"}
    for method, url in urls:
        response = getattr(outsider_client, method)(url, data if method == "post" else None)
        assert response.status_code == 404, url
    step.refresh_from_db()
    assert step.status == "pending"
    assert not Draft.objects.exists()
    assert not Interaction.objects.exists()


def test_every_message_step_on_today_opens_a_draft(owner_client: Client, rejection: Rejection) -> None:
    today = owner_client.get("/").content.decode()
    for step in rejection.steps.filter(links_to="draft"):
        draft = reverse("drafts:step", args=[step.uuid])
        if step.due <= TODAY:  # a card with its draft, or one of the lines under the first cards, opening the card
            assert draft in today or reverse("plans:step", args=[step.uuid]) in today, step.title
            assert draft in owner_client.get(reverse("plans:step", args=[step.uuid])).content.decode()
        page = owner_client.get(reverse("drafts:step", args=[step.uuid]))
        assert page.status_code == 200
        body = page.content.decode()
        assert "Acme" in body
        assert "Alex Morgan" in body or step.kind == "connect"
        assert "Reads well. Nothing to fix." in body, step.title


def test_a_thank_you_draft_is_personal(owner_client: Client, rejection: Rejection) -> None:
    step = _step(rejection, "thank_you", "Priya Shah")
    page = owner_client.get(reverse("drafts:step", args=[step.uuid])).content.decode()
    assert "Hi Priya," in page
    assert "forecasting churn" in page
    assert "Data analyst role" in page
    assert "priya@acme.example" in page
    assert "mailto:priya%40acme.example?subject=" in page


def test_notes_with_html_are_shown_as_text(owner_client: Client, rejection: Rejection, owner: User) -> None:
    app = rejection.application
    priya = app.interviews.get().contacts.get()
    tracker.add_interview(
        owner, app, on=date(2026, 3, 4), today=R, kind="technical", contacts=[priya], topics="<script>x()</script> SQL"
    )
    page = owner_client.get(reverse("drafts:step", args=[_step(rejection, "thank_you", "Priya Shah").uuid]))
    html = page.content.decode()
    assert "<script>x()</script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt; SQL" in html


def test_a_contact_without_email_still_gets_a_draft(owner_client: Client, rejection: Rejection) -> None:
    step = _step(rejection, "feedback_request")
    assert step.contact is not None
    assert step.contact.name == "Tom Reyes"
    page = owner_client.get(reverse("drafts:step", args=[step.uuid])).content.decode()
    assert "Hi Tom," in page
    assert "no email on file" in page
    assert "No email on file for Tom Reyes" in page


def test_the_live_lint_updates_as_the_text_changes(owner_client: Client, rejection: Rejection) -> None:
    app = rejection.application
    base = {"kind": "thank_you", "application": str(app.uuid), "channel": "email"}
    clean = "Hi Priya,\n\nThanks for the Data analyst interview at Acme.\n\nBest,\nAlex"
    response = owner_client.post(reverse("drafts:lint"), base | {"body": clean}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Reads well" in response.content.decode()
    wrong = clean.replace("at Acme", "at Globex") + "\n\nPlease reconsider."
    findings = owner_client.post(reverse("drafts:lint"), base | {"body": wrong}).content.decode()
    assert 'data-code="wrong_company"' in findings
    assert 'data-code="repitch"' in findings
    assert "<html" not in findings  # a fragment, not a page


def test_the_connection_note_counts_characters(owner_client: Client, rejection: Rejection) -> None:
    app = rejection.application
    data = {"kind": "connect_note", "application": str(app.uuid), "body": "Hi Priya, Acme. " + "x" * 190}
    found = owner_client.post(reverse("drafts:lint"), data).content.decode()
    assert "206 of 200 characters" in found
    assert 'data-code="too_long"' in found


def test_save_keeps_the_edits(owner_client: Client, rejection: Rejection) -> None:
    step = _step(rejection, "thank_you", "Priya Shah")
    url = reverse("drafts:step", args=[step.uuid])
    edited = "Hi Priya,\n\nThank you for the Acme final round. I enjoyed the churn forecasting chat.\n\nBest,\nAlex"
    response = owner_client.post(url, {"tone": "warm", "subject": "Thanks!", "body": edited, "action": "save"})
    assert response.status_code == 302
    page = owner_client.get(url).content.decode()
    assert "I enjoyed the churn forecasting chat." in page
    assert 'value="Thanks!"' in page
    step.refresh_from_db()
    assert step.status == "pending"


def test_an_empty_message_is_refused_and_nothing_is_lost(owner_client: Client, rejection: Rejection) -> None:
    step = _step(rejection, "thank_you", "Priya Shah")
    url = reverse("drafts:step", args=[step.uuid])
    response = owner_client.post(url, {"tone": "warm", "subject": "Keep this subject", "body": "  ", "action": "sent"})
    assert response.status_code == 400
    assert "The message is empty" in response.content.decode()
    assert 'value="Keep this subject"' in response.content.decode()
    step.refresh_from_db()
    assert step.status == "pending"


def test_write_it_again_in_another_tone(owner_client: Client, rejection: Rejection) -> None:
    step = _step(rejection, "thank_you", "Priya Shah")
    url = reverse("drafts:step", args=[step.uuid])
    page = owner_client.post(url, {"tone": "formal", "body": "mine", "action": "rewrite"}).content.decode()
    assert "Dear Priya," in page
    assert "Written again in a formal tone" in page


def test_mark_sent_logs_the_conversation_completes_the_step_and_keeps_the_text(
    owner_client: Client, rejection: Rejection
) -> None:
    step = _step(rejection, "thank_you", "Priya Shah")
    url = reverse("drafts:step", args=[step.uuid])
    text = "Hi Priya,\n\nThank you for the final round at Acme; forecasting churn was fun.\n\nBest,\nAlex"
    response = owner_client.post(url, {"tone": "warm", "subject": "Thank you", "body": text, "action": "sent"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == "done"
    assert step.completed_on == TODAY
    interaction = Interaction.objects.get()
    assert interaction.contact.name == "Priya Shah"
    assert interaction.channel == "email"
    assert interaction.application == rejection.application
    assert interaction.on == TODAY
    assert interaction.contact.last_contact_on == TODAY
    detail = owner_client.get(reverse("tracker:detail", args=[rejection.application.uuid])).content.decode()
    assert "Sent a thank-you to Priya Shah" in detail
    assert "forecasting churn was fun." in detail
    again = owner_client.post(url, {"tone": "warm", "body": text, "action": "sent"})
    assert again.status_code == 302  # a new draft for a done step: nothing breaks, nothing doubles up
    assert Interaction.objects.count() == 2


def test_a_combined_thank_you_settles_the_feedback_request_too(owner: User, rejection: Rejection) -> None:
    tom = rejection.steps.get(kind="feedback_request").contact
    step = _step(rejection, "thank_you", "Tom Reyes")
    composed = actions.compose_for_step(owner, step, today=TODAY, options=actions.Options(ask_feedback=True))
    assert composed.combinable
    assert "feedback" in composed.draft.body
    draft = actions.save_draft(
        owner,
        kind="thank_you",
        application=rejection.application,
        contact=tom,
        step=step,
        tone="warm",
        channel="email",
        subject=composed.draft.subject or "",
        body=composed.draft.body,
        options=composed.options,
    )
    actions.mark_sent(owner, draft, today=TODAY)
    assert set(rejection.steps.filter(contact=tom).exclude(kind="stay_in_touch").values_list("kind", "status")) >= {
        ("thank_you", "done"),
        ("feedback_request", "done"),
    }


def test_download_as_eml(owner_client: Client, rejection: Rejection) -> None:
    step = _step(rejection, "thank_you", "Priya Shah")
    text = "Hi Priya,\n\nThank you — the Acme final round was a pleasure. 🙂\n\nBest,\nAlex"
    response = owner_client.post(
        reverse("drafts:step", args=[step.uuid]),
        {"tone": "warm", "subject": "Thank you, Priya", "body": text, "action": "eml"},
    )
    assert response["Content-Type"] == "message/rfc822"
    assert 'filename="thank-you-priya-shah.eml"' in response["Content-Disposition"]
    message = email.message_from_bytes(response.content, policy=policy.default)
    assert message["To"] == "Priya Shah <priya@acme.example>"
    assert message["Subject"] == "Thank you, Priya"
    assert message["X-Unsent"] == "1"
    assert message.get_content().strip() == text
    step.refresh_from_db()
    assert step.status == "pending"


def test_the_mailto_link_carries_subject_and_body(owner_client: Client, rejection: Rejection) -> None:
    step = _step(rejection, "thank_you", "Priya Shah")
    page = owner_client.get(reverse("drafts:step", args=[step.uuid])).content.decode()
    link = page.split('href="mailto:', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert unquote(link.split("?", 1)[0]) == "priya@acme.example"
    body = unquote(link.split("&body=", 1)[1])
    assert body.startswith("Hi Priya,\r\n\r\n")
    assert "Alex Morgan" in body


def test_the_connection_notes_count_down_for_the_month(owner: User, owner_client: Client, rejection: Rejection) -> None:
    save_preferences(owner, connect_notes_per_month=1)
    step = _step(rejection, "connect", "Priya Shah")
    url = reverse("drafts:step", args=[step.uuid])
    page = owner_client.get(url).content.decode()
    assert "1</strong> of 1 left" in page
    note = "Hi Priya, we met during the final round for the Data analyst role at Acme. Glad to connect."
    owner_client.post(url, {"tone": "warm", "body": note, "action": "sent"})
    assert Interaction.objects.get().channel == "linkedin"
    other = _step(rejection, "connect", "Tom Reyes")
    page = html.unescape(owner_client.get(reverse("drafts:step", args=[other.uuid])).content.decode())
    assert "0</strong> of 1 left" in page
    assert "This month's personal notes are used" in page
    assert "Find Tom Reyes on LinkedIn" in page


def test_a_follow_up_from_the_application_page(owner: User, owner_client: Client) -> None:
    app = tracker.add_application(owner, company="Initech", role="QA lead", today=R, applied_on=date(2026, 2, 20))
    recruiter = tracker.add_contact(
        owner, name="Ana Lima", relationship="recruiter", email="ana@initech.example", application=app.application
    )
    detail = owner_client.get(reverse("tracker:detail", args=[app.application.uuid])).content.decode()
    url = (
        reverse("drafts:new", args=["follow_up"]) + f"?application={app.application.uuid}&amp;contact={recruiter.uuid}"
    )
    assert url in detail
    page = owner_client.get(url.replace("&amp;", "&")).content.decode()
    assert "Hi Ana," in page
    assert "20 February" in page
    assert "Initech" in page


def test_a_persons_own_phrasings_are_used_and_a_broken_file_is_explained(
    owner_client: Client, rejection: Rejection, tmp_path: Path
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "thank_you.toml").write_text('[warm]\nask = ["Do think of me for what comes next at {company}."]\n')
    url = reverse("drafts:step", args=[_step(rejection, "thank_you", "Priya Shah").uuid])
    assert "Do think of me for what comes next at Acme." in owner_client.get(url).content.decode()
    (folder / "thank_you.toml").write_text('[warm]\nask = ["Hi {firstname}"]\n')
    response = owner_client.get(url)
    assert response.status_code == 400
    assert "unknown blank {firstname}" in response.content.decode()


def test_an_unknown_kind_or_missing_application_is_404(owner_client: Client, rejection: Rejection) -> None:
    assert owner_client.get(reverse("drafts:new", args=["love_letter"])).status_code == 404
    assert owner_client.get(reverse("drafts:new", args=["follow_up"])).status_code == 404
    reflect = rejection.steps.get(kind="reflect")
    assert owner_client.get(reverse("drafts:step", args=[reflect.uuid])).status_code == 404
