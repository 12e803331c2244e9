"""Plan pages, Today, the quick form, settings and the calendar feed; an outsider gets 404 everywhere."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from onward.accounts.actions import new_calendar_token
from onward.accounts.models import Preferences
from onward.plans import actions
from onward.plans.models import PlanStep, Rejection
from onward.tracker import actions as tracker
from onward.tracker.models import Application

pytestmark = pytest.mark.django_db
R = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONWARD_TODAY", "2026-03-13")


@pytest.fixture
def rejection(owner: User) -> Rejection:
    app = tracker.add_application(owner, company="Acme", role="Data analyst", today=R, applied_on=date(2026, 2, 1))
    priya = tracker.add_contact(owner, name="Priya Shah", relationship="interviewer", email="priya@acme.example")
    tracker.add_interview(owner, app.application, on=date(2026, 3, 3), today=R, kind="final", contacts=[priya])
    return actions.log_rejection(owner, app.application, today=R, stage_reached="final")


def test_it_checks_ownership(outsider_client: Client, rejection: Rejection) -> None:
    step = rejection.steps.get(kind="reflect")
    urls = [
        ("get", reverse("plans:rejection", args=[rejection.uuid])),
        ("post", reverse("plans:feedback", args=[rejection.uuid])),
        ("get", reverse("plans:reject", args=[rejection.application.uuid])),
        ("post", reverse("plans:reject", args=[rejection.application.uuid])),
        ("get", reverse("plans:step", args=[step.uuid])),
        ("post", reverse("plans:step_done", args=[step.uuid])),
        ("post", reverse("plans:step_skip", args=[step.uuid])),
        ("post", reverse("plans:step_snooze", args=[step.uuid])),
    ]
    for method, url in urls:
        data = {"text": "x", "days": "3", "on": "2026-03-12"}
        assert getattr(outsider_client, method)(url, data if method == "post" else None).status_code == 404, url
    step.refresh_from_db()
    assert step.status == "pending"
    assert "Acme" not in outsider_client.get("/").content.decode()


def test_today_lists_what_is_due_after_the_cool_off(owner_client: Client, rejection: Rejection) -> None:
    body = owner_client.get("/").content.decode()
    for text in ("Thank Priya Shah", "Connect with Priya Shah", "Look back on the interview", "One step forward"):
        assert text in body
    assert "Go gently" not in body
    assert "overdue" not in body.lower()


def test_today_during_the_cool_off_shows_the_pause_card(
    owner_client: Client, rejection: Rejection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from onward.accounts.actions import save_preferences

    save_preferences(rejection.owner, support_people="Sam (my sister)", self_care="Swim at the lido")
    monkeypatch.setenv("ONWARD_TODAY", "2026-03-11")
    body = owner_client.get("/").content.decode()
    assert "Go gently" in body
    assert "Sam (my sister)" in body
    assert body.index("Swim at the lido") < body.index("Take a walk outside")  # their own ideas first
    assert "Thank Priya Shah" in body
    assert "Connect with Priya Shah" not in body
    assert "One step forward" not in body


def test_the_quick_form_logs_a_rejection_and_keeps_input_on_error(owner_client: Client, owner: User) -> None:
    url = reverse("plans:quick_reject")
    bad = owner_client.post(url, {"company": "Globex", "role": "Engineer", "on": "2026-04-01", "reason": "Budget"})
    assert bad.status_code == 200
    assert "is in the future" in bad.content.decode()
    assert 'value="Globex"' in bad.content.decode()
    assert "Budget" in bad.content.decode()
    good = owner_client.post(url, {"company": "Globex", "role": "Engineer", "on": "2026-03-12", "via": "portal"})
    assert good.headers["Location"] == "/"
    app = Application.objects.for_user(owner).get(company__name="Globex")
    assert app.stage == "rejected"
    assert app.rejection.via == "portal"


def test_rejecting_from_the_application_page(owner_client: Client, owner: User) -> None:
    app = tracker.add_application(owner, company="Initech", role="Designer", today=R, applied_on=date(2026, 3, 1))
    url = reverse("plans:reject", args=[app.application.uuid])
    assert "Log the rejection" in owner_client.get(url).content.decode()
    owner_client.post(url, {"on": "2026-03-12", "stage_reached": "applied", "cool_off_days": "0"})
    assert owner_client.get(url).headers["Location"] == reverse(
        "plans:rejection", args=[app.application.rejection.uuid]
    )


def test_step_buttons_with_and_without_htmx(owner_client: Client, rejection: Rejection) -> None:
    reflect = rejection.steps.get(kind="reflect")
    plain = owner_client.post(reverse("plans:step_done", args=[reflect.uuid]), {"next": "/"})
    assert plain.headers["Location"] == "/"
    get_back = rejection.steps.get(kind="get_back")
    swapped = owner_client.post(
        reverse("plans:step_snooze", args=[get_back.uuid]), {"days": "3"}, headers={"HX-Request": "true"}
    )
    assert swapped.content.decode().lstrip().startswith('<p class="step-card step-card--settled"')
    assert "Snoozed until Monday 16 March" in swapped.content.decode()
    assert PlanStep.objects.get(pk=get_back.pk).snoozed_until == date(2026, 3, 16)
    body = owner_client.get("/").content.decode()
    assert "Done: Look back on the interview." in body  # said once, as a message
    assert ">Look back on the interview</a>" not in body  # and no longer a card
    assert body.index("Later this week") < body.index(">One step forward</a>")  # snoozed to Monday


def test_feedback_form(owner_client: Client, rejection: Rejection) -> None:
    url = reverse("plans:feedback", args=[rejection.uuid])
    assert owner_client.post(url, {"text": " "}).status_code == 400
    owner_client.post(url, {"text": "Great SQL; we chose someone with more product experience."})
    page = owner_client.get(reverse("plans:rejection", args=[rejection.uuid])).content.decode()
    assert "more product experience" in page
    assert "Thank Priya Shah for the feedback" in page or "for the feedback" in page


def test_notes_and_messages_are_shown_as_text(owner_client: Client, owner: User) -> None:
    app = tracker.add_application(owner, company="Evil", role="<b>x</b>", today=R, applied_on=date(2026, 3, 1))
    actions.log_rejection(owner, app.application, today=R, message="<script>alert(1)</script>", reason="<i>no</i>")
    page = owner_client.get(reverse("plans:rejection", args=[app.application.rejection.uuid])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_settings_save_and_keep_input(owner_client: Client, owner: User) -> None:
    url = reverse("accounts:settings")
    bad = owner_client.post(url, {"support_people": "Sam", "connect_notes_per_month": "-3"})
    assert bad.status_code == 400
    assert "Sam" in bad.content.decode()
    owner_client.post(url, {"support_people": "Sam\nAlex", "linkedin_premium": "on", "connect_notes_per_month": "8"})
    prefs = owner.preferences
    prefs.refresh_from_db()
    assert (prefs.lines("support_people"), prefs.linkedin_premium, prefs.connect_notes_per_month) == (
        ["Sam", "Alex"],
        True,
        8,
    )


def test_the_calendar_feed_is_valid_private_and_revocable(
    owner_client: Client, client: Client, owner: User, outsider: User, rejection: Rejection
) -> None:
    owner_client.post(reverse("accounts:calendar_feed"), {"action": "new"})
    token = Preferences.objects.get(owner=owner).calendar_token
    assert token is not None
    assert len(token) >= 40
    url = reverse("plans:calendar", args=[token])
    response = client.get(url)  # a calendar app has no session
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    steps = {f"step-{s.uuid}@onward": s for s in rejection.steps.exclude(kind="pause")}
    assert {str(e["UID"]) for e in events} == set(steps)
    for event in events:
        step = steps[str(event["UID"])]
        assert event.decoded("DTSTART") == step.due  # an all-day date
        assert str(event["SUMMARY"]) == step.title
        assert str(event["URL"]).endswith(reverse("plans:step", args=[step.uuid]))
    again = Calendar.from_ical(client.get(url).content)
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(steps)  # stable UIDs
    # Another person's feed never shows these steps.
    other = client.get(reverse("plans:calendar", args=[new_calendar_token(outsider)]))
    assert Calendar.from_ical(other.content).walk("VEVENT") == []
    owner_client.post(reverse("accounts:calendar_feed"), {"action": "revoke"})
    assert client.get(url).status_code == 404


def test_a_made_up_feed_address_is_404(client: Client) -> None:
    assert client.get(reverse("plans:calendar", args=["made-up-token"])).status_code == 404


def test_the_calendar_feed_follows_every_change_and_answers_304_when_nothing_changed(
    client: Client, owner: User, rejection: Rejection
) -> None:
    url = reverse("plans:calendar", args=[new_calendar_token(owner)])
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"')
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url).content == first.content  # kept, not rebuilt: the same stamp
    step = rejection.steps.exclude(kind="pause").order_by("due").first()
    assert step is not None
    step.title = "Write to Priya, slowly"
    step.save(update_fields=["title"])
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    titles = [str(e["SUMMARY"]) for e in Calendar.from_ical(changed.content).walk("VEVENT")]
    assert "Write to Priya, slowly" in titles
    step.status = "done"
    step.save(update_fields=["status"])
    events = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert f"step-{step.uuid}@onward" not in {str(e["UID"]) for e in events}


def _card(body: str, title: str) -> str:
    """The HTML of the step card titled ``title`` on a page."""
    start = body.index(f">{title}</a></h")
    return body[body.rindex("<article", 0, start) : body.index("</article>", start)]


def test_the_first_day_after_the_cool_off_reads_as_today_and_shows_a_few_cards(
    owner_client: Client, rejection: Rejection, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The thank-you and the feedback request were planned for 11 March, inside the three-day cool-off.
    assert rejection.steps.get(kind="thank_you").due == date(2026, 3, 11)
    body = owner_client.get("/").content.decode()  # 13 March: the first day after it
    assert "From Wednesday 11 March" not in body
    assert "Today" in _card(body, "Thank Priya Shah")
    # Five steps are due: the first three as cards, the rest a line each, nothing hidden.
    assert body.count('<article class="step-card ') == 3
    assert "2 more in your plan" in body
    more = body.split('class="due-more"')[1].split("</ul>")[0]
    assert ">Look back on the interview</a>" in more
    assert ">One step forward</a>" in more
    reflect = rejection.steps.get(kind="reflect")
    step_page = owner_client.get(reverse("plans:step", args=[reflect.uuid])).content.decode()
    assert "Reflect now" in step_page  # each one opens as a card with its actions
    # The day after, the thank-you reads as from the first day after the rest, never from a day inside it.
    monkeypatch.setenv("ONWARD_TODAY", "2026-03-14")
    later = owner_client.get("/").content.decode()
    assert "From Friday 13 March" in _card(later, "Thank Priya Shah")
    assert "11 March" not in later
    thank = rejection.steps.get(kind="thank_you")
    assert "From Friday 13 March" in owner_client.get(reverse("plans:step", args=[thank.uuid])).content.decode()
    # The plan itself keeps the planned day.
    assert actions.step_for_user(rejection.owner, thank.uuid).due == date(2026, 3, 11)


def test_each_cards_buttons_name_their_step_for_screen_readers(owner_client: Client, rejection: Rejection) -> None:
    card = _card(owner_client.get("/").content.decode(), "Thank Priya Shah")
    hidden = '<span class="visually-hidden"> — Thank Priya Shah</span>'
    assert f"Done{hidden}</button>" in card
    assert f"Skip{hidden}</button>" in card
    assert f"Snooze{hidden}</summary>" in card


def test_adding_an_application_from_the_step_forward_card_settles_it(
    owner_client: Client, owner: User, rejection: Rejection
) -> None:
    step = rejection.steps.get(kind="get_back")
    page = owner_client.get(reverse("plans:step", args=[step.uuid])).content.decode()
    add_url = f"{reverse('tracker:add')}?step={step.uuid}"
    assert f'href="{add_url}"' in page
    form = owner_client.get(add_url).content.decode()
    assert f'name="step" value="{step.uuid}"' in form
    bad = owner_client.post(add_url, {"company": "Contoso", "role": "", "step": str(step.uuid)})
    assert bad.status_code == 200  # a mistake keeps the link to the step
    assert f'name="step" value="{step.uuid}"' in bad.content.decode()
    step.refresh_from_db()
    assert step.status == "pending"
    data = {"company": "Contoso", "role": "Analytics engineer", "stage": "applied", "applied_on": "2026-03-13"}
    response = owner_client.post(reverse("tracker:add"), {**data, "step": str(step.uuid)}, follow=True)
    assert "Done: One step forward." in response.content.decode()
    step.refresh_from_db()
    assert (step.status, step.completed_on) == ("done", date(2026, 3, 13))
    # Without the card, or with another step's id, adding an application settles nothing.
    thank = rejection.steps.get(kind="thank_you")
    owner_client.post(reverse("tracker:add"), {**data, "company": "Initech", "step": str(thank.uuid)})
    owner_client.post(reverse("tracker:add"), {**data, "company": "Umbrella", "step": "not-an-id"})
    thank.refresh_from_db()
    assert thank.status == "pending"


def test_feedback_from_the_short_form_plans_a_reply_that_names_the_company(
    owner_client: Client, rejection: Rejection
) -> None:
    assert rejection.steps.get(kind="feedback_request").title == "Ask Acme for feedback"  # no recruiter on file
    owner_client.post(reverse("plans:feedback", args=[rejection.uuid]), {"text": "Strong SQL; more examples."})
    reply = rejection.steps.get(kind="feedback_reply")
    assert (reply.title, reply.contact) == ("Thank Acme for the feedback", None)
    page = owner_client.get(reverse("plans:rejection", args=[rejection.uuid])).content.decode()
    assert "Thank Acme for the feedback" in page
    assert "the recruiter" not in page
    assert "Thank them" not in page


def _swapped(page: str, step: PlanStep, fragment: str) -> str:
    """The page once htmx has swapped ``fragment`` for the step's card (``hx-swap="outerHTML"``)."""
    start = page.index(f'id="step-{step.uuid}"')
    start = page.rindex("<article", 0, start)
    end = page.index("</article>", start) + len("</article>")
    return page[:start] + fragment + page[end:]


