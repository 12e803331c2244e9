"""Check-ins, goals and reviews."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from onward.domain.momentum import REVIEW_PROMPTS
from onward.momentum.models import CheckIn, Goal, Review
from onward.plans.models import PlanStep
from onward.tracker.heavy.common import Base
from onward.tracker.heavy.tables import CHECKIN_NOTES, DAYS, REVIEW_ANSWERS

if TYPE_CHECKING:
    pass


class WellbeingPart(Base):
    """Check-ins, goals and reviews."""

    def _review(self, step: PlanStep | None, day: date, *, finished_on: date | None) -> None:
        """``momentum.save_review``: answers to some of the review's prompts."""
        keys = [prompt.key for prompt in REVIEW_PROMPTS]
        chosen = set(self.rng.sample(keys, k=self.rng.randint(2, len(keys))))
        self.reviews.append(
            Review(
                owner=self.user,
                uuid=self.new_id(),
                step=step,
                on=day,
                answers={key: REVIEW_ANSWERS[key] for key in keys if key in chosen},
                finished_on=finished_on,
                created_at=self.at(day, 19),
                updated_at=self.at(day, 20),
            )
        )

    # -- wellbeing

    def _checkins(self) -> None:
        """Most days of the year (never today: Today asks), dipping on the days an interview process said no."""
        rng, today = self.rng, self.today
        hard = {r.on for r in self.rejections if r.stage_reached in ("interview", "final")}
        level = 3.4
        for ago in sorted(rng.sample(range(1, DAYS + 1), k=min(DAYS, self.want["checkins"])), reverse=True):
            day = today - timedelta(days=ago)
            level = min(4.2, max(2.6, level + rng.uniform(-0.25, 0.25)))
            news = day in hard
            dip = 1 if news or day - timedelta(days=1) in hard else 0
            mood = max(1, min(5, round(level + rng.uniform(-1, 1)) - dip))
            note = "Heard back today. Went for a long walk." if news else ""
            if not note and rng.random() < 0.15:
                note = rng.choice(CHECKIN_NOTES)
            stamp = self.at(day, 20)
            self.checkins.append(
                CheckIn(
                    owner=self.user,
                    uuid=self.new_id(),
                    on=day,
                    mood=mood,
                    note=note,
                    created_at=stamp,
                    updated_at=stamp,
                )
            )

    def _goals(self) -> None:
        """Weekly goals set afresh every couple of months, sized to what the search actually holds."""
        rng, today = self.rng, self.today
        per_week_apps = len(self.processes) * 7 / DAYS
        per_week_people = len(self.interactions) * 7 / DAYS
        for ago in sorted(rng.sample(range(0, DAYS), k=min(DAYS, self.want["goals"])), reverse=True):
            since = today - timedelta(days=ago)
            self.goals.append(
                Goal(
                    owner=self.user,
                    since=since,
                    applications=min(200, max(1, round(per_week_apps * rng.uniform(0.8, 1.2)))),
                    people=min(200, max(1, round(per_week_people * rng.uniform(0.5, 0.9)))),
                    created_at=self.at(since),
                )
            )

    def _stepless_reviews(self) -> None:
        """Reviews begun from Insights rather than from a step, spread over the year, up to the target."""
        missing = self.want["reviews"] - len(self.reviews)
        for ago in sorted(self.rng.sample(range(1, DAYS), k=max(0, min(DAYS - 1, missing))), reverse=True):
            day = self.today - timedelta(days=ago)
            self._review(None, day, finished_on=day)
