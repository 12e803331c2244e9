"""Companies, applications with their stage histories, notes, and the writing in bulk."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import connection, models

from onward.domain.stages import Stage
from onward.drafts.models import Draft
from onward.mailimport.models import ImportedMail, ImportJob
from onward.momentum.models import CheckIn, Goal, Review
from onward.plans.models import PlanStep, Rejection
from onward.reflect.models import Feedback, Reflection
from onward.tracker.heavy.common import Base, _fit, _Process, _slug, _stamp
from onward.tracker.heavy.tables import (
    BATCH,
    DAYS,
    GAPS,
    LOCATIONS,
    NOTE_TEXTS,
    OFFER_SHARE,
    PATH,
    PREFIXES,
    REACHED_STAGE,
    REACHED_WEIGHTS,
    REJECTED_REACH,
    ROLES,
    SELF_CARE,
    SENDER,
    SOURCES,
    SUFFIXES,
    SUPPORT_PEOPLE,
)
from onward.tracker.models import Application, Company, Contact, Interaction, Interview, Note, StageEvent

if TYPE_CHECKING:
    pass


class StoryPart(Base):
    """The applications and their histories, then everything written."""

    def _companies(self) -> None:
        names = [f"{a} {b}" for a in PREFIXES for b in SUFFIXES]
        names += [f"{a} & {b}" for a in PREFIXES for b in PREFIXES if a != b]
        self.rng.shuffle(names)
        wanted = self.want["companies"]
        base = len(names)
        while len(names) < wanted:  # beyond the word lists: numbered branches
            names.append(f"{names[len(names) % base]} {len(names) // base + 1}")
        for name in names[:wanted]:
            self.companies.append(
                Company(
                    owner=self.user,
                    uuid=self.new_id(),
                    name=name,
                    website=f"https://www.{_slug(name)}.example" if self.rng.random() < 0.6 else "",
                    notes="Friendly team, slow hiring process." if self.rng.random() < 0.08 else "",
                )
            )

    def _applications(self) -> None:
        today, rng = self.today, self.rng
        count = self.want["applications"]
        # Every company gets one application, the rest go mostly to the popular ones.
        order = list(range(len(self.companies)))[:count]
        weights = [1 / (rank + 1) ** 0.6 for rank in range(len(self.companies))]
        order += rng.choices(range(len(self.companies)), weights=weights, k=count - len(order))
        rng.shuffle(order)
        ages = sorted((rng.randint(0, DAYS - 1) for _ in range(count)), reverse=True)
        wishlist = set(rng.sample(range(count), k=round(count * 0.04)))
        sendable = [i for i in range(count) if i not in wishlist and ages[i] >= 1]
        rejected = set(rng.sample(sendable, k=min(len(sendable), self.want["rejections"])))
        for index in range(count):
            company = self.companies[order[index]]
            age = ages[index]
            first = today - timedelta(days=age)
            if index in wishlist:
                events = [(Stage.WISHLIST, first)]
            else:
                events = self._events(first, age, rejected=index in rejected)
                if age >= 2 and rng.random() < 0.1:  # saved to the wishlist first, then sent
                    events.insert(0, (Stage.WISHLIST, first - timedelta(days=rng.randint(1, 20))))
            salary = rng.choice([None, None, (38000, 46000), (42000, 52000), (50000, 62000), (60000, 75000)])
            app = Application(
                owner=self.user,
                uuid=self.new_id(),
                company=company,
                role=rng.choice(ROLES),
                url=f"https://jobs.example.org/{_slug(company.name)}/{rng.randint(1000, 99999)}"
                if rng.random() < 0.7
                else "",
                source="" if rng.random() < 0.1 else rng.choice(SOURCES),
                location=rng.choice(LOCATIONS),
                salary_min=salary[0] if salary else None,
                salary_max=salary[1] if salary else None,
                notes=rng.choice(NOTE_TEXTS) if rng.random() < 0.12 else "",
            )
            process = _Process(index, app, events)
            app.created_at = self.at(process.added_on, 8)
            if company.created_at is None or app.created_at < company.created_at:
                company.created_at = app.created_at  # made by the first application that named it
            self.processes.append(process)
            for position, (stage, on) in enumerate(events):
                self.events.append(
                    StageEvent(
                        application=app,
                        uuid=self.new_id(),
                        stage=stage.value,
                        on=on,
                        created_at=_stamp(on, 8 * 60 + position * 7 + rng.randrange(0, 7)),
                    )
                )
        for company in self.companies:  # named by a contact only (a smaller scale): first met a year ago
            if company.created_at is None:
                company.created_at = self.at(today - timedelta(days=DAYS), 8)

    def _events(self, applied: date, age: int, *, rejected: bool) -> list[tuple[Stage, date]]:
        """The stages an application went through and where it stands, as dated events."""
        rng = self.rng
        end: Stage | None
        if rejected:
            top = REACHED_STAGE[self.weighted(REJECTED_REACH)]
            end = Stage.REJECTED
        else:
            top = Stage.OFFER if rng.random() < OFFER_SHARE else self.weighted(REACHED_WEIGHTS)
            end = self._ending(top, age)
        stages = list(PATH[1 : PATH.index(top) + 1])
        if end is not None:
            stages.append(end)
        gaps = _fit([rng.randint(*GAPS[stage]) for stage in stages], age)
        if rejected and sum(gaps) < 1 <= age:  # the no comes at least a day after applying
            gaps[-1] += 1
        events, on = [(Stage.APPLIED, applied)], applied
        for stage, gap in zip(stages, gaps, strict=True):
            on += timedelta(days=gap)
            events.append((stage, on))
        return events

    def _ending(self, top: Stage, age: int) -> Stage | None:
        """How an application that was not turned down ended, if it did (None: still open)."""
        roll = self.rng.random()
        if top is Stage.OFFER:
            if age < 20:
                return None
            return Stage.ACCEPTED if roll < 0.2 else Stage.WITHDRAWN
        if top is Stage.APPLIED:
            if age <= 21:
                return None
            return Stage.NO_RESPONSE if roll < 0.72 else Stage.WITHDRAWN if roll < 0.8 else None
        if age <= 35:
            return None if roll < 0.75 else Stage.WITHDRAWN if roll < 0.85 else Stage.NO_RESPONSE
        return Stage.NO_RESPONSE if roll < 0.45 else Stage.WITHDRAWN if roll < 0.85 else None

    def _notes(self) -> None:
        """``tracker.add_note``, up to the target (with the notes filed mail left)."""
        rng, today = self.rng, self.today
        for _ in range(self.want["notes"] - len(self.notes)):
            process = rng.choice(self.processes)
            on = self.day_between(process.added_on, today)
            text = rng.choice(NOTE_TEXTS)
            self.notes.append(
                Note(application=process.app, uuid=self.new_id(), on=on, text=text, created_at=self.at(on))
            )
            process.touches.append(on)

    # -- the applications' own fields

    def _settle_applications(self) -> None:
        """Stage, dates and last activity as the actions leave them (``add_application``, ``change_stage``, touches)."""
        for process in self.processes:
            app = process.app
            stage, on = process.events[-1]
            app.stage, app.stage_changed_on = stage.value, on
            app.applied_on = process.reached(Stage.APPLIED)
            app.last_activity_on = max([day for _, day in process.events] + process.touches)
            app.updated_at = self.at(app.last_activity_on, 20)

    # --- writing ------------------------------------------------------------------------

    def write(self) -> dict[str, int]:
        """Everything in bulk, parents first; returns the rows made by kind (the backup's section names)."""
        self._insert(Company, self.companies)
        self._insert(Application, [p.app for p in self.processes])
        self._insert(StageEvent, self.events)
        self._insert(Note, self.notes)
        self._insert(Contact, self.contacts)
        links = Contact.applications.through
        self._bulk(
            links,
            [
                links(contact_id=self.contacts[c].pk, application_id=self.processes[a].app.pk)
                for c, a in sorted(self.contact_apps)
            ],
        )
        self._insert(Interview, self.interviews)
        met = Interview.contacts.through
        pairs = sorted({(interview.pk, contact.pk) for interview, contact in self.interview_people})
        self._bulk(met, [met(interview_id=i, contact_id=c) for i, c in pairs])
        self._insert(Rejection, self.rejections)
        self._insert(PlanStep, self.steps)
        self._insert(Interaction, self.interactions)
        self._insert(Draft, self.drafts)
        self._insert(Feedback, self.feedback)
        self._insert(Reflection, self.reflections)
        self._insert(CheckIn, self.checkins)
        self._insert(Goal, self.goals)
        self._insert(Review, self.reviews)
        self._insert(ImportJob, self.jobs)
        last_event = {id(event.application): event.pk for event in self.events}
        for row, process in self.filed:
            app = process.app
            row.changes["before"] = {
                "stage": app.stage,
                "stage_changed_on": app.stage_changed_on.isoformat(),
                "last_activity_on": app.last_activity_on.isoformat(),
                "applied_on": app.applied_on.isoformat() if app.applied_on else None,
            }
            row.changes["events_after"] = last_event[id(app)]
        self._insert(ImportedMail, self.mail)
        prefs = self.prefs
        prefs.your_name = prefs.your_name or SENDER  # so drafts sign off like real ones
        prefs.support_people = prefs.support_people or SUPPORT_PEOPLE
        prefs.self_care = prefs.self_care or SELF_CARE
        prefs.save(update_fields=["your_name", "support_people", "self_care"])
        return {
            "companies": len(self.companies),
            "applications": len(self.processes),
            "stage_events": len(self.events),
            "notes": len(self.notes),
            "contacts": len(self.contacts),
            "interviews": len(self.interviews),
            "interactions": len(self.interactions),
            "rejections": len(self.rejections),
            "plan_steps": len(self.steps),
            "drafts": len(self.drafts),
            "feedback": len(self.feedback),
            "reflections": len(self.reflections),
            "checkins": len(self.checkins),
            "goals": len(self.goals),
            "reviews": len(self.reviews),
            "mail_imports": len(self.jobs),
            "imported_mail": len(self.mail),
        }

    @staticmethod
    def _bulk(model: type[models.Model], rows: Sequence[models.Model]) -> None:
        model._default_manager.bulk_create(rows, batch_size=BATCH)

    def _insert(self, model: type[models.Model], rows: Sequence[models.Model]) -> None:
        """Insert in batches, then put back the timestamps Django fills with "now" on insert.

        ``created_at`` and ``updated_at`` are the days things happened in the story. One UPDATE run for
        every row (executemany), as the backup restore does: the same SQL on SQLite and PostgreSQL.
        """
        if not rows:
            return
        meta = model._meta
        stamped = [
            f for f in meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        wanted = [[getattr(row, f.attname) for f in stamped] for row in rows]
        self._bulk(model, rows)
        if not stamped:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(f"{quote(str(f.column))} = %s" for f in stamped)
        pk: Any = meta.pk
        # Table and column names come from the model.
        sql = f"UPDATE {quote(meta.db_table)} SET {columns} WHERE {quote(pk.column)} = %s"  # noqa: S608
        params = []
        for row, values in zip(rows, wanted, strict=True):
            kept = [
                value if value is not None else getattr(row, f.attname)
                for f, value in zip(stamped, values, strict=True)
            ]
            for f, value in zip(stamped, kept, strict=True):
                setattr(row, f.attname, value)
            params.append(
                [f.get_db_prep_value(value, connection) for f, value in zip(stamped, kept, strict=True)] + [row.pk]
            )
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
