"""Rejections: log one (the application closes and a gentle plan comes back), list them, read one."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Strict

from onward.api.auth import user_of
from onward.api.errors import BAD_INPUT, ApiError, conflict_when
from onward.api.routes._refs import application_ref
from onward.api.routes.steps import StepOut, step_out
from onward.api.schemas import AppRef, Day, Input, Line, Page, PageQuery, ReachedName, Text, ViaName, answers, page
from onward.clock import today
from onward.plans import actions, queries
from onward.plans.models import PlanStep, Rejection
from onward.plans.playbooks import playbook_in_force

router = Router(tags=["rejections"])

CoolOff = Annotated[int, Strict(), Field(ge=0, le=14)]


class RejectionOut(Schema):
    id: UUID
    application: AppRef
    on: date
    stage_reached: str
    via: str
    reason: str
    message: str
    cool_off_days: int
    cool_off_ends_on: date
    feedback_on: date | None
    plan: list[StepOut] = Field(description="The recovery plan's steps, in date order.")


class RejectionIn(Input):
    """Name the application by ``application``, or give ``company`` and ``role`` (found, or tracked now)."""

    application: UUID | None = None
    company: Line | None = None
    role: Line | None = None
    on: Day | None = Field(None, description="When the news arrived (default: today).")
    stage_reached: ReachedName | None = Field(None, description="How far it went (default: from its history).")
    via: ViaName = ""
    reason: Text = Field("", description="The reason, if they gave one.")
    message: Text = Field("", description="Their message, if you'd like to keep it.")
    cool_off_days: CoolOff | None = Field(None, description="Days to rest first (default: the playbook's).")


def rejection_out(rejection: Rejection) -> dict[str, Any]:
    """One rejection with its plan (read with the rejection when a list prefetched it as ``plan``)."""
    application = rejection.application
    steps = getattr(rejection, "plan", None)
    if steps is None:
        steps = queries.plan_steps(rejection)
    cadence = playbook_in_force().cadence_days
    return {
        **queries.rejection_dict(rejection),
        "application": {"id": application.uuid, "company": application.company.name, "role": application.role},
        "message": rejection.message,
        "plan": [step_out(step, cadence) for step in steps],
    }


def _which(payload: RejectionIn) -> None:
    if payload.application is not None and (payload.company or payload.role):
        raise ApiError(422, "invalid_input", BAD_INPUT, {"application": "Name the application, or give company "
                       "and role for one not tracked yet; not both."})  # fmt: skip
    if payload.application is None and not (payload.company and payload.role):
        missing = {name: "This is needed (or name the application)." for name in ("company", "role")
                   if not getattr(payload, name)}  # fmt: skip
        raise ApiError(422, "invalid_input", BAD_INPUT, missing)


@router.get("", response=answers({200: Page[RejectionOut]}), summary="List rejections")
def list_rejections(request: HttpRequest, filters: Query[PageQuery]) -> Any:
    plan = PlanStep.objects.select_related("contact").order_by("due", "id")
    found = (
        Rejection.objects.for_user(user_of(request))
        .select_related("application__company")
        .prefetch_related(Prefetch("steps", queryset=plan, to_attr="plan"))  # each plan with its rejection
        .order_by("-on", "-created_at", "-id")
    )
    return page(found, filters, rejection_out)


@router.post("", response=answers({201: RejectionOut}), summary="Log a rejection")
def log_rejection(request: HttpRequest, payload: RejectionIn) -> Any:
    """The application moves to "closed — next steps", and its recovery plan comes back in ``plan``."""
    user = user_of(request)
    _which(payload)
    details = payload.model_dump(include={"on", "stage_reached", "via", "reason", "message", "cool_off_days"})
    if payload.application is not None:
        application = application_ref(user, payload.application)
        with conflict_when(lambda: Rejection.objects.filter(application=application).exists()):
            rejection = actions.log_rejection(user, application, today=today(), **details)
    else:
        company, role = payload.company or "", payload.role or ""  # both given: _which said so
        rejection = actions.log_rejection_for(user, company=company, role=role, today=today(), **details)
    return Status(201, rejection_out(actions.rejection_for_user(user, rejection.uuid)))


@router.get("/{uuid:rejection_id}", response=answers({200: RejectionOut}), summary="Read a rejection and its plan")
def get_rejection(request: HttpRequest, rejection_id: UUID) -> Any:
    return rejection_out(actions.rejection_for_user(user_of(request), rejection_id))
