"""Moods and weekly goals: pure rules, no guilt.

A week runs Monday to Sunday. A goal counts applications sent and people
reached (interactions logged) in a week. Days inside a cool-off don't count
towards a goal: the week's target shrinks with them (its share of the week,
rounded up, so a small goal may stay as it was), and a week spent wholly in a
cool-off has no target at all. There are no streaks; every week starts
fresh.

>>> from datetime import date
>>> week_start(date(2026, 11, 22))  # a Sunday
datetime.date(2026, 11, 16)
>>> target(5, active_days=7), target(5, active_days=3), target(5, active_days=0)
(5, 3, None)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

WEEK = timedelta(days=7)
GOAL_LIMIT = 200  # more than this a week is almost surely a typo
GOAL_CEILING = 10_000  # more than this is not a goal anyone could mean


class Mood(NamedTuple):
    value: int
    word: str


MOODS: tuple[Mood, ...] = (Mood(1, "Rough"), Mood(2, "Low"), Mood(3, "Okay"), Mood(4, "Good"), Mood(5, "Great"))


def mood(value: int) -> Mood:
    """The mood for 1 to 5.

    >>> mood(4).word
    'Good'
    """
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise ValueError("A mood is a number from 1 (rough) to 5 (great).")
    return MOODS[value - 1]


def parse_goal(value: int, what: str, *, confirmed: bool = False) -> int:
    """Check a weekly goal: never negative; above 200 only when confirmed.

    >>> parse_goal(5, "applications")
    5
    """
    if value < 0:
        raise ValueError(f"A weekly goal for {what} can't be negative; use 0 for no goal.")
    if value > GOAL_CEILING:
        raise ValueError(f"{value:,} {what} a week is more than anyone could do; pick a number you'd enjoy reaching.")
    if value > GOAL_LIMIT and not confirmed:
        raise ValueError(f"{value} {what} a week is a lot; a goal above {GOAL_LIMIT} is most likely a typo.")
    return value


@dataclass(frozen=True)
class Goal:
    """A weekly goal, in force from ``since`` until a newer one. 0 means no goal for that count."""

    since: date
    applications: int
    people: int


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def target(goal: int | None, *, active_days: int) -> int | None:
    """A week's target: the goal, in proportion to the days outside a cool-off (rounded up)."""
    if not goal or active_days <= 0:
        return None
    return math.ceil(goal * min(active_days, 7) / 7)


def goal_for(goals: Sequence[Goal], week: date) -> Goal | None:
    """The goal in force for the week starting ``week``: the newest one set by its last day."""
    last_day = week + timedelta(days=6)
    chosen = [goal for goal in goals if goal.since <= last_day]
    return max(chosen, key=lambda goal: goal.since) if chosen else None


def paused_days(week: date, pauses: Iterable[tuple[date, date]]) -> int:
    """Days of the week inside a cool-off; each pause runs from its first day up to (not including) its end."""
    days = {week + timedelta(days=i) for i in range(7)}
    paused: set[date] = set()
    for start, end in pauses:
        paused |= {day for day in days if start <= day < end}
    return len(paused)


@dataclass
class Week:
    start: date
    applications: int
    people: int
    goal_applications: int | None
    goal_people: int | None
    paused_days: int
    current: bool
    # The goals themselves, before days of rest made the week's targets smaller.
    usual_applications: int | None = None
    usual_people: int | None = None

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def smaller(self) -> bool:
        """Whether days of rest really lowered a target (a rounded-up share of a small goal may not).

        >>> week = Week(date(2026, 3, 2), 0, 0, 3, 2, paused_days=2, current=True, usual_applications=3, usual_people=2)
        >>> week.smaller, Week(date(2026, 3, 2), 0, 0, 4, None, 3, True, 7, None).smaller
        (False, True)
        """
        pairs = [(self.goal_applications, self.usual_applications), (self.goal_people, self.usual_people)]
        return any(goal is not None and usual is not None and goal < usual for goal, usual in pairs)

    @property
    def paused(self) -> bool:
        return self.paused_days >= 7

    @property
    def has_goal(self) -> bool:
        return self.goal_applications is not None or self.goal_people is not None

    @property
    def met(self) -> bool:
        """Every target of the week reached (a week with no target is not "met")."""
        targets = [(self.applications, self.goal_applications), (self.people, self.goal_people)]
        set_targets = [(done, goal) for done, goal in targets if goal is not None]
        return bool(set_targets) and all(done >= goal for done, goal in set_targets)

    def to_dict(self) -> dict[str, Any]:
        return {
            "week": self.start,
            "applications": self.applications,
            "people": self.people,
            "goal_applications": self.goal_applications,
            "goal_people": self.goal_people,
            "paused_days": self.paused_days,
            "met": self.met,
            "current": self.current,
        }


def weeks(
    today: date,
    *,
    sent: Iterable[date],
    reached: Iterable[date] | Mapping[date, int],
    goals: Sequence[Goal],
    pauses: Sequence[tuple[date, date]] = (),
    count: int = 12,
) -> list[Week]:
    """The last ``count`` weeks, oldest first, ending with the current one.

    ``reached`` is the day of each conversation, or how many there were each day.
    """
    this_week = week_start(today)
    starts = [this_week - WEEK * i for i in range(count - 1, -1, -1)]
    sent_by_week = Counter(week_start(day) for day in sent)
    reached_by_week: Counter[date] = Counter()
    for day, times in reached.items() if isinstance(reached, Mapping) else ((day, 1) for day in reached):
        reached_by_week[week_start(day)] += times
    result = []
    for start in starts:
        goal = goal_for(goals, start)
        off = paused_days(start, pauses)
        active = 7 - off
        result.append(
            Week(
                start=start,
                applications=sent_by_week[start],
                people=reached_by_week[start],
                goal_applications=target(goal.applications if goal else None, active_days=active),
                goal_people=target(goal.people if goal else None, active_days=active),
                paused_days=off,
                current=start == this_week,
                usual_applications=(goal.applications or None) if goal else None,
                usual_people=(goal.people or None) if goal else None,
            )
        )
    return result


def progress_words(done: int, goal: int | None, noun: str) -> str:
    """Progress towards a goal, said kindly: never "behind", never "missed".

    >>> progress_words(2, 5, "applications"), progress_words(4, 3, "applications")
    ('2 of 5 applications', '4 applications: goal of 3 reached')
    """
    if goal is None:
        return f"{done} {noun}"
    if done >= goal:
        return f"{done} {noun}: goal of {goal} reached"
    return f"{done} of {goal} {noun}"


class Prompt(NamedTuple):
    key: str
    title: str
    question: str


# The career-plan review's prompts, after the person has seen their own numbers.
REVIEW_PROMPTS: tuple[Prompt, ...] = (
    Prompt(
        "targeting",
        "Where to aim",
        "Looking at your numbers, which roles, levels or companies fit you best right now? "
        "Is there anything to apply for less?",
    ),
    Prompt("skills", "Skills to build", "Is there a skill, course or class that would make you a stronger candidate?"),
    Prompt("people", "Who to ask", "Who in your network could give you advice, a practice interview or a referral?"),
    Prompt("next", "One change to try", "What is one change you'll try over the next two weeks?"),
)
