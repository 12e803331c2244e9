"""Mail import: read messages, judge them, file the confident ones and queue the rest — and undo.

Reading and judging are pure (``onward.domain.mail``); this module is where they
meet the tracker and the plans. Each message is handled in its own transaction,
so one bad message never stops the others and nothing is ever half-applied.
"""

from __future__ import annotations

import shutil
import uuid as uuid_lib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404
from django.utils import timezone

from onward.domain.mail.classify import classify
from onward.domain.mail.extract import sender_book
from onward.domain.mail.match import Known, Match, match
from onward.domain.mail.message import JOB_LABELS, LABELS, Mail, Skipped, Verdict
from onward.domain.mail.reader import MailError, open_source, parse_text
from onward.domain.stages import PROGRESS, Stage
from onward.errors import UserError
from onward.mailimport.models import LABEL_WORDS, ImportedMail, ImportJob
from onward.plans import actions as plans
from onward.plans.models import PlanStep, Rejection
from onward.tracker import actions as tracker
from onward.tracker.models import Application, Note, StageEvent

BODY_LIMIT = 20_000  # characters of a job message kept with it
SKIPPED_LIMIT = 200  # reasons kept in a summary; the count is always whole
BATCH = 200  # messages whose fingerprints are looked up in one query
# Rejections older than this are filed with their plan, but the steps whose time
# has passed (a thank-you three months late) are set aside quietly.
FRESH_DAYS = 30


def apply_at() -> float:
    return float(settings.ONWARD_MAIL_APPLY_CONFIDENCE)


def review_below() -> float:
    return float(settings.ONWARD_MAIL_REVIEW_CONFIDENCE)


def job_for_user(user: User, public_id: uuid_lib.UUID | str) -> ImportJob:
    try:
        return ImportJob.objects.for_user(user).get(uuid=public_id)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise Http404("No such import.") from None


def item_for_user(user: User, public_id: uuid_lib.UUID | str) -> ImportedMail:
    try:
        return ImportedMail.objects.for_user(user).select_related("application__company").get(uuid=public_id)
    except (ImportedMail.DoesNotExist, ValueError, TypeError):
        raise Http404("No such message.") from None


def review_queue(user: User) -> list[ImportedMail]:
    return list(
        ImportedMail.objects.for_user(user)
        .filter(status="review")
        .select_related("application__company")
        .order_by("-sent_on", "-id")
    )


def review_count(user: User) -> int:
    return ImportedMail.objects.for_user(user).filter(status="review").count()


# --- what one message means ----------------------------------------------------------


@dataclass
class Finding:
    """One message's outcome, as the summary, the review queue and the CLI's JSON show it."""

    id: str
    subject: str
    sender: str
    date: str | None
    label: str
    confidence: float
    company: str | None
    role: str | None
    evidence: list[str]
    status: str  # applied, review, left
    application: str | None = None  # the application's id
    match: str = ""  # why that application, in words
    action: str = ""  # what was done (or would be), in words

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "subject": self.subject,
            "from": self.sender,
            "date": self.date,
            "label": self.label,
            "confidence": self.confidence,
            "company": self.company,
            "role": self.role,
            "application": self.application,
            "match": self.match,
            "action": self.action,
            "evidence": self.evidence,
        }


@dataclass
class Report:
    """What an import found and did (or, in a dry run, would do)."""

    dry_run: bool = False
    messages: int = 0
    by_label: Counter[str] = field(default_factory=Counter)
    applied: list[Finding] = field(default_factory=list)
    review: list[Finding] = field(default_factory=list)
    left: int = 0
    skipped_duplicates: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    skipped_count: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "by_label": {label: self.by_label.get(label, 0) for label in LABELS},
            "applied": [f.as_dict() for f in self.applied],
            "review": [f.as_dict() for f in self.review],
            "skipped_duplicates": self.skipped_duplicates,
            "left_alone": self.left,
            "skipped": [{"where": s.where, "reason": s.reason} for s in self.skipped],
            "skipped_count": self.skipped_count,
            "dry_run": self.dry_run,
        }

    def skip(self, skipped: Skipped) -> None:
        self.skipped_count += 1
        if len(self.skipped) < SKIPPED_LIMIT:
            self.skipped.append(skipped)


