"""Reflections, feedback and the lessons they add up to. Web, CLI and API call these.

Every function takes the acting user first; detection and aggregation are the
pure ``onward.domain`` modules, handed plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from onward.domain import lessons, reflection, themes
from onward.errors import UserError
from onward.plans import actions as plans
from onward.plans.models import PlanStep, Rejection
from onward.reflect.models import FEEDBACK_CHANNELS, Feedback, Reflection
from onward.tracker import actions as tracker
from onward.tracker.models import Application, Contact, Interview

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_FEEDBACK = 20_000


def feedback_for_user(user: User, public_id: UUID | str) -> Feedback:
    found = Feedback.objects.for_user(user).select_related("application__company", "contact")
    return get_object_or_404(found, uuid=tracker._as_uuid(public_id))


# --- feedback ------------------------------------------------------------------------------


@transaction.atomic
def add_feedback(
    user: User,
    application: Application,
    text: str,
    *,
    today: date,
    on: date | None = None,
    contact: Contact | None = None,
    channel: str = "email",
    disagree: bool = False,
) -> Feedback:
    """Keep what they said word for word, find its themes, and plan a gracious reply."""
    tracker._own(user, application)
    if contact is not None:
        tracker._own(user, contact)
    text = text.strip()
    if not text:
        raise UserError("There's no feedback to save yet. Paste or type what they said.")
    if len(text) > MAX_FEEDBACK:
        raise UserError(f"The feedback is {len(text):,} characters; keep it under {MAX_FEEDBACK:,}.")
    on = on or today
    if on > today:
        raise UserError(f"The date {on.isoformat()} is in the future.")
    if channel not in dict(FEEDBACK_CHANNELS):
        raise UserError(f"Unknown channel {channel!r}; use one of: {', '.join(dict(FEEDBACK_CHANNELS))}.")
    rejection = Rejection.objects.filter(application=application).first()
    if rejection is not None and on < rejection.on:
        raise UserError(f"Feedback can't arrive before the rejection ({rejection.on.isoformat()}).")
    found = themes.detect(text)
    feedback = Feedback.objects.create(
        owner=user,
        application=application,
        contact=contact,
        on=on,
        channel=channel,
        text=text,
        disagree=disagree,
        themes=[h.as_dict() for h in found.hits],
        english=found.english,
    )
    if rejection is not None:
        plans.log_feedback(user, rejection, text, today=today, on=on, contact=contact)
    tracker._touch(application, on)
    return feedback


def reply_step(feedback: Feedback) -> PlanStep | None:
    """The plan's "thank them for the feedback" step, when there is one still to do."""
    return (
        PlanStep.objects.filter(rejection__application=feedback.application, kind="feedback_reply", status="pending")
        .order_by("due", "id")
        .first()
    )


def reply_steps(user: User, feedback: list[Feedback]) -> dict[int, PlanStep]:
    """Each application's "thank them for the feedback" step still to do, for a list of feedback in one query."""
    steps = (
        PlanStep.objects.for_user(user)
        .filter(rejection__application__in={f.application_id for f in feedback}, kind="feedback_reply")
        .filter(status="pending")
        .select_related("rejection")
        .order_by("-due", "-id")  # the earliest last, so it is the one kept
    )
    return {step.rejection.application_id: step for step in steps}


_LOOK_IT_UP: Any = object()


def feedback_dict(feedback: Feedback, step: PlanStep | None = _LOOK_IT_UP) -> dict[str, Any]:
    """The ``onward feedback add --json`` shape; lists pass the reply ``step`` they looked up for every item."""
    if step is _LOOK_IT_UP:
        step = reply_step(feedback)
    return {
        "id": str(feedback.uuid),
        "application": str(feedback.application.uuid),
        "on": feedback.on,
        "from": feedback.contact.name if feedback.contact else None,
        "channel": feedback.channel,
        "disagree": feedback.disagree,
        "english": feedback.english,
        "themes": feedback.themes,
        "reply_step": str(step.uuid) if step else None,
    }


# --- reflection ------------------------------------------------------------------------------


def reflection_of(user: User, application: Application) -> Reflection | None:
    tracker._own(user, application)
    return Reflection.objects.filter(application=application).first()


@transaction.atomic
def save_reflection(
    user: User, application: Application, answers: dict[str, Any], *, today: date, finish: bool = False
) -> Reflection:
    """Save what's written so far; ``finish`` marks it done and completes the plan's reflect step."""
    tracker._own(user, application)
    try:
        cleaned = reflection.clean_answers(answers)
    except reflection.ReflectionError as exc:
        raise UserError(str(exc)) from None
    found = Reflection.objects.filter(application=application).first() or Reflection(
        owner=user, application=application
    )
    found.answers = cleaned
    if finish:
        if not cleaned:
            raise UserError("Nothing is written yet. Answer one area, or save it for later.")
        found.finished_on = found.finished_on or today
    found.save()
    if finish:
        step = PlanStep.objects.filter(rejection__application=application, kind="reflect", status="pending").first()
        if step is not None:
            plans.complete_step(user, step, today=today)
    return found


