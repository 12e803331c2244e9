"""The mail review queue: messages onward wasn't sure about, waiting for a person's word.

File one as proposed (accept), say what it is and where it belongs (file), leave
it alone (dismiss), or take back a filing (undo) — all through
``onward.mailimport.actions``, the door the web's review page uses.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from onward.api.auth import user_of
from onward.api.errors import conflict_when
from onward.api.routes._refs import application_ref
from onward.api.schemas import Input, MailLabel, Page, PageQuery, Text200, answers, page
from onward.clock import today
from onward.mailimport import actions
from onward.mailimport.models import ImportedMail

router = Router(tags=["mail"])


class Proposal(Schema):
    application: str | None = Field(None, description="The application onward would file it to; null for a new one.")
    confidence: float | None = None
    reason: str | None = Field(None, description="Why that application.")
    action: str | None = Field(None, description="What filing it will do, in words.")
    unsure: str | None = Field(None, description="Why onward asks rather than files it itself.")


class MessageOut(Schema):
    id: UUID
    subject: str
    sender: str
    sender_address: str
    sent_on: date | None
    label: str
    label_words: str
    confidence: float
    evidence: list[str] = Field(description="Why onward reads it so.")
    company: str
    role: str
    proposal: Proposal
    status: str = Field(description="review (waiting for you), applied (filed), left, dismissed or undone")
    application: UUID | None = Field(description="The application it is filed to, once filed.")
    done: str | None = Field(description="What filing it did, in words, once filed.")
    body: str


class FileIn(Input):
    """Say what the message is, and which application it belongs to (or company and role for a new one)."""

    label: MailLabel
    application: UUID | None = None
    company: Text200 = ""
    role: Text200 = ""


def message_out(item: ImportedMail) -> dict[str, Any]:
    proposal = item.proposal or {}
    return {
        "id": item.uuid,
        "subject": item.subject,
        "sender": item.sender,
        "sender_address": item.sender_address,
        "sent_on": item.sent_on,
        "label": item.label,
        "label_words": item.label_words,
        "confidence": item.confidence,
        "evidence": [str(e) for e in item.evidence or []],
        "company": item.company,
        "role": item.role,
        "proposal": {key: proposal.get(key) for key in ("application", "confidence", "reason", "action", "unsure")},
        "status": item.status,
        "application": item.application.uuid if item.application else None,
        "done": (item.changes or {}).get("done") if item.status == "applied" else None,
        "body": item.body,
    }


def _answer(user: Any, item: ImportedMail) -> dict[str, Any]:
    return message_out(actions.item_for_user(user, item.uuid))


@router.get("/review", response=answers({200: Page[MessageOut]}), summary="Mail waiting for a look")
def review_queue(request: HttpRequest, filters: Query[PageQuery]) -> Any:
    return page(actions.review_queue(user_of(request)), filters, message_out)


@router.get("/messages/{uuid:message_id}", response=answers({200: MessageOut}), summary="Read an imported message")
def get_message(request: HttpRequest, message_id: UUID) -> Any:
    return message_out(actions.item_for_user(user_of(request), message_id))


@router.post("/messages/{uuid:message_id}/accept", response=answers({200: MessageOut}), summary="File it as proposed")
def accept(request: HttpRequest, message_id: UUID) -> Any:
    user = user_of(request)
    item = actions.item_for_user(user, message_id)
    with conflict_when(lambda: item.status == "applied"):
        actions.accept_item(user, item, today=today())
    return _answer(user, item)


@router.post("/messages/{uuid:message_id}/file", response=answers({200: MessageOut}), summary="File it your way")
def file_as(request: HttpRequest, message_id: UUID, payload: FileIn) -> Any:
    user = user_of(request)
    item = actions.item_for_user(user, message_id)
    application = application_ref(user, payload.application) if payload.application else None
    with conflict_when(lambda: item.status == "applied"):
        actions.apply_item(
            user,
            item,
            today=today(),
            label=payload.label,
            application=application,
            company=payload.company,
            role=payload.role,
        )
    return _answer(user, item)


@router.post("/messages/{uuid:message_id}/dismiss", response=answers({200: MessageOut}), summary="Leave it alone")
def dismiss(request: HttpRequest, message_id: UUID) -> Any:
    """Not about your search: onward won't file it, and keeps none of its text."""
    user = user_of(request)
    item = actions.item_for_user(user, message_id)
    with conflict_when(lambda: item.status == "applied"):
        actions.dismiss_item(user, item)
    return _answer(user, item)


@router.post("/messages/{uuid:message_id}/undo", response=answers({200: MessageOut}), summary="Take back a filing")
def undo(request: HttpRequest, message_id: UUID) -> Any:
    """Puts back what filing the message changed, and returns it to the review queue (refused if you've worked on
    the application since)."""
    user = user_of(request)
    item = actions.item_for_user(user, message_id)
    with conflict_when(lambda: True):
        actions.undo_item(user, item)
    return _answer(user, item)