def _sender(mail: Mail) -> str:
    if mail.sender_name and mail.sender_address:
        return f"{mail.sender_name} <{mail.sender_address}>"
    return mail.sender_name or mail.sender_address


def _known(user: User) -> list[Known]:
    """The person's applications as the matcher sees them, most recent first."""
    domains: dict[int, set[str]] = {}
    senders = sender_book()
    for app_id, address in (
        ImportedMail.objects.for_user(user)
        .filter(application__isnull=False, status="applied")
        .values_list("application_id", "sender_address")
    ):
        domain = address.rpartition("@")[2].lower() if "@" in address else ""
        if domain and not senders.is_vendor(domain):
            domains.setdefault(app_id, set()).add(domain)
    rows = Application.objects.for_user(user).select_related("company").order_by("-created_at", "-id")
    ended = {s.value for s in Stage if s.ended}
    return [
        Known(
            str(a.uuid),
            a.company.name,
            a.role,
            a.stage not in ended,
            tuple(sorted(domains.get(a.pk, ()))),
            a.applied_on or a.created_at.date(),
        )
        for a in rows
    ]


def _thread_key(user: User, mail: Mail) -> str | None:
    ids = [i for i in (mail.in_reply_to, *mail.references) if i]
    if not ids:
        return None
    earlier = (
        ImportedMail.objects.for_user(user)
        .filter(message_id__in=ids[-20:], application__isnull=False)
        .select_related("application")
        .first()
    )
    return str(earlier.application.uuid) if earlier and earlier.application else None


def _day(mail: Mail) -> date | None:
    """The day a message was sent, in this computer's time zone (as the person lived it)."""
    if mail.date is None:
        return None
    try:
        return timezone.localtime(mail.date).date() if timezone.is_aware(mail.date) else mail.date.date()
    except (OverflowError, ValueError):
        return mail.date.date()


def _clean(value: str | None, limit: int = 200) -> str:
    return " ".join((value or "").split())[:limit]


