"""The funnel of a job search, and where it stalls: pure counting over stage histories.

Applied → heard back → first call → interviews → final round → offer. Each step
of the funnel counts the applications that reached it, moved on, stopped there
(a rejection, or silence), are still waiting, or were withdrawn. Withdrawn and
waiting applications are never counted as a "no": a step's rate is the share
that moved on among those whose outcome is known.

>>> from datetime import date
>>> day = date(2026, 3, 2)
>>> rejected = History(Stage.REJECTED, ((Stage.APPLIED, day), (Stage.REJECTED, date(2026, 3, 9))))
>>> f = funnel([rejected], today=date(2026, 4, 1))
>>> f.counts["applied"], f.counts["response"], f.counts["screen"]
(1, 1, 0)
>>> f.median_days_to_response
7.0
"""

from __future__ import annotations

import math
import statistics
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from onward.domain.stages import PROGRESS, Stage

LEVELS = ("applied", "response", "screen", "interview", "final", "offer")
LEVEL_LABELS = {
    "applied": "Applied",
    "response": "Heard back",
    "screen": "First call",
    "interview": "Interviews",
    "final": "Final round",
    "offer": "Offer",
}
STOPPED = (Stage.REJECTED, Stage.NO_RESPONSE)


@dataclass(frozen=True)
class Advice:
    key: str
    from_key: str
    label: str
    where: str
    moved: str
    stall: str
    tries: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    silent_after_days: int
    min_decided: int
    margin: float
    low_below: int
    medium_below: int
    advice: dict[str, Advice]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The shipped thresholds and advice (``data/funnel.toml``)."""
    text = resources.files("onward.domain").joinpath("data/funnel.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    advice = {
        raw["key"]: Advice(
            key=raw["key"],
            from_key=raw["from"],
            label=raw["label"],
            where=raw["where"],
            moved=raw["moved"],
            stall=raw["stall"],
            tries=tuple(raw["tries"]),
        )
        for raw in data["steps"]
    }
    if list(advice) != list(LEVELS[1:]):
        raise ValueError(f"funnel.toml must describe the steps {', '.join(LEVELS[1:])} in that order")
    return Rules(
        silent_after_days=int(data["silent_after_days"]),
        min_decided=int(data["min_decided"]),
        margin=float(data["margin"]),
        low_below=int(data["confidence"]["low_below"]),
        medium_below=int(data["confidence"]["medium_below"]),
        advice=advice,
    )


@dataclass(frozen=True)
class History:
    """One application as the funnel sees it: where it is now and the stages it went through."""

    stage: Stage
    events: tuple[tuple[Stage, date], ...]
    applied_on: date | None = None
    source: str = ""
    added_on: date | None = None  # the day it was first tracked: dates recorded then may be guesses

    @cached_property  # the funnel asks each one many times; its fields never change
    def progress(self) -> int:
        stages = [stage for stage, _ in self.events] + [self.stage]
        return max((PROGRESS.get(stage, 0) for stage in stages), default=0)

    @cached_property
    def sent(self) -> bool:
        """Sent at some point: it reached Applied, or an employer said no (or went silent) to it."""
        if self.progress >= PROGRESS[Stage.APPLIED]:
            return True
        stages = {stage for stage, _ in self.events} | {self.stage}
        return bool(stages & set(STOPPED))

    @cached_property
    def sent_on(self) -> date | None:
        if self.applied_on:
            return self.applied_on
        dates = [on for stage, on in self.events if PROGRESS.get(stage, 0) >= 1 or stage.ended]
        return min(dates, default=None)

    @cached_property
    def level(self) -> int:
        """How many steps of the funnel it reached: 1 (applied) to 6 (offer)."""
        progress = self.progress
        rejected = self.stage == Stage.REJECTED or any(stage == Stage.REJECTED for stage, _ in self.events)
        responded = progress >= PROGRESS[Stage.SCREENING] or rejected
        if not responded:
            return 1
        return max(2, min(6, progress + 1))

    @cached_property
    def first_answer_on(self) -> date | None:
        """The day of the first sign of life from the employer: a call, an interview or a no."""
        answers = [
            on
            for stage, on in self.events
            if PROGRESS.get(stage, 0) >= PROGRESS[Stage.SCREENING] or stage == Stage.REJECTED
        ]
        return min(answers, default=None)


@dataclass
class Step:
    """One step of the funnel, from one level to the next."""

    key: str
    from_key: str
    reached: int = 0
    advanced: int = 0
    stopped: int = 0
    waiting: int = 0
    withdrawn: int = 0
    silent: int = 0  # of the stopped: still open, but no answer after a long while

    @property
    def label(self) -> str:
        return rules().advice[self.key].label

    @property
    def moved(self) -> str:
        return rules().advice[self.key].moved

    @property
    def decided(self) -> int:
        return self.advanced + self.stopped

    @property
    def rate(self) -> float | None:
        return self.advanced / self.decided if self.decided else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.from_key,
            "to": self.key,
            "label": self.label,
            "reached": self.reached,
            "advanced": self.advanced,
            "stopped": self.stopped,
            "waiting": self.waiting,
            "withdrawn": self.withdrawn,
            "silent": self.silent,
            "rate": None if self.rate is None else round(self.rate, 3),
        }


@dataclass
class Funnel:
    applications: int
    counts: dict[str, int]
    steps: list[Step]
    median_days_to_response: float | None
    withdrawn: int = 0

    def step(self, key: str) -> Step:
        return next(step for step in self.steps if step.key == key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "applications": self.applications,
            "stages": [{"stage": key, "label": LEVEL_LABELS[key], "count": self.counts[key]} for key in LEVELS],
            "steps": [step.to_dict() for step in self.steps],
            "median_days_to_response": self.median_days_to_response,
            "withdrawn": self.withdrawn,
        }


def funnel(histories: Iterable[History], *, today: date) -> Funnel:
    """Count the funnel. Applications never sent (wishlist only) are left out."""
    silent_after = timedelta(days=rules().silent_after_days)
    sent = [h for h in histories if h.sent]
    steps = [Step(key=LEVELS[i + 1], from_key=LEVELS[i]) for i in range(len(LEVELS) - 1)]
    answer_days: list[int] = []
    for history in sent:
        level = history.level
        for i, step in enumerate(steps, start=1):
            if level < i:
                break
            step.reached += 1
            if level > i:
                step.advanced += 1
            elif history.stage in STOPPED:
                step.stopped += 1
            elif history.stage == Stage.WITHDRAWN:
                step.withdrawn += 1
            elif history.stage == Stage.ACCEPTED:
                step.advanced += 1  # an accepted offer went all the way
            elif i == 1 and history.sent_on and today - history.sent_on >= silent_after:
                step.stopped += 1
                step.silent += 1
            else:
                step.waiting += 1
        answered, sent_on = history.first_answer_on, history.sent_on
        # An answer dated the day the application was first tracked is usually just the day it was typed in.
        if answered and sent_on and answered >= sent_on and answered != history.added_on:
            answer_days.append((answered - sent_on).days)
    counts = {key: sum(1 for h in sent if h.level > i) for i, key in enumerate(LEVELS)}
    median = float(statistics.median(answer_days)) if answer_days else None
    withdrawn = sum(1 for h in sent if h.stage == Stage.WITHDRAWN)
    return Funnel(len(sent), counts, steps, median, withdrawn)


def by_source(histories: Sequence[History], *, today: date) -> dict[str, Funnel]:
    """One funnel per source ("referral", "job_board", …; "" when unknown becomes "unknown")."""
    groups: dict[str, list[History]] = {}
    for history in histories:
        if history.sent:
            groups.setdefault(history.source or "unknown", []).append(history)
    order = sorted(groups, key=lambda key: (-len(groups[key]), key))
    return {key: funnel(groups[key], today=today) for key in order}


def by_month(histories: Sequence[History], *, today: date) -> dict[str, Funnel]:
    """One funnel per calendar month the applications were sent in ("2026-10"), oldest first."""
    groups: dict[str, list[History]] = {}
    for history in histories:
        if history.sent and history.sent_on:
            groups.setdefault(history.sent_on.strftime("%Y-%m"), []).append(history)
    return {key: funnel(groups[key], today=today) for key in sorted(groups)}


# --- the diagnosis ------------------------------------------------------------------


@dataclass
class Diagnosis:
    step: Step | None
    summary: str
    tries: tuple[str, ...]
    based_on: int
    confidence: str  # "none", "low", "medium" or "high"
    confidence_text: str
    compared: list[Step] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        step = self.step
        return {
            "stage": step.key if step else None,
            "from": step.from_key if step else None,
            "label": step.label if step else None,
            "rate": None if step is None or step.rate is None else round(step.rate, 3),
            "advanced": step.advanced if step else None,
            "decided": step.decided if step else None,
            "summary": self.summary,
            "tries": list(self.tries),
            "based_on": self.based_on,
            "confidence": self.confidence,
            "confidence_text": self.confidence_text,
            "compared": [s.to_dict() for s in self.compared],
        }


def percent(rate: float) -> str:
    """A rate as people say it.

    >>> percent(0.2857)
    '29%'
    """
    return f"{math.floor(rate * 100 + 0.5)}%"


def confidence(applications: int) -> tuple[str, str]:
    """How much the numbers can say, in words.

    >>> confidence(12)
    ('low', 'Based on 12 applications: too few to be sure.')
    """
    r = rules()
    noun = "application" if applications == 1 else "applications"
    if applications == 0:
        return "none", "No applications sent yet."
    if applications < r.low_below:
        return "low", f"Based on {applications} {noun}: too few to be sure."
    if applications < r.medium_below:
        return "medium", f"Based on {applications} {noun}: enough to show a pattern, not to prove one."
    return "high", f"Based on {applications} {noun}: a solid base."


def diagnose(f: Funnel) -> Diagnosis:
    """Name the step where this search stalls most, compared with its own other steps."""
    r = rules()
    level, said = confidence(f.applications)
    if f.applications == 0:
        summary = "Once you track applications you've sent, this shows where they move on and where they stop."
        return Diagnosis(None, summary, (), 0, level, said)
    compared = [step for step in f.steps if step.decided >= r.min_decided]
    if not compared:
        known = f.steps[0].decided
        summary = (
            f"Too early to compare the stages: {known} of your {f.applications} applications "
            f"{'has' if known == 1 else 'have'} an answer (or a long silence) so far."
        )
        return Diagnosis(None, summary, (), f.applications, level, said, compared)
    worst = min(compared, key=lambda step: (step.rate or 0.0, LEVELS.index(step.key)))
    if len(compared) == 1 and (worst.rate or 0.0) >= 0.5:
        # Nothing to compare it with, and most move on: no stall to name yet.
        summary = (
            f"Too early to compare the stages: only “{worst.label.lower()}” has enough answers so far, "
            f"and {worst.advanced} of {worst.decided} moved on there."
        )
        return Diagnosis(None, summary, (), f.applications, level, said, compared)
    others = [step for step in compared if step is not worst]
    best = max(others, key=lambda step: step.rate or 0.0) if others else None
    worst_rate = worst.rate or 0.0
    if best is not None and (best.rate or 0.0) - worst_rate < r.margin:
        summary = "No stage stands out: your applications move on at similar rates at every step you have data for."
        return Diagnosis(None, summary, (), f.applications, level, said, compared)
    advice = r.advice[worst.key]
    moved = f"{worst.advanced} of {worst.decided} ({percent(worst_rate)}) {advice.moved}"
    if best is not None:
        against = f"against {percent(best.rate or 0.0)} at your strongest step ({best.label.lower()})"
        summary = f"Your applications stall most {advice.where}: {moved}, {against}. {advice.stall}"
    else:
        summary = (
            f"Your applications stall {advice.where}: {moved}, so more stop there than move on. "
            "It's the only step with enough answers to judge so far."
        )
    return Diagnosis(worst, summary, advice.tries, f.applications, level, said, compared)
