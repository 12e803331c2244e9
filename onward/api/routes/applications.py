"""Applications: list and filter, add, read, edit, move through the stages, notes, and the timeline.

Everything goes through ``onward.tracker.actions`` (writes) and ``onward.tracker.queries``
(reads), as the web's pages do; an application is reached only through its owner's door.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import Strict

from onward.api.auth import user_of
from onward.api.errors import conflict_when
from onward.api.schemas import (
    MAX_INT,
    Day,
    Input,
    Line,
    LongLine,
    Page,
    PageQuery,
    QueryDay,
    Search,
    SourceName,
    StageName,
    Text,
    Text200,
    Url,
    answers,
    page,
)
from onward.clock import today
from onward.domain.stages import ENDED
from onward.tracker import actions, queries
from onward.tracker.models import Application

router = Router(tags=["applications"])

Salary = Annotated[int, Strict(), Field(ge=0, le=MAX_INT)]


class StageEventOut(Schema):
    stage: str
    on: date


class ApplicationOut(Schema):
    id: UUID
    company: str
    role: str
    stage: str
    stage_label: str
    applied_on: date | None
    stage_changed_on: date
    last_activity_on: date
    url: str
    source: str
    location: str
    salary_min: int | None
    salary_max: int | None
    notes: str
    rejection: UUID | None = Field(description="The logged rejection, when there is one.")
    stage_history: list[StageEventOut]


class ApplicationAdded(ApplicationOut):
    warnings: list[str] = Field(description="Things worth knowing, such as another open application for this role.")


class ApplicationFilters(PageQuery):
    stage: StageName | None = None
    source: SourceName | None = None
    q: Search = Field("", description="Words to find in the company, the role or the notes.")
    applied_since: QueryDay | None = None
    applied_until: QueryDay | None = None
    state: Literal["open", "closed"] | None = Field(None, description="Only open ones, or only closed ones.")


class ApplicationIn(Input):
    company: Line
    role: Line
    stage: StageName = "applied"
    applied_on: Day | None = None
    url: Url = ""
    source: SourceName = ""
    location: Text200 = ""
    salary_min: Salary | None = None
    salary_max: Salary | None = None
    notes: Text = ""


class ApplicationPatch(Input):
    """Only the fields sent change. The stage moves through ``POST …/stage``, so its history is kept."""

    company: Line | None = None
    role: Line | None = None
    applied_on: Day | None = None
    url: Url | None = None
    source: SourceName | None = None
    location: Text200 | None = None
    salary_min: Salary | None = None
    salary_max: Salary | None = None
    notes: Text | None = None


class StageIn(Input):
    stage: StageName
    on: Day | None = Field(None, description="When it moved (default: today).")


class NoteIn(Input):
    text: LongLine
    on: Day | None = Field(None, description="The note's date (default: today).")


class NoteOut(Schema):
    id: UUID
    on: date
    text: str


class EntryOut(Schema):
    on: date
    kind: str = Field(description="stage, interview, interaction, message, note, rejection or step")
    title: str
    detail: str
    body: str


def application_out(application: Application) -> dict[str, Any]:
    rejection = getattr(application, "rejection", None)
    return {**queries.application_dict(application), "rejection": rejection.uuid if rejection else None}


def _one(user: Any, application_id: UUID) -> Application:
    found = actions.application_for_user(user, application_id)
    return queries.with_history(Application.objects.filter(pk=found.pk)).select_related("company").get()


@router.get("", response=answers({200: Page[ApplicationOut]}), summary="List applications")
def list_applications(request: HttpRequest, filters: Query[ApplicationFilters]) -> Any:
    found = queries.applications(
        user_of(request),
        stage=filters.stage or "",
        source=filters.source or "",
        search=filters.q,
        since=filters.applied_since,
        until=filters.applied_until,
    )
    if filters.state:
        ended = [s.value for s in ENDED]
        found = found.filter(stage__in=ended) if filters.state == "closed" else found.exclude(stage__in=ended)
    found = queries.with_history(found.select_related("rejection")).order_by("-last_activity_on", "-created_at", "-id")
    return page(found, filters, application_out)


@router.post("", response=answers({201: ApplicationAdded}), summary="Add an application")
def add_application(request: HttpRequest, payload: ApplicationIn) -> Any:
    user = user_of(request)
    added = actions.add_application(user, today=today(), **payload.model_dump())
    return Status(201, {**application_out(_one(user, added.application.uuid)), "warnings": added.warnings})


@router.get("/{uuid:application_id}", response=answers({200: ApplicationOut}), summary="Read an application")
def get_application(request: HttpRequest, application_id: UUID) -> Any:
    return application_out(_one(user_of(request), application_id))


@router.patch("/{uuid:application_id}", response=answers({200: ApplicationOut}), summary="Edit an application")
def edit_application(request: HttpRequest, application_id: UUID, payload: ApplicationPatch) -> Any:
    user = user_of(request)
    application = actions.application_for_user(user, application_id)
    values = {name: getattr(application, name) for name in actions.EDITABLE}
    for name in payload.model_fields_set - {"company"}:
        value = getattr(payload, name)
        if value is None and name in ("role", "url", "source", "location", "notes"):
            continue  # these can be emptied with "", never nulled
        values[name] = value
    company = payload.company if payload.company is not None else application.company.name
    actions.update_application(user, application, today=today(), company=company, **values)
    return application_out(_one(user, application_id))


@router.post("/{uuid:application_id}/stage", response=answers({200: ApplicationOut}), summary="Move to a stage")
def change_stage(request: HttpRequest, application_id: UUID, payload: StageIn) -> Any:
    user = user_of(request)
    application = actions.application_for_user(user, application_id)
    with conflict_when(lambda: application.stage == payload.stage):
        actions.change_stage(user, application, payload.stage, today=today(), on=payload.on)
    return application_out(_one(user, application_id))


@router.get("/{uuid:application_id}/notes", response=answers({200: Page[NoteOut]}), summary="An application's notes")
def list_notes(request: HttpRequest, application_id: UUID, filters: Query[PageQuery]) -> Any:
    application = actions.application_for_user(user_of(request), application_id)
    notes = application.dated_notes.order_by("on", "created_at", "id")
    return page(notes, filters, lambda n: {"id": n.uuid, "on": n.on, "text": n.text})


@router.post("/{uuid:application_id}/notes", response=answers({201: NoteOut}), summary="Add a note")
def add_note(request: HttpRequest, application_id: UUID, payload: NoteIn) -> Any:
    user = user_of(request)
    application = actions.application_for_user(user, application_id)
    note = actions.add_note(user, application, payload.text, today=today(), on=payload.on)
    return Status(201, {"id": note.uuid, "on": note.on, "text": note.text})


@router.get(
    "/{uuid:application_id}/timeline", response=answers({200: Page[EntryOut]}), summary="An application's story"
)
def timeline(request: HttpRequest, application_id: UUID, filters: Query[PageQuery]) -> Any:
    """Stage moves, interviews, conversations, messages sent, notes, the rejection and its steps; newest first."""
    application = actions.application_for_user(user_of(request), application_id)
    return page(queries.timeline(application), filters, vars)