class Importer:
    """Handles messages one at a time, keeping what it learns (new applications) for the next ones."""

    def __init__(self, user: User, *, today: date, dry_run: bool = False, job: ImportJob | None = None) -> None:
        self.user = user
        self.today = today
        self.dry_run = dry_run
        self.job = job
        self.report = Report(dry_run=dry_run)
        self.known = _known(user)
        self.seen: set[str] = set()

    # Reading ---------------------------------------------------------------------

    def run(
        self, items: Iterable[tuple[Mail | Skipped, int]], progress: Callable[[int, Report], None] | None = None
    ) -> Report:
        """Handle every item of a source; ``progress`` hears the bytes read after each batch."""
        batch: list[Mail] = []
        done = 0
        for item, done in items:
            if isinstance(item, Skipped):
                self.report.skip(item)
                continue
            batch.append(item)
            if len(batch) >= BATCH:
                self._batch(batch)
                batch = []
                if progress:
                    progress(done, self.report)
        self._batch(batch)
        if progress:
            progress(done, self.report)
        return self.report

    def _batch(self, mails: list[Mail]) -> None:
        if not mails:
            return
        stored = set(
            ImportedMail.objects.for_user(self.user)
            .filter(fingerprint__in=[m.fingerprint for m in mails])
            .values_list("fingerprint", flat=True)
        )
        plain: list[ImportedMail] = []
        for mail in mails:
            self.report.messages += 1
            if mail.fingerprint in stored or mail.fingerprint in self.seen:
                self.report.skipped_duplicates += 1
                continue
            self.seen.add(mail.fingerprint)
            try:
                verdict = classify(mail)
                if verdict.label not in JOB_LABELS and verdict.confidence >= review_below() and not _hint(verdict):
                    self.report.by_label[verdict.label] += 1
                    self.report.left += 1
                    if not self.dry_run:
                        plain.append(self._row(mail, verdict, status="left", keep_text=verdict.label == "other_job"))
                    continue
                self.handle(mail, verdict)
                self.report.by_label[verdict.label] += 1
            except Exception:  # one message never stops the others; its own changes are rolled back
                self.report.skip(
                    Skipped(_where(mail), "onward couldn't file it (an unexpected problem); nothing was changed")
                )
        if plain:
            ImportedMail.objects.bulk_create(plain, ignore_conflicts=True)

    def _row(self, mail: Mail, verdict: Verdict, *, status: str, keep_text: bool) -> ImportedMail:
        return ImportedMail(
            owner=self.user,
            job=self.job,
            fingerprint=mail.fingerprint[:300],
            message_id=(mail.message_id or "")[:300],
            subject=_clean(mail.subject, 300) if keep_text else "",
            sender=_clean(_sender(mail), 300) if keep_text else "",
            sender_address=mail.sender_address[:300] if keep_text else "",
            sent_on=_day(mail),
            body=mail.body[:BODY_LIMIT] if keep_text and status != "left" else "",
            label=verdict.label,
            confidence=round(verdict.confidence, 3),
            evidence=list(verdict.evidence) if keep_text else [],
            company=_clean(verdict.company.value if verdict.company else "") if keep_text else "",
            company_confidence=verdict.company.confidence if keep_text and verdict.company else None,
            role=_clean(verdict.role.value if verdict.role else "") if keep_text else "",
            role_confidence=verdict.role.confidence if keep_text and verdict.role else None,
            status=status,
        )

    # Deciding --------------------------------------------------------------------

    def handle(self, mail: Mail, verdict: Verdict) -> Finding:
        company = verdict.company.value if verdict.company else None
        role = verdict.role.value if verdict.role else None
        domain = mail.sender_domain.lower()
        found = match(
            self.known,
            company=company,
            role=role,
            sender_domain="" if not domain or sender_book().is_vendor(domain) else domain,
            thread_key=_thread_key(self.user, mail),
            on=_day(mail),
        )
        sure_of_label = verdict.confidence >= apply_at()
        sure_of_target = _target_sure(found, verdict)
        status = "applied" if verdict.label in JOB_LABELS and sure_of_label and sure_of_target else "review"
        target = next((k for k in self.known if k.key == found.key), None)
        action = (
            describe(verdict.label, True, target.company, target.role)
            if target
            else describe(verdict.label, False, company, role)
        )
        finding = Finding(
            id="",
            subject=_clean(mail.subject, 300),
            sender=_clean(_sender(mail), 300),
            date=d.isoformat() if (d := _day(mail)) else None,
            label=verdict.label,
            confidence=round(verdict.confidence, 3),
            company=company,
            role=role,
            evidence=list(verdict.evidence),
            status=status,
            application=found.key,
            match=found.reason,
        )
        if self.dry_run:
            finding.action = action if status == "applied" else ""
            finding.id = mail.fingerprint
            if status == "applied" and found.key is None and company and role:
                self.known.insert(0, Known(f"new:{company}|{role}", company, role, True))
            (self.report.applied if status == "applied" else self.report.review).append(finding)
            return finding
        with transaction.atomic():
            row = self._row(mail, verdict, status="review", keep_text=True)
            row.proposal = {
                "application": found.key,
                "confidence": found.confidence,
                "reason": found.reason,
                "action": action if verdict.label in JOB_LABELS else "",
                "unsure": _unsure(verdict, sure_of_label, sure_of_target, found),
            }
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:  # imported a moment ago by another run
                self.report.skipped_duplicates += 1
                self.report.by_label[verdict.label] -= 1  # counted back by the caller
                return finding
            finding.id = row.uuid.hex
            if status == "applied":
                chosen = _application(self.user, found.key)
                apply_item(self.user, row, today=self.today, label=verdict.label, application=chosen, by="onward")
                finding.application = str(row.application.uuid) if row.application else None
                finding.action = row.changes.get("done", "")
                if chosen is None and row.application is not None:
                    app = row.application
                    self.known.insert(0, Known(str(app.uuid), app.company.name, app.role, True))
        (self.report.applied if status == "applied" else self.report.review).append(finding)
        return finding


def _target_sure(found: Match, verdict: Verdict) -> bool:
    if found.key is not None:
        return found.confidence >= apply_at()
    # A new application: only when onward is sure there is none yet, who it is with and what role it was.
    company, role = verdict.company, verdict.role
    return bool(
        found.confidence >= apply_at()
        and company
        and role
        and company.confidence >= apply_at()
        and role.confidence >= 0.6
    )


