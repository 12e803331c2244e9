"""The example search behind the welcome page's "Explore an example": fill an empty account, clear it again.

The example is the same believable search ``onward demo`` makes (:func:`onward.tracker.demo.create_demo`).
While it is there, :attr:`Preferences.example_search` is set, so every page can say so and offer the way
out, which is "delete all my data" (:func:`onward.backups.actions.delete_all_data`): the example, and
anything added while exploring, goes; the account stays.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from onward.accounts.actions import preferences_for
from onward.accounts.models import Preferences
from onward.backups.actions import delete_all_data
from onward.errors import UserError
from onward.tracker.demo import create_demo
from onward.tracker.models import Application

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def showing_example(user: User) -> bool:
    """Whether ``user``'s account holds the example search rather than their own."""
    return Preferences.objects.filter(owner=user, example_search=True).exists()


def explore_example(user: User, today: date) -> int:
    """Fill ``user``'s empty account with the example search; returns how many applications it holds.

    Only an empty account: the example never mixes with someone's own applications, and a second
    request (a double click, a resent form) changes nothing.
    """
    with transaction.atomic():
        prefs = preferences_for(user)
        # One request at a time per account (on SQLite the write transaction already serialises them).
        Preferences.objects.select_for_update().filter(pk=prefs.pk).first()
        if Application.objects.for_user(user).exists():
            raise UserError(
                "The example only goes into an empty account, and yours already has applications. Nothing was added."
            )
        count = create_demo(user, today)
        Preferences.objects.filter(pk=prefs.pk).update(example_search=True)
    return count


def clear_example(user: User) -> dict[str, int]:
    """Remove the example search and anything added while exploring; returns what was deleted, per section."""
    if not showing_example(user):
        raise UserError("There's no example search here to clear, so nothing was changed.")
    return delete_all_data(user)
