"""The private calendar feed: due steps and stay-in-touch dates as all-day events (RFC 5545).

The address carries an unguessable token; changing or revoking it in Settings
makes the old address answer 404 at once.

Calendar apps ask for the feed again and again, and it rarely changes between two
asks. Building it is the slow part (the icalendar library takes about a third of a
millisecond an event; a long search has hundreds), so the built feed is kept in
Django's cache under a fingerprint of everything it shows, and sent with that
fingerprint as its ETag: a changed step, date, title or person makes a new one.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from onward.accounts.models import Preferences
from onward.clock import today
from onward.plans.models import PlanStep
from onward.plans.playbooks import playbook_in_force
from onward.plans.queries import contacts_due, effective_due
from onward.tracker.models import Contact

PRODID = "-//onward//recovery plan//EN"
CACHE_SECONDS = 60 * 60 * 24  # a fingerprint never outlives its content; this only frees memory
EVENT_FIELDS = ("uuid", "title", "why", "kind", "due", "snoozed_until", "contact")


def _event(uid: str, day: date, summary: str, description: str, url: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)  # a date, not a time: an all-day event
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", f"{description}\n\n{url}")
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it doesn't make you look busy
    return event


def build_feed(steps: list[tuple[PlanStep, date]], contacts: list[tuple[Contact, date]], base: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "onward")
    stamp = datetime.now().astimezone()
    for step, day in steps:
        url = base + reverse("plans:step", args=[step.uuid])
        calendar.add_component(_event(f"step-{step.uuid}@onward", day, step.title, step.why, url, stamp))
    for contact, day in contacts:
        url = base + reverse("tracker:contact_detail", args=[contact.uuid])
        summary = f"Check in with {contact.name}"
        note = "A light hello keeps a good connection warm."
        calendar.add_component(_event(f"stay-{contact.uuid}@onward", day, summary, note, url, stamp))
    return bytes(calendar.to_ical())


def fingerprint(steps: list[tuple[PlanStep, date]], contacts: list[tuple[Contact, date]], base: str) -> str:
    """A digest of everything ``build_feed`` writes (but the time stamp): equal digests, equal feeds."""
    digest = hashlib.sha256(f"{PRODID}|{base}".encode())
    for step, day in steps:
        digest.update(f"\x1es|{step.uuid}|{day}|{step.title}|{step.why}".encode())
    for contact, day in contacts:
        digest.update(f"\x1ec|{contact.uuid}|{day}|{contact.name}".encode())
    return digest.hexdigest()[:32]


@require_GET
@login_not_required
def feed(request: HttpRequest, token: str) -> HttpResponse:
    prefs = Preferences.objects.filter(calendar_token=token).select_related("owner").first()
    if prefs is None or not token:
        raise Http404("No such calendar")
    user = prefs.owner
    # Every step still to do, in one query: the events need the step and, for its date, its contact.
    pending = (
        PlanStep.objects.for_user(user)
        .filter(status="pending")
        .exclude(kind="pause")
        .select_related("contact")
        .only(*EVENT_FIELDS, "contact__uuid", "contact__cadence_days", "contact__last_contact_on")
        .order_by("due", "id")
    )
    cadence = playbook_in_force().cadence_days
    steps = [(step, effective_due(step, cadence)) for step in pending]
    # People with a rhythm of their own and no stay-in-touch step planned, as Today lists them.
    contacts = contacts_due(user, today())
    base = request.build_absolute_uri("/").rstrip("/")
    etag = f'"{fingerprint(steps, contacts, base)}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
        response["ETag"] = etag
        return response
    key = f"onward:ics:{user.pk}:{etag}"
    body = cache.get(key)
    if body is None:
        body = build_feed(steps, contacts, base)
        cache.set(key, body, CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Content-Disposition"] = 'inline; filename="onward.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
