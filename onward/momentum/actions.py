"""Check-ins, weekly goals, the funnel and its diagnosis, the career-plan review.

Web, CLI and API call these. Every function takes the acting user first and
only ever reads that user's rows; the counting is the pure
``onward.domain.funnel`` and ``onward.domain.momentum``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Max, QuerySet, Sum
from django.shortcuts import get_object_or_404

from onward.accounts.actions import preferences_for
from onward.domain import funnel as funnels
from onward.domain import lessons
from onward.domain import momentum as domain
from onward.domain.stages import Stage
from onward.errors import UserError
from onward.momentum.models import CheckIn, Goal, Review
from onward.plans import actions as plans
from onward.plans.models import PlanStep, Rejection
from onward.tracker.models import SOURCE_CHOICES, Application, Contact, Interaction, StageEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_NOTE = 5_000
PROMPT_AFTER_REJECTION = timedelta(days=7)
SOURCE_LABELS = {**dict(SOURCE_CHOICES), "unknown": "Not recorded"}


# --- check-ins ------------------------------------------------------------------------


def to_mood(value: object) -> int:
    """A mood from what a person typed: 1 to 5, or one of the words."""
    text = str(value).strip().lower()
    for m in domain.MOODS:
        if text in (str(m.value), m.word.lower()):
            return m.value
    raise UserError("A mood is a number from 1 (rough) to 5 (great).")


def check_in(user: User, mood: object, *, today: date, note: str = "") -> tuple[CheckIn, bool]:
    """Record how today feels. A second check-in the same day replaces the first; returns (check-in, new?)."""
    value = to_mood(mood)
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise UserError(f"The note is {len(note):,} characters; keep it under {MAX_NOTE:,}.")
    found, created = CheckIn.objects.update_or_create(owner=user, on=today, defaults={"mood": value, "note": note})
    return found, created


def checkin_for_user(user: User, public_id: UUID | str) -> CheckIn:
    return get_object_or_404(CheckIn.objects.for_user(user), uuid=public_id)


def checkins(user: User) -> list[CheckIn]:
    return list(newest_checkins(user))


def newest_checkins(user: User) -> QuerySet[CheckIn]:
    """Every check-in, newest first (a page of it at a time on the history page)."""
    return CheckIn.objects.for_user(user).order_by("-on", "-id")


def delete_checkin(user: User, checkin: CheckIn) -> None:
    if checkin.owner_id != user.pk:
        raise CheckIn.DoesNotExist
    checkin.delete()


def delete_all_checkins(user: User) -> int:
    deleted, _ = CheckIn.objects.for_user(user).delete()
    return deleted


def dismiss_checkin(user: User, *, today: date) -> None:
    prefs = preferences_for(user)
    prefs.checkin_dismissed_on = today
    prefs.save(update_fields=["checkin_dismissed_on"])


def checkin_today(user: User, today: date) -> CheckIn | None:
    return CheckIn.objects.for_user(user).filter(on=today).first()


def offer_checkin(user: User, today: date) -> bool:
    """Whether to offer a check-in today: at most one prompt a day, never after one today or a "not now"."""
    if checkin_today(user, today):
        return False
    return preferences_for(user).checkin_dismissed_on != today


def prompt_checkin(user: User, today: date) -> bool:
    """Whether Today asks "how are you?": in the week after a rejection, once a day at most."""
    recent = Rejection.objects.for_user(user).filter(on__gt=today - PROMPT_AFTER_REJECTION, on__lte=today)
    return recent.exists() and offer_checkin(user, today)


def checkin_dict(found: CheckIn) -> dict[str, Any]:
    return {"id": str(found.uuid), "on": found.on, "mood": found.mood, "word": found.mood_word, "note": found.note}


# --- goals ------------------------------------------------------------------------------


def set_goal(user: User, *, applications: int, people: int, today: date, confirmed: bool = False) -> Goal:
    """Set the weekly goals from today on; the earlier goals stay for the charts. 0 means no goal."""
    try:
        applications = domain.parse_goal(applications, "applications", confirmed=confirmed)
        people = domain.parse_goal(people, "people", confirmed=confirmed)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    goal, _ = Goal.objects.update_or_create(
        owner=user, since=today, defaults={"applications": applications, "people": people}
    )
    return goal


def current_goal(user: User, today: date | None = None) -> Goal | None:
    goals = Goal.objects.for_user(user)
    if today is not None:
        goals = goals.filter(since__lte=today)
    goal = goals.order_by("-since", "-id").first()
    return goal if goal and (goal.applications or goal.people) else None


def goal_dict(goal: Goal | None) -> dict[str, Any]:
    if goal is None:
        return {"applications": 0, "people": 0, "since": None}
    return {"applications": goal.applications, "people": goal.people, "since": goal.since}


def _pauses(user: User) -> list[tuple[date, date]]:
    rows = Rejection.objects.for_user(user).values_list("on", "cool_off_days")
    return [(on, on + timedelta(days=days)) for on, days in rows]


def weeks(
    user: User,
    today: date,
    count: int = 12,
    *,
    sent_on: list[date] | None = None,
    pauses: list[tuple[date, date]] | None = None,
) -> list[domain.Week]:
    """Applications sent and people reached, week by week, with the target each week had.

    "Sent" is the funnel's own rule, so the two pages always agree. Without the days
    every application was sent (``sent_on``), only those sent inside the window are read.
    """
    first = domain.week_start(today) - domain.WEEK * (count - 1)
    if sent_on is None:
        sent_on = sent_days(histories(user, sent_between=(first, today)))
    sent = [day for day in sent_on if first <= day <= today]
    # Counted by day in the database: a busy search has thousands of conversations in twelve weeks.
    reached = Interaction.objects.for_user(user).filter(on__gte=first, on__lte=today).order_by()
    per_day = dict(reached.values_list("on").annotate(times=Count("id")))
    goals = [domain.Goal(g.since, g.applications, g.people) for g in Goal.objects.for_user(user)]
    return domain.weeks(
        today,
        sent=sent,
        reached=per_day,
        goals=goals,
        pauses=_pauses(user) if pauses is None else pauses,
        count=count,
    )


@dataclass
class ThisWeek:
    """Today's view of the goal: this week so far, and whether goals are paused."""

    week: domain.Week
    goal: Goal | None
    paused_until: date | None


