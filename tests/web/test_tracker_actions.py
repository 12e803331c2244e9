"""The tracker's actions: the rules every entry point shares."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User

from onward.errors import UserError
from onward.tracker import actions, queries
from onward.tracker.models import Application

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 20)


def add(user: User, company: str = "Acme", role: str = "Data analyst", **kwargs: object) -> Application:
    return actions.add_application(user, company=company, role=role, today=TODAY, **kwargs).application  # type: ignore[arg-type]


def history(application: Application) -> list[tuple[str, date]]:
    return [(e.stage, e.on) for e in application.stage_events.all()]


def test_adding_records_the_first_stage_on_the_applied_date(owner: User) -> None:
    app = add(owner, applied_on=date(2026, 3, 2))
    assert app.stage == "applied"
    assert history(app) == [("applied", date(2026, 3, 2))]
    assert app.last_activity_on == date(2026, 3, 2)


def test_adding_further_along_records_how_it_got_there(owner: User) -> None:
    app = add(owner, stage="interviewing", applied_on=date(2026, 3, 2))
    assert history(app) == [("applied", date(2026, 3, 2)), ("interviewing", TODAY)]


def test_a_wishlist_entry_has_no_applied_date(owner: User) -> None:
    app = add(owner, stage="wishlist")
    assert app.applied_on is None


def test_future_applied_dates_are_refused(owner: User) -> None:
    with pytest.raises(UserError, match="The applied date 2026-03-21 is in the future"):
        add(owner, applied_on=TODAY + timedelta(days=1))
    assert not Application.objects.exists()


def test_unknown_stage_is_refused(owner: User) -> None:
    with pytest.raises(UserError, match="Unknown stage 'maybe'"):
        add(owner, stage="maybe")


def test_a_duplicate_open_application_is_allowed_with_a_warning(owner: User) -> None:
    add(owner)
    second = actions.add_application(owner, company="ACME", role="data analyst", today=TODAY)
    assert len(second.warnings) == 1
    assert "already track an open application for Acme — Data analyst" in second.warnings[0]
    assert Application.objects.for_user(owner).count() == 2
    assert len({a.company_id for a in Application.objects.all()}) == 1  # one company, any case


def test_a_closed_one_is_not_a_duplicate(owner: User) -> None:
    app = add(owner, applied_on=date(2026, 3, 1))
    actions.change_stage(owner, app, "rejected", today=TODAY)
    assert actions.add_application(owner, company="Acme", role="Data analyst", today=TODAY).warnings == []


def test_stage_changes_keep_the_whole_history(owner: User) -> None:
    app = add(owner, applied_on=date(2026, 3, 1))
    actions.change_stage(owner, app, "screening", today=TODAY, on=date(2026, 3, 5))
    actions.change_stage(owner, app, "interviewing", today=TODAY, on=date(2026, 3, 12))
    app.refresh_from_db()
    assert app.stage == "interviewing"
    assert app.stage_changed_on == date(2026, 3, 12)
    assert history(app) == [
        ("applied", date(2026, 3, 1)),
        ("screening", date(2026, 3, 5)),
        ("interviewing", date(2026, 3, 12)),
    ]


def test_stage_change_refuses_bad_dates_and_no_ops(owner: User) -> None:
    app = add(owner, applied_on=date(2026, 3, 10))
    with pytest.raises(UserError, match="in the future"):
        actions.change_stage(owner, app, "screening", today=TODAY, on=TODAY + timedelta(days=2))
    with pytest.raises(UserError, match="before you applied"):
        actions.change_stage(owner, app, "screening", today=TODAY, on=date(2026, 3, 1))
    with pytest.raises(UserError, match="already at Applied"):
        actions.change_stage(owner, app, "applied", today=TODAY)
    assert len(history(app)) == 1


def test_actions_refuse_someone_elses_objects(owner: User, outsider: User) -> None:
    app = add(owner)
    with pytest.raises(UserError, match="Not found"):
        actions.change_stage(outsider, app, "screening", today=TODAY)
    with pytest.raises(UserError, match="Not found"):
        actions.add_note(outsider, app, "sneaky", today=TODAY)


def test_resolving_an_application_by_id_prefix_or_text(owner: User, outsider: User) -> None:
    app = add(owner, "Acme", "Data analyst")
    add(owner, "Acme", "Data engineer")
    add(outsider, "Acme", "Data analyst")
    assert actions.resolve_application(owner, str(app.uuid)) == app
    assert actions.resolve_application(owner, app.uuid.hex[:8]) == app
    assert actions.resolve_application(owner, "acme — data analyst") == app
    assert actions.resolve_application(owner, "Acme - Data analyst") == app
    with pytest.raises(UserError, match="'Acme' matches several applications: .*Data analyst.*Data engineer"):
        actions.resolve_application(owner, "Acme")
    with pytest.raises(UserError, match="No application matches 'Globex'"):
        actions.resolve_application(owner, "Globex")


def test_an_outsider_cannot_resolve_the_owners_application(owner: User, outsider: User) -> None:
    app = add(owner)
    with pytest.raises(UserError, match="No application matches"):
        actions.resolve_application(outsider, str(app.uuid))


def test_logging_a_conversation_resets_the_contacts_clock(owner: User) -> None:
    contact = actions.add_contact(owner, name="Priya Shah", relationship="recruiter", cadence_days=90)
    actions.log_interaction(owner, contact, today=TODAY, on=date(2026, 3, 1), channel="call")
    actions.log_interaction(owner, contact, today=TODAY, on=date(2026, 2, 1), channel="email")
    contact.refresh_from_db()
    assert contact.last_contact_on == date(2026, 3, 1)  # an older log does not move it back


def test_cadence_out_of_range_is_refused(owner: User) -> None:
    with pytest.raises(UserError, match="1 to 3650 days"):
        actions.add_contact(owner, name="Sam", cadence_days=0)


def test_an_interview_links_its_people_and_counts_as_contact(owner: User) -> None:
    app = add(owner, applied_on=date(2026, 3, 1))
    priya = actions.add_contact(owner, name="Priya Shah")
    interview = actions.add_interview(owner, app, on=date(2026, 3, 10), today=TODAY, kind="technical", contacts=[priya])
    assert list(interview.contacts.all()) == [priya]
    assert list(app.contacts.all()) == [priya]
    priya.refresh_from_db()
    assert priya.last_contact_on == date(2026, 3, 10)


def test_the_timeline_is_one_stream_newest_first(owner: User) -> None:
    app = add(owner, applied_on=date(2026, 3, 1))
    priya = actions.add_contact(owner, name="Priya Shah", application=app)
    actions.change_stage(owner, app, "screening", today=TODAY, on=date(2026, 3, 4))
    actions.add_interview(owner, app, on=date(2026, 3, 6), today=TODAY, kind="phone_screen", contacts=[priya])
    actions.log_interaction(owner, priya, today=TODAY, on=date(2026, 3, 8), note="Follow-up", application=app)
    actions.add_note(owner, app, "Prepare the portfolio", today=TODAY, on=date(2026, 3, 9))
    kinds = [(e.on.day, e.kind) for e in queries.timeline(app)]
    assert kinds == [(9, "note"), (8, "interaction"), (6, "interview"), (4, "stage"), (1, "stage")]
    app.refresh_from_db()
    assert app.last_activity_on == date(2026, 3, 9)


def test_a_timeline_reads_in_date_order_whatever_order_it_was_recorded_in(owner: User) -> None:
    from onward.plans import actions as plans

    # Added today at Interviewing (as the journey does), then an earlier interview, a note about
    # an earlier day, the "no" the same day, and a step of its plan settled the same day too.
    app = add(owner, stage="interviewing", applied_on=date(2026, 3, 2))
    priya = actions.add_contact(owner, name="Priya Shah", relationship="interviewer", application=app)
    actions.add_interview(owner, app, on=date(2026, 3, 12), today=TODAY, kind="panel", contacts=[priya])
    actions.add_note(owner, app, "Sent the take-home", today=TODAY, on=date(2026, 3, 10))
    actions.add_note(owner, app, "Spoke to Sam about it", today=TODAY)
    rejection = plans.log_rejection(owner, app, today=TODAY, on=TODAY, stage_reached="interview")
    plans.skip_step(owner, rejection.steps.get(kind="get_back"), today=TODAY)
    plans.skip_step(owner, rejection.steps.get(kind="reflect"), today=TODAY)
    titles = [(e.on.day, e.title) for e in queries.timeline(app)]
    assert titles == [
        (20, "Skipped: One step forward"),  # steps settled the same day: the plan's order, read backwards
        (20, "Skipped: Look back on the interview"),
        (20, "Moved to Closed — next steps"),
        (20, "The news came"),
        (20, "Note"),
        (20, "Moved to Interviewing"),
        (12, "Panel interview with Priya Shah"),
        (10, "Note"),
        (2, "Moved to Applied"),
    ]
    assert [e.on for e in queries.timeline(app)] == sorted((e.on for e in queries.timeline(app)), reverse=True)
