"""The planner: a rejection, the playbook and the person's settings become dated steps.

Pure: it is handed everything it needs, today included, and returns plain data.

The rules it keeps (tested with hypothesis in tests/domain/test_planner.py):

- the cool-off is the days ``R .. R+cool_off-1``; it ends on ``R+cool_off``;
- inside it only the pause, the thank-you and the feedback request come due,
  and the messages only from the day after the news;
- everything else waits for the cool-off's end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from onward.domain.playbook import COOL_OFF_KINDS, MESSAGE_KINDS, REACHED, Playbook, Step

# Who matters most when the month's connection notes run short.
IMPORTANCE = {"hiring_manager": 0, "interviewer": 1, "recruiter": 2, "referral": 3, "other": 4}


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    relationship: str = "other"
    times_met: int = 1
    cadence_days: int | None = None
    last_contact_on: date | None = None


@dataclass(frozen=True)
class PastRejection:
    on: date
    stage_reached: str


@dataclass(frozen=True)
class RejectionFacts:
    on: date
    stage_reached: str
    people_met: tuple[Person, ...] = ()
    # Earlier rejections (not this one), and the last time a reassess step was planned.
    history: tuple[PastRejection, ...] = ()
    last_reassess_on: date | None = None
    cool_off_days: int | None = None
    # The company's name: who a step speaks to when no person is known ("Ask Northwind for feedback").
    company: str = ""


@dataclass(frozen=True)
class PlannedStep:
    kind: str
    step_id: str
    title: str
    why: str
    due: date
    window_end: date
    links_to: str
    contact_key: str | None = None
    with_note: bool = True
    numbers: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    cool_off_days: int
    cool_off_end: date
    steps: tuple[PlannedStep, ...]


class PlanError(ValueError):
    pass


def cool_off_for(playbook: Playbook, reached: str, chosen: int | None) -> int:
    """The cool-off in days: the person's choice (0 to the playbook's max), else the playbook's default."""
    if reached not in REACHED:
        raise PlanError(f"unknown stage reached {reached!r}; use one of: {', '.join(REACHED)}")
    if chosen is None:
        return playbook.cool_off[reached]
    if not 0 <= chosen <= playbook.cool_off_max:
        raise PlanError(f"the cool-off is a number of days from 0 to {playbook.cool_off_max}, not {chosen}")
    return chosen


def plan(facts: RejectionFacts, playbook: Playbook, *, notes_left: int) -> Plan:
    """Every step of the playbook that applies to this rejection, dated.

    ``notes_left`` is how many personalised connection notes the month still
    allows; when the people met outnumber it, the most important get the notes
    and the others a connection without one.
    """
    days = cool_off_for(playbook, facts.stage_reached, facts.cool_off_days)
    end = facts.on + timedelta(days=days)
    steps: list[PlannedStep] = []
    for step in playbook.steps:
        if not step.applies_to(facts.stage_reached) or step.anchor == "feedback" or step.kind == "reassess":
            continue
        steps += _expand(step, facts, end, notes_left)
    reassess = playbook.step("reassess")
    numbers = reassess_numbers(facts, playbook)
    if reassess and numbers and reassess.applies_to(facts.stage_reached):
        steps.append(_dated(reassess, facts.on, end, title=reassess.title, numbers=numbers))
    steps.sort(key=lambda s: (s.due, _order(playbook, s.kind)))
    return Plan(days, end, tuple(steps))


def feedback_step(
    playbook: Playbook, *, received_on: date, person: Person | None, company: str = ""
) -> PlannedStep | None:
    """The reply to feedback, planned when feedback arrives (to the company when nobody is named)."""
    step = playbook.step("feedback_reply")
    if step is None:
        return None
    return _dated(step, received_on, received_on, title=_title(step, person, company), person=person)


def reassess_numbers(facts: RejectionFacts, playbook: Playbook) -> dict[str, int]:
    """The person's own numbers when a run of rejections crosses a threshold; empty otherwise."""
    window_start = facts.on - timedelta(days=playbook.reassess_within_days - 1)
    if facts.last_reassess_on and facts.last_reassess_on >= window_start:
        return {}  # suggested recently already; once is enough
    everything = sorted([*facts.history, PastRejection(facts.on, facts.stage_reached)], key=lambda r: r.on)
    recent = [r for r in everything if window_start <= r.on <= facts.on]
    finals_in_a_row = 0
    for past in reversed(everything):
        if past.stage_reached != "final":
            break
        finals_in_a_row += 1
    if len(recent) >= playbook.reassess_rejections or finals_in_a_row >= playbook.reassess_finals_in_a_row:
        return {
            "rejections": len(recent),
            "within_days": playbook.reassess_within_days,
            "final_rounds_in_a_row": finals_in_a_row,
        }
    return {}


