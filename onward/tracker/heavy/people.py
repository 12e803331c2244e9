"""Contacts, interviews and interactions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from onward.domain.stages import PROGRESS, Stage
from onward.tracker.heavy.common import Base, _Process, _slug
from onward.tracker.heavy.tables import (
    CHANNEL_WEIGHTS,
    DAYS,
    FIRST_NAMES,
    INTERACTION_NOTES,
    INTERVIEW_KIND,
    LAST_NAMES,
    LIKED,
    MIDDLE_KINDS,
    TOPICS,
    WENT_WELL,
)
from onward.tracker.models import Company, Contact, Interaction, Interview

if TYPE_CHECKING:
    pass


class PeoplePart(Base):
    """The people: contacts, referrals, interviews and conversations."""

    # -- people and interviews

    def _new_contact(
        self, name: str, relationship: str, company: Company | None, since: date, *, cadence: int | None
    ) -> Contact:
        """``tracker.add_contact``."""
        rng = self.rng
        first, _, last = name.partition(" ")
        domain = _slug(company.name).replace("-and-", "") if company else "mail"
        contact = Contact(
            owner=self.user,
            uuid=self.new_id(),
            name=name,
            email=f"{first.lower()}.{last.lower()}@{domain}.example" if rng.random() < 0.7 else "",
            profile_url=f"https://profiles.example.org/{first.lower()}-{last.lower()}" if rng.random() < 0.3 else "",
            company=company,
            relationship=relationship,
            notes="Met at a meetup." if relationship == "other" and rng.random() < 0.2 else "",
            cadence_days=cadence,
            created_at=self.at(since, 10),
        )
        self.contact_index[id(contact)] = len(self.contacts)
        self.contact_since[id(contact)] = since
        self.contacts.append(contact)
        return contact

    def _people(self) -> None:
        """The recruiters, interviewers and hiring managers of the processes, then the wider network."""
        rng = self.rng
        budget = self.want["contacts"]
        everyone = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        rng.shuffle(everyone)
        names = iter(everyone[i % len(everyone)] for i in range(budget))
        left = budget - round(budget * 0.15)  # the rest is the wider network
        in_process = [p for p in self.processes if p.progress >= PROGRESS[Stage.SCREENING]]
        rng.shuffle(in_process)
        for process in in_process:
            needs: list[tuple[str, Stage]] = []
            if rng.random() < 0.85:
                needs.append(("recruiter", Stage.SCREENING))
            if process.progress >= PROGRESS[Stage.INTERVIEWING]:
                needs += [("interviewer", Stage.INTERVIEWING)] * rng.choice([1, 1, 2])
            if process.progress >= PROGRESS[Stage.FINAL_ROUND]:
                needs.append(("hiring_manager", Stage.FINAL_ROUND))
            for relationship, stage in needs[: max(0, left)]:
                since = process.reached(stage) or process.added_on
                cadence = None if relationship == "recruiter" else (90 if rng.random() < 0.7 else None)
                contact = self._new_contact(next(names), relationship, process.app.company, since, cadence=cadence)
                process.people.setdefault(relationship, []).append(contact)
                self.contact_process[id(contact)] = process
                self.contact_apps.add((self.contact_index[id(contact)], process.index))
                left -= 1
        for _ in range(budget - len(self.contacts)):
            relationship = self.weighted((("referral", 35), ("other", 45), ("recruiter", 20)))
            company = rng.choice(self.companies) if rng.random() < 0.7 else None
            since = self.today - timedelta(days=rng.randint(0, DAYS))
            cadence = {"referral": 60, "other": rng.choice([None, None, 45]), "recruiter": None}[relationship]
            self._new_contact(next(names), relationship, company, since, cadence=cadence)

    def _referrals(self) -> None:
        """Applications that came through a referral name the friend who made it."""
        friends = [c for c in self.contacts if c.relationship == "referral" and id(c) not in self.contact_process]
        for process in self.processes:
            if friends and process.app.source == "referral" and self.rng.random() < 0.7:
                friend = self.rng.choice(friends)
                self.contact_apps.add((self.contact_index[id(friend)], process.index))

    def _interviews(self) -> None:
        """``tracker.add_interview``: one per stage reached, more while interviewing, some still to come."""
        rng, today = self.rng, self.today
        planned: list[tuple[_Process, str, date, date]] = []  # (process, kind, on, logged on)
        middle: list[_Process] = []
        for process in self.processes:
            for stage in (Stage.SCREENING, Stage.INTERVIEWING, Stage.FINAL_ROUND):
                on = process.reached(stage)
                if on is None:
                    continue
                if stage is Stage.INTERVIEWING:
                    middle.append(process)
                    on = self.day_between(*process.window(stage, today))
                planned.append((process, INTERVIEW_KIND.get(stage) or rng.choice(MIDDLE_KINDS[:2]), on, on))
            stage = process.final
            if stage in (Stage.SCREENING, Stage.INTERVIEWING, Stage.FINAL_ROUND) and rng.random() < 0.35:
                on = today + timedelta(days=rng.randint(1, 12))  # coming up; logged a few days ago
                logged = max(process.events[-1][1], today - timedelta(days=rng.randint(0, 4)))
                planned.append((process, INTERVIEW_KIND.get(stage, "technical"), on, logged))
        target = self.want["interviews"]
        if len(planned) > target:
            planned = [planned[i] for i in sorted(rng.sample(range(len(planned)), k=target))]
        hosts = middle or [p for p in self.processes if p.final is not Stage.WISHLIST] or self.processes
        for _ in range(target - len(planned)):
            process = rng.choice(hosts)
            if middle:
                start, end = process.window(Stage.INTERVIEWING, today)
            else:
                start, end = process.added_on, process.events[-1][1]
            on = self.day_between(start, end)
            planned.append((process, rng.choice(MIDDLE_KINDS), on, on))
        planned.sort(key=lambda item: (item[2], item[0].index))
        for process, kind, on, logged in planned:
            interview = Interview(
                owner=self.user,
                uuid=self.new_id(),
                application=process.app,
                on=on,
                kind=kind,
                topics=rng.choice(TOPICS) if rng.random() < 0.8 else "",
                went_well=rng.choice(WENT_WELL),
                liked=rng.choice(LIKED) if rng.random() < 0.6 else "",
                notes="Bring the portfolio next time." if rng.random() < 0.1 else "",
                created_at=self.at(logged, 17),
            )
            self.interviews.append(interview)
            process.interviews.append(interview)
            people = self._met(process, kind)
            self.met_in[id(interview)] = people
            for contact in people:
                self.interview_people.append((interview, contact))
                if on <= today and (contact.last_contact_on is None or on > contact.last_contact_on):
                    contact.last_contact_on = on  # meeting someone in an interview counts as being in touch
            process.touches.append(min(on, logged))  # a planned interview is not activity yet

    def _met(self, process: _Process, kind: str) -> list[Contact]:
        """Who was in an interview of this kind, among the people of the process."""
        people = process.people
        interviewers = people.get("interviewer", [])
        managers = people.get("hiring_manager", [])
        if kind == "phone_screen":
            return people.get("recruiter", [])[:1]
        if kind == "final":
            return managers[:1] + interviewers[:1]
        if kind == "panel":
            return interviewers + managers[:1]
        if len(interviewers) > 1 and self.rng.random() < 0.3:
            return list(interviewers)
        return [self.rng.choice(interviewers)] if interviewers else []

    def _interaction(
        self, contact: Contact, on: date, *, channel: str, note: str, process: _Process | None = None
    ) -> Interaction:
        """``tracker.log_interaction``: it resets the person's stay-in-touch clock and touches the application."""
        interaction = Interaction(
            owner=self.user,
            uuid=self.new_id(),
            contact=contact,
            application=process.app if process else None,
            on=on,
            channel=channel,
            note=note,
            created_at=self.at(on, 12),
        )
        self.interactions.append(interaction)
        if contact.last_contact_on is None or on > contact.last_contact_on:
            contact.last_contact_on = on
        if process is not None:
            process.touches.append(on)
        return interaction

    def _interactions(self) -> None:
        """Conversations with the people met and the wider network, up to the target."""
        rng, today = self.rng, self.today
        for _ in range(self.want["interactions"] - len(self.interactions)):
            contact = rng.choice(self.contacts)
            process = self.contact_process.get(id(contact))
            on = self.day_between(self.contact_since[id(contact)], today)
            self._interaction(
                contact,
                on,
                channel=self.weighted(CHANNEL_WEIGHTS),
                note=rng.choice(INTERACTION_NOTES),
                process=process if process is not None and rng.random() < 0.5 else None,
            )
