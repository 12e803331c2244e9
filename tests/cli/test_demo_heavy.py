"""The heavy search behind ``onward demo --size large``: deterministic, consistent, and the pages still show it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from onward.drafts.models import Draft
from onward.mailimport.models import ImportedMail, ImportJob
from onward.momentum.models import CheckIn, Goal, Review
from onward.plans.models import PlanStep, Rejection
from onward.reflect.models import Feedback, Reflection
from onward.tracker.heavy import TARGETS, counts_for, create_heavy, create_heavy_users
from onward.tracker.models import Application, Company, Contact, Interaction, Interview, Note, StageEvent
from tests.cli.helpers import one_clear_line, run_onward

TODAY = date(2026, 11, 20)
SCALE = 0.02  # 100 applications: every kind of row, in a second or two

OWNED = {
    "companies": Company,
    "applications": Application,
    "contacts": Contact,
    "interviews": Interview,
    "interactions": Interaction,
    "rejections": Rejection,
    "plan_steps": PlanStep,
    "drafts": Draft,
    "feedback": Feedback,
    "reflections": Reflection,
    "checkins": CheckIn,
    "goals": Goal,
    "reviews": Review,
    "mail_imports": ImportJob,
    "imported_mail": ImportedMail,
}


def _search(user: User) -> dict[str, Any]:
    """What two accounts made from one seed must share: every value but the owner and the ids."""
    apps = Application.objects.for_user(user).select_related("company")
    history: dict[int, list[tuple[str, date]]] = {}
    for app_id, stage, on in (
        StageEvent.objects.filter(application__owner=user)
        .order_by("on", "created_at", "id")
        .values_list("application_id", "stage", "on")
    ):
        history.setdefault(app_id, []).append((stage, on))
    return {
        "companies": sorted(Company.objects.for_user(user).values_list("name", "website", "notes", "created_at")),
        "applications": sorted(
            (
                a.company.name,
                a.role,
                a.url,
                a.source,
                a.location,
                a.salary_min or 0,
                a.salary_max or 0,
                a.applied_on or date.min,
                a.stage,
                a.stage_changed_on,
                a.last_activity_on,
                a.notes,
                a.created_at,
                tuple(history[a.pk]),
            )
            for a in apps
        ),
        "steps": sorted(
            PlanStep.objects.for_user(user).values_list(
                "rejection__application__role", "kind", "title", "due", "status"
            )
        ),
    }


@pytest.mark.django_db
def test_the_same_seed_makes_the_same_search_for_two_accounts(owner: User, outsider: User) -> None:
    first = create_heavy(owner, TODAY, scale=SCALE, seed=5)
    second = create_heavy(outsider, TODAY, scale=SCALE, seed=5)
    assert first == second
    assert _search(owner) == _search(outsider)
    ids = set(Application.objects.for_user(owner).values_list("uuid", flat=True))
    assert ids.isdisjoint(Application.objects.for_user(outsider).values_list("uuid", flat=True))


@pytest.mark.django_db
def test_another_seed_makes_another_search(owner: User, outsider: User) -> None:
    create_heavy(owner, TODAY, scale=SCALE, seed=5)
    create_heavy(outsider, TODAY, scale=SCALE, seed=6)
    assert _search(owner)["applications"] != _search(outsider)["applications"]


@pytest.fixture
def heavy(owner: User) -> dict[str, int]:
    return create_heavy(owner, TODAY, scale=SCALE)


@pytest.mark.django_db
def test_every_application_stands_where_its_history_ends(owner: User, heavy: dict[str, int]) -> None:
    events: dict[int, list[StageEvent]] = {}
    for event in StageEvent.objects.filter(application__owner=owner).order_by("on", "created_at", "id"):
        events.setdefault(event.application_id, []).append(event)
    apps = list(Application.objects.for_user(owner))
    assert len(apps) == heavy["applications"] == len(events)
    for app in apps:
        history = events[app.pk]
        assert app.stage == history[-1].stage, app
        assert app.stage_changed_on == history[-1].on, app
        assert all(e.on <= TODAY for e in history)
        applied = [e.on for e in history if e.stage == "applied"]
        assert app.applied_on == (applied[0] if applied else None), app
        assert [e.on for e in history] == sorted(e.on for e in history)
        assert app.stage_changed_on <= app.last_activity_on <= TODAY
        assert app.created_at.date() == history[0].on


@pytest.mark.django_db
def test_rejected_applications_have_one_rejection_with_its_plan(owner: User, heavy: dict[str, int]) -> None:
    rejected = Application.objects.for_user(owner).filter(stage="rejected")
    assert rejected.count() == heavy["rejections"] == round(TARGETS["rejections"] * SCALE)
    rejections = Rejection.objects.for_user(owner).annotate(steps_made=Count("steps")).select_related("application")
    assert {r.application_id for r in rejections} == set(rejected.values_list("pk", flat=True))
    for rejection in rejections:
        assert rejection.steps_made >= 1, rejection
        assert rejection.on == rejection.application.stage_changed_on
        steps = list(rejection.steps.all())
        assert {"pause", "get_back"} <= {s.kind for s in steps}  # the playbook's steps for every rejection
        for step in steps:
            assert step.due >= rejection.on
            assert (step.status == "pending") == (step.completed_on is None), step
            if step.contact is not None:
                assert step.contact.owner_id == owner.pk


@pytest.mark.django_db
def test_every_row_belongs_to_the_account(owner: User, outsider: User, heavy: dict[str, int]) -> None:
    for kind, model in OWNED.items():
        assert model.objects.for_user(owner).count() == heavy[kind] >= 1, kind
        assert not model.objects.exclude(owner=owner).exists(), kind
    assert StageEvent.objects.filter(application__owner=owner).count() == heavy["stage_events"]
    assert Note.objects.filter(application__owner=owner).count() == heavy["notes"]
    for interview in Interview.objects.for_user(owner).prefetch_related("contacts"):
        assert all(c.owner_id == owner.pk for c in interview.contacts.all())
    links = Contact.applications.through.objects.select_related("contact", "application")
    assert all(link.contact.owner_id == link.application.owner_id == owner.pk for link in links)
    assert not Application.objects.for_user(outsider).exists()


@pytest.mark.django_db
def test_counts_follow_the_scale(owner: User, heavy: dict[str, int]) -> None:
    wanted = counts_for(SCALE)
    for kind in ("applications", "companies", "contacts", "interviews", "rejections", "checkins", "goals"):
        assert heavy[kind] == wanted[kind], kind
    for kind in ("interactions", "notes", "reviews"):
        assert wanted[kind] <= heavy[kind] <= wanted[kind] * 1.5 + 5, kind
    for kind in ("feedback", "imported_mail"):
        assert 1 <= heavy[kind] <= wanted[kind], kind
    assert heavy["stage_events"] > heavy["applications"]
    assert heavy["plan_steps"] >= 2 * heavy["rejections"]
    assert ImportedMail.objects.for_user(owner).filter(status="review").exists()  # the review queue has work


@pytest.mark.django_db
def test_a_second_run_is_refused(owner: User, heavy: dict[str, int]) -> None:
    from onward.errors import UserError

    with pytest.raises(UserError, match="already has applications"):
        create_heavy(owner, TODAY, scale=SCALE)


@pytest.mark.django_db
def test_the_pages_show_the_heavy_search(
    owner: User, owner_client: Client, heavy: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())
    rejected = Application.objects.for_user(owner).filter(stage="rejected").order_by("-stage_changed_on").first()
    assert rejected is not None
    contact = Contact.objects.for_user(owner).filter(interviews__isnull=False).first()
    assert contact is not None
    pages = [
        reverse("core:home"),
        reverse("tracker:board"),
        reverse("tracker:list"),
        reverse("tracker:detail", args=[rejected.uuid]),
        reverse("plans:rejection", args=[rejected.rejection.uuid]),
        reverse("momentum:insights"),
        reverse("tracker:contacts"),
        reverse("tracker:contact_detail", args=[contact.uuid]),
        reverse("reflect:lessons"),
        reverse("mailimport:review"),
        reverse("momentum:checkins"),
    ]
    for page in pages:
        response = owner_client.get(page)
        assert response.status_code == 200, page
    shown = owner_client.get(reverse("tracker:detail", args=[rejected.uuid])).content.decode()
    assert escape(rejected.company.name) in shown
    plan = owner_client.get(reverse("plans:rejection", args=[rejected.rejection.uuid])).content.decode()
    assert escape(rejected.rejection.steps.order_by("due", "id")[0].title) in plan


@pytest.mark.django_db
def test_seeker_accounts_each_get_a_search() -> None:
    assert create_heavy_users(2, 20, today=TODAY, seed=3) == 2
    for email in ("seeker001@example.org", "seeker002@example.org"):
        user = User.objects.get(username=email)
        assert user.email == email
        assert not user.has_usable_password()
        assert Application.objects.for_user(user).count() == 20
    assert create_heavy_users(3, 20, today=TODAY, seed=3) == 1  # the first two are left as they were


def test_the_command_makes_a_large_demo(tmp_path: Path) -> None:
    made = run_onward(tmp_path, "demo", "--size", "large", "--scale", "0.01", ONWARD_TODAY=TODAY.isoformat())
    assert made.returncode == 0, made.stderr
    lines = made.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Made a large demo job search in ")
    assert " s: 15 companies, 50 applications, " in lines[0]
    assert "6 rejections" in lines[0]
    again = one_clear_line(run_onward(tmp_path, "demo", "--size", "large", "--scale", "0.01"))
    assert "already has applications" in again


def test_the_command_refuses_other_accounts_in_local_mode(tmp_path: Path) -> None:
    line = one_clear_line(run_onward(tmp_path, "demo", "--size", "large", "--users", "3"))
    assert line == "Error: --users makes other people's accounts, which only a server has; use ONWARD_MODE=server."
    assert not (tmp_path / "onward.sqlite3").exists()
