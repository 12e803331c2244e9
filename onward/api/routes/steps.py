"""Plan steps: list, read, done, skip, snooze, and the draft a message step asks for.

Skipping asks for no reason; nothing is ever held against anyone.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Body, Field, Query, Router, Schema
from pydantic import Strict

from onward.api.auth import user_of
from onward.api.errors import conflict_when
from onward.api.routes.drafts import RenderedOut, Shaping, options_of, rendered
from onward.api.schemas import (
    AppRef,
    Day,
    Input,
    Page,
    PageQuery,
    Ref,
    StepStatus,
    Text,
    answers,
    page,
)
from onward.clock import today
from onward.drafts import actions as drafts
from onward.plans import actions, queries
from onward.plans.models import PlanStep
from onward.plans.playbooks import playbook_in_force

router = Router(tags=["steps"])

SnoozeDays = Annotated[int, Strict(), Field(ge=1, le=actions.MAX_SNOOZE_DAYS)]


class StepOut(Schema):
    id: UUID
    rejection: UUID
    kind: str
    kind_label: str
    title: str
    why: str
    due: date = Field(description="When it is due now: after a snooze, or a contact's rhythm.")
    planned_for: date = Field(description="The day the plan first gave it.")
    window_end: date
    status: str
    snoozed_until: date | None
    completed_on: date | None
    links_to: str
    message: str | None = Field(description="The kind of message it asks for (draft it with …/draft), or null.")
    with_note: bool
    numbers: dict[str, Any]
    application: AppRef
    contact: Ref | None


class StepFilters(PageQuery):
    status: StepStatus | None = None
    rejection: UUID | None = Field(None, description="Only this rejection's plan.")


class DoneIn(Input):
    note: Text = Field("", description="For a stay-in-touch step: what you said (logged as the conversation).")


class SnoozeIn(Input):
    """One of the two: a number of days from today, or a date."""

    days: SnoozeDays | None = None
    until: Day | None = None


def step_out(step: PlanStep, cadence: int | None = None) -> dict[str, Any]:
    """One step; a list passes the playbook's ``cadence`` once rather than have each step look it up."""
    application = step.rejection.application
    return {
        "id": step.uuid,
        "rejection": step.rejection.uuid,
        "kind": step.kind,
        "kind_label": step.kind_label,
        "title": step.title,
        "why": step.why,
        "due": queries.effective_due(step, cadence),
        "planned_for": step.due,
        "window_end": step.window_end,
        "status": step.status,
        "snoozed_until": step.snoozed_until,
        "completed_on": step.completed_on,
        "links_to": step.links_to,
        "message": drafts.STEP_KINDS.get(step.kind),
        "with_note": step.with_note,
        "numbers": step.numbers or {},
        "application": {"id": application.uuid, "company": application.company.name, "role": application.role},
        "contact": {"id": step.contact.uuid, "name": step.contact.name} if step.contact else None,
    }


def _settled(user: Any, step_id: UUID) -> dict[str, Any]:
    return step_out(actions.step_for_user(user, step_id))


@router.get("", response=answers({200: Page[StepOut]}), summary="List plan steps")
def list_steps(request: HttpRequest, filters: Query[StepFilters]) -> Any:
    found = PlanStep.objects.for_user(user_of(request)).select_related("rejection__application__company", "contact")
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.rejection is not None:
        found = found.filter(rejection__uuid=filters.rejection)
    cadence = playbook_in_force().cadence_days
    return page(found.order_by("due", "id"), filters, lambda step: step_out(step, cadence))


@router.get("/{uuid:step_id}", response=answers({200: StepOut}), summary="Read a step")
def get_step(request: HttpRequest, step_id: UUID) -> Any:
    return step_out(actions.step_for_user(user_of(request), step_id))


@router.post("/{uuid:step_id}/done", response=answers({200: StepOut}), summary="Mark a step done")
def done(request: HttpRequest, step_id: UUID, payload: Annotated[DoneIn | None, Body()] = None) -> Any:
    user = user_of(request)
    step = actions.step_for_user(user, step_id)
    with conflict_when(lambda: step.status != "pending"):
        actions.complete_step(user, step, today=today(), note=payload.note if payload else "")
    return _settled(user, step_id)


@router.post("/{uuid:step_id}/skip", response=answers({200: StepOut}), summary="Skip a step")
def skip(request: HttpRequest, step_id: UUID) -> Any:
    user = user_of(request)
    step = actions.step_for_user(user, step_id)
    with conflict_when(lambda: step.status != "pending"):
        actions.skip_step(user, step, today=today())
    return _settled(user, step_id)


@router.post("/{uuid:step_id}/snooze", response=answers({200: StepOut}), summary="Snooze a step")
def snooze(request: HttpRequest, step_id: UUID, payload: SnoozeIn) -> Any:
    user = user_of(request)
    step = actions.step_for_user(user, step_id)
    with conflict_when(lambda: step.status != "pending"):
        actions.snooze_step(user, step, today=today(), days=payload.days, until=payload.until)
    return _settled(user, step_id)


@router.post("/{uuid:step_id}/draft", response=answers({200: RenderedOut}), summary="Write the step's message")
def draft(request: HttpRequest, step_id: UUID, payload: Annotated[Shaping | None, Body()] = None) -> Any:
    """The draft a message step asks for (a thank-you, a note, a check-in…). Nothing is saved or sent."""
    user = user_of(request)
    step = actions.step_for_user(user, step_id)
    shaping = payload or Shaping.model_validate({})
    with conflict_when(lambda: step.kind not in drafts.STEP_KINDS):
        composed = drafts.compose_for_step(user, step, today=today(), tone=shaping.tone, options=options_of(shaping))
    return rendered(composed)
