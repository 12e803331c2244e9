"""Contacts: list and search, add, read, edit, and the conversations logged with each person."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Strict

from onward.api.auth import user_of
from onward.api.routes._refs import application_ref
from onward.api.schemas import (
    ChannelName,
    Day,
    Email,
    Input,
    Line,
    Page,
    PageQuery,
    ProfileUrl,
    RelationshipName,
    Search,
    Text,
    Text200,
    answers,
    page,
)
from onward.clock import today
from onward.tracker import actions, queries
from onward.tracker.models import Application, Contact, Interaction

router = Router(tags=["contacts"])

Cadence = Annotated[int, Strict(), Field(ge=1, le=3650)]


class ContactOut(Schema):
    id: UUID
    name: str
    email: str
    company: str | None
    relationship: str
    profile_url: str
    cadence_days: int | None = Field(description="Stay in touch every so many days; null for no reminders.")
    last_contact_on: date | None
    notes: str
    applications: list[UUID]


class ContactFilters(PageQuery):
    q: Search = Field("", description="Words to find in the name, the company or the email.")
    relationship: RelationshipName | None = None


class ContactIn(Input):
    name: Line
    email: Email = ""
    company: Text200 = ""
    relationship: RelationshipName = "other"
    profile_url: ProfileUrl = ""
    notes: Text = ""
    cadence_days: Cadence | None = None
    application: UUID | None = Field(None, description="An application this person is part of.")


class ContactPatch(Input):
    """Only the fields sent change; ``company: ""`` or ``cadence_days: null`` clear them."""

    name: Line | None = None
    email: Email | None = None
    company: Text200 | None = None
    relationship: RelationshipName | None = None
    profile_url: ProfileUrl | None = None
    notes: Text | None = None
    cadence_days: Cadence | None = None


class InteractionIn(Input):
    on: Day | None = Field(None, description="When (default: today).")
    channel: ChannelName = "email"
    note: Text = ""
    application: UUID | None = Field(None, description="The application it was about, if any.")


class InteractionOut(Schema):
    id: UUID
    contact: UUID
    on: date
    channel: str
    note: str
    application: UUID | None


def contact_out(contact: Contact) -> dict[str, Any]:
    return {**queries.contact_dict(contact), "notes": contact.notes}


def _one(user: Any, contact_id: UUID) -> Contact:
    found = actions.contact_for_user(user, contact_id)
    return Contact.objects.prefetch_related("applications").select_related("company").get(pk=found.pk)


def _application(user: Any, public_id: UUID | None) -> Application | None:
    return application_ref(user, public_id) if public_id is not None else None


@router.get("", response=answers({200: Page[ContactOut]}), summary="List contacts")
def list_contacts(request: HttpRequest, filters: Query[ContactFilters]) -> Any:
    found = queries.contacts(user_of(request), search=filters.q).prefetch_related("applications")
    if filters.relationship:
        found = found.filter(relationship=filters.relationship)
    return page(found.order_by("name", "id"), filters, contact_out)


@router.post("", response=answers({201: ContactOut}), summary="Add a contact")
def add_contact(request: HttpRequest, payload: ContactIn) -> Any:
    user = user_of(request)
    values = payload.model_dump(exclude={"application"})
    contact = actions.add_contact(user, application=_application(user, payload.application), **values)
    return Status(201, contact_out(_one(user, contact.uuid)))


@router.get("/{uuid:contact_id}", response=answers({200: ContactOut}), summary="Read a contact")
def get_contact(request: HttpRequest, contact_id: UUID) -> Any:
    return contact_out(_one(user_of(request), contact_id))


@router.patch("/{uuid:contact_id}", response=answers({200: ContactOut}), summary="Edit a contact")
def edit_contact(request: HttpRequest, contact_id: UUID, payload: ContactPatch) -> Any:
    user = user_of(request)
    contact = actions.contact_for_user(user, contact_id)
    names = ("name", "email", "profile_url", "relationship", "notes", "cadence_days")
    values = {name: getattr(contact, name) for name in names}
    for name in payload.model_fields_set & set(names):
        value = getattr(payload, name)
        if value is not None or name == "cadence_days":
            values[name] = value
    company = contact.company.name if contact.company else ""
    if "company" in payload.model_fields_set and payload.company is not None:
        company = payload.company
    actions.update_contact(user, contact, company=company, **values)
    return contact_out(_one(user, contact_id))


def _interaction_out(interaction: Interaction, contact: Contact) -> dict[str, Any]:
    return {
        "id": interaction.uuid,
        "contact": contact.uuid,
        "on": interaction.on,
        "channel": interaction.channel,
        "note": interaction.note,
        "application": interaction.application.uuid if interaction.application else None,
    }


@router.get(
    "/{uuid:contact_id}/interactions", response=answers({200: Page[InteractionOut]}), summary="Conversations logged"
)
def list_interactions(request: HttpRequest, contact_id: UUID, filters: Query[PageQuery]) -> Any:
    contact = actions.contact_for_user(user_of(request), contact_id)
    found = contact.interactions.select_related("application").order_by("-on", "-created_at", "-id")
    return page(found, filters, lambda interaction: _interaction_out(interaction, contact))


@router.post("/{uuid:contact_id}/interactions", response=answers({201: InteractionOut}), summary="Log a conversation")
def log_interaction(request: HttpRequest, contact_id: UUID, payload: InteractionIn) -> Any:
    """Log a conversation with someone: it starts their stay-in-touch clock again."""
    user = user_of(request)
    contact = actions.contact_for_user(user, contact_id)
    interaction = actions.log_interaction(
        user,
        contact,
        today=today(),
        on=payload.on,
        channel=payload.channel,
        note=payload.note,
        application=_application(user, payload.application),
    )
    return Status(201, _interaction_out(interaction, contact))
