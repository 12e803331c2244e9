"""Reading a stream of messages: classify each one, match it to an application, file what onward is sure of
and queue the rest, one transaction per message, keeping what it learns for the next ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from onward.domain.mail.classify import classify
from onward.domain.mail.knowledge import sender_book
from onward.domain.mail.match import Known, Match, match
from onward.domain.mail.message import JOB_LABELS, LABELS, Mail, Skipped, Verdict
from onward.domain.stages import Stage
from onward.mailimport.filing import LABEL_PHRASES, apply_item, clean, describe, proposed_application
from onward.mailimport.models import ImportedMail, ImportJob
from onward.tracker.models import Application

BODY_LIMIT = 20_000  # characters of a job message kept with it
SKIPPED_LIMIT = 200  # reasons kept in a summary; the count is always whole
BATCH = 200  # messages whose fingerprints are looked up in one query


def apply_at() -> float:
    return float(settings.ONWARD_MAIL_APPLY_CONFIDENCE)


def review_below() -> float:
    return float(settings.ONWARD_MAIL_REVIEW_CONFIDENCE)


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
            subject=clean(mail.subject, 300) if keep_text else "",
            sender=clean(_sender(mail), 300) if keep_text else "",
            sender_address=mail.sender_address[:300] if keep_text else "",
            sent_on=_day(mail),
            body=mail.body[:BODY_LIMIT] if keep_text and status != "left" else "",
            label=verdict.label,
            confidence=round(verdict.confidence, 3),
            evidence=list(verdict.evidence) if keep_text else [],
            company=clean(verdict.company.value if verdict.company else "") if keep_text else "",
            company_confidence=verdict.company.confidence if keep_text and verdict.company else None,
            role=clean(verdict.role.value if verdict.role else "") if keep_text else "",
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
            subject=clean(mail.subject, 300),
            sender=clean(_sender(mail), 300),
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
                chosen = proposed_application(self.user, found.key)
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


def _where(mail: Mail) -> str:
    return f"“{clean(mail.subject, 80)}”" if mail.subject else "a message without a subject"
