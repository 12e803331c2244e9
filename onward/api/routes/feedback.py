"""Feedback: keep what a company said, word for word, see the themes onward read in it,
and get a gracious reply planned."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from onward.api.auth import user_of
from onward.api.routes._refs import application_ref, contact_ref
from onward.api.schemas import Bool, Day, FeedbackChannel, Input, LongLine, Page, PageQuery, Ref, answers, page
from onward.clock import today
from onward.plans.models import PlanStep
from onward.reflect import actions
from onward.reflect.actions import MAX_FEEDBACK
from onward.reflect.models import Feedback

router = Router(tags=["feedback"])


class ThemeOut(Schema):
    theme: str
    label: str
    quote: str
    outside_control: bool = Field(description="Something outside your control (budget, an internal candidate…).")


class FeedbackOut(Schema):
    id: UUID
    application: UUID
    on: date
    contact: Ref | None = Field(description="Who it came from, if you said.")
    channel: str
    text: str
    disagree: bool
    english: bool = Field(description="Whether themes could be read (they are read in English).")
    themes: list[ThemeOut]
    reply_step: UUID | None = Field(description="The plan's step to thank them, while it is still to do.")


class FeedbackFilters(PageQuery):
    application: UUID | None = None


class FeedbackIn(Input):
    application: UUID
    text: LongLine = Field(description=f"What they said, up to {MAX_FEEDBACK:,} characters.")
    on: Day | None = Field(None, description="When it arrived (default: today).")
    contact: UUID | None = Field(None, description="Who it came from.")
    channel: FeedbackChannel = "email"
    disagree: Bool = Field(False, description="You don't agree with all of it; the reply stays gracious either way.")


def feedback_out(feedback: Feedback, steps: dict[int, PlanStep] | None = None) -> dict[str, Any]:
    """The JSON of one piece of feedback; a list passes the reply ``steps`` it looked up for all of its items."""
    if steps is None:
        data = actions.feedback_dict(feedback)
    else:
        data = actions.feedback_dict(feedback, steps.get(feedback.application_id))
    contact = feedback.contact
    return {
        **{key: data[key] for key in ("id", "on", "channel", "disagree", "english", "themes", "reply_step")},
        "application": feedback.application.uuid,
        "contact": {"id": contact.uuid, "name": contact.name} if contact else None,
        "text": feedback.text,
    }


@router.get("", response=answers({200: Page[FeedbackOut]}), summary="List feedback")
def list_feedback(request: HttpRequest, filters: Query[FeedbackFilters]) -> Any:
    user = user_of(request)
    found = Feedback.objects.for_user(user).select_related("application__company", "contact")
    if filters.application is not None:
        found = found.filter(application__uuid=filters.application)

    def shape_all(chosen: list[Feedback]) -> list[dict[str, Any]]:
        steps = actions.reply_steps(user, chosen)
        return [feedback_out(feedback, steps) for feedback in chosen]

    return page(found.order_by("-on", "-created_at", "-id"), filters, shape_all=shape_all)


@router.post("", response=answers({201: FeedbackOut}), summary="Log feedback")
def add_feedback(request: HttpRequest, payload: FeedbackIn) -> Any:
    user = user_of(request)
    feedback = actions.add_feedback(
        user,
        application_ref(user, payload.application),
        payload.text,
        today=today(),
        on=payload.on,
        contact=contact_ref(user, payload.contact) if payload.contact else None,
        channel=payload.channel,
        disagree=payload.disagree,
    )
    return Status(201, feedback_out(actions.feedback_for_user(user, feedback.uuid)))


@router.get("/{uuid:feedback_id}", response=answers({200: FeedbackOut}), summary="Read feedback")
def get_feedback(request: HttpRequest, feedback_id: UUID) -> Any:
    return feedback_out(actions.feedback_for_user(user_of(request), feedback_id))