def _order(playbook: Playbook, kind: str) -> int:
    return next((i for i, s in enumerate(playbook.steps) if s.kind == kind), len(playbook.steps))


def _expand(step: Step, facts: RejectionFacts, end: date, notes_left: int) -> list[PlannedStep]:
    people = list(facts.people_met)
    if step.kind == "thank_you":
        if not people:
            return [_dated(step, facts.on, end, title=_title(step, None, facts.company))]
        return [_dated(step, facts.on, end, title=_title(step, p), person=p) for p in people]
    if step.kind == "feedback_request":
        person = feedback_person(people)
        return [_dated(step, facts.on, end, title=_title(step, person, facts.company), person=person)]
    if step.kind == "connect":
        # The notes go to the people who matter most; the steps come in the order of names, like the thank-yous.
        ranked = sorted(people, key=lambda p: (IMPORTANCE.get(p.relationship, 9), -p.times_met, p.name))
        noted = {p.key for p in ranked[: max(0, notes_left)]}
        return [
            _dated(
                step, facts.on, end, title=_connect_title(step, p, p.key in noted), person=p, with_note=p.key in noted
            )
            for p in sorted(people, key=lambda p: (p.name, p.key))
        ]
    if step.kind == "stay_in_touch":
        return [_stay_in_touch(step, facts, end, p) for p in people]
    return [_dated(step, facts.on, end, title=step.title)]


def feedback_person(people: Sequence[Person]) -> Person | None:
    """Who to ask for feedback: the recruiter, else the hiring manager, else nobody named."""
    for relationship in ("recruiter", "hiring_manager"):
        found = next((p for p in people if p.relationship == relationship), None)
        if found:
            return found
    return None


def _title(step: Step, person: Person | None, company: str = "") -> str:
    """The step's title with the person's name; with nobody named, the people met or the company.

    >>> from onward.domain.playbook import default_playbook
    >>> ask = default_playbook().step("feedback_request")
    >>> _title(ask, None, "Northwind"), _title(ask, None)
    ('Ask Northwind for feedback', 'Ask the company for feedback')
    """
    if "{person}" not in step.title:
        return step.title
    if person is None:
        fallback = "the people you met" if step.kind == "thank_you" else company.strip() or "the company"
        return step.title.replace("{person}", fallback)
    return step.title.replace("{person}", person.name)


def _connect_title(step: Step, person: Person, with_note: bool) -> str:
    title = _title(step, person)
    return title if with_note else f"{title} (no note: this month's notes are used)"


def _stay_in_touch(step: Step, facts: RejectionFacts, end: date, person: Person) -> PlannedStep:
    cadence = person.cadence_days or step.start
    since = max(facts.on, person.last_contact_on or facts.on)
    due = max(since + timedelta(days=cadence), end)
    return PlannedStep(
        kind=step.kind,
        step_id=step.id,
        title=_title(step, person),
        why=step.why,
        due=due,
        window_end=due + timedelta(days=step.end - step.start),
        links_to=step.links_to,
        contact_key=person.key,
    )


def _dated(
    step: Step,
    anchor_day: date,
    cool_off_end: date,
    *,
    title: str,
    person: Person | None = None,
    with_note: bool = True,
    numbers: dict[str, int] | None = None,
) -> PlannedStep:
    base = cool_off_end if step.anchor == "cool_off_end" else anchor_day
    due = base + timedelta(days=step.start)
    length = step.end - step.start
    if step.kind == "pause":
        window_end = max(due, cool_off_end - timedelta(days=1))
    else:
        if step.kind in MESSAGE_KINDS and step.anchor == "rejection":
            due = max(due, anchor_day + timedelta(days=1))  # nothing asks to send on the day of the news
        if step.kind not in COOL_OFF_KINDS:
            due = max(due, cool_off_end)  # everything else waits for the cool-off to end
        window_end = max(base + timedelta(days=step.end), due + timedelta(days=length))
    return PlannedStep(
        kind=step.kind,
        step_id=step.id,
        title=title,
        why=step.why,
        due=due,
        window_end=window_end,
        links_to=step.links_to,
        contact_key=person.key if person else None,
        with_note=with_note,
        numbers=numbers or {},
    )


def in_cool_off(rejected_on: date, cool_off_days: int, today: date) -> bool:
    return rejected_on <= today < rejected_on + timedelta(days=cool_off_days)


def stay_in_touch_due(planned_due: date, cadence_days: int, last_contact_on: date | None) -> date:
    """A stay-in-touch date moves with any logged interaction: the clock starts again."""
    if last_contact_on is None:
        return planned_due
    return max(planned_due, last_contact_on + timedelta(days=cadence_days))
