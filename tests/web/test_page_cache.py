"""Today is kept between visits while nothing it shows has changed, and never shows anything stale.

The first half checks the change stamp itself: every way onward writes a person's rows moves it
(saves, deletes, bulk writes, links, the account's own row), and every model is either stamped or
listed as nobody's search. The second half checks Today: kept, rebuilt after each kind of change
made through the pages, per browser (CSRF), per person, per day, and never with a flash message.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onward.accounts.actions import preferences_for
from onward.core.changes import NOT_A_PERSONS_DATA, Stamped, StampedQuerySet, stamp_of
from onward.mailimport.models import ImportedMail
from onward.momentum.models import CheckIn
from onward.plans import actions as plans
from onward.plans.models import PlanStep
from onward.tracker import actions as tracker
from onward.tracker.models import Application, Contact, Interview, Note, StageEvent

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 13)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONWARD_TODAY", DAY.isoformat())


@pytest.fixture
def acme(owner: User) -> Application:
    return tracker.add_application(
        owner, company="Acme", role="Data analyst", today=DAY, applied_on=date(2026, 2, 1)
    ).application


def _moves(user: User, change) -> bool:  # type: ignore[no-untyped-def]
    before = stamp_of(user)
    change()
    return stamp_of(user) > before


# --- the change stamp ----------------------------------------------------------------------


def test_every_model_is_stamped_or_is_nobodys_search() -> None:
    for model in apps.get_models():
        if not model.__module__.startswith("onward."):
            continue
        label = f"{model._meta.app_label}.{model.__name__}"
        if label in NOT_A_PERSONS_DATA:
            assert not issubclass(model, Stamped), label
            continue
        assert issubclass(model, Stamped), f"{label}: a person's rows must move their change stamp"
        assert isinstance(model._default_manager.all(), StampedQuerySet), f"{label}: bulk writes must too"


def test_every_way_of_writing_moves_the_owners_stamp(owner: User, outsider: User, acme: Application) -> None:
    assert _moves(owner, lambda: tracker.add_note(owner, acme, "Called back", today=DAY))
    assert _moves(owner, lambda: Application.objects.filter(pk=acme.pk).update(role="Analyst"))
    assert _moves(owner, lambda: StageEvent.objects.filter(application=acme).update(on=DAY))
    assert _moves(
        owner, lambda: StageEvent.objects.bulk_create([StageEvent(application=acme, stage="screening", on=DAY)])
    )
    assert _moves(owner, lambda: Note.objects.filter(application=acme).delete())
    priya = tracker.add_contact(owner, name="Priya Shah", relationship="interviewer")
    assert _moves(owner, lambda: priya.applications.add(acme))  # a link, through m2m_changed
    assert _moves(owner, lambda: priya.applications.clear())
    assert _moves(owner, lambda: Contact.objects.bulk_update([priya], ["name"]))
    interview = Interview.objects.create(owner=owner, application=acme, on=DAY, kind="final")
    assert _moves(owner, lambda: interview.contacts.add(priya))
    assert _moves(owner, interview.delete)
    assert _moves(owner, lambda: CheckIn.objects.create(owner=owner, on=DAY, mood=3))
    assert _moves(owner, lambda: CheckIn.objects.for_user(owner).delete())
    assert _moves(owner, lambda: preferences_for(owner).save())
    owner.first_name = "Alex"
    assert _moves(owner, owner.save)
    # Someone else's change leaves this person's stamp where it was.
    assert not _moves(owner, lambda: tracker.add_application(outsider, company="Globex", role="Engineer", today=DAY))


def test_a_write_that_is_rolled_back_is_harmless(owner: User, acme: Application) -> None:
    """A moved stamp with nothing changed only costs a page being built again."""
    from django.db import transaction

    before = stamp_of(owner)

    def add_then_fail() -> None:
        with transaction.atomic():
            tracker.add_note(owner, acme, "Never kept", today=DAY)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        add_then_fail()
    assert stamp_of(owner) == before
    assert not Note.objects.filter(text="Never kept").exists()


# --- Today, kept ---------------------------------------------------------------------------


def _today(client: Client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_today_is_kept_and_costs_a_few_queries(owner: User, owner_client: Client, acme: Application) -> None:
    plans.log_rejection(owner, acme, today=DAY, stage_reached="final")
    connection.queries_log.clear()  # a full log (9,000 entries) would make the counts below meaningless
    with CaptureQueriesContext(connection) as built:
        first = _today(owner_client)  # builds it (and the browser gets its CSRF cookie)
    built_queries = len(built.captured_queries)  # read now: the list is worked out from the log when asked
    second = _today(owner_client)  # built again: now the browser has a cookie, so it can be kept
    with CaptureQueriesContext(connection) as kept:
        third = _today(owner_client)
    assert "Go gently" in first
    assert second == third
    assert len(kept.captured_queries) <= 3, [q["sql"] for q in kept.captured_queries]
    assert len(kept.captured_queries) < built_queries - 5


@pytest.mark.parametrize(
    "change",
    ["a step done", "a check-in", "a new application", "a rejection", "settings", "mail waiting", "a stage"],
)
def test_today_shows_each_change_at_once(owner: User, owner_client: Client, acme: Application, change: str) -> None:
    rejection = plans.log_rejection(owner, acme, today=date(2026, 3, 1), stage_reached="final")
    _today(owner_client)
    before = _today(owner_client)  # kept from here on
    assert before == _today(owner_client)
    if change == "a step done":
        step = rejection.steps.get(kind="reflect")
        assert step.title in before
        owner_client.post(reverse("plans:step_done", args=[step.uuid]))
        _today(owner_client)  # the flash message's visit
        assert step.title not in _today(owner_client)
    elif change == "a check-in":
        owner_client.post(reverse("momentum:checkin"), {"mood": "4", "note": ""})
        _today(owner_client)
        assert "You checked in today" in _today(owner_client)
    elif change == "a new application":
        owner_client.post(reverse("tracker:add"), {"company": "Globex", "role": "Engineer", "stage": "applied"})
        _today(owner_client)  # the flash message's visit
        assert _today(owner_client) != before  # this week's count of applications moved
    elif change == "a rejection":
        other = tracker.add_application(owner, company="Initech", role="Analyst", today=DAY).application
        _today(owner_client)
        plans.log_rejection(owner, other, today=DAY, stage_reached="final")
        assert "Go gently" in _today(owner_client)
    elif change == "settings":
        plans.log_rejection(
            owner,
            tracker.add_application(owner, company="Umbrella", role="X", today=DAY).application,
            today=DAY,
            stage_reached="final",
        )
        assert "Your people" in _today(owner_client)
        assert "Aunt Jo" not in _today(owner_client)
        prefs = preferences_for(owner)
        prefs.support_people = "Aunt Jo"
        prefs.save()
        assert "Aunt Jo" in _today(owner_client)
    elif change == "mail waiting":
        ImportedMail.objects.bulk_create(
            [
                ImportedMail(
                    owner=owner,
                    fingerprint="a",
                    subject="Your application",
                    label="other",
                    confidence=0.5,
                    status="review",
                )
            ]
        )
        assert "From your mail" in _today(owner_client)
    elif change == "a stage":
        PlanStep.objects.filter(rejection=rejection).update(status="done")
        assert "Look back on the interview" not in _today(owner_client)


def test_each_browser_gets_a_page_its_forms_work_in(owner: User, acme: Application) -> None:
    """The forms on a kept page carry a CSRF token: another browser of the same person gets its own copy."""
    plans.log_rejection(owner, acme, today=DAY, stage_reached="final")
    browsers = [Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)]
    for browser in browsers:
        browser.force_login(owner)
        _today(browser)
        _today(browser)
    for number, browser in enumerate(browsers):
        page = _today(browser)
        token = page.split('"X-CSRFToken": "', 1)[1].split('"', 1)[0]  # what htmx sends with every form
        answer = browser.post(
            reverse("momentum:checkin"), {"mood": "3", "note": f"from {number}", "csrfmiddlewaretoken": token}
        )
        assert answer.status_code == 302, number


def test_a_flash_message_is_never_kept(owner: User, owner_client: Client, acme: Application) -> None:
    _today(owner_client)
    _today(owner_client)
    owner_client.post(reverse("momentum:checkin"), {"mood": "4", "note": ""})
    shown = _today(owner_client)
    again = _today(owner_client)
    flash = 'class="messages"'
    assert flash in shown
    assert flash not in again
    assert flash not in _today(owner_client)


def test_people_never_see_each_others_page(
    owner: User, outsider: User, owner_client: Client, acme: Application
) -> None:
    globex = tracker.add_application(outsider, company="Globex", role="Engineer", today=DAY).application
    plans.log_rejection(outsider, globex, today=DAY)
    plans.log_rejection(owner, acme, today=DAY)
    outsider_client = Client()
    outsider_client.force_login(outsider)
    for _ in range(3):
        mine, theirs = _today(owner_client), _today(outsider_client)
        assert "Acme" in mine
        assert "Globex" not in mine
        assert "Globex" in theirs
        assert "Acme" not in theirs


def test_a_new_day_builds_a_new_page(
    owner: User, owner_client: Client, acme: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(owner_client)
    assert "Friday 13 March" in _today(owner_client)
    monkeypatch.setenv("ONWARD_TODAY", "2026-03-14")
    assert "Saturday 14 March" in _today(owner_client)


@pytest.mark.django_db(transaction=True)
def test_a_write_never_commits_without_its_stamp_move(
    owner: User, acme: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside any transaction of the caller's (autocommit, as a snooze runs), the row and the stamp move
    commit together: when the move fails, the write is undone too, so no kept page can miss it."""
    from django.db import OperationalError

    from onward.core import changes

    rejection = plans.log_rejection(owner, acme, today=date(2026, 3, 1), stage_reached="final")
    step = rejection.steps.get(kind="reflect")

    def locked(owner_ids: object) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(changes, "changed", locked)
    with pytest.raises(OperationalError):
        plans.snooze_step(owner, step, days=7, today=DAY)
    with pytest.raises(OperationalError):
        PlanStep.objects.filter(pk=step.pk).update(status="skipped")
    step.refresh_from_db()
    assert step.snoozed_until is None
    assert step.status == "pending"


def test_an_unreadable_playbook_does_not_break_the_welcome_page(
    owner_client: Client, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "playbook.toml"
    broken.write_text("this is [not toml", encoding="utf-8")
    monkeypatch.setenv("ONWARD_PLAYBOOK", str(broken))
    for _ in range(3):
        assert "Three ways in" in _today(owner_client)
    broken.unlink()
    assert "Three ways in" in _today(owner_client)


def test_only_the_addresses_pages_link_to_are_kept(owner: User, owner_client: Client, acme: Application) -> None:
    plans.log_rejection(owner, acme, today=DAY, stage_reached="final")
    _today(owner_client)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as odd:
        for number in range(3):
            assert owner_client.get(f"/?utm={number}").status_code == 200
    with CaptureQueriesContext(connection) as paged:
        for _ in range(3):
            assert owner_client.get("/?page=1").status_code == 200
    assert len(odd.captured_queries) > 3 * 10  # built each time
    assert len(paged.captured_queries) < 3 * 10 + 10  # built once, then kept