# Mail read as something else that still carries a rejection's or an offer's words
# is shown to the person rather than left alone: a missed "no" costs more than a look.
HINT_SCORE = 1.0


def _hint(verdict: Verdict) -> str:
    for label in ("rejection", "offer"):
        if verdict.scores.get(label, 0) >= HINT_SCORE:
            return label
    return ""


def _unsure(verdict: Verdict, sure_of_label: bool, sure_of_target: bool, found: Match) -> str:
    """Why a message waits for the person, in words."""
    if verdict.label not in JOB_LABELS and (hint := _hint(verdict)):
        return f"It reads mostly like {LABEL_PHRASES[verdict.label]}, but part of it sounds like {LABEL_PHRASES[hint]}."
    if verdict.label not in JOB_LABELS:
        return "It doesn't look like news about an application, but onward isn't sure."
    if not sure_of_label:
        return f"onward isn't sure it is {LABEL_PHRASES[verdict.label]}."
    if verdict.company is None:
        return "onward couldn't tell which company it is from."
    if not sure_of_target and found.key is None:
        return f"You don't track an application at {verdict.company.value} yet, and onward isn't sure of the details."
    if not sure_of_target:
        return "onward isn't sure which application it belongs to."
    return ""


LABEL_PHRASES = {
    "rejection": "a rejection",
    "interview": "an interview invitation",
    "offer": "an offer",
    "confirmation": "a confirmation that an application was received",
    "other_job": "other job mail (an alert, a recruiter, a status update)",
    "not_job": "mail that isn't about your search",
}


def _application(user: User, key: str | None) -> Application | None:
    if key is None or key.startswith("new:"):
        return None
    try:
        return Application.objects.for_user(user).select_related("company").get(uuid=key)
    except (Application.DoesNotExist, ValueError):
        raise UserError(
            "The application onward proposed for this message is no longer there; use “Correct it” to choose one."
        ) from None


def _where(mail: Mail) -> str:
    return f"“{_clean(mail.subject, 80)}”" if mail.subject else "a message without a subject"


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
        company = _clean(company or item.company)
        role = _clean(role or item.role)
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
    collector.collect(roots)
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
    target = _application(user, key) if key else None
    return apply_item(user, item, today=today, label=item.label, application=target)


# --- sources and jobs ----------------------------------------------------------------


def import_path(
    user: User,
    path: Path,
    *,
    today: date,
    dry_run: bool = False,
    progress: Callable[[int, int, Report], None] | None = None,
) -> Report:
    """Import one file or folder (``.eml``, ``.mbox``, Maildir, ``.txt``); MailError when it can't be read at all."""
    try:
        source = open_source(path)
    except MailError as exc:
        raise UserError(str(exc)) from None
    importer = Importer(user, today=today, dry_run=dry_run)
    total = source.total

    def tell(done: int, report: Report) -> None:
        if progress:
            progress(done, total, report)

    return importer.run(iter(source), tell)


def import_text(user: User, text: str, *, today: date, dry_run: bool = False) -> Report:
    """Import one pasted message."""
    if not text.strip():
        raise UserError("Paste a message first: with its From and Subject lines if you have them.")
    mail = parse_text(text)
    return Importer(user, today=today, dry_run=dry_run).run([(mail, len(text))])


def _imports_dir() -> Path:
    return Path(settings.ONWARD_DATA_DIR) / "imports"


