"""Reading plans: the Today view, a rejection's plan, and the JSON shapes the CLI prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from onward.accounts.actions import preferences_for
from onward.domain.planner import in_cool_off, stay_in_touch_due
from onward.domain.playbook import COOL_OFF_KINDS
from onward.domain.selfcare import ideas
from onward.plans.models import PlanStep, Rejection
from onward.plans.playbooks import playbook_in_force
from onward.tracker.models import Contact

if TYPE_CHECKING:
    from django.contrib.auth.models import User

WEEK = timedelta(days=7)
FULL_CARDS = 3  # steps Today shows as cards; the rest of what is due is listed under them, a line each


def effective_due(step: PlanStep, default_cadence: int | None = None) -> date:
    """When a step is due now: after a snooze, or later if its contact was in touch since.

    Lists pass ``default_cadence`` once rather than have each step look up the playbook.
    """
    due = step.snoozed_until or step.due
    if step.kind == "stay_in_touch" and step.contact is not None:
        cadence = step.contact.cadence_days or default_cadence or playbook_in_force().cadence_days
        due = max(due, stay_in_touch_due(step.due, cadence, step.contact.last_contact_on))
    return due


def shown_from(step: PlanStep, when: date, today: date) -> date:
    """The day a step's card says it is for: once its cool-off is over, never a day inside it.

    A thank-you may come due the day after the news; someone who rested through the
    cool-off finds it on the first day after, reading "Today", not as from a day gone by.
    """
    end = step.rejection.cool_off_end
    return max(when, end) if today >= end else when


@dataclass
class CoolOff:
    rejection: Rejection
    ends_on: date
    days_left: int
    self_care: list[str]
    support_people: list[str]


@dataclass
class Today:
    date: dt.date
    cool_off: CoolOff | None
    due: list[tuple[PlanStep, dt.date]] = field(default_factory=list)
    upcoming: list[tuple[PlanStep, dt.date]] = field(default_factory=list)
    stay_in_touch: list[tuple[PlanStep | Contact, dt.date]] = field(default_factory=list)
    full_cards: int = FULL_CARDS

    def due_cards(self) -> list[tuple[PlanStep, dt.date, bool]]:
        """The due steps, the day each card shows (:func:`shown_from`), and whether to show their "why":
        once per kind of step and rejection."""
        seen: set[tuple[int, str]] = set()
        cards = []
        for step, when in self.due:
            if step.kind == "pause" and self.cool_off:
                continue  # the pause card says it better than a step card could
            key = (step.rejection_id, step.kind)
            cards.append((step, self.starts_on(step, when), key not in seen))
            seen.add(key)
        return cards

    def starts_on(self, step: PlanStep, when: dt.date) -> dt.date:
        """The day a due or upcoming step is shown from, on the web and in ``onward today`` (:func:`shown_from`)."""
        return shown_from(step, when, self.date)

    @property
    def more_due(self) -> int:
        """How many due steps are listed a line each under the first few cards."""
        return max(0, len(self.due_cards()) - self.full_cards)

    @property
    def empty(self) -> bool:
        return not (self.cool_off or self.due or self.upcoming or self.stay_in_touch)


def today_view(user: User, today: date) -> Today:
    """What is due today and overdue, what comes this week, who to stay in touch with.

    During a cool-off only the pause and the two short messages (thank-you and
    feedback request) show; everything else waits for it to end.
    """
    cooling = cooling_off(user, today)
    cool_off = _cool_off(user, cooling, today) if cooling else None
    result = Today(today, cool_off)
    horizon = today + WEEK
    pending = (
        PlanStep.objects.for_user(user)
        .filter(status="pending")
        # A step is never due before its planned day (or the day it was snoozed to): later ones can wait.
        .filter(Q(snoozed_until__isnull=True, due__lte=horizon) | Q(snoozed_until__lte=horizon))
        .exclude(kind="pause", window_end__lt=today)
        .select_related("rejection__application__company", "contact")
        .order_by("due", "id")
    )
    if cooling:
        pending = pending.filter(kind__in=COOL_OFF_KINDS)
    cadence = playbook_in_force().cadence_days
    for step in pending:
        when = effective_due(step, cadence)
        if step.kind == "pause" and today > step.window_end:
            continue  # the pause is a season, not a task: it passes on its own
        if cooling and step.kind not in COOL_OFF_KINDS:
            continue
        if step.kind == "stay_in_touch":
            if when <= today + WEEK:
                result.stay_in_touch.append((step, when))
        elif when <= today:
            result.due.append((step, when))
        elif when <= today + WEEK:
            result.upcoming.append((step, when))
    if not cooling:
        planned = {s.contact_id for s, _ in result.stay_in_touch if isinstance(s, PlanStep) and s.contact_id}
        result.stay_in_touch += _contacts_due(user, today, planned)
    result.due.sort(key=lambda item: (item[1], item[0].id))
    result.upcoming.sort(key=lambda item: (item[1], item[0].id))
    result.stay_in_touch.sort(key=lambda item: item[1])
    return result


def cooling_off(user: User, today: date) -> list[tuple[date, date, int]]:
    """(end, day, id) of each rejection whose cool-off is running today. Three small columns of every
    rejection are read, rather than every rejection with its application."""
    rows = Rejection.objects.for_user(user).filter(on__lte=today).values_list("on", "cool_off_days", "pk")
    return [(on + timedelta(days=days), on, pk) for on, days, pk in rows if in_cool_off(on, days, today)]


def _cool_off(user: User, cooling: list[tuple[date, date, int]], today: date) -> CoolOff:
    *_, pk = max(cooling)  # the one that ends last; of those, the latest news
    latest = Rejection.objects.select_related("application__company").get(pk=pk)
    prefs = preferences_for(user)
    return CoolOff(
        rejection=latest,
        ends_on=latest.cool_off_end,
        days_left=(latest.cool_off_end - today).days,
        self_care=ideas(prefs.lines("self_care")),
        support_people=prefs.lines("support_people"),
    )


def contacts_due(user: User, today: date) -> list[tuple[Contact, date]]:
    """The people with a rhythm of their own due this week and no stay-in-touch step planned (none in a cool-off)."""
    if cooling_off(user, today):
        return []
    return [(item, when) for item, when in _contacts_due(user, today, set()) if isinstance(item, Contact)]


def _contacts_due(user: User, today: date, planned: set[int]) -> list[tuple[PlanStep | Contact, date]]:
    """People with a stay-in-touch rhythm of their own (set by hand) who are due this week."""
    found: list[tuple[PlanStep | Contact, date]] = []
    with_rhythm = Contact.objects.for_user(user).filter(cadence_days__isnull=False).exclude(pk__in=planned)
    with_rhythm = with_rhythm.exclude(plan_steps__status="pending", plan_steps__kind="stay_in_touch")
    for contact in with_rhythm.select_related("company"):
        since = contact.last_contact_on or contact.created_at.date()
        when = since + timedelta(days=contact.cadence_days or 0)
        if when <= today + WEEK:
            found.append((contact, when))
    return found


# --- JSON shapes (the CLI's --json contract) -----------------------------------------


def step_dict(step: PlanStep, when: date | None = None) -> dict[str, Any]:
    application = step.rejection.application
    data: dict[str, Any] = {
        "id": str(step.uuid),
        "kind": step.kind,
        "title": step.title,
        "due": when or effective_due(step),
        "window_end": step.window_end,
        "status": step.status,
        "why": step.why,
        "links_to": step.links_to,
        "application": {"id": str(application.uuid), "company": application.company.name, "role": application.role},
    }
    if step.contact is not None:
        data["contact"] = {"id": str(step.contact.uuid), "name": step.contact.name}
    if step.snoozed_until:
        data["snoozed_until"] = step.snoozed_until
    if step.kind == "connect":
        data["with_note"] = step.with_note
    if step.numbers:
        data["numbers"] = step.numbers
    return data


def rejection_dict(rejection: Rejection) -> dict[str, Any]:
    return {
        "id": str(rejection.uuid),
        "application": str(rejection.application.uuid),
        "on": rejection.on,
        "stage_reached": rejection.stage_reached,
        "via": rejection.via,
        "reason": rejection.reason,
        "cool_off_days": rejection.cool_off_days,
        "cool_off_ends_on": rejection.cool_off_end,
        "feedback_on": rejection.feedback_on,
    }


def plan_steps(rejection: Rejection) -> list[PlanStep]:
    return list(rejection.steps.select_related("contact", "rejection__application__company").order_by("due", "id"))


def today_dict(view: Today) -> dict[str, Any]:
    cool_off = None
    if view.cool_off:
        c = view.cool_off
        application = c.rejection.application
        cool_off = {
            "application": {"id": str(application.uuid), "company": application.company.name, "role": application.role},
            "rejected_on": c.rejection.on,
            "ends_on": c.ends_on,
            "days_left": c.days_left,
            "self_care": c.self_care,
            "support_people": c.support_people,
        }
    stay = []
    for item, when in view.stay_in_touch:
        if isinstance(item, PlanStep):
            stay.append(step_dict(item, when))
        else:
            stay.append({"contact": {"id": str(item.uuid), "name": item.name}, "due": when, "kind": "stay_in_touch"})
    return {
        "date": view.date,
        "cool_off": cool_off,
        # "due" keeps the day it is due now; "starts_on" is the day Today shows it from (never inside a cool-off).
        "due": [{**step_dict(s, when), "starts_on": view.starts_on(s, when)} for s, when in view.due],
        "upcoming": [{**step_dict(s, when), "starts_on": view.starts_on(s, when)} for s, when in view.upcoming],
        "stay_in_touch": stay,
    }
