"""Reading the tracker: lists, the board, timelines, and the JSON shapes the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from onward.domain.stages import ENDED, OPEN, Stage
from onward.tracker.models import Application, Contact, Interaction, Interview, StageEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def applications(
    user: User,
    *,
    stage: str = "",
    search: str = "",
    source: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Application]:
    """The owner's applications, filtered, most recently active first. ``since``/``until`` bound the applied date."""
    found = Application.objects.for_user(user).select_related("company")
    found = found.order_by("-last_activity_on", "-created_at", "-id")
    if stage:
        found = found.filter(stage=stage)
    if source:
        found = found.filter(source=source)
    if since:
        found = found.filter(applied_on__gte=since)
    if until:
        found = found.filter(applied_on__lte=until)
    for word in search.split():
        found = found.filter(Q(company__name__icontains=word) | Q(role__icontains=word) | Q(notes__icontains=word))
    return found


BOARD_CARDS = 20  # the most recent cards a column shows; the list shows the rest, a page at a time


@dataclass
class Column:
    stage: Stage
    cards: list[Application]
    total: int = 0  # every application at this stage, shown or not

    @property
    def more(self) -> int:
        return self.total - len(self.cards)


def board(user: User, *, show_closed: bool, per_column: int = BOARD_CARDS) -> tuple[list[Column], int]:
    """Columns by stage, each with its ``per_column`` most recently active cards and its total; ended
    applications only when asked. Returns (columns, closed count).

    Two queries however many applications there are: the totals by stage, then the cards, ranked within
    their stage by a window function so that only the ones shown are read.
    """
    mine = Application.objects.for_user(user)
    totals = dict(mine.order_by().values("stage").annotate(count=Count("id")).values_list("stage", "count"))
    stages = [*OPEN, *ENDED] if show_closed else list(OPEN)
    order = [F("last_activity_on").desc(), F("role").asc(), F("id").desc()]
    ranked = (
        mine.filter(stage__in=[stage.value for stage in stages])
        .select_related("company")
        .annotate(rank=Window(RowNumber(), partition_by=[F("stage")], order_by=order))
        .filter(rank__lte=per_column)
        .order_by(*order)
    )
    by_stage: dict[str, list[Application]] = {stage.value: [] for stage in stages}
    for application in ranked:
        by_stage[application.stage].append(application)
    closed = sum(totals.get(stage.value, 0) for stage in ENDED)
    return [Column(stage, by_stage[stage.value], totals.get(stage.value, 0)) for stage in stages], closed


@dataclass
class Entry:
    on: date
    kind: str  # stage, interview, interaction, message, note, rejection, step
    title: str
    detail: str = ""
    body: str = ""  # a message's text, shown folded


STORY_ENTRIES = 50  # the newest entries a page shows of a long story; the rest on asking


@dataclass
class Story:
    """The newest entries of a timeline, and how many there are in all."""

    entries: list[Entry]
    total: int

    @property
    def folded(self) -> int:
        return self.total - len(self.entries)


def story(entries: list[Entry], *, whole: bool = False, size: int = STORY_ENTRIES) -> Story:
    return Story(entries if whole else entries[:size], len(entries))


# Within one day, the order things happen in: moves forward, the interview, what was said and written,
# the news, the move to a closed stage, then the steps taken after it.
DAY_ORDER = {
    "stage": 0,
    "interview": 1,
    "interaction": 2,
    "message": 2,
    "note": 3,
    "rejection": 4,
    "closed": 5,
    "step": 6,
}


def timeline(application: Application) -> list[Entry]:
    """Stage moves, interviews, conversations and notes as one stream, newest first.

    Entries of one day follow ``DAY_ORDER``, then the order they were recorded in, so the
    story reads the same whatever order its rows were made in (newest first throughout).
    """
    keyed: list[tuple[tuple[Any, ...], Entry]] = []

    def add(entry: Entry, row: Any, order: str | None = None) -> None:
        keyed.append(((entry.on, DAY_ORDER[order or entry.kind], row.created_at, row.pk), entry))

    for event in application.stage_events.all():
        stage = Stage(event.stage)
        add(Entry(event.on, "stage", f"Moved to {stage.label}"), event, "closed" if stage.ended else "stage")
    for interview in application.interviews.prefetch_related("contacts"):
        people = ", ".join(c.name for c in interview.contacts.all())
        title = f"{interview.get_kind_display()} interview" + (f" with {people}" if people else "")
        detail = "\n".join(
            f"{label}: {text}"
            for label, text in (
                ("Topics", interview.topics),
                ("What went well", interview.went_well),
                ("What they responded to", interview.liked),
                ("Notes", interview.notes),
            )
            if text
        )
        add(Entry(interview.on, "interview", title, detail), interview)
    for interaction in application.interactions.select_related("contact", "draft"):
        title = f"{interaction.get_channel_display()} with {interaction.contact.name}"
        sent = getattr(interaction, "draft", None)
        if sent is not None:
            add(_message_entry(sent, interaction.contact.name), interaction)
        else:
            add(Entry(interaction.on, "interaction", title, interaction.note), interaction)
    for sent in application.drafts.filter(interaction=None).exclude(sent_on=None):
        add(_message_entry(sent, ""), sent)
    for note in application.dated_notes.all():
        add(Entry(note.on, "note", "Note", note.text), note)
    for feedback in application.feedback.select_related("contact"):
        who = f" from {feedback.contact.name}" if feedback.contact else ""
        add(Entry(feedback.on, "note", f"Feedback arrived{who}", feedback.text), feedback)
    keyed += _plan_entries(application)
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    return [entry for _, entry in keyed]


