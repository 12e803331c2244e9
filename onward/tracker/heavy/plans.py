"""Rejections with their plan steps, drafts, feedback and reflections."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from onward.domain import drafts as compose
from onward.domain import planner, reflection, themes
from onward.domain.stages import Stage
from onward.drafts import actions as drafting
from onward.drafts.models import KIND_LABELS as DRAFT_KIND_LABELS
from onward.drafts.models import Draft
from onward.plans.actions import REACHED_BY_STAGE
from onward.plans.models import PlanStep, Rejection
from onward.reflect.models import Feedback, Reflection
from onward.tracker.heavy.common import _Process
from onward.tracker.heavy.people import PeoplePart
from onward.tracker.heavy.tables import (
    DONE_SHARE,
    FEEDBACK_TEXTS,
    LIKED,
    REACHED_ORDER,
    REASONS,
    REFLECTION_TEXTS,
    REJECTION_MESSAGES,
    SENDER,
)
from onward.tracker.heavy.wellbeing import WellbeingPart
from onward.tracker.models import Contact

if TYPE_CHECKING:
    pass


class PlansPart(PeoplePart, WellbeingPart):
    """Rejections and their plans, the messages, reflections and feedback."""

    # -- rejections and their plans

    def _reject(self, process: _Process) -> None:
        """``plans.log_rejection``: the planner's steps from the people met, the history and the month's notes."""
        on = process.events[-1][1]
        reached = max(
            (REACHED_BY_STAGE[s.value] for s, _ in process.events if s.value in REACHED_BY_STAGE),
            key=REACHED_ORDER.index,
            default="applied",
        )
        times: Counter[int] = Counter()
        people: dict[int, Contact] = {}
        for interview in process.interviews:
            for contact in self.met_in[id(interview)]:
                times[id(contact)] += 1
                people[id(contact)] = contact
        if reached != "applied":
            for relationship in ("recruiter", "hiring_manager"):
                for contact in process.people.get(relationship, []):
                    people.setdefault(id(contact), contact)
                    times[id(contact)] = max(times[id(contact)], 1)
        met = sorted(people.values(), key=lambda c: c.name)
        facts = planner.RejectionFacts(
            on=on,
            stage_reached=reached,
            people_met=tuple(
                planner.Person(str(c.uuid), c.name, c.relationship, times[id(c)], c.cadence_days, c.last_contact_on)
                for c in met
            ),
            history=tuple(planner.PastRejection(r.on, r.stage_reached) for r in self.rejections if r.on <= on),
            last_reassess_on=self.last_reassess_on,
        )
        month = on + timedelta(days=2)
        used = sum(1 for s in self.connects.get((month.year, month.month), []) if s.with_note and s.status != "skipped")
        plan = planner.plan(facts, self.playbook, notes_left=max(0, self.notes_allowance - used))
        rng = self.rng
        rejection = Rejection(
            owner=self.user,
            uuid=self.new_id(),
            application=process.app,
            on=on,
            stage_reached=reached,
            via=self.weighted((("email", 70), ("portal", 15), ("call", 10), ("", 5))),
            message=rng.choice(REJECTION_MESSAGES) if rng.random() < 0.4 else "",
            reason=rng.choice(REASONS) if rng.random() < 0.15 else "",
            cool_off_days=plan.cool_off_days,
            created_at=self.at(on, 18),
        )
        process.rejection = rejection
        self.rejections.append(rejection)
        self.steps_of[id(rejection)] = []
        if reached != "applied":
            for contact in met:  # people met get a gentle stay-in-touch rhythm
                if contact.cadence_days is None:
                    contact.cadence_days = self.playbook.cadence_days
        by_key = {str(c.uuid): c for c in met}
        steps = [self._step(rejection, planned, by_key.get(planned.contact_key or "")) for planned in plan.steps]
        for step in steps:
            self._settle(process, step)

    def _step(self, rejection: Rejection, planned: planner.PlannedStep, contact: Contact | None) -> PlanStep:
        step = PlanStep(
            owner=self.user,
            uuid=self.new_id(),
            rejection=rejection,
            kind=planned.kind,
            step_id=planned.step_id,
            title=planned.title,
            why=planned.why,
            due=planned.due,
            window_end=planned.window_end,
            links_to=planned.links_to,
            contact=contact,
            with_note=planned.with_note,
            numbers=planned.numbers,
            created_at=rejection.created_at,
        )
        self.steps.append(step)
        self.steps_of[id(rejection)].append(step)
        if step.kind == "connect":
            self.connects.setdefault((step.due.year, step.due.month), []).append(step)
        if step.kind == "reassess":
            self.last_reassess_on = rejection.on
        return step

    def _settle(self, process: _Process, step: PlanStep) -> None:
        """Where a step stands today: older plans were mostly worked through, recent ones are open."""
        rng, today = self.rng, self.today
        age = (today - step.rejection.on).days
        share = 0.95 if age > 45 else 0.8 if age > 21 else 0.55 if age > 10 else 0.3 if age > 4 else 0.15
        if step.due > today or rng.random() >= share:
            if step.due <= today and step.kind != "stay_in_touch" and rng.random() < 0.08:
                step.snoozed_until = today + timedelta(days=rng.randint(1, 10))
            self._begun(process, step)
            return
        window = max(0, (step.window_end - step.due).days)
        finished = min(today, step.due + timedelta(days=rng.randint(0, min(window, 10))))
        done = not (step.kind == "connect" and not step.with_note) and rng.random() < DONE_SHARE.get(step.kind, 0.7)
        step.status, step.completed_on = ("done" if done else "skipped"), finished
        sent = done and step.kind in drafting.STEP_KINDS and rng.random() < 0.4
        if sent:
            self._draft(process, step, sent_on=finished)
        if done and step.kind == "reflect":
            self._reflection(process, finished, finished_on=finished)
        if done and step.kind == "reassess":
            self._review(step, finished, finished_on=finished)
        if step.kind == "stay_in_touch" and step.contact is not None:
            if done and not sent:
                self._interaction(step.contact, finished, channel="message", note="Checked in")
            self._next_stay_in_touch(process, step, finished)

    def _begun(self, process: _Process, step: PlanStep) -> None:
        """Work begun on a step still open: a saved draft, a reflection or a review half-written."""
        if step.due > self.today or self.rng.random() >= 0.3:
            return
        day = self.day_between(step.due, self.today)
        if step.kind == "reflect":
            self._reflection(process, day, finished_on=None)
        elif step.kind == "reassess":
            self._review(step, day, finished_on=None)
        elif step.kind in drafting.STEP_KINDS and (step.kind != "connect" or step.with_note):
            self._draft(process, step, sent_on=None, written=day)

    def _next_stay_in_touch(self, process: _Process, step: PlanStep, finished: date) -> None:
        """``plans._next_stay_in_touch``: the next check-in, a cadence after this one."""
        contact = step.contact
        assert contact is not None
        due = finished + timedelta(days=contact.cadence_days or self.playbook.cadence_days)
        following = PlanStep(
            owner=self.user,
            uuid=self.new_id(),
            rejection=step.rejection,
            kind=step.kind,
            step_id=step.step_id,
            title=step.title,
            why=step.why,
            due=due,
            window_end=due + (step.window_end - step.due),
            links_to=step.links_to,
            contact=contact,
            created_at=self.at(finished, 19),
        )
        self.steps.append(following)
        self.steps_of[id(step.rejection)].append(following)
        self._settle(process, following)

    # -- messages, reflections, reviews, feedback

    def _draft(
        self,
        process: _Process,
        step: PlanStep | None,
        *,
        sent_on: date | None,
        written: date | None = None,
        kind: str = "",
        contact: Contact | None = None,
    ) -> Draft:
        """A message as the composer writes it; marked sent, it logs the conversation (``drafts.mark_sent``)."""
        rng = self.rng
        if step is not None:
            kind, contact = drafting.STEP_KINDS[step.kind], step.contact
        app = process.app
        reached = process.rejection.stage_reached if process.rejection else "applied"
        theirs = [i for i in process.interviews if contact is None or contact in self.met_in[id(i)]]
        theirs.sort(key=lambda i: i.on, reverse=True)
        chosen = "message" if kind == "stay_in_touch" and rng.random() < 0.3 else ""
        if theirs:
            meeting = drafting.MEETING_BY_INTERVIEW.get(theirs[0].kind, "the interview")
        else:
            meeting = drafting.MEETING_BY_REACHED.get(reached, "")
        detail = compose.choose_detail(
            [text for i in theirs for text in (i.liked, i.topics, i.went_well)],
            split_commas=[flag for _ in theirs for flag in (False, True, False)],
        )
        facts = compose.Facts(
            kind=kind,
            company=app.company.name,
            role=app.role,
            recipient=drafting._recipient(contact),
            sender=self.prefs.your_name or SENDER,
            meeting=meeting,
            focus=drafting.FOCUS_BY_REACHED.get(reached, ""),
            detail=detail if kind in ("thank_you", "connect_note", "stay_in_touch") else "",
            applied_on=process.reached(Stage.APPLIED),
            channel=chosen,
            variant=rng.randint(0, 3),
        )
        tone = self.weighted((("warm", 6), ("formal", 2), ("brief", 2)))
        composed = compose.compose(facts, self.books, tone)
        day = sent_on or written or self.today
        draft = Draft(
            owner=self.user,
            uuid=self.new_id(),
            kind=kind,
            channel=composed.channel,
            tone=tone,
            application=app,
            contact=contact,
            step=step,
            subject=(composed.subject or "")[:300] if composed.channel == "email" else "",
            body=composed.body,
            options=drafting.Options(channel=chosen).as_dict(),
            sent_on=sent_on,
            created_at=self.at(day, 10),
            updated_at=self.at(day, 13),
        )
        self.drafts.append(draft)
        if sent_on is not None:
            if contact is not None:
                what = DRAFT_KIND_LABELS[kind].lower()
                draft.interaction = self._interaction(
                    contact,
                    sent_on,
                    channel=drafting.SENT_CHANNEL[draft.channel],
                    note=f"Sent a {what}" + (f": {draft.subject}" if draft.subject else ""),
                    process=process,
                )
            else:
                process.touches.append(sent_on)
        return draft

    def _reflection(self, process: _Process, day: date, *, finished_on: date | None) -> None:
        """``reflect.save_reflection``: a few areas answered; finishing it completes the reflect step."""
        if id(process.app) in self.reflected:
            return
        self.reflected.add(id(process.app))
        rng = self.rng
        answers: dict[str, Any] = {}
        for area in rng.sample(reflection.areas(), k=rng.randint(3, 6)):
            if area.strength:
                answers[area.id] = {"rating": None, "text": rng.choice(LIKED)}
            else:
                rating = self.weighted(((1, 1), (2, 3), (3, 4), (4, 4), (5, 2)))
                answers[area.id] = {"rating": rating, "text": REFLECTION_TEXTS[rating] if rng.random() < 0.6 else ""}
        self.reflections.append(
            Reflection(
                owner=self.user,
                uuid=self.new_id(),
                application=process.app,
                answers=reflection.clean_answers(answers),
                finished_on=finished_on,
                created_at=self.at(day, 20),
                updated_at=self.at(day, 21),
            )
        )

    def _reflection_begun(self) -> None:
        """A tiny search still shows a reflection: one begun after its latest interview."""
        met = [p for p in self.processes if any(i.on <= self.today for i in p.interviews)]
        if self.reflections or not met:
            return
        process = max(met, key=lambda p: (max(i.on for i in p.interviews if i.on <= self.today), p.index))
        self._reflection(process, max(i.on for i in process.interviews if i.on <= self.today), finished_on=None)

    def _feedback(self) -> None:
        """``reflect.add_feedback`` on some rejections: its themes found, a gracious reply planned."""
        rng, today = self.rng, self.today
        rejected = [p for p in self.processes if p.rejection is not None]
        heard = [p for p in rejected if p.rejection and p.rejection.stage_reached in ("interview", "final")]
        others = [p for p in rejected if p.rejection and p.rejection.stage_reached in ("applied", "screen")]
        wanted = self.want["feedback"]
        chosen = rng.sample(heard, k=min(wanted, len(heard)))
        chosen += rng.sample(others, k=min(wanted - len(chosen), len(others)))
        for process in sorted(chosen, key=lambda p: (p.events[-1][1], p.index)):
            rejection = process.rejection
            assert rejection is not None
            on = min(today, rejection.on + timedelta(days=rng.randint(2, 10)))
            text = rng.choice(FEEDBACK_TEXTS)
            if text not in self.themes:
                self.themes[text] = themes.detect(text)
            found = self.themes[text]
            steps = self.steps_of[id(rejection)]
            asked = next((s for s in steps if s.kind == "feedback_request"), None)
            contact = asked.contact if asked and rng.random() < 0.6 else None
            self.feedback.append(
                Feedback(
                    owner=self.user,
                    uuid=self.new_id(),
                    application=process.app,
                    contact=contact,
                    on=on,
                    channel=self.weighted((("email", 8), ("call", 2), ("portal", 1))),
                    text=text,
                    disagree=rng.random() < 0.1,
                    themes=[hit.as_dict() for hit in found.hits],
                    english=found.english,
                    created_at=self.at(on, 15),
                )
            )
            # plans.log_feedback: the words kept on the rejection, and a reply planned once.
            rejection.feedback_text, rejection.feedback_on = text, on
            process.touches.append(on)
            if any(s.kind == "feedback_reply" for s in steps):
                continue
            to = contact or (asked.contact if asked else None)
            person = planner.Person(str(to.uuid), to.name, to.relationship) if to else None
            planned = planner.feedback_step(self.playbook, received_on=on, person=person)
            if planned is not None:
                step = self._step(rejection, planned, to)
                step.created_at = self.at(on, 15)
                self._settle(process, step)

    def _follow_ups(self) -> None:
        """Follow-ups saved for later on a few applications still waiting for an answer."""
        rng, today = self.rng, self.today
        waiting = [p for p in self.processes if p.final is Stage.APPLIED and 7 <= (today - p.added_on).days <= 40]
        for process in rng.sample(waiting, k=min(len(waiting), max(1, len(self.processes) // 100))):
            recruiter = next(iter(process.people.get("recruiter", [])), None)
            written = today - timedelta(days=rng.randint(0, 5))
            self._draft(process, None, sent_on=None, written=written, kind="follow_up", contact=recruiter)
        if not self.drafts and self.processes:  # a tiny search still has one draft to show
            process = max(self.processes, key=lambda p: (p.events[-1][1], p.index))
            self._draft(process, None, sent_on=None, written=today, kind="follow_up")
