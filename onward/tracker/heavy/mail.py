"""Imported mail: messages read, classified and matched by the importer's own code."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any

from onward.domain.mail.classify import classify
from onward.domain.mail.knowledge import sender_book
from onward.domain.mail.match import Known, company_key, domain_key, match
from onward.domain.mail.message import JOB_LABELS, LABELS
from onward.domain.mail.reader import parse_bytes
from onward.domain.stages import PROGRESS, Stage
from onward.mailimport.filing import describe
from onward.mailimport.importer import Importer, _hint, _target_sure, _unsure, apply_at, review_below
from onward.mailimport.models import ImportedMail, ImportJob
from onward.tracker.heavy.common import Base, _Process, _slug, _stamp
from onward.tracker.heavy.tables import (
    FIRST_NAMES,
    LAST_NAMES,
    LOCATIONS,
    MAIL_KINDS,
    MAIL_STAGE,
    ORDINARY_MAIL,
    PREFIXES,
    ROLES,
    SUFFIXES,
)
from onward.tracker.models import Note

if TYPE_CHECKING:
    pass


class MailPart(Base):
    """Mailbox imports and the review queue."""

    # -- imported mail

    def _mail(self) -> None:
        """Mailbox imports: each message read, classified and matched by the importer's own code."""
        today = self.today
        wanted, jobs = self.want["imported_mail"], self.want["mail_imports"]
        importer = Importer(self.user, today=today)
        senders = sender_book()
        newest = sorted(self.processes, key=lambda p: (p.app.created_at, p.index), reverse=True)
        known = [
            Known(
                str(p.app.uuid),
                p.app.company.name,
                p.app.role,
                not p.final.ended,
                (),
                p.reached(Stage.APPLIED) or p.added_on,
            )
            for p in newest
        ]
        by_key = {str(p.app.uuid): p for p in self.processes}
        for number in range(jobs):
            finished = self.at(today - timedelta(days=number * 30 + 1), 14)
            job = ImportJob(
                owner=self.user,
                uuid=self.new_id(),
                name="mailbox-export.mbox" if number == 0 else f"mailbox-export-{number + 1}.mbox",
                status="done",
                created_at=finished - timedelta(minutes=3),
                started_at=finished - timedelta(minutes=2),
                beat_at=finished,
                finished_at=finished,
            )
            importer.job = job
            share = wanted // jobs + (1 if number < wanted % jobs else 0)
            rows: list[ImportedMail] = []
            size = attempts = 0
            labels: Counter[str] = Counter()  # as read, before the person dismissed any
            while len(rows) < share and attempts < share * 5:
                attempts += 1
                raw = self._message(finished.date())
                mail = parse_bytes(raw)
                verdict = classify(mail)
                row = self._row(importer, mail, verdict, known, by_key, senders, finished)
                if row is not None:
                    size += len(raw)
                    rows.append(row)
                    labels[verdict.label] += 1
            job.total = job.done = size
            job.messages = len(rows)
            job.by_label = {label: labels.get(label, 0) for label in LABELS}
            job.applied = sum(1 for row in rows if row.status == "applied")
            job.review = sum(1 for row in rows if row.status in ("review", "dismissed"))
            self.jobs.append(job)
            self.mail += rows

    def _message(self, before: date) -> bytes:
        """One message of a job seeker's mailbox: news about an application, alerts, or ordinary mail."""
        rng = self.rng
        kind = self.weighted(MAIL_KINDS)
        number = rng.randrange(10**9)
        if kind in MAIL_STAGE:
            stage = MAIL_STAGE[kind]
            about = next(
                (
                    p
                    for p in rng.sample(self.processes, k=min(40, len(self.processes)))
                    if (p.reached(stage) or before) < before
                ),
                None,
            )
            if about is not None:
                day = about.reached(stage)
                assert day is not None
                return self._news(kind, about, day, number)
        day = before - timedelta(days=rng.randint(1, 120))
        company = f"{rng.choice(PREFIXES)} {rng.choice(SUFFIXES)}"
        if kind == "update":  # a status update onward can't be sure about
            return self._email(
                "An update on your application",
                f"Dear candidate,\n\nThanks for your patience. We have reviewed your application for {company} and "
                "would like to discuss next steps with you, if you are still interested.\n\nKind regards,\n"
                "The hiring team\n",
                f"{company} Hiring Team <jobs@hiring-portal.example>",
                day,
                f"upd-{number}@hiring-portal.example",
            )
        if kind == "untracked":  # news about an application never tracked, through an applicant tracking system
            words = rng.choice(
                [
                    "we have decided not to move forward with your application at this time",
                    "we would like to invite you to a first interview with our team next week",
                ]
            )
            return self._email(
                f"Your application to {company}",
                f"Hi Sam,\n\nThank you for your interest in {company}. After reviewing your profile, {words}.\n\n"
                f"Best wishes,\nThe {company} Talent Team\n",
                f"{company} <no-reply@us.greenhouse-mail.io>",
                day,
                f"ats-{number}@us.greenhouse-mail.io",
            )
        if kind == "alert":
            listing = "\n".join(
                f"{rng.choice(ROLES)} - {rng.choice(LOCATIONS) or 'Remote'}\nApply: https://jobs.example.org/view/{n}\n"
                for n in rng.sample(range(1000, 9999), k=3)
            )
            return self._email(
                f"{rng.randint(3, 30)} new jobs matching your search",
                f"New jobs for you this week\n\n{listing}\nUnsubscribe from these job alerts at any time.\n",
                "JobBoard Alerts <alerts@jobboard.example.org>",
                day,
                f"alert-{number}@jobboard.example.org",
                {"List-Unsubscribe": "<https://jobboard.example.org/unsubscribe>", "Precedence": "bulk"},
            )
        subject, body = rng.choice(ORDINARY_MAIL)
        return self._email(subject, body, "Maya Rivera <maya.rivera@example.net>", day, f"m-{number}@example.net")

    def _news(self, kind: str, about: _Process, day: date, number: int) -> bytes:
        company, role = about.app.company.name, about.app.role
        domain = _slug(company).replace("-and-", "") + ".example"
        person = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        if kind == "rejection":
            return self._email(
                f"Your application for {role} at {company}",
                f"Hi Sam,\n\nThank you for your interest in the {role} position at {company} and for the time "
                "you spent with us.\n\nAfter careful consideration, we have decided to move forward with other "
                "candidates whose experience more closely matches the needs of the role.\n\nWe wish you every "
                f"success in your search.\n\nBest regards,\n{person}\nTalent Acquisition, {company}\n",
                f"{person} <talent@{domain}>",
                day,
                f"rej-{number}@{domain}",
            )
        if kind == "interview":
            return self._email(
                f"Interview invitation: {role}",
                f"Hello Sam,\n\nThanks for applying for the {role} role at {company}. We enjoyed reading your "
                "application and would like to invite you to an interview with the hiring team.\n\nCould you "
                "let us know your availability next week for a 45-minute video call?\n\nLooking forward to "
                f"speaking with you,\n{person}\nRecruiting, {company}\n",
                f"{person} <{person.split()[0].lower()}@{domain}>",
                day,
                f"int-{number}@{domain}",
            )
        return self._email(
            f"Thank you for applying to {company}",
            f"Hi Sam,\n\nThank you for applying for the {role} position at {company}. We have received your "
            "application and our team will review it carefully.\n\nIf your profile matches what we are looking "
            "for, we will contact you about next steps.\n\nThe Recruiting Team\n",
            f"{company} Recruiting <no-reply@{domain}>",
            day,
            f"conf-{number}@{domain}",
        )

    def _email(
        self, subject: str, body: str, sender: str, day: date, message_id: str, headers: dict[str, str] | None = None
    ) -> bytes:
        message = EmailMessage()
        message["From"] = sender
        message["To"] = "Sam Rivera <sam.rivera@example.net>"
        message["Subject"] = subject
        message["Date"] = format_datetime(_stamp(day, 9 * 60 + self.rng.randrange(0, 480)))
        message["Message-ID"] = f"<{message_id}>"
        for name, value in (headers or {}).items():
            message[name] = value
        message.set_content(body)
        return message.as_bytes()

    def _row(
        self,
        importer: Importer,
        mail: Any,
        verdict: Any,
        known: list[Known],
        by_key: dict[str, _Process],
        senders: Any,
        decided: datetime,
    ) -> ImportedMail | None:
        """What ``Importer`` keeps for a message; None for one whose filing would change the story."""
        label = verdict.label
        if label not in JOB_LABELS and verdict.confidence >= review_below() and not _hint(verdict):
            return self._stamped(importer._row(mail, verdict, status="left", keep_text=label == "other_job"), decided)
        company = verdict.company.value if verdict.company else None
        role = verdict.role.value if verdict.role else None
        domain = mail.sender_domain.lower()
        sender = "" if not domain or senders.is_vendor(domain) else domain
        found = match(
            self._could_match(known, company, sender),
            company=company,
            role=role,
            sender_domain=sender,
            on=mail.date.date() if mail.date else None,
        )
        sure_of_label = verdict.confidence >= apply_at()
        sure_of_target = _target_sure(found, verdict)
        target = by_key.get(found.key or "")
        if target is not None:
            action = describe(label, True, target.app.company.name, target.app.role)
        else:
            action = describe(label, False, company, role)
        row = self._stamped(importer._row(mail, verdict, status="review", keep_text=True), decided)
        row.proposal = {
            "application": found.key,
            "confidence": found.confidence,
            "reason": found.reason,
            "action": action if label in JOB_LABELS else "",
            "unsure": _unsure(verdict, sure_of_label, sure_of_target, found),
        }
        if label in JOB_LABELS and sure_of_label and sure_of_target:
            return self._filed(row, target, label, decided) if target is not None else None
        if label not in JOB_LABELS and self.rng.random() < 0.25:  # filing.dismiss_item: the person left it alone
            row.status, row.label, row.body, row.evidence = "dismissed", "not_job", "", []
            row.decided_by, row.decided_at = "you", decided + timedelta(hours=self.rng.randint(1, 30))
        return row

    def _could_match(self, known: list[Known], company: str | None, sender: str) -> list[Known]:
        """The applications ``match`` could take for the same company, in order; it decides among them alone.

        A superset of its own same-company test, read from each company's key once: ``match`` answers the
        same for it as for every application, without reducing 5,000 names for each message.
        """
        key = set(company_key(company).split()) if company else set()
        from_sender = domain_key(sender) if sender and not key else ""
        if not key and not from_sender:
            return []
        keys = self.company_keys
        found = []
        for app in known:
            if app.company not in keys:
                keys[app.company] = company_key(app.company)
            mine = keys[app.company]
            if (key and key & set(mine.split())) or (from_sender and from_sender in (mine, mine.replace(" ", ""))):
                found.append(app)
        return found

    def _stamped(self, row: ImportedMail, decided: datetime) -> ImportedMail:
        row.uuid = self.new_id()
        row.created_at = decided - timedelta(seconds=self.rng.randint(10, 110))
        return row

    def _filed(self, row: ImportedMail, process: _Process, label: str, decided: datetime) -> ImportedMail | None:
        """``filing.apply_item`` on an application whose history already holds the news: what it records.

        Mail that would move the story on (a stage changed, a new application) is left out.
        """
        app = process.app
        who = f"{app.role} at {app.company.name}"
        on = min(row.sent_on or self.today, self.today)
        current = process.final
        note = ""
        if label == "rejection":
            if process.rejection is None:
                return None
            done = f"the rejection for {who} was already logged"
        elif label in ("interview", "offer"):
            stage = Stage.INTERVIEWING if label == "interview" else Stage.OFFER
            if not (current.ended or PROGRESS.get(current, 0) >= PROGRESS[stage]):
                return None
            note = f"Email: “{row.subject}” from {row.sender}." if row.subject else f"Email from {row.sender}."
            done = f"kept {who} at {current.label} and noted the email"
        else:
            if current is Stage.WISHLIST:
                return None
            words = "Application received"
            note = f"{words}: “{row.subject}” from {row.sender}." if row.subject else f"{words} from {row.sender}."
            done = f"noted that {app.company.name} received your application for {app.role}"
        changes: dict[str, Any] = {"before": None, "events_after": None}  # filled in once the rows exist
        if note:
            made = Note(application=app, uuid=self.new_id(), on=on, text=note, created_at=decided)
            self.notes.append(made)
            changes["note"] = str(made.uuid)
        changes.update(done=done, events=[], after_stage=current.value)
        row.label, row.status, row.changes, row.application = label, "applied", changes, app
        row.decided_by, row.decided_at = "onward", decided
        self.filed.append((row, process))
        return row