def _message_entry(sent: Any, to: str) -> Entry:
    """A message the person sent from a draft, its text kept."""
    title = f"Sent a {sent.kind_label.lower()}" + (f" to {to}" if to else "")
    body = (f"Subject: {sent.subject}\n\n" if sent.subject else "") + sent.body
    return Entry(sent.sent_on, "message", title, body=body)


def _plan_entries(application: Application) -> list[tuple[tuple[Any, ...], Entry]]:
    """The rejection and every step done or skipped since, for the application's story, with their sort keys
    (see :func:`timeline`); steps settled the same day keep the plan's order."""
    rejection = getattr(application, "rejection", None) if hasattr(application, "rejection") else None
    if rejection is None:
        return []
    how = f" by {rejection.get_via_display().lower()}" if rejection.via else ""
    news = Entry(rejection.on, "rejection", f"The news came{how}", rejection.reason)
    entries = [((news.on, DAY_ORDER["rejection"], rejection.created_at, rejection.pk), news)]
    for step in rejection.steps.exclude(status="pending").exclude(completed_on=None).order_by("due", "id"):
        verb = "Done" if step.status == "done" else "Skipped"
        entry = Entry(step.completed_on, "step", f"{verb}: {step.title}")
        entries.append(((entry.on, DAY_ORDER["step"], step.due, step.pk), entry))
    return entries


def contact_history(contact: Contact) -> list[Entry]:
    entries = [
        Entry(i.on, "interaction", i.get_channel_display(), i.note)
        for i in contact.interactions.select_related("application__company")
    ]
    entries += [
        Entry(i.on, "interview", f"{i.get_kind_display()} interview — {i.application}", i.notes)
        for i in contact.interviews.select_related("application__company")
    ]
    entries.sort(key=lambda e: e.on, reverse=True)
    return entries


def contacts(user: User, *, search: str = "") -> QuerySet[Contact]:
    found = Contact.objects.for_user(user).select_related("company").order_by("name", "id")
    for word in search.split():
        found = found.filter(Q(name__icontains=word) | Q(company__name__icontains=word) | Q(email__icontains=word))
    return found


def with_history(found: QuerySet[Application]) -> QuerySet[Application]:
    return found.prefetch_related(Prefetch("stage_events", queryset=StageEvent.objects.order_by("on", "id")))


# --- JSON shapes (the CLI's --json contract) -----------------------------------------


def application_dict(application: Application, *, history: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(application.uuid),
        "company": application.company.name,
        "role": application.role,
        "stage": application.stage,
        "stage_label": Stage(application.stage).label,
        "applied_on": application.applied_on,
        "stage_changed_on": application.stage_changed_on,
        "last_activity_on": application.last_activity_on,
        "url": application.url,
        "source": application.source,
        "location": application.location,
        "salary_min": application.salary_min,
        "salary_max": application.salary_max,
        "notes": application.notes,
    }
    if history:
        data["stage_history"] = [{"stage": e.stage, "on": e.on} for e in application.stage_events.all()]
    return data


def contact_dict(contact: Contact) -> dict[str, Any]:
    return {
        "id": str(contact.uuid),
        "name": contact.name,
        "email": contact.email,
        "company": contact.company.name if contact.company else None,
        "relationship": contact.relationship,
        "profile_url": contact.profile_url,
        "cadence_days": contact.cadence_days,
        "last_contact_on": contact.last_contact_on,
        "applications": [str(a.uuid) for a in contact.applications.all()],
    }


def interview_dict(interview: Interview) -> dict[str, Any]:
    return {
        "id": str(interview.uuid),
        "application": str(interview.application.uuid),
        "on": interview.on,
        "kind": interview.kind,
        "with": [{"id": str(c.uuid), "name": c.name} for c in interview.contacts.all()],
        "topics": interview.topics,
        "went_well": interview.went_well,
        "liked": interview.liked,
        "notes": interview.notes,
    }


def interaction_dict(interaction: Interaction) -> dict[str, Any]:
    return {
        "id": str(interaction.uuid),
        "contact": str(interaction.contact.uuid),
        "on": interaction.on,
        "channel": interaction.channel,
        "note": interaction.note,
        "application": str(interaction.application.uuid) if interaction.application else None,
    }
