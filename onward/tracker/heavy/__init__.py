"""A heavy job search for performance work: ``onward demo --size large`` and the benchmarks.

At scale 1.0 one person has a year of searching behind them: 5,000 applications
at about 1,500 companies with their whole stage histories, 2,000 people, 8,000
interviews and 8,000 conversations, 600 rejections with their recovery plans,
feedback, reflections, drafts, check-ins, goals, reviews, and a mail import with
messages waiting in the review queue. ``scale`` multiplies every count.

The small demo (:mod:`onward.tracker.demo`) goes through the actions one call at
a time; this one would take minutes that way. Instead it plays the same story in
memory, writing each row as the actions would (the same fields, the same
derived values: an application's stage is its last stage event, a rejection's
steps are the planner's), and then inserts everything with ``bulk_create`` in
one transaction. The plans come from the real planner and playbook, feedback
themes from the real detector, drafts from the real composer, imported mail
from the real reader, classifier and matcher.

Deterministic: the same seed and today give the same rows, public ids included
(they are drawn from a generator seeded with the seed and the account, so two
accounts never share one). Timestamps are the days things happened, so the
pages order and date them as they would after a year of use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from onward.domain.stages import Stage
from onward.errors import UserError
from onward.tracker.heavy.common import TARGETS, counts_for
from onward.tracker.heavy.mail import MailPart
from onward.tracker.heavy.plans import PlansPart
from onward.tracker.heavy.story import StoryPart
from onward.tracker.models import Application

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["TARGETS", "counts_for", "create_heavy", "create_heavy_users"]


@transaction.atomic
def create_heavy(user: User, today: date, *, scale: float = 1.0, seed: int = 11) -> dict[str, int]:
    """Fill an empty account with a year-long, heavy search; returns the rows made, by kind."""
    if not scale > 0:
        raise UserError(f"The scale is a number above 0, not {scale}.")
    if Application.objects.for_user(user).exists():
        raise UserError("This account already has applications; make the heavy search in a fresh one: --data-dir DIR")
    story = _Story(user, today, scale, seed)
    story.play()
    return story.write()


def create_heavy_users(
    count: int = 200,
    applications: int = 300,
    *,
    today: date,
    seed: int = 11,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Make ``count`` accounts (seeker001@example.org, …) with a heavy search of ``applications`` each.

    The accounts have no usable password (an operator can set one in the admin). An account that already has
    applications is left as it is, so a second run only adds what is missing. Returns how many were filled.
    """
    from django.contrib.auth.models import User

    from onward.accounts.models import Preferences

    if count < 0 or applications < 1:
        raise UserError("Give a number of accounts (0 or more) and of applications each (1 or more).")
    scale = applications / TARGETS["applications"]
    made = 0
    for number in range(1, count + 1):
        email = f"seeker{number:03d}@example.org"
        with transaction.atomic():
            user = User.objects.filter(username=email).first()
            if user is None:
                user = User(username=email, email=email)
                user.set_unusable_password()
                user.save()
                Preferences.objects.create(owner=user, your_name=f"Seeker {number}")
            elif Application.objects.for_user(user).exists():
                continue
            create_heavy(user, today, scale=scale, seed=seed * 10_000 + number)
        made += 1
        if progress is not None:
            progress(number)
    return made


class _Story(StoryPart, PlansPart, MailPart):
    """The search, played in memory with unsaved model instances, then written in bulk."""

    # -- the play

    def play(self) -> None:
        self._companies()
        self._applications()
        self._people()
        self._referrals()
        self._interviews()
        rejected = [p for p in self.processes if p.final is Stage.REJECTED]
        for process in sorted(rejected, key=lambda p: (p.events[-1][1], p.index)):
            self._reject(process)
        self._feedback()
        self._reflection_begun()
        self._follow_ups()
        self._interactions()
        self._mail()
        self._notes()
        self._checkins()
        self._goals()
        self._stepless_reviews()
        self._settle_applications()
