"""Writing, checking and sending drafts: the one place web, CLI and API share.

Every function takes the acting user first. Composing reads what the tracker
knows (the person, the interviews, the rejection) and hands plain facts to the
pure composer in ``onward.domain.drafts``; marking a message sent logs the
conversation with the contact and completes the plan step.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction

from onward.accounts.actions import preferences_for
from onward.domain import drafts as domain
from onward.domain.drafts.compose import NOTE_LIMIT_PREMIUM
from onward.domain.drafts.phrasebook import Book
from onward.domain.drafts.text import mentions
from onward.drafts.models import Draft
from onward.errors import UserError
from onward.plans import actions as plans
from onward.plans.models import PlanStep, Rejection
from onward.plans.playbooks import playbook_in_force
from onward.tracker import actions as tracker
from onward.tracker.models import Application, Company, Contact, Interview

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# A plan step's kind → the message it asks for.
STEP_KINDS = {
    "thank_you": "thank_you",
    "feedback_request": "feedback_request",
    "connect": "connect_note",
    "feedback_reply": "feedback_reply",
    "stay_in_touch": "stay_in_touch",
}
MEETING_BY_INTERVIEW = {
    "phone_screen": "our call",
    "technical": "the technical interview",
    "behavioural": "the interview",
    "panel": "the panel interview",
    "final": "the final-round interview",
    "other": "the interview",
}
MEETING_BY_REACHED = {"screen": "our call", "interview": "the interviews", "final": "the final round"}
FOCUS_BY_REACHED = {
    "applied": "my application",
    "screen": "our first conversation",
    "interview": "the interviews",
    "final": "the final round",
}
SENT_CHANNEL = {"email": "email", "linkedin": "linkedin", "message": "message"}


@dataclass
class Options:
    """What the person chose to shape a draft with."""

    takeaway: str = ""
    disagree: bool = False
    share_kind: str = ""
    share: str = ""
    ask_feedback: bool = False
    channel: str = ""

    @classmethod
    def from_mapping(cls, data: Any) -> Options:
        """From a form or a saved draft's options; unknown keys are ignored."""

        def text(name: str) -> str:
            return str(data.get(name) or "").strip()

        share_kind = text("share_kind")
        if share_kind and share_kind not in domain.SHARE_KINDS:
            raise UserError(f"Share an update, a congratulation or an article, not {share_kind!r}.")
        return cls(
            takeaway=text("takeaway")[:300],
            disagree=str(data.get("disagree") or "").lower() in ("1", "true", "on", "yes"),
            share_kind=share_kind,
            share=text("share")[:500],
            ask_feedback=str(data.get("ask_feedback") or "").lower() in ("1", "true", "on", "yes"),
            channel=text("channel"),
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Composed:
    """A draft written for one person and one application, with what the page needs beside it."""

    draft: domain.Draft
    application: Application
    contact: Contact | None
    step: PlanStep | None
    options: Options
    notes_left: int | None = None
    notes_allowance: int | None = None
    combinable: bool = False
    saved: Draft | None = None
    facts: domain.Facts | None = None  # what the draft was written from; the page's lint reuses it

    def to_dict(self) -> dict[str, Any]:
        """The ``onward draft --json`` shape."""
        d = self.draft
        contact = self.contact
        return {
            "kind": d.kind,
            "channel": d.channel,
            "tone": d.tone,
            "to": recipient_dict(contact) if contact else None,
            "subject": d.subject,
            "body": d.body,
            "length": d.length,
            "words": d.words,
            "limit": d.limit,
            "warnings": [w.as_dict() for w in d.warnings],
            "application": str(self.application.uuid),
            "step": str(self.step.uuid) if self.step else None,
            "notes_left": self.notes_left,
        }


def recipient_dict(contact: Contact) -> dict[str, Any]:
    return {
        "id": str(contact.uuid),
        "name": contact.name,
        "email": contact.email or None,
        "relationship": contact.relationship,
        "profile_url": contact.profile_url or None,
    }


# --- phrasings ---------------------------------------------------------------------------


def phrasings_folder() -> Path:
    """Where a person's own phrasings live: ``drafts/`` in the data folder."""
    return Path(settings.ONWARD_DATA_DIR) / "drafts"


def books() -> dict[str, Book]:
    """Every kind's phrasings in force; a broken file of the person's is an error, never ignored."""
    folder = phrasings_folder()
    try:
        return {kind: domain.with_overrides(kind, folder) for kind in domain.KINDS}
    except domain.PhrasingError as exc:
        raise UserError(str(exc)) from None


# --- composing ---------------------------------------------------------------------------


def _check_kind(kind: str) -> str:
    if kind not in domain.KINDS:
        raise UserError(f"onward drafts no {kind!r} messages; use one of: {', '.join(domain.KINDS)}.")
    return kind


def compose_for_step(
    user: User, step: PlanStep, *, today: date, tone: str = "warm", options: Options | None = None
) -> Composed:
    """The draft a message step on Today asks for."""
    if step.owner_id != user.pk:
        raise UserError("Not found.")
    kind = STEP_KINDS.get(step.kind)
    if kind is None:
        raise UserError(f"“{step.title}” is not a message; there is nothing to draft.")
    return compose_for(
        user,
        kind,
        step.rejection.application,
        contact=step.contact,
        step=step,
        tone=tone,
        options=options,
        today=today,
    )


def compose_for(
    user: User,
    kind: str,
    application: Application,
    *,
    today: date,
    contact: Contact | None = None,
    step: PlanStep | None = None,
    tone: str = "warm",
    options: Options | None = None,
) -> Composed:
    """A draft of ``kind`` about ``application``, to ``contact`` (or to nobody in particular)."""
    _check_kind(kind)
    tracker._own(user, application)
    if contact is not None:
        tracker._own(user, contact)
    if tone not in domain.TONES:
        raise UserError(f"Unknown tone {tone!r}; use one of: {', '.join(domain.TONES)}.")
    options = options or Options()
    facts = _facts(user, kind, application, contact, step, options, today)
    try:
        draft = domain.compose(facts, books(), tone)
    except domain.DraftError as exc:
        raise UserError(str(exc).capitalize() + ".") from None
    composed = Composed(draft, application, contact, step, options, facts=facts)
    if kind == "connect_note":
        composed.notes_left, composed.notes_allowance = notes_left(user, today)
        if composed.notes_left == 0:
            composed.draft = _with_warning(
                draft,
                domain.Finding(
                    "notes_used_up",
                    "This month's personal notes are used. You can still connect without a note, "
                    "or send this one next month.",
                ),
            )
    composed.combinable = kind == "thank_you" and _feedback_step_for(step) is not None
    return composed


def compose_about(
    user: User,
    kind: str,
    application: Application,
    *,
    today: date,
    contact: Contact | None = None,
    tone: str = "warm",
    options: Options | None = None,
) -> Composed:
    """A draft about an application, tied to the plan step it answers when there is one (the CLI's way).

    Without a contact it goes to the person the plan names, else (for a follow-up or
    anything about feedback) to the recruiter or the hiring manager.
    """
    _check_kind(kind)
    tracker._own(user, application)
    step = pending_step(user, kind, application, contact)
    if contact is None:
        contact = step.contact if step is not None else default_contact(kind, application)
    return compose_for(user, kind, application, contact=contact, step=step, tone=tone, options=options, today=today)


def pending_step(user: User, kind: str, application: Application, contact: Contact | None) -> PlanStep | None:
    """The open plan step this message would answer."""
    step_kinds = [step_kind for step_kind, k in STEP_KINDS.items() if k == kind]
    found = PlanStep.objects.for_user(user).filter(
        rejection__application=application, kind__in=step_kinds, status="pending"
    )
    if contact is not None:
        found = found.filter(contact=contact)
    return found.select_related("contact").order_by("due", "id").first()


def default_contact(kind: str, application: Application) -> Contact | None:
    if kind not in ("follow_up", "feedback_request", "feedback_reply"):
        return None
    people = {c.relationship: c for c in application.contacts.order_by("-pk")}
    return people.get("recruiter") or people.get("hiring_manager")


def note_limit(user: User) -> int:
    """The connection note's limit in force: Premium's, else the playbook's (200 by default)."""
    if preferences_for(user).linkedin_premium:
        return NOTE_LIMIT_PREMIUM
    return playbook_in_force().connect_note_limit


def _with_warning(draft: domain.Draft, finding: domain.Finding) -> domain.Draft:
    return replace(draft, warnings=(*draft.warnings, finding))


def _facts(
    user: User,
    kind: str,
    application: Application,
    contact: Contact | None,
    step: PlanStep | None,
    options: Options,
    today: date,
) -> domain.Facts:
    prefs = preferences_for(user)
    interviews = _interviews(application, contact)
    rejection: Rejection | None = getattr(application, "rejection", None)
    reached = rejection.stage_reached if rejection else plans.stage_reached_of(application)
    notes = [text for i in interviews for text in (i.liked, i.topics, i.went_well, i.notes) if text]
    specifics = list(notes)
    heard = application.feedback.order_by("-on", "-created_at").first() if kind == "feedback_reply" else None
    if heard is not None:
        specifics.append(heard.text)
    if options.share:
        specifics.append(options.share)
    detail = domain.choose_detail(
        [text for i in interviews for text in (i.liked, i.topics, i.went_well)],
        split_commas=[flag for _ in interviews for flag in (False, True, False)],
    )
    others = Company.objects.for_user(user).exclude(pk=application.company_id).values_list("name", flat=True)
    return domain.Facts(
        kind=kind,
        company=application.company.name,
        role=application.role,
        recipient=_recipient(contact),
        sender=prefs.your_name,
        meeting=_meeting(interviews, reached),
        focus=FOCUS_BY_REACHED.get(reached, ""),
        detail=detail if kind in ("thank_you", "connect_note", "stay_in_touch") else "",
        specifics=tuple(specifics),
        takeaway=options.takeaway,
        disagree=options.disagree or bool(heard and heard.disagree),
        share_kind=options.share_kind if options.share else "",
        share=options.share,
        applied_on=application.applied_on,
        ask_feedback=options.ask_feedback and kind == "thank_you",
        channel=options.channel,
        note_limit=note_limit(user),
        variant=_variant(user, kind, step, today),
        other_companies=tuple(others),
    )


def _recipient(contact: Contact | None) -> domain.Recipient | None:
    if contact is None:
        return None
    return domain.Recipient(
        name=contact.name,
        email=contact.email,
        relationship=contact.relationship,
        profile_url=contact.profile_url,
        company=contact.company.name if contact.company else "",
    )


def _interviews(application: Application, contact: Contact | None) -> list[Interview]:
    """The interviews this person was in, newest first; all of them when writing to nobody in particular."""
    found = application.interviews.order_by("-on", "-created_at")
    if contact is not None:
        found = found.filter(contacts=contact)
    return list(found)


def _meeting(interviews: list[Interview], reached: str) -> str:
    if interviews:
        return MEETING_BY_INTERVIEW.get(interviews[0].kind, "the interview")
    return MEETING_BY_REACHED.get(reached, "")


def _variant(user: User, kind: str, step: PlanStep | None, today: date) -> int:
    """Which phrasings to use, so two notes of a kind in one week don't read alike."""
    recent = Draft.objects.for_user(user).filter(kind=kind, sent_on__gte=today - timedelta(days=7)).count()
    if step is None:
        return recent
    siblings = list(
        PlanStep.objects.filter(rejection_id=step.rejection_id, kind=step.kind)
        .order_by("id")
        .values_list("id", flat=True)
    )
    return recent + (siblings.index(step.pk) if step.pk in siblings else 0)


def _feedback_step_for(step: PlanStep | None) -> PlanStep | None:
    """A pending feedback request to the same person as this thank-you: the two can go as one email."""
    if step is None or step.kind != "thank_you" or step.contact_id is None:
        return None
    return (
        PlanStep.objects.filter(
            rejection_id=step.rejection_id, kind="feedback_request", status="pending", contact_id=step.contact_id
        )
        .order_by("id")
        .first()
    )


def notes_left(user: User, today: date) -> tuple[int, int]:
    """Personal connection notes left this month, and the month's allowance."""
    allowance = preferences_for(user).connect_notes_per_month
    if allowance is None:
        allowance = playbook_in_force().connect_notes_per_month
    sent = (
        Draft.objects.for_user(user)
        .filter(kind="connect_note", sent_on__year=today.year, sent_on__month=today.month)
        .exclude(body="")
        .count()
    )
    return max(0, allowance - sent), allowance


# --- checking ----------------------------------------------------------------------------


def lint_composed(composed: Composed, text: str, channel: str) -> list[domain.Finding]:
    """Lint what the person has in the box now, against the facts the draft was written from."""
    assert composed.facts is not None
    try:
        channel = domain.channel_for(composed.facts.kind, channel)
    except domain.DraftError as exc:
        raise UserError(str(exc).capitalize() + ".") from None
    return domain.lint(text, domain.lint_context(composed.facts, channel))


def lint_text(
    user: User,
    text: str,
    *,
    kind: str,
    channel: str = "",
    application: Application | None = None,
    contact: Contact | None = None,
    options: Options | None = None,
    today: date,
) -> list[domain.Finding]:
    """Lint a text the person wrote, with what the tracker knows about the conversation when given."""
    _check_kind(kind)
    try:
        channel = domain.channel_for(kind, channel)
    except domain.DraftError as exc:
        raise UserError(str(exc).capitalize() + ".") from None
    if application is None:
        limit = domain.limit_for(channel, note_limit(user))
        everyone = tuple(Company.objects.for_user(user).values_list("name", flat=True))
        named = [name for name in everyone if mentions(text, name)]
        if len(named) == 1:  # the text names one company of the search: lint it as about that one
            context = domain.LintContext(kind, channel, limit, company=named[0], other_companies=everyone)
        else:
            context = domain.LintContext(kind, channel, limit)
        return domain.lint(text, context)
    facts = _facts(user, kind, application, contact, None, options or Options(channel=channel), today)
    return domain.lint(text, domain.lint_context(facts, channel))


# --- saving and sending ------------------------------------------------------------------


def saved_draft(
    user: User, *, kind: str, application: Application, contact: Contact | None, step: PlanStep | None
) -> Draft | None:
    """The unsent draft the person saved for this message, if any."""
    found = Draft.objects.for_user(user).filter(kind=kind, application=application, sent_on=None)
    found = found.filter(step=step) if step is not None else found.filter(step=None, contact=contact)
    return found.order_by("-updated_at").first()


def save_draft(
    user: User,
    *,
    kind: str,
    application: Application,
    contact: Contact | None,
    step: PlanStep | None,
    tone: str,
    channel: str,
    subject: str,
    body: str,
    options: Options,
) -> Draft:
    """Keep what the person wrote, so they can come back to it."""
    _check_kind(kind)
    tracker._own(user, application)
    if contact is not None:
        tracker._own(user, contact)
    if step is not None and step.owner_id != user.pk:
        raise UserError("Not found.")
    if not body.strip():
        raise UserError("The message is empty. Write something, or start again from the draft.")
    try:
        channel = domain.channel_for(kind, channel)
    except domain.DraftError as exc:
        raise UserError(str(exc).capitalize() + ".") from None
    draft = saved_draft(user, kind=kind, application=application, contact=contact, step=step) or Draft(
        owner=user, kind=kind, application=application, contact=contact, step=step
    )
    draft.tone = tone if tone in domain.TONES else "warm"
    draft.channel = channel
    draft.subject = subject.strip()[:300] if channel == "email" else ""
    draft.body = body.replace("\r\n", "\n").strip()
    draft.options = options.as_dict()
    draft.save()
    return draft


@transaction.atomic
def mark_sent(user: User, draft: Draft, *, today: date, on: date | None = None) -> Draft:
    """The person sent it: log the conversation, complete the step(s), keep the text for the timeline."""
    if draft.owner_id != user.pk:
        raise UserError("Not found.")
    if draft.sent_on is not None:
        raise UserError(f"This {draft.kind_label.lower()} is already marked as sent (on {draft.sent_on.isoformat()}).")
    on = on or today
    if on > today:
        raise UserError(f"The date {on.isoformat()} is in the future.")
    if draft.contact is not None:
        what = draft.kind_label.lower()
        draft.interaction = tracker.log_interaction(
            user,
            draft.contact,
            today=today,
            on=on,
            channel=SENT_CHANNEL[draft.channel],
            note=f"Sent a {what}" + (f": {draft.subject}" if draft.subject else ""),
            application=draft.application,
        )
    else:
        tracker._touch(draft.application, on)
    draft.sent_on = on
    draft.save(update_fields=["sent_on", "interaction", "updated_at"])
    for step in _steps_settled_by(draft):
        # The interaction logged above already counts as being in touch.
        plans.complete_step(user, step, today=today, logged=draft.contact is not None)
    return draft


def _steps_settled_by(draft: Draft) -> list[PlanStep]:
    steps = []
    if draft.step is not None and draft.step.status == "pending":
        steps.append(draft.step)
    if draft.kind == "thank_you" and draft.options.get("ask_feedback"):
        asked = _feedback_step_for(draft.step)
        if asked is not None:
            steps.append(asked)
    return steps


def sent_messages(user: User, application: Application) -> list[Draft]:
    return list(
        Draft.objects.for_user(user).filter(application=application).exclude(sent_on=None).select_related("contact")
    )
