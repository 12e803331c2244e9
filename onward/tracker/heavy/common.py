"""What every part of the heavy search shares: the targets, dates and ids, one application's story."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from onward.accounts.actions import preferences_for
from onward.domain import themes
from onward.domain.stages import PROGRESS, Stage
from onward.drafts import actions as drafting
from onward.drafts.models import Draft
from onward.mailimport.models import ImportedMail, ImportJob
from onward.momentum.models import CheckIn, Goal, Review
from onward.plans.models import PlanStep, Rejection
from onward.plans.playbooks import playbook_in_force
from onward.reflect.models import Feedback, Reflection
from onward.tracker.models import Application, Company, Contact, Interaction, Interview, Note, StageEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# How many of each at scale 1.0. Stage events and plan steps follow from the story.
TARGETS = {
    "applications": 5000,
    "companies": 1500,
    "contacts": 2000,
    "interviews": 8000,
    "interactions": 8000,
    "rejections": 600,
    "notes": 2500,
    "feedback": 150,
    "checkins": 300,
    "goals": 6,
    "reviews": 12,
    "mail_imports": 1,
    "imported_mail": 300,
}


def counts_for(scale: float) -> dict[str, int]:
    """The targets at a scale: every count multiplied, and at least one of each."""
    return {kind: max(1, round(target * scale)) for kind, target in TARGETS.items()}


def _stamp(day: date, minutes: int) -> datetime:
    """A moment of a day (``minutes`` after midnight, UTC): when something was written down."""
    return datetime.combine(day, time(), tzinfo=UTC) + timedelta(minutes=max(0, min(minutes, 24 * 60 - 1)))


def _fit(gaps: list[int], room: int) -> list[int]:
    """Gaps between events, shrunk (in proportion) to fit in ``room`` days."""
    total = sum(gaps)
    if total <= room:
        return gaps
    return [gap * max(0, room) // total for gap in gaps]


def _slug(name: str) -> str:
    return name.lower().replace(" & ", "-and-").replace(" ", "")


@dataclass(eq=False)
class _Process:
    """One application's story: its dated events, its people, its interviews."""

    index: int
    app: Application
    events: list[tuple[Stage, date]]
    people: dict[str, list[Contact]] = field(default_factory=dict)  # by relationship
    interviews: list[Interview] = field(default_factory=list)
    touches: list[date] = field(default_factory=list)  # days something was logged on it
    rejection: Rejection | None = None

    @property
    def added_on(self) -> date:
        return self.events[0][1]

    @property
    def final(self) -> Stage:
        return self.events[-1][0]

    @property
    def progress(self) -> int:
        return max(PROGRESS.get(stage, 0) for stage, _ in self.events)

    def reached(self, stage: Stage) -> date | None:
        return next((on for s, on in self.events if s is stage), None)

    def window(self, stage: Stage, today: date) -> tuple[date, date]:
        """From the day it reached ``stage`` to its next event (or today)."""
        position = next(i for i, (s, _) in enumerate(self.events) if s is stage)
        start = self.events[position][1]
        end = self.events[position + 1][1] if position + 1 < len(self.events) else today
        return start, end


class Base:
    """The story's state and small helpers; the parts in the other modules play it."""

    def __init__(self, user: User, today: date, scale: float, seed: int) -> None:
        self.user, self.today = user, today
        self.want = counts_for(scale)
        self.rng = random.Random(seed)
        # Public ids come from their own generator, seeded with the account too: two accounts never share one.
        self.ids = random.Random(f"onward-heavy:{seed}:{user.pk}")
        self.playbook = playbook_in_force()
        self.prefs = preferences_for(user)
        allowance = self.prefs.connect_notes_per_month
        self.notes_allowance = self.playbook.connect_notes_per_month if allowance is None else allowance
        self.books = drafting.books()
        self.companies: list[Company] = []
        self.processes: list[_Process] = []
        self.events: list[StageEvent] = []
        self.notes: list[Note] = []
        self.contacts: list[Contact] = []
        self.contact_apps: set[tuple[int, int]] = set()  # (contact index, process index)
        self.interviews: list[Interview] = []
        self.interview_people: list[tuple[Interview, Contact]] = []
        self.interactions: list[Interaction] = []
        self.rejections: list[Rejection] = []
        self.steps: list[PlanStep] = []
        self.drafts: list[Draft] = []
        self.feedback: list[Feedback] = []
        self.reflections: list[Reflection] = []
        self.checkins: list[CheckIn] = []
        self.goals: list[Goal] = []
        self.reviews: list[Review] = []
        self.jobs: list[ImportJob] = []
        self.mail: list[ImportedMail] = []
        self.filed: list[tuple[ImportedMail, _Process]] = []
        # Lookups by identity: the instances have no primary key until they are written.
        self.contact_index: dict[int, int] = {}
        self.contact_process: dict[int, _Process] = {}
        self.contact_since: dict[int, date] = {}
        self.met_in: dict[int, list[Contact]] = {}  # id(Interview) -> people met there
        self.steps_of: dict[int, list[PlanStep]] = {}  # id(Rejection) -> its steps
        self.reflected: set[int] = set()  # id(Application)
        self.connects: dict[tuple[int, int], list[PlanStep]] = {}  # (year, month) -> connection steps due then
        self.last_reassess_on: date | None = None
        self.themes: dict[str, themes.Detection] = {}
        self.company_keys: dict[str, str] = {}

    # -- small helpers

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.ids.getrandbits(128), version=4)

    def at(self, day: date, hour: int = 9) -> datetime:
        """A moment of that day, around ``hour``."""
        return _stamp(day, hour * 60 + self.rng.randrange(0, 180))

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def weighted(self, pairs: Sequence[tuple[Any, float]]) -> Any:
        return self.rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]
