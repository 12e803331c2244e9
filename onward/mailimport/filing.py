"""Filing one imported message — a rejection with its plan, a stage moved forward, an application marked
applied — and taking it back exactly, or refusing when that would take back more than the message did."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from onward.domain.mail.message import JOB_LABELS, LABELS
from onward.domain.stages import PROGRESS, Stage
from onward.errors import UserError
from onward.mailimport.models import ImportedMail
from onward.plans import actions as plans
from onward.plans.models import PlanStep, Rejection
from onward.tracker import actions as tracker
from onward.tracker.models import Application, Note, StageEvent

# Rejections older than this are filed with their plan, but the steps whose time has passed (a thank-you
# three months late) are set aside quietly.
FRESH_DAYS = 30


def clean(value: str | None, limit: int = 200) -> str:
    return " ".join((value or "").split())[:limit]


LABEL_PHRASES = {
    "rejection": "a rejection",
    "interview": "an interview invitation",
    "offer": "an offer",
    "confirmation": "a confirmation that an application was received",
    "other_job": "other job mail (an alert, a recruiter, a status update)",
    "not_job": "mail that isn't about your search",
}


def proposed_application(user: User, key: str | None) -> Application | None:
    if key is None or key.startswith("new:"):
        return None
    try:
        return Application.objects.for_user(user).select_related("company").get(uuid=key)
    except (Application.DoesNotExist, ValueError):
        raise UserError(
            "The application onward proposed for this message is no longer there; use “Correct it” to choose one."
        ) from None


def describe(label: str, existing: bool, company: str | None, role: str | None) -> str:
    """What filing a message does, in words (for a dry run and the summary)."""
    what = f"{role or 'the role'} at {company or 'the company'}"
    if not existing and label in JOB_LABELS:
        return {
            "rejection": f"track {what} and log its rejection, with a plan",
            "interview": f"track {what} at Interviewing",
            "offer": f"track {what} at Offer",
            "confirmation": f"track {what} as applied",
        }[label]
    return {
        "rejection": f"log the rejection for {what} and start its plan",
        "interview": f"move {what} to Interviewing",
        "offer": f"move {what} to Offer",
        "confirmation": f"mark {what} as applied",
    }.get(label, "leave it alone")


# --- applying and undoing ------------------------------------------------------------


def _snapshot(app: Application) -> dict[str, Any]:
    return {
        "stage": app.stage,
        "stage_changed_on": app.stage_changed_on.isoformat(),
        "last_activity_on": app.last_activity_on.isoformat(),
        "applied_on": app.applied_on.isoformat() if app.applied_on else None,
    }


@transaction.atomic
def apply_item(
    user: User,
    item: ImportedMail,
    *,
    today: date,
    label: str,
    application: Application | None = None,
    company: str = "",
    role: str = "",
    by: str = "you",
) -> ImportedMail:
    """File one message: a rejection starts its plan, an invitation or offer moves the stage, a confirmation
    marks applied. ``application`` None means a new one, for ``company`` and ``role`` (or the ones read)."""
    if item.owner_id != user.pk:
        raise UserError("Not found.")
    if item.status == "applied":
        raise UserError("This message is already filed.")
    if label not in LABELS:
        raise UserError(f"Unknown kind of message {label!r}; use one of: {', '.join(LABELS)}.")
    if label not in JOB_LABELS:
        return dismiss_item(user, item, label=label)
    on = min(item.sent_on or today, today)
    changes: dict[str, Any] = {}
    if application is None:
        company = clean(company or item.company)
        role = clean(role or item.role)
        if not company or not role:
            raise UserError("Say which company and role this message is about, or choose an application.")
        application = tracker.add_application(user, company=company, role=role, today=today, applied_on=on).application
        changes["created"] = str(application.uuid)
    elif application.owner_id != user.pk:
        raise UserError("Not found.")
    changes["before"] = _snapshot(application)
    first_event = StageEvent.objects.filter(application=application).order_by("-id").values_list("id", flat=True)
    changes["events_after"] = first_event.first() or 0
    done = _file(user, application, item, label=label, on=on, today=today, changes=changes)
    changes["done"] = done
    changes["events"] = list(
        StageEvent.objects.filter(application=application, id__gt=changes["events_after"]).values_list("id", flat=True)
    )
    application.refresh_from_db(fields=["stage"])
    changes["after_stage"] = application.stage
    item.label = label
    item.application = application
    item.changes = changes
    item.status = "applied"
    item.decided_by = by
    item.decided_at = timezone.now()
    item.save(update_fields=["label", "application", "changes", "status", "decided_by", "decided_at"])
    return item


def _move(user: User, app: Application, stage: Stage, on: date, today: date) -> bool:
    current = Stage(app.stage)
    if current.ended or PROGRESS.get(current, 0) >= PROGRESS[stage]:
        return False
    when = max(on, app.applied_on) if app.applied_on else on
    tracker.change_stage(user, app, stage.value, today=today, on=min(when, today))
    return True


def _note(app: Application, item: ImportedMail, on: date, words: str) -> Note:
    text = f"{words}: “{item.subject}” from {item.sender}." if item.subject else f"{words} from {item.sender}."
    return Note.objects.create(application=app, on=on, text=text)


def _file(
    user: User, app: Application, item: ImportedMail, *, label: str, on: date, today: date, changes: dict[str, Any]
) -> str:
    who = f"{app.role} at {app.company.name}"
    if label == "rejection":
        existing = Rejection.objects.filter(application=app).first()
        if existing:
            return f"the rejection for {who} was already logged"
        when = max(on, app.applied_on) if app.applied_on else on
        rejection = plans.log_rejection(user, app, today=today, on=when, via="email", message=item.body)
        changes["rejection"] = str(rejection.uuid)
        changes["steps"] = list(rejection.steps.values_list("id", flat=True))
        if (today - when).days > FRESH_DAYS:
            passed = rejection.steps.filter(status="pending", window_end__lt=today)
            aside = list(passed.exclude(kind="stay_in_touch").values_list("id", flat=True))
            rejection.steps.filter(id__in=aside).update(status="skipped", completed_on=today)
            changes["set_aside"] = aside
            return f"logged the rejection for {who} (its time-bound steps had passed)"
        return f"logged the rejection for {who} and started its plan"
    if label in ("interview", "offer"):
        stage = Stage.INTERVIEWING if label == "interview" else Stage.OFFER
        changes["note"] = str(_note(app, item, on, "Email").uuid)
        if _move(user, app, stage, on, today):
            return f"moved {who} to {stage.label}"
        return f"kept {who} at {Stage(app.stage).label} and noted the email"
    # A confirmation: the application was sent.
    changes["note"] = str(_note(app, item, on, "Application received").uuid)
    if changes.get("created"):
        return f"tracked {who} as applied on {on:%-d %B %Y}"
    if app.stage == Stage.WISHLIST.value:
        tracker.change_stage(user, app, Stage.APPLIED.value, today=today, on=on)
        return f"marked {who} as applied"
    return f"noted that {app.company.name} received your application for {app.role}"


@transaction.atomic
def undo_item(user: User, item: ImportedMail) -> ImportedMail:
    """Put back what filing this message changed; the message goes back to the review queue."""
    if item.owner_id != user.pk:
        raise UserError("Not found.")
    if item.status != "applied":
        raise UserError("Only a filed message can be undone.")
    changes = item.changes
    app = item.application
    if app is not None:
        _check_undoable(app, item)
        if changes.get("rejection"):
            Rejection.objects.filter(application=app, uuid=changes["rejection"]).delete()
        if changes.get("note"):
            Note.objects.filter(application=app, uuid=changes["note"]).delete()
        StageEvent.objects.filter(application=app, id__in=changes.get("events", [])).delete()
        if changes.get("created") == str(app.uuid):
            company = app.company
            app.delete()
            if not company.applications.exists() and not company.contacts.exists():
                company.delete()
            app = None
        elif before := changes.get("before"):
            app.stage = before["stage"]
            app.stage_changed_on = date.fromisoformat(before["stage_changed_on"])
            app.last_activity_on = date.fromisoformat(before["last_activity_on"])
            app.applied_on = date.fromisoformat(before["applied_on"]) if before["applied_on"] else None
            app.save(update_fields=["stage", "stage_changed_on", "last_activity_on", "applied_on", "updated_at"])
    item.status = "review"
    item.application = None
    item.changes = {"undone": changes.get("done", "")}
    item.decided_by = "you"
    item.decided_at = timezone.now()
    item.save(update_fields=["status", "application", "changes", "decided_by", "decided_at"])
    return item


def _check_undoable(app: Application, item: ImportedMail) -> None:
    """Refuse an undo that would take back more than this message did: the person's own work, or later changes."""
    changes = item.changes
    if changes.get("after_stage") and app.stage != changes["after_stage"]:
        raise UserError(
            f"{app.role} at {app.company.name} has moved on since (it is at {app.get_stage_display()} now), "
            "so onward won't undo this; change it on the application's page instead."
        )
    if app.imported_mail.exclude(pk=item.pk).filter(status="applied", decided_at__gt=item.decided_at).exists():
        raise UserError("Another message was filed on this application since; undo that one first.")
    ours: dict[type, set[int]] = {
        StageEvent: set(changes.get("events", [])),
        Note: set(Note.objects.filter(uuid=changes["note"]).values_list("pk", flat=True))
        if changes.get("note")
        else set(),
    }
    created = changes.get("created") == str(app.uuid)
    roots: list[Model] = [app] if created else []
    rejection = (
        Rejection.objects.filter(application=app, uuid=changes["rejection"]).first()
        if changes.get("rejection")
        else None
    )
    if rejection is not None:
        roots.append(rejection)
        steps = rejection.steps.all()
        aside = set(changes.get("set_aside", []))
        planned = set(changes.get("steps", []))
        if any((s.status != "pending" and s.pk not in aside) or s.pk not in planned for s in steps):
            raise UserError(
                "You've already worked on this rejection's plan, so onward won't undo it; "
                "the application's page lets you change it instead."
            )
        ours[PlanStep] = planned
    if not roots:
        return
    collector = NestedObjects(using=app._state.db)
    for root in roots:  # the collector takes objects of one model at a time
        collector.collect([root])
    for model, found in collector.data.items():
        if model in (Application, Rejection):
            continue
        if model is StageEvent and created:
            found = {o for o in found if o.pk not in ours[StageEvent]}
            if len(found) <= 1:  # the event it was created with
                continue
        extra = {o.pk for o in found} - ours.get(model, set())
        if extra:
            raise UserError(
                f"You've added to {app.role} at {app.company.name} since it was filed "
                f"({model._meta.verbose_name_plural}), so undoing would lose your work; change it on its page instead."
            )


@transaction.atomic
def dismiss_item(user: User, item: ImportedMail, *, label: str = "not_job") -> ImportedMail:
    """Leave a message alone: it is not about the search (or not something to file)."""
    if item.owner_id != user.pk:
        raise UserError("Not found.")
    if item.status == "applied":
        raise UserError("This message is filed; undo it first.")
    item.status = "dismissed"
    item.label = label if label in LABELS else "not_job"
    item.body = ""  # mail that isn't about the search is not kept
    item.evidence = []
    item.decided_by = "you"
    item.decided_at = timezone.now()
    item.save(update_fields=["status", "label", "body", "evidence", "decided_by", "decided_at"])
    return item


def accept_item(user: User, item: ImportedMail, *, today: date) -> ImportedMail:
    """File a queued message as onward proposed."""
    key = item.proposal.get("application")
    target = proposed_application(user, key) if key else None
    return apply_item(user, item, today=today, label=item.label, application=target)


# --- sources and jobs ----------------------------------------------------------------
