"""Drafts: write one (render), keep what you wrote (save), and say you sent it (which logs the conversation
and settles the plan step). onward never sends anything itself.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from onward.api.auth import user_of
from onward.api.errors import BAD_INPUT, ApiError, conflict_when
from onward.api.routes._refs import application_ref, contact_ref, step_ref
from onward.api.schemas import (
    Bool,
    Day,
    DraftChannel,
    DraftKind,
    Input,
    Page,
    PageQuery,
    ShareKind,
    Text,
    Text300,
    Text500,
    ToneName,
    answers,
    page,
)
from onward.clock import today
from onward.drafts import actions
from onward.drafts.models import Draft

router = Router(tags=["drafts"])


class Recipient(Schema):
    id: UUID
    name: str
    email: str | None
    relationship: str
    profile_url: str | None


class Finding(Schema):
    code: str
    message: str


class RenderedOut(Schema):
    kind: str
    channel: str
    tone: str
    to: Recipient | None
    subject: str | None
    body: str
    length: int
    words: int
    limit: int | None = Field(description="The channel's character limit, when it has one.")
    warnings: list[Finding] = Field(description="What to look at before sending: lint findings and hints.")
    application: UUID
    step: UUID | None = Field(description="The plan step this message answers, if any.")
    notes_left: int | None = Field(description="Personal connection notes left this month (connection notes only).")


class Shaping(Input):
    """What shapes a draft, as on the draft page; all optional."""

    tone: ToneName = "warm"
    takeaway: Text300 = Field("", description="For a reply to feedback: what you'll take from it.")
    disagree: Bool = Field(False, description="For a reply to feedback: you don't agree with all of it.")
    share_kind: ShareKind = ""
    share: Text500 = Field("", description="For a check-in: the news, the congratulation or the link.")
    ask_feedback: Bool = Field(False, description="For a thank-you: ask for feedback in the same email.")
    channel: DraftChannel = ""


class RenderIn(Shaping):
    kind: DraftKind
    application: UUID
    contact: UUID | None = Field(None, description="Who it goes to (default: the person the plan names).")


def options_of(shaping: Shaping) -> actions.Options:
    return actions.Options.from_mapping(shaping.model_dump(exclude={"tone", "kind", "application", "contact"}))


def rendered(composed: actions.Composed) -> dict[str, Any]:
    return composed.to_dict()


@router.post("/render", response=answers({200: RenderedOut}), summary="Write a draft")
def render(request: HttpRequest, payload: RenderIn) -> Any:
    """A draft about an application, tied to the open plan step it answers when there is one. Nothing is saved."""
    user = user_of(request)
    application = application_ref(user, payload.application)
    contact = contact_ref(user, payload.contact) if payload.contact else None
    composed = actions.compose_about(
        user,
        payload.kind,
        application,
        contact=contact,
        tone=payload.tone,
        options=options_of(payload),
        today=today(),
    )
    return rendered(composed)


# --- kept drafts and sent messages -----------------------------------------------------


class DraftOut(Schema):
    id: UUID
    kind: str
    channel: str
    tone: str
    application: UUID
    contact: UUID | None
    step: UUID | None
    subject: str
    body: str
    options: dict[str, Any]
    sent_on: date | None = Field(description="When you sent it; null while it is a draft.")
    created_at: datetime
    updated_at: datetime


class DraftFilters(PageQuery):
    sent: bool | None = Field(None, description="Only sent messages (true), or only unsent drafts (false).")
    application: UUID | None = None


class SaveIn(Shaping):
    kind: DraftKind
    application: UUID
    contact: UUID | None = None
    step: UUID | None = Field(None, description="The plan step this message answers, if any.")
    subject: Text300 = ""
    body: Text


class SentIn(Input):
    on: Day | None = Field(None, description="When you sent it (default: today).")


def draft_out(draft: Draft) -> dict[str, Any]:
    return {
        "id": draft.uuid,
        "kind": draft.kind,
        "channel": draft.channel,
        "tone": draft.tone,
        "application": draft.application.uuid,
        "contact": draft.contact.uuid if draft.contact else None,
        "step": draft.step.uuid if draft.step else None,
        "subject": draft.subject,
        "body": draft.body,
        "options": draft.options,
        "sent_on": draft.sent_on,
        "created_at": draft.created_at,
        "updated_at": draft.updated_at,
    }


def _mine(user: Any) -> Any:
    return Draft.objects.for_user(user).select_related("application", "contact", "step")


@router.get("", response=answers({200: Page[DraftOut]}), summary="List drafts and sent messages")
def list_drafts(request: HttpRequest, filters: Query[DraftFilters]) -> Any:
    found = _mine(user_of(request))
    if filters.sent is not None:
        found = found.filter(sent_on__isnull=not filters.sent)
    if filters.application is not None:
        found = found.filter(application__uuid=filters.application)
    return page(found.order_by("-updated_at", "-id"), filters, draft_out)


@router.post("", response=answers({200: DraftOut}), summary="Keep a draft")
def save(request: HttpRequest, payload: SaveIn) -> Any:
    """Keep what you wrote. Saving again for the same message (kind, application, person or step) replaces it."""
    user = user_of(request)
    application = application_ref(user, payload.application)
    step = step_ref(user, payload.step) if payload.step else None
    if step is not None and step.rejection.application_id != application.pk:
        raise ApiError(422, "invalid_input", BAD_INPUT, {"step": "This step belongs to another application."})
    contact = contact_ref(user, payload.contact) if payload.contact else (step.contact if step else None)
    draft = actions.save_draft(
        user,
        kind=payload.kind,
        application=application,
        contact=contact,
        step=step,
        tone=payload.tone,
        channel=payload.channel,
        subject=payload.subject,
        body=payload.body,
        options=options_of(payload),
    )
    return draft_out(_mine(user).get(pk=draft.pk))


@router.get("/{uuid:draft_id}", response=answers({200: DraftOut}), summary="Read a draft")
def get_draft(request: HttpRequest, draft_id: UUID) -> Any:
    # drafts.actions has no door of its own; this is the same: the owner's rows, 404 for the rest.
    return draft_out(get_object_or_404(_mine(user_of(request)), uuid=draft_id))


@router.post("/{uuid:draft_id}/sent", response=answers({200: DraftOut}), summary="Mark it sent")
def mark_sent(request: HttpRequest, draft_id: UUID, payload: SentIn) -> Any:
    """You sent it: the conversation is logged with the person, and the plan step it answers is done."""
    user = user_of(request)
    draft = get_object_or_404(_mine(user), uuid=draft_id)
    with conflict_when(lambda: draft.sent_on is not None):
        actions.mark_sent(user, draft, today=today(), on=payload.on)
    return draft_out(_mine(user).get(pk=draft.pk))
