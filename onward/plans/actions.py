"""Logging a rejection, planning its recovery, and moving through the steps.

Views, the CLI and (later) the API call these; each takes the acting user first.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from django.db import transaction
from django.shortcuts import get_object_or_404

from onward.accounts.actions import preferences_for
from onward.domain import planner
from onward.domain.playbook import REACHED, Playbook
from onward.domain.stages import Stage
from onward.errors import UserError
from onward.plans.models import VIA_CHOICES, PlanStep, Rejection
from onward.plans.playbooks import playbook_in_force
from onward.tracker import actions as tracker
from onward.tracker.models import Application, Contact

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The furthest stage an application's history shows, as a "stage reached".
REACHED_BY_STAGE = {
    Stage.SCREENING.value: "screen",
    Stage.INTERVIEWING.value: "interview",
    Stage.FINAL_ROUND.value: "final",
    Stage.OFFER.value: "final",
}


def rejection_for_user(user: User, public_id: UUID | str) -> Rejection:
    return get_object_or_404(
        Rejection.objects.for_user(user).select_related("application__company"), uuid=tracker._as_uuid(public_id)
    )


def step_for_user(user: User, public_id: UUID | str) -> PlanStep:
    return get_object_or_404(
        PlanStep.objects.for_user(user).select_related("rejection__application__company", "contact"),
        uuid=tracker._as_uuid(public_id),
    )


def resolve_step(user: User, ref: str) -> PlanStep:
    """A step by its id or an unambiguous id prefix (the CLI's way)."""
    ref = ref.strip()
    mine = PlanStep.objects.for_user(user).select_related("rejection__application__company", "contact")
    if not tracker._HEX_PREFIX.match(ref):
        raise UserError(f"{ref!r} is not a step id; `onward today` shows them.")
    found = list(mine.filter(uuid__startswith=tracker._uuid_prefix(ref)).order_by("due", "id")[:6])
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(f"{s.uuid.hex[:8]} {s.title}" for s in found)
        raise UserError(f"{ref!r} matches several steps: {listed}. Give more of the id.")
    raise UserError(f"No step matches {ref!r}; `onward today` shows them.")


def stage_reached_of(application: Application) -> str:
    """The furthest stage this application's history shows."""
    seen = {e.stage for e in application.stage_events.all()} | {application.stage}
    best = "applied"
    for stage, reached in REACHED_BY_STAGE.items():
        if stage in seen and REACHED.index(reached) > REACHED.index(best):
            best = reached
    return best


def _check_via(via: str) -> str:
    if via and via not in dict(VIA_CHOICES):
        raise UserError(f"Unknown way the news came {via!r}; use one of: {', '.join(dict(VIA_CHOICES))}.")
    return via


def _people_met(application: Application, reached: str) -> list[tuple[Contact, int]]:
    """The people of this process, with how often they were met: interviewers, and the recruiter or manager."""
    counts: Counter[int] = Counter()
    people: dict[int, Contact] = {}
    for interview in application.interviews.prefetch_related("contacts"):
        for contact in interview.contacts.all():
            counts[contact.pk] += 1
            people[contact.pk] = contact
    if reached != "applied":
        for contact in application.contacts.filter(relationship__in=["recruiter", "hiring_manager"]):
            people.setdefault(contact.pk, contact)
            counts[contact.pk] = max(counts[contact.pk], 1)
    return [(people[pk], counts[pk]) for pk in sorted(people, key=lambda pk: people[pk].name)]


def _notes_left(user: User, playbook: Playbook, around: date) -> int:
    prefs = preferences_for(user)
    allowance = prefs.connect_notes_per_month
    if allowance is None:
        allowance = playbook.connect_notes_per_month
    month = PlanStep.objects.for_user(user).filter(
        kind="connect", with_note=True, due__year=around.year, due__month=around.month
    )
    return max(0, allowance - month.exclude(status="skipped").count())


@transaction.atomic
def log_rejection(
    user: User,
    application: Application,
    *,
    today: date,
    on: date | None = None,
    stage_reached: str | None = None,
    via: str = "",
    message: str = "",
    reason: str = "",
    cool_off_days: int | None = None,
) -> Rejection:
    """Record the news, move the application to rejected, and plan the recovery from the playbook."""
    tracker._own(user, application)
    on = on or today
    earlier = Rejection.objects.filter(application=application).first()
    if earlier:
        raise UserError(
            f"A rejection from {application} is already logged (on {earlier.on.isoformat()}, "
            f"id {earlier.uuid.hex[:8]}); its plan is still there."
        )
    if on > today:
        raise UserError(f"The rejection date {on.isoformat()} is in the future; today is {today.isoformat()}.")
    if application.applied_on and on < application.applied_on:
        raise UserError(
            f"The rejection date {on.isoformat()} is before you applied ({application.applied_on.isoformat()})."
        )
    reached = stage_reached or stage_reached_of(application)
    if reached not in REACHED:
        raise UserError(f"Unknown stage reached {reached!r}; use one of: {', '.join(REACHED)}.")
    playbook = playbook_in_force()
    met = _people_met(application, reached)
    facts = planner.RejectionFacts(
        on=on,
        stage_reached=reached,
        people_met=tuple(
            planner.Person(str(c.uuid), c.name, c.relationship, n, c.cadence_days, c.last_contact_on) for c, n in met
        ),
        history=tuple(
            planner.PastRejection(r.on, r.stage_reached) for r in Rejection.objects.for_user(user).filter(on__lte=on)
        ),
        last_reassess_on=_last_reassess(user),
        cool_off_days=cool_off_days,
        company=application.company.name,
    )
    try:
        result = planner.plan(facts, playbook, notes_left=_notes_left(user, playbook, on + timedelta(days=2)))
    except planner.PlanError as exc:
        raise UserError(str(exc).capitalize() + ".") from None
    rejection = Rejection.objects.create(
        owner=user,
        application=application,
        on=on,
        stage_reached=reached,
        via=_check_via(via),
        message=message.strip(),
        reason=reason.strip(),
        cool_off_days=result.cool_off_days,
    )
    if application.stage != Stage.REJECTED.value:
        tracker.change_stage(user, application, Stage.REJECTED.value, today=today, on=on)
    contacts = {str(c.uuid): c for c, _ in met}
    if reached != "applied":
        for contact in contacts.values():  # people met get a gentle stay-in-touch rhythm
            if contact.cadence_days is None:
                contact.cadence_days = playbook.cadence_days
                contact.save(update_fields=["cadence_days"])
    _create_steps(user, rejection, result.steps, contacts)
    return rejection


def _last_reassess(user: User) -> date | None:
    step = PlanStep.objects.for_user(user).filter(kind="reassess").order_by("-rejection__on").first()
    return step.rejection.on if step else None


def _create_steps(
    user: User,
    rejection: Rejection,
    steps: tuple[planner.PlannedStep, ...] | list[planner.PlannedStep],
    contacts: dict[str, Contact],
) -> list[PlanStep]:
    return PlanStep.objects.bulk_create(
        [
            PlanStep(
                owner=user,
                rejection=rejection,
                kind=s.kind,
                step_id=s.step_id,
                title=s.title,
                why=s.why,
                due=s.due,
                window_end=s.window_end,
                links_to=s.links_to,
                contact=contacts.get(s.contact_key) if s.contact_key else None,
                with_note=s.with_note,
                numbers=s.numbers,
            )
            for s in steps
        ]
    )


@transaction.atomic
def log_rejection_for(user: User, *, company: str, role: str, today: date, **details: object) -> Rejection:
    """The quick form's way in: find the open application for company and role, or track it now."""
    found = tracker.open_duplicates(user, company, role).order_by("-created_at").first()
    if found is None:
        on = details.get("on") or today
        assert isinstance(on, date)
        found = tracker.add_application(
            user, company=company, role=role, today=today, applied_on=min(on, today)
        ).application
    return log_rejection(user, found, today=today, **details)  # type: ignore[arg-type]


# --- steps ---------------------------------------------------------------------------


def _pending(user: User, step: PlanStep) -> None:
    if step.owner_id != user.pk:
        raise UserError("Not found.")
    if step.status != "pending":
        raise UserError(f"“{step.title}” is already {step.get_status_display().lower()}.")


@transaction.atomic
def complete_step(user: User, step: PlanStep, *, today: date, note: str = "", logged: bool = False) -> PlanStep:
    """Mark a step done. A stay-in-touch check-in counts as being in touch, and the next one is planned.

    ``logged`` says the conversation is already logged (a draft marked sent), so none is added.
    """
    _pending(user, step)
    step.status, step.completed_on = "done", today
    step.save(update_fields=["status", "completed_on"])
    if step.kind == "stay_in_touch" and step.contact is not None:
        if not logged:
            tracker.log_interaction(
                user, step.contact, today=today, channel="message", note=note or "Checked in", application=None
            )
        _next_stay_in_touch(user, step, today)
    return step


def settle_step_forward(user: User, ref: object, *, today: date) -> PlanStep | None:
    """Mark done the "one step forward" step a form was opened from, now that its action is done.

    The step's card links to "Add an application" and "Set a weekly goal" with ``?step=<id>``;
    doing either is the step. Anything else (another kind of step, someone else's, one already
    settled, an id that isn't one) is left alone, and nothing is said.
    """
    try:
        public_id = UUID(str(ref))
    except ValueError:
        return None
    mine = PlanStep.objects.for_user(user).select_related("rejection__application__company", "contact")
    step = mine.filter(uuid=public_id, kind="get_back", status="pending").first()
    return complete_step(user, step, today=today) if step else None


@transaction.atomic
def skip_step(user: User, step: PlanStep, *, today: date) -> PlanStep:
    """Skip a step: no reason asked, nothing held against anyone."""
    _pending(user, step)
    step.status, step.completed_on = "skipped", today
    step.save(update_fields=["status", "completed_on"])
    if step.kind == "stay_in_touch" and step.contact is not None:
        _next_stay_in_touch(user, step, today)
    return step


MAX_SNOOZE_DAYS = 90


def snooze_step(
    user: User, step: PlanStep, *, today: date, days: int | None = None, until: date | None = None
) -> PlanStep:
    """Move a step to a later day: a number of days from today, or a chosen date."""
    _pending(user, step)
    if (days is None) == (until is None):
        raise UserError("Snooze for a number of days or until a date (one of the two).")
    if days is not None:
        if not 1 <= days <= MAX_SNOOZE_DAYS:
            raise UserError(f"Snooze for 1 to {MAX_SNOOZE_DAYS} days, not {days}.")
        until = today + timedelta(days=days)
    assert until is not None
    if until <= today:
        raise UserError(f"Snooze until a day after today ({today.isoformat()}), not {until.isoformat()}.")
    if until > today + timedelta(days=365):
        raise UserError("Snooze for at most a year.")
    step.snoozed_until = until
    step.save(update_fields=["snoozed_until"])
    return step


def _next_stay_in_touch(user: User, step: PlanStep, today: date) -> None:
    contact = step.contact
    assert contact is not None
    cadence = contact.cadence_days or playbook_in_force().cadence_days
    due = today + timedelta(days=cadence)
    PlanStep.objects.create(
        owner=user,
        rejection=step.rejection,
        kind=step.kind,
        step_id=step.step_id,
        title=step.title,
        why=step.why,
        due=due,
        window_end=due + (step.window_end - step.due),
        links_to=step.links_to,
        contact=contact,
    )


@transaction.atomic
def log_feedback(
    user: User,
    rejection: Rejection,
    text: str,
    *,
    today: date,
    on: date | None = None,
    contact: Contact | None = None,
) -> PlanStep | None:
    """Keep the feedback that arrived and plan a gracious reply to it."""
    if rejection.owner_id != user.pk:
        raise UserError("Not found.")
    text = text.strip()
    if not text:
        raise UserError("There's no feedback to save yet. Paste or type what they said.")
    on = on or today
    if on > today:
        raise UserError(f"The date {on.isoformat()} is in the future.")
    if on < rejection.on:
        raise UserError(f"Feedback can't arrive before the rejection ({rejection.on.isoformat()}).")
    rejection.feedback_text, rejection.feedback_on = text, on
    rejection.save(update_fields=["feedback_text", "feedback_on"])
    if rejection.steps.filter(kind="feedback_reply").exists():
        return None
    if contact is None:  # who it came from, else whoever was asked
        asked = rejection.steps.filter(kind="feedback_request").select_related("contact").first()
        contact = asked.contact if asked else None
    person = planner.Person(str(contact.uuid), contact.name, contact.relationship) if contact else None
    planned = planner.feedback_step(
        playbook_in_force(), received_on=on, person=person, company=rejection.application.company.name
    )
    if planned is None:
        return None
    return _create_steps(user, rejection, [planned], {str(contact.uuid): contact} if contact else {})[0]
