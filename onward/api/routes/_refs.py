"""Ids named in a request body, looked up through their owner's door.

An id in the path that isn't the person's is a 404, as on the web. An id in the
body that isn't theirs (``"application": "…"``) is a 422 naming that field: the
request is at fault, not the address. Either way, nobody learns whether the id
belongs to someone else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.http import Http404

from onward.api.schemas import no_such
from onward.plans import actions as plans
from onward.plans.models import PlanStep
from onward.tracker import actions as tracker
from onward.tracker.models import Application, Contact

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def application_ref(user: User, public_id: UUID, field: str = "application") -> Application:
    try:
        return tracker.application_for_user(user, public_id)
    except Http404:
        raise no_such(field, "application") from None


def contact_ref(user: User, public_id: UUID, field: str = "contact") -> Contact:
    try:
        return tracker.contact_for_user(user, public_id)
    except Http404:
        raise no_such(field, "contact") from None


def step_ref(user: User, public_id: UUID, field: str = "step") -> PlanStep:
    try:
        return plans.step_for_user(user, public_id)
    except Http404:
        raise no_such(field, "plan step") from None