@pytest.mark.parametrize("button", ["plans:step_done", "plans:step_skip", "plans:step_snooze"])
def test_a_step_settled_on_its_own_page_with_htmx_keeps_the_pages_heading(
    owner_client: Client, rejection: Rejection, button: str
) -> None:
    step = rejection.steps.get(kind="reflect")
    url = reverse("plans:step", args=[step.uuid])
    page = owner_client.get(url).content.decode()
    assert page.count("<h1") == 1
    headers = {"HX-Request": "true", "HX-Current-URL": f"http://testserver{url}"}
    fragment = owner_client.post(reverse(button, args=[step.uuid]), {"days": "3", "next": url}, headers=headers)
    after = _swapped(page, step, fragment.content.decode())
    assert after.count("<h1") == 1
    assert "<h1>Look back on the interview</h1>" in after
    assert 'role="status"' in fragment.content.decode()  # what happened is still said
    # From Today the card's h3 goes and a note takes its place; Today's own h1 stays.
    thank = rejection.steps.get(kind="thank_you")
    headers["HX-Current-URL"] = "http://testserver/"
    note = owner_client.post(reverse("plans:step_skip", args=[thank.uuid]), {"next": "/"}, headers=headers)
    assert note.content.decode().lstrip().startswith('<p class="step-card step-card--settled"')
    assert "<h1" not in note.content.decode()
