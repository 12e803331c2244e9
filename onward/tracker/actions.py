"""Everything that changes the tracker. Views, the CLI and (later) the API call these.

Each action takes the acting user first, checks what it is given, and raises
:class:`onward.errors.UserError` with a sentence the person can act on.
"""

from __future__ import annotations

import re
import uuid as uuid_lib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from onward.domain.stages import Stage, UnknownStage, parse_stage
from onward.errors import UserError
from onward.tracker.models import (
    CHANNEL_CHOICES,
    INTERVIEW_KINDS,
    RELATIONSHIP_CHOICES,
    SOURCE_CHOICES,
    Application,
    Company,
    Contact,
    Interaction,
    Interview,
    Note,
    StageEvent,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- the owner's doors ---------------------------------------------------------------


def _as_uuid(public_id: uuid_lib.UUID | str) -> uuid_lib.UUID:
    try:
        return public_id if isinstance(public_id, uuid_lib.UUID) else uuid_lib.UUID(str(public_id))
    except ValueError:
        raise Http404("No such id") from None


def application_for_user(user: User, public_id: uuid_lib.UUID | str) -> Application:
    """The owner's application with this id; 404 for anyone else, as if it did not exist."""
    return get_object_or_404(Application.objects.for_user(user).select_related("company"), uuid=_as_uuid(public_id))


def contact_for_user(user: User, public_id: uuid_lib.UUID | str) -> Contact:
    """The owner's contact with this id; 404 for anyone else."""
    return get_object_or_404(Contact.objects.for_user(user).select_related("company"), uuid=_as_uuid(public_id))


def _short(public_id: uuid_lib.UUID) -> str:
    return public_id.hex[:8]


def _candidates(rows: list[Any]) -> str:
    return "; ".join(f"{_short(row.uuid)} {row}" for row in rows[:10])


def _uuid_prefix(ref: str) -> str:
    """A prefix in the canonical hyphenated form, which both engines compare against.

    >>> _uuid_prefix("4487A76D71")
    '4487a76d-71'
    """
    hexed = ref.replace("-", "").lower()
    groups, start = [], 0
    for size in (8, 4, 4, 4, 12):
        if start >= len(hexed):
            break
        groups.append(hexed[start : start + size])
        start += size
    return "-".join(groups)


_SEPARATORS = re.compile(r"\s+(?:—|–|-|/|@|at)\s+")
_HEX_PREFIX = re.compile(r"^[0-9a-fA-F-]{4,36}$")


def resolve_application(user: User, ref: str) -> Application:
    """An application named by its id, an unambiguous id prefix, or "Company — Role" text.

    Ambiguity is an error that lists the candidates.
    """
    ref = ref.strip()
    mine = Application.objects.for_user(user).select_related("company").order_by("company__name", "role", "id")
    if not ref:
        raise UserError("Name an application by its id or as 'Company — Role'.")
    if _HEX_PREFIX.match(ref):
        matches = list(mine.filter(uuid__startswith=_uuid_prefix(ref))[:11])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UserError(f"{ref!r} matches several applications: {_candidates(matches)}. Give more of the id.")
    parts = _SEPARATORS.split(ref, maxsplit=1)
    if len(parts) == 2:
        query = Q(company__name__iexact=parts[0].strip(), role__iexact=parts[1].strip())
    else:
        query = Q(company__name__iexact=ref) | Q(role__iexact=ref)
    matches = list(mine.filter(query)[:11])
    if not matches and len(parts) == 2:
        matches = list(mine.filter(company__name__icontains=parts[0].strip(), role__icontains=parts[1].strip())[:11])
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise UserError(f"{ref!r} matches several applications: {_candidates(matches)}. Use the id instead.")
    raise UserError(f"No application matches {ref!r}. `onward list` shows them with their ids.")


def resolve_contact(user: User, ref: str) -> Contact:
    """A contact named by id, id prefix, or name."""
    ref = ref.strip()
    mine = Contact.objects.for_user(user).select_related("company").order_by("name", "id")
    if _HEX_PREFIX.match(ref):
        matches = list(mine.filter(uuid__startswith=_uuid_prefix(ref))[:11])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UserError(f"{ref!r} matches several contacts: {_candidates(matches)}. Give more of the id.")
    matches = list(mine.filter(name__iexact=ref)[:11]) or list(mine.filter(name__icontains=ref)[:11])
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise UserError(f"{ref!r} matches several contacts: {_candidates(matches)}. Use the id instead.")
    raise UserError(f"No contact matches {ref!r}.")


# --- checking values -----------------------------------------------------------------


def to_stage(value: str) -> Stage:
    try:
        return parse_stage(value)
    except UnknownStage as exc:
        raise UserError(str(exc).capitalize() + ".") from None


def _choice(value: str, choices: list[tuple[str, str]], what: str) -> str:
    if not value:
        return ""
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    for key, label in choices:
        if wanted in (key, label.lower().replace(" ", "_")):
            return key
    raise UserError(f"Unknown {what} {value!r}; use one of: {', '.join(key for key, _ in choices)}.")


def to_source(value: str) -> str:
    return _choice(value, SOURCE_CHOICES, "source")


def to_relationship(value: str) -> str:
    return _choice(value, RELATIONSHIP_CHOICES, "relationship") or "other"


def to_interview_kind(value: str) -> str:
    return _choice(value, INTERVIEW_KINDS, "interview kind") or "other"


def to_channel(value: str) -> str:
    return _choice(value, CHANNEL_CHOICES, "channel") or "email"


def _not_future(on: date, today: date, what: str) -> None:
    if on > today:
        raise UserError(f"{what} {on.isoformat()} is in the future; today is {today.isoformat()}.")


def _touch(application: Application, on: date) -> None:
    if on > application.last_activity_on:
        application.last_activity_on = on
        application.save(update_fields=["last_activity_on", "updated_at"])


# --- companies and applications ------------------------------------------------------


def company_named(user: User, name: str) -> Company:
    """The owner's company with this name (any case), created on first mention."""
    name = " ".join(name.split())
    if not name:
        raise UserError("A company name is needed.")
    found = Company.objects.for_user(user).filter(name__iexact=name).first()
    return found or Company.objects.create(owner=user, name=name)


@dataclass
class Added:
    application: Application
    warnings: list[str] = field(default_factory=list)


def open_duplicates(user: User, company: str, role: str) -> QuerySet[Application]:
    return (
        Application.objects.for_user(user)
        .filter(company__name__iexact=company.strip(), role__iexact=role.strip())
        .exclude(stage__in=[s.value for s in Stage if s.ended])
    )


@transaction.atomic
def add_application(
    user: User,
    *,
    company: str,
    role: str,
    today: date,
    stage: str = "applied",
    applied_on: date | None = None,
    url: str = "",
    source: str = "",
    location: str = "",
    salary_min: int | None = None,
    salary_max: int | None = None,
    notes: str = "",
    public_id: uuid_lib.UUID | None = None,
) -> Added:
    """Track a new application; its first stage events are recorded with it.

    A second open application for the same company and role is allowed (people
    do apply twice) but comes back with a warning.
    """
    role = " ".join(role.split())
    if not role:
        raise UserError("A role is needed, such as 'Product designer'.")
    chosen = to_stage(stage)
    if applied_on is not None:
        _not_future(applied_on, today, "The applied date")
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        raise UserError("The salary range starts above where it ends; swap the two numbers.")
    warnings = [
        f"You already track an open application for {dup} ({_short(dup.uuid)}); this adds another."
        for dup in open_duplicates(user, company, role)[:3]
    ]
    if chosen is not Stage.WISHLIST and applied_on is None:
        applied_on = today
    first_on = applied_on or today
    application = Application.objects.create(
        owner=user,
        uuid=public_id or uuid_lib.uuid4(),
        company=company_named(user, company),
        role=role,
        stage=chosen.value,
        applied_on=applied_on,
        url=url.strip(),
        source=to_source(source),
        location=location.strip(),
        salary_min=salary_min,
        salary_max=salary_max,
        notes=notes.strip(),
        stage_changed_on=today if chosen not in (Stage.WISHLIST, Stage.APPLIED) else first_on,
        last_activity_on=first_on if chosen in (Stage.WISHLIST, Stage.APPLIED) else today,
    )
    if chosen in (Stage.WISHLIST, Stage.APPLIED):
        StageEvent.objects.create(application=application, stage=chosen.value, on=first_on)
    else:
        StageEvent.objects.create(application=application, stage=Stage.APPLIED.value, on=first_on)
        StageEvent.objects.create(application=application, stage=chosen.value, on=max(first_on, today))
    return Added(application, warnings)


EDITABLE = ("role", "url", "source", "location", "salary_min", "salary_max", "applied_on", "notes")


def update_application(user: User, application: Application, *, today: date, company: str, **values: Any) -> None:
    """Save the edit form's fields. The stage changes only through :func:`change_stage`."""
    _own(user, application)
    if values.get("applied_on"):
        _not_future(values["applied_on"], today, "The applied date")
    low, high = values.get("salary_min"), values.get("salary_max")
    if low is not None and high is not None and low > high:
        raise UserError("The salary range starts above where it ends; swap the two numbers.")
    application.company = company_named(user, company)
    for name in EDITABLE:
        if name in values:
            setattr(application, name, values[name])
    application.save(update_fields=[*EDITABLE, "company", "updated_at"])


def _own(user: User, obj: Application | Contact) -> None:
    # Actions trust no caller: an object of someone else's is "not found".
    if obj.owner_id != user.pk:
        raise UserError("Not found.")


@transaction.atomic
def change_stage(
    user: User, application: Application, stage: str, *, today: date, on: date | None = None
) -> StageEvent:
    """Move an application to a stage on a date (today by default); the move is kept in its history."""
    _own(user, application)
    chosen = to_stage(stage)
    on = on or today
    _not_future(on, today, "The date")
    if application.applied_on and on < application.applied_on and chosen is not Stage.WISHLIST:
        raise UserError(f"{on.isoformat()} is before you applied ({application.applied_on.isoformat()}).")
    if chosen.value == application.stage:
        raise UserError(f"{application} is already at {chosen.label}.")
    event = StageEvent.objects.create(application=application, stage=chosen.value, on=on)
    application.stage = chosen.value
    application.stage_changed_on = on
    fields = ["stage", "stage_changed_on", "updated_at"]
    if application.applied_on is None and chosen is not Stage.WISHLIST:
        application.applied_on = on
        fields.append("applied_on")
    if on > application.last_activity_on:
        application.last_activity_on = on
        fields.append("last_activity_on")
    application.save(update_fields=fields)
    return event


def add_note(user: User, application: Application, text: str, *, today: date, on: date | None = None) -> Note:
    _own(user, application)
    text = text.strip()
    if not text:
        raise UserError("The note is empty.")
    on = on or today
    _not_future(on, today, "The note's date")
    note = Note.objects.create(application=application, on=on, text=text)
    _touch(application, on)
    return note


# --- people --------------------------------------------------------------------------


@transaction.atomic
def add_contact(
    user: User,
    *,
    name: str,
    email: str = "",
    company: str = "",
    relationship: str = "",
    profile_url: str = "",
    notes: str = "",
    cadence_days: int | None = None,
    application: Application | None = None,
) -> Contact:
    name = " ".join(name.split())
    if not name:
        raise UserError("A contact needs a name.")
    if cadence_days is not None and not 1 <= cadence_days <= 3650:
        raise UserError("Stay in touch every 1 to 3650 days, or leave it empty for no reminders.")
    if application is not None:
        _own(user, application)
    company_obj = company_named(user, company) if company.strip() else (application.company if application else None)
    contact = Contact.objects.create(
        owner=user,
        name=name,
        email=email.strip(),
        company=company_obj,
        relationship=to_relationship(relationship),
        profile_url=profile_url.strip(),
        notes=notes.strip(),
        cadence_days=cadence_days,
    )
    if application is not None:
        contact.applications.add(application)
    return contact


def update_contact(user: User, contact: Contact, *, company: str, **values: Any) -> None:
    _own(user, contact)
    contact.company = company_named(user, company) if company.strip() else None
    names = ("name", "email", "profile_url", "relationship", "notes", "cadence_days")
    for name in names:
        if name in values:
            setattr(contact, name, values[name])
    contact.save(update_fields=[*names, "company"])


@transaction.atomic
def add_interview(
    user: User,
    application: Application,
    *,
    on: date,
    today: date,
    kind: str = "",
    contacts: list[Contact] | None = None,
    topics: str = "",
    went_well: str = "",
    liked: str = "",
    notes: str = "",
) -> Interview:
    """Record an interview (past or planned) and the people met there."""
    _own(user, application)
    for contact in contacts or []:
        _own(user, contact)
    interview = Interview.objects.create(
        owner=user,
        application=application,
        on=on,
        kind=to_interview_kind(kind),
        topics=topics.strip(),
        went_well=went_well.strip(),
        liked=liked.strip(),
        notes=notes.strip(),
    )
    if contacts:
        interview.contacts.set(contacts)
        application.contacts.add(*contacts)
        if on <= today:  # meeting someone in an interview counts as being in touch
            for contact in contacts:
                if contact.last_contact_on is None or on > contact.last_contact_on:
                    contact.last_contact_on = on
                    contact.save(update_fields=["last_contact_on"])
    _touch(application, min(on, today))  # a planned interview is not activity yet
    return interview


@transaction.atomic
def log_interaction(
    user: User,
    contact: Contact,
    *,
    today: date,
    on: date | None = None,
    channel: str = "",
    note: str = "",
    application: Application | None = None,
) -> Interaction:
    """Log a conversation with someone; it resets their stay-in-touch clock."""
    _own(user, contact)
    on = on or today
    _not_future(on, today, "The date")
    if application is not None:
        _own(user, application)
    interaction = Interaction.objects.create(
        owner=user, contact=contact, application=application, on=on, channel=to_channel(channel), note=note.strip()
    )
    if contact.last_contact_on is None or on > contact.last_contact_on:
        contact.last_contact_on = on
        contact.save(update_fields=["last_contact_on"])
    if application is not None:
        _touch(application, on)
    return interaction