def _this_week(week: domain.Week, goal: Goal | None, pauses: list[tuple[date, date]], today: date) -> ThisWeek:
    cooling = [end for start, end in pauses if start <= today < end]
    return ThisWeek(week, goal, max(cooling) if cooling else None)


def this_week(user: User, today: date) -> ThisWeek:
    pauses = _pauses(user)
    week = weeks(user, today, count=1, pauses=pauses)[0]
    return _this_week(week, current_goal(user, today), pauses, today)


# --- the funnel and insights -----------------------------------------------------------


def histories(user: User, *, sent_between: tuple[date, date] | None = None) -> list[funnels.History]:
    """The applications as the funnel sees them, in two queries (only those sent in a window, if given).

    Leaving the wishlist always records an applied date (``tracker.change_stage``), so
    every application the funnel counts as sent has one. A long search has tens of
    thousands of these values; the rows are read without the ORM's per-value converters
    (``_rows``), which took more time than the queries themselves.
    """
    apps = Application.objects.for_user(user)
    if sent_between is not None:
        apps = apps.filter(applied_on__range=sent_between)
    events: dict[int, list[tuple[Stage, date]]] = {}
    # Read application by application, in the order of the (application, on, created_at) index: no sorting.
    rows = StageEvent.objects.filter(application__in=apps.values("id"))
    rows = rows.order_by("application_id", "on", "created_at", "id")
    for application_id, stage, on in _rows(rows.values_list("application_id", "stage", "on")):
        events.setdefault(application_id, []).append((STAGES[stage], _day(on) or date.min))
    rows_of_apps = apps.order_by().values_list("id", "stage", "applied_on", "source", "created_at")
    return [
        funnels.History(STAGES[stage], tuple(events.get(pk, ())), _day(applied_on), source, _day(created_at))
        for pk, stage, applied_on, source, created_at in _rows(rows_of_apps)
    ]


