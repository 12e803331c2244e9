"""Logging rejections and working through the plan, on a real database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User

from onward.errors import UserError
from onward.plans import actions, queries
from onward.plans.models import PlanStep, Rejection
from onward.tracker import actions as tracker
from onward.tracker.models import Application

pytestmark = pytest.mark.django_db
R = date(2026, 3, 10)


def final_round(user: User, company: str = "Acme", interviewers: int = 2) -> Application:
    app = tracker.add_application(
        user, company=company, role="Data analyst", today=R, applied_on=date(2026, 2, 1)
    ).application
    tracker.change_stage(user, app, "interviewing", today=R, on=date(2026, 2, 10))
    tracker.change_stage(user, app, "final_round", today=R, on=date(2026, 3, 1))
    people = [tracker.add_contact(user, name=f"Person {i}", relationship="interviewer") for i in range(interviewers)]
    tracker.add_interview(user, app, on=date(2026, 3, 3), today=R, kind="final", contacts=people)
    return app


def test_a_final_round_rejection_gets_the_whole_plan(owner: User) -> None:
    app = final_round(owner)
    rejection = actions.log_rejection(owner, app, today=R, via="email")
    app.refresh_from_db()
    assert app.stage == "rejected"
    assert rejection.stage_reached == "final"  # from the history
    assert rejection.cool_off_days == 3
    counts: dict[str, int] = {}
    for step in rejection.steps.all():
        counts[step.kind] = counts.get(step.kind, 0) + 1
    assert counts == {
        "pause": 1,
        "thank_you": 2,
        "feedback_request": 1,
        "connect": 2,
        "reflect": 1,
        "get_back": 1,
        "stay_in_touch": 2,
    }
    people = tracker.Contact.objects.for_user(owner)
    assert {c.cadence_days for c in people} == {90}  # people met get a gentle rhythm


def test_stage_reached_comes_from_the_furthest_stage_in_the_history(owner: User) -> None:
    app = tracker.add_application(
        owner, company="Globex", role="Engineer", today=R, applied_on=date(2026, 3, 1)
    ).application
    tracker.change_stage(owner, app, "screening", today=R, on=date(2026, 3, 3))
    assert actions.stage_reached_of(app) == "screen"
    assert actions.log_rejection(owner, app, today=R).stage_reached == "screen"


def test_bad_input_writes_nothing(owner: User) -> None:
    app = final_round(owner)
    cases = [
        ({"on": R + timedelta(days=1)}, "is in the future"),
        ({"on": date(2026, 1, 1)}, "before you applied"),
        ({"cool_off_days": 15}, "from 0 to 14"),
        ({"stage_reached": "phone"}, "Unknown stage reached 'phone'"),
        ({"via": "pigeon"}, "Unknown way the news came 'pigeon'"),
    ]
    for details, message in cases:
        with pytest.raises(UserError, match=message):
            actions.log_rejection(owner, app, today=R, **details)  # type: ignore[arg-type]
    assert not Rejection.objects.exists()
    assert not PlanStep.objects.exists()
    app.refresh_from_db()
    assert app.stage == "final_round"


def test_a_second_rejection_is_refused_and_points_to_the_first(owner: User) -> None:
    app = final_round(owner)
    first = actions.log_rejection(owner, app, today=R)
    with pytest.raises(UserError, match=f"already logged \\(on 2026-03-10, id {first.uuid.hex[:8]}\\)"):
        actions.log_rejection(owner, app, today=R)
    assert Rejection.objects.count() == 1


def test_the_quick_form_way_creates_the_application_when_needed(owner: User) -> None:
    rejection = actions.log_rejection_for(owner, company="Initech", role="Designer", today=R, on=date(2026, 3, 8))
    assert rejection.application.applied_on == date(2026, 3, 8)
    assert rejection.stage_reached == "applied"
    existing = tracker.add_application(owner, company="Umbrella", role="Analyst", today=R, applied_on=date(2026, 3, 1))
    again = actions.log_rejection_for(owner, company="umbrella", role="analyst", today=R)
    assert again.application == existing.application


def test_during_the_cool_off_today_shows_only_the_pause_and_the_short_messages(owner: User) -> None:
    actions.log_rejection(owner, final_round(owner), today=R)
    on_the_day = queries.today_view(owner, R)
    assert on_the_day.cool_off is not None
    assert [s.kind for s, _ in on_the_day.due] == ["pause"]
    assert {s.kind for s, _ in on_the_day.upcoming} == {"thank_you", "feedback_request"}
    next_day = queries.today_view(owner, R + timedelta(days=1))
    assert {s.kind for s, _ in next_day.due} == {"pause", "thank_you", "feedback_request"}
    assert next_day.stay_in_touch == []
    after = queries.today_view(owner, R + timedelta(days=3))
    assert after.cool_off is None
    assert {s.kind for s, _ in after.due} == {"thank_you", "feedback_request", "connect", "reflect", "get_back"}


def test_a_new_cool_off_holds_back_older_plans_too(owner: User) -> None:
    actions.log_rejection(owner, final_round(owner, "Acme"), today=R)
    later = R + timedelta(days=5)
    actions.log_rejection(owner, final_round(owner, "Globex"), today=later)
    view = queries.today_view(owner, later)
    assert {s.kind for s, _ in view.due} <= {"pause", "thank_you", "feedback_request"}


def test_done_skip_and_snooze(owner: User) -> None:
    rejection = actions.log_rejection(owner, final_round(owner), today=R)
    day = R + timedelta(days=3)
    reflect = rejection.steps.get(kind="reflect")
    get_back = rejection.steps.get(kind="get_back")
    connect = rejection.steps.filter(kind="connect").first()
    assert connect is not None
    actions.complete_step(owner, reflect, today=day)
    actions.skip_step(owner, get_back, today=day)
    actions.snooze_step(owner, connect, today=day, days=3)
    view = queries.today_view(owner, day)
    shown = [s.pk for s, _ in view.due]
    assert not {reflect.pk, get_back.pk, connect.pk} & set(shown)
    assert connect.pk in [s.pk for s, _ in queries.today_view(owner, day + timedelta(days=3)).due]
    with pytest.raises(UserError, match="already done"):
        actions.complete_step(owner, reflect, today=day)
    with pytest.raises(UserError, match="a day after today"):
        actions.snooze_step(owner, connect, today=day, until=day)
    with pytest.raises(UserError, match="1 to 90 days"):
        actions.snooze_step(owner, connect, today=day, days=0)
    timeline = [e.title for e in tracker_timeline(rejection.application)]
    assert "Done: Look back on the interview" in timeline
    assert "Skipped: One step forward" in timeline


def tracker_timeline(app: Application) -> list:  # type: ignore[type-arg]
    from onward.tracker.queries import timeline

    return timeline(app)


def test_stay_in_touch_moves_with_any_interaction_and_repeats(owner: User) -> None:
    rejection = actions.log_rejection(owner, final_round(owner, interviewers=1), today=R)
    step = rejection.steps.get(kind="stay_in_touch")
    assert queries.effective_due(step) == R + timedelta(days=90)  # counted from the news
    assert step.contact is not None
    tracker.log_interaction(owner, step.contact, today=R + timedelta(days=20), on=R + timedelta(days=20))
    step.refresh_from_db()
    step.contact.refresh_from_db()
    assert queries.effective_due(step) == R + timedelta(days=110)
    done_on = R + timedelta(days=110)
    actions.complete_step(owner, step, today=done_on)
    following = PlanStep.objects.get(kind="stay_in_touch", status="pending")
    assert following.due == done_on + timedelta(days=90)


def test_feedback_plans_a_reply_once(owner: User) -> None:
    rejection = actions.log_rejection(owner, final_round(owner), today=R)
    step = actions.log_feedback(owner, rejection, "Strong SQL; less product sense.", today=R + timedelta(days=4))
    assert step is not None
    assert (step.kind, step.due) == ("feedback_reply", R + timedelta(days=4))
    assert actions.log_feedback(owner, rejection, "More detail", today=R + timedelta(days=5)) is None
    with pytest.raises(UserError, match="before the rejection"):
        actions.log_feedback(owner, rejection, "x", today=R, on=R - timedelta(days=1))


def test_connection_notes_respect_the_monthly_allowance(owner: User) -> None:
    from onward.accounts.actions import save_preferences

    save_preferences(owner, connect_notes_per_month=3)
    first = actions.log_rejection(owner, final_round(owner, "Acme", interviewers=2), today=R)
    assert first.steps.filter(kind="connect", with_note=True).count() == 2
    second = actions.log_rejection(owner, final_round(owner, "Globex", interviewers=2), today=R)
    assert second.steps.filter(kind="connect", with_note=True).count() == 1
    assert second.steps.filter(kind="connect", with_note=False).count() == 1


def test_reassess_after_five_rejections_in_thirty_days(owner: User) -> None:
    for i in range(5):
        app = tracker.add_application(owner, company=f"Co {i}", role="Analyst", today=R, applied_on=date(2026, 2, 1))
        rejection = actions.log_rejection(owner, app.application, today=R, on=R - timedelta(days=20 - i * 5))
    assert PlanStep.objects.filter(kind="reassess").count() == 1
    step = rejection.steps.get(kind="reassess")
    assert step.numbers["rejections"] == 5


def test_actions_refuse_other_peoples_steps(owner: User, outsider: User) -> None:
    rejection = actions.log_rejection(owner, final_round(owner), today=R)
    step = rejection.steps.first()
    assert step is not None
    with pytest.raises(UserError, match="Not found"):
        actions.complete_step(outsider, step, today=R)
    with pytest.raises(UserError, match="Not found"):
        actions.log_feedback(outsider, rejection, "x", today=R)
    with pytest.raises(UserError, match="No step matches"):
        actions.resolve_step(outsider, str(step.uuid))
    assert queries.today_view(outsider, R).empty