def reflection_dict(found: Reflection) -> dict[str, Any]:
    return {
        "id": str(found.uuid),
        "application": str(found.application.uuid),
        "finished_on": found.finished_on,
        "draft": found.is_draft,
        "answers": found.answers,
        "counts_towards": [a.theme for a in reflection.low_areas(found.answers)],
    }


# --- lessons across the search -----------------------------------------------------------------


def _feedback_items(user: User) -> list[lessons.FeedbackItem]:
    """Each piece of feedback with the themes found when it was logged, as its page shows them."""
    rows = (
        Feedback.objects.for_user(user).order_by("on").values_list("on", "application__company__name", "text", "themes")
    )
    return [
        lessons.FeedbackItem(on, company, text, tuple(themes.Hit(**hit) for hit in found))
        for on, company, text, found in rows
    ]


def _reflection_items(user: User) -> list[lessons.ReflectionItem]:
    rows = Reflection.objects.for_user(user).values_list(
        "finished_on", "updated_at", "application__company__name", "answers"
    )
    return [
        lessons.ReflectionItem(finished_on or updated_at.date(), company, answers)
        for finished_on, updated_at, company, answers in rows
    ]


def recurring_themes(user: User) -> list[lessons.Recurring]:
    return lessons.themes_across(_feedback_items(user), _reflection_items(user))


@dataclass
class Overview:
    recurring: list[lessons.Recurring]
    not_about_you: list[lessons.Recurring]
    strengths: list[str]


def overview(user: User) -> Overview:
    """Everything the Lessons page and ``onward themes`` show, with the feedback read once."""
    feedback = _feedback_items(user)
    return Overview(
        lessons.themes_across(feedback, _reflection_items(user)),
        lessons.outside_control(feedback),
        strengths(user),
    )


def strengths(user: User) -> list[str]:
    """What interviewers responded well to, newest first: interview notes and reflections."""
    found: list[str] = []
    liked = Interview.objects.for_user(user).exclude(liked="").order_by("-on", "-id").values_list("liked", flat=True)
    for text in liked:
        found += [line.strip(" -•*") for line in text.splitlines() if line.strip(" -•*")]
    for answers in Reflection.objects.for_user(user).order_by("-updated_at", "-id").values_list("answers", flat=True):
        found += reflection.strengths(answers)
    seen: set[str] = set()
    unique = []
    for strength in found:  # the same story told in two interviews is one strength
        if strength.casefold() not in seen:
            seen.add(strength.casefold())
            unique.append(strength)
    return unique


def prep_for(user: User, application: Application, today: date) -> lessons.PrepSheet:
    """The prep sheet for an application's next interview."""
    tracker._own(user, application)
    upcoming = application.interviews.filter(on__gte=today).order_by("on").first()
    past = (
        Interview.objects.for_user(user)
        .filter(application__company=application.company, on__lt=today)
        .prefetch_related("contacts")
        .order_by("-on")
    )
    return lessons.prep_sheet(
        company=application.company.name,
        role=application.role,
        interview_on=upcoming.on if upcoming else None,
        lessons=recurring_themes(user),
        strengths=strengths(user),
        past=[
            lessons.PastInterview(
                i.on,
                i.get_kind_display().lower(),
                ", ".join(c.name for c in i.contacts.all()),
                "; ".join(t.strip().rstrip(".;") for t in (i.topics, i.liked, i.notes) if t.strip()),
            )
            for i in past
        ],
    )


def recent_feedback(user: User) -> QuerySet[Feedback]:
    """Every piece of feedback, newest first (the Lessons page shows a page of it at a time)."""
    found = Feedback.objects.for_user(user).select_related("application__company")
    return found.order_by("-on", "-created_at", "-id")


def recent_reflections(user: User) -> QuerySet[Reflection]:
    """Every reflection, the most recently written first."""
    return Reflection.objects.for_user(user).select_related("application__company").order_by("-updated_at", "-id")


def recurring_dict(entry: lessons.Recurring) -> dict[str, Any]:
    return {
        "theme": entry.theme,
        "label": entry.label,
        "count": entry.count,
        "outside_control": entry.outside_control,
        "practice": entry.practice,
        "quotes": [{"on": e.on, "quote": e.quote, "source": e.source} for e in entry.evidence],
    }