STAGES = {stage.value: stage for stage in Stage}


def _rows(values: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """A ``values_list`` query's rows as the database driver gives them (dates may be text on SQLite)."""
    sql, params = values.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def _day(value: date | str | None) -> date | None:
    """A date column's value from either engine (SQLite hands back text; a timestamp counts by its UTC day)."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.astimezone(UTC).date() if value.tzinfo else value.date()
    return date.fromisoformat(str(value)[:10])


@dataclass
class Insights:
    today: date
    funnel: funnels.Funnel
    by_source: dict[str, funnels.Funnel]
    by_month: dict[str, funnels.Funnel]
    diagnosis: funnels.Diagnosis
    weekly: list[domain.Week]
    goal: Goal | None
    this_week: ThisWeek
    mood: list[CheckIn]
    mood_since: date
    rejections: list[tuple[date, str]]
    themes: list[lessons.Recurring]

    @property
    def themes_about_you(self) -> list[lessons.Recurring]:
        return [t for t in self.themes if not t.outside_control]


@dataclass
class FunnelSummary:
    """What Insights works out from every application's history: kept in the cache (see ``funnel_summary``)."""

    funnel: funnels.Funnel
    by_source: dict[str, funnels.Funnel]
    by_month: dict[str, funnels.Funnel]
    diagnosis: funnels.Diagnosis
    sent_on: list[date]


SUMMARY_SECONDS = 60 * 60  # a summary never outlives its data (see the key); this only frees memory


def funnel_summary(user: User, today: date) -> FunnelSummary:
    """The funnels of the whole search, by source and by month, and the day each application was sent.

    Reading 5,000 histories and counting them takes a long search ~100 ms, and the answer
    only changes when the applications or their stage changes do. It is kept in Django's
    cache under a key made of the day and ``_histories_version``, which every change the
    app makes to those rows moves (an edit saves the application and so moves
    ``updated_at``; a stage change adds an event; an undo or a deletion lowers a count).
    """
    key = f"onward:funnel:{user.pk}:{today.isoformat()}:{_histories_version(user)}"
    summary: FunnelSummary | None = cache.get(key)
    if summary is None:
        found = histories(user)
        whole = funnels.funnel(found, today=today)
        summary = FunnelSummary(
            funnel=whole,
            by_source=funnels.by_source(found, today=today),
            by_month=funnels.by_month(found, today=today),
            diagnosis=funnels.diagnose(whole),
            sent_on=sent_days(found),
        )
        cache.set(key, summary, SUMMARY_SECONDS)
    return summary


def sent_days(found: list[funnels.History]) -> list[date]:
    return [h.sent_on for h in found if h.sent and h.sent_on]


def _histories_version(user: User) -> str:
    """Moves whenever anything ``histories`` reads changes: counts, the newest edit, the newest event."""
    apps = Application.objects.for_user(user).aggregate(n=Count("id"), ids=Sum("id"), changed=Max("updated_at"))
    events = StageEvent.objects.filter(application__owner=user).aggregate(n=Count("id"), ids=Sum("id"))
    return f"{apps['n']}.{apps['ids']}.{apps['changed']}.{events['n']}.{events['ids']}".replace(" ", "T")


def insights(user: User, today: date, *, weeks_shown: int = 12, mood_days: int = 90) -> Insights:
    from onward.reflect.actions import recurring_themes  # reflect builds on momentum's neighbours, not on it

    summary = funnel_summary(user, today)
    since = today - timedelta(days=mood_days - 1)
    rejections = Rejection.objects.for_user(user).filter(on__gte=since, on__lte=today)
    pauses = _pauses(user)
    weekly = weeks(user, today, weeks_shown, sent_on=summary.sent_on, pauses=pauses)
    goal = current_goal(user, today)
    return Insights(
        today=today,
        funnel=summary.funnel,
        by_source=summary.by_source,
        by_month=summary.by_month,
        diagnosis=summary.diagnosis,
        weekly=weekly,
        goal=goal,
        this_week=_this_week(weekly[-1], goal, pauses, today),
        mood=list(CheckIn.objects.for_user(user).filter(on__gte=since, on__lte=today).order_by("on")),
        mood_since=since,
        rejections=[(r.on, r.application.company.name) for r in rejections.select_related("application__company")],
        themes=recurring_themes(user),
    )


def insights_dict(found: Insights) -> dict[str, Any]:
    """The JSON of ``onward insights --json`` (and the API)."""
    return {
        "date": found.today,
        "funnel": found.funnel.to_dict(),
        "by_source": {key: {"label": SOURCE_LABELS.get(key, key), **f.to_dict()} for key, f in found.by_source.items()},
        "by_month": {key: f.to_dict() for key, f in found.by_month.items()},
        "diagnosis": found.diagnosis.to_dict(),
        "goal": goal_dict(found.goal),
        "weekly": [week.to_dict() for week in found.weekly],
        "mood": [{"on": c.on, "mood": c.mood, "word": c.mood_word} for c in found.mood],
        "rejections": [{"on": on, "company": company} for on, company in found.rejections],
        "themes": [
            {"theme": t.theme, "label": t.label, "count": t.count, "outside_control": t.outside_control}
            for t in found.themes
        ],
    }


# --- the career-plan review -------------------------------------------------------------


def review_for_user(user: User, public_id: UUID | str) -> Review:
    return get_object_or_404(Review.objects.for_user(user), uuid=public_id)


def open_review(user: User, step: PlanStep | None = None) -> Review | None:
    """The review in progress (not finished), for this step when one is given."""
    reviews = Review.objects.for_user(user).filter(finished_on__isnull=True)
    if step is not None:
        reviews = reviews.filter(step=step)
    return reviews.order_by("-created_at").first()


def reassess_step(user: User) -> PlanStep | None:
    """The pending "step back" step, if the playbook planned one."""
    return PlanStep.objects.for_user(user).filter(kind="reassess", status="pending").order_by("due").first()


@transaction.atomic
def save_review(
    user: User,
    answers: dict[str, str],
    *,
    today: date,
    review: Review | None = None,
    step: PlanStep | None = None,
    finish: bool = False,
) -> Review:
    """Keep the answers (half-done is fine); finishing settles the "step back" step it came from."""
    known = {prompt.key for prompt in domain.REVIEW_PROMPTS}
    cleaned = {key: str(value).strip() for key, value in answers.items() if key in known}
    if finish and not any(cleaned.values()):
        raise UserError("Write at least one answer before finishing the review; or save it for later.")
    if review is None:
        review = Review(owner=user, on=today, step=step)
    elif review.owner_id != user.pk:
        raise Review.DoesNotExist
    review.answers = cleaned
    if finish:
        review.finished_on = today
    review.save()
    if finish and review.step is not None and review.step.status == "pending":
        plans.complete_step(user, review.step, today=today)
    return review


def people_to_ask(user: User, limit: int = 6) -> list[Contact]:
    """Who in the network could help: referrals first, then the people most recently in touch."""
    contacts = Contact.objects.for_user(user).select_related("company")
    referrals = list(contacts.filter(relationship="referral").order_by("name")[:limit])
    recent = contacts.exclude(pk__in=[c.pk for c in referrals]).filter(last_contact_on__isnull=False)
    return referrals + list(recent.order_by("-last_contact_on", "name")[: limit - len(referrals)])


def reviews(user: User) -> list[Review]:
    return list(Review.objects.for_user(user).filter(finished_on__isnull=False).order_by("-finished_on"))