def new_job(
    user: User,
    *,
    files: Iterable[tuple[str, Iterator[bytes]]] = (),
    text: str = "",
    dry_run: bool = False,
) -> ImportJob:
    """Keep the upload in the data folder and queue its reading; the job's page follows it."""
    files = list(files)
    if not files and not text.strip():
        raise UserError("Choose a file to upload, or paste a message.")
    job = ImportJob(owner=user, dry_run=dry_run)
    folder = _imports_dir() / job.uuid.hex
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    names: list[str] = []
    total = 0
    try:
        for index, (name, chunks) in enumerate(files, start=1):
            safe = Path(name).name or f"upload-{index}"
            target = folder / f"{index:03d}-{safe}"
            with target.open("wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
            total += target.stat().st_size
            names.append(safe)
        if text.strip():
            target = folder / f"{len(names) + 1:03d}-pasted.txt"
            target.write_text(text, encoding="utf-8")
            total += target.stat().st_size
            names.append("a pasted message")
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise UserError(f"The upload could not be kept for reading ({exc.strerror}).") from None
    job.name = _names(names)[:300]
    job.folder = str(folder)
    job.total = total
    job.save()
    from onward.mailimport.tasks import run_import

    run_import.enqueue(job.pk)
    return job


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]} and {len(names) - 1} more files"


def run_job(job_id: int, *, today: date) -> ImportJob:
    """Read a queued job's files, saving its progress as it goes (the page polls it)."""
    job = ImportJob.objects.select_related("owner").get(pk=job_id)
    if job.finished:
        return job
    job.status = "running"
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])
    folder = Path(job.folder)
    importer = Importer(job.owner, today=today, dry_run=job.dry_run, job=None if job.dry_run else job)
    read_before = 0
    failures: list[str] = []
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        for file in files:
            shown = file.name.split("-", 1)[-1]
            shown = "the pasted message" if shown == "pasted.txt" else shown
            try:
                source = open_source(file)
            except MailError as exc:
                failures.append(str(exc).replace(str(file), shown).replace(file.name, shown))
                importer.report.skip(Skipped(shown, str(exc).replace(str(file), shown).replace(file.name, shown)))
                read_before += file.stat().st_size
                continue

            def progress(done: int, report: Report, _base: int = read_before) -> None:
                _save_progress(job, _base + done, report)

            importer.run(iter(source), progress)
            read_before += file.stat().st_size
        report = importer.report
        _save_progress(job, job.total, report)
        job.status = "failed" if failures and len(failures) == len(files) else "done"
        job.error = failures[0] if job.status == "failed" else ""
        job.would = [f.as_dict() for f in report.applied + report.review] if job.dry_run else []
    except Exception:  # the job must end in a state the page can show
        job.status = "failed"
        job.error = "The import stopped because of an unexpected problem. Messages read before it stopped are kept."
        raise
    finally:
        job.finished_at = timezone.now()
        job.save()
        shutil.rmtree(folder, ignore_errors=True)
    return job


def _save_progress(job: ImportJob, done: int, report: Report) -> None:
    job.done = min(done, job.total)
    job.messages = report.messages
    job.by_label = {label: report.by_label.get(label, 0) for label in LABELS}
    job.applied = len(report.applied)
    job.review = len(report.review)
    job.skipped_duplicates = report.skipped_duplicates
    job.skipped = [{"where": s.where, "reason": s.reason} for s in report.skipped]
    job.save(update_fields=["done", "messages", "by_label", "applied", "review", "skipped_duplicates", "skipped"])


def recover_interrupted(older_than: timedelta = timedelta(minutes=1)) -> int:
    """Jobs left half-read when onward stopped are marked stopped (importing again is safe: duplicates skip)."""
    cutoff = timezone.now() - older_than
    stale = ImportJob.objects.filter(status="running", started_at__lt=cutoff)
    for folder in stale.exclude(folder="").values_list("folder", flat=True):
        shutil.rmtree(folder, ignore_errors=True)  # the upload is private mail: it never outlives its job
    return stale.update(
        status="failed",
        finished_at=timezone.now(),
        error="onward stopped while reading this import. Import the file again: "
        "the messages already read are recognised and skipped.",
    )


def job_items(user: User, job: ImportJob) -> dict[str, list[ImportedMail]]:
    rows = (
        ImportedMail.objects.for_user(user)
        .filter(job=job)
        .exclude(status="left")
        .select_related("application__company")
        .order_by("-sent_on", "-id")
    )
    grouped: dict[str, list[ImportedMail]] = {"applied": [], "review": [], "other": []}
    for row in rows:
        grouped["applied" if row.status == "applied" else "review" if row.status == "review" else "other"].append(row)
    return grouped


def label_words(label: str) -> str:
    return LABEL_WORDS.get(label, label)
