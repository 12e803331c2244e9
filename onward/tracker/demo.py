"""A believable job search for newcomers and screenshots: ``onward demo``.

Deterministic (a fixed seed) and dated relative to today, so the board looks
alive whenever it is made. Everything goes through the real actions.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import transaction

from onward.accounts.actions import preferences_for, save_preferences
from onward.errors import UserError
from onward.tracker import actions
from onward.tracker.models import Application, Contact

if TYPE_CHECKING:
    from django.contrib.auth.models import User

COMPANIES = [
    ("Northwind Analytics", "Data analyst", "Remote (EU)"),
    ("Lumen Health", "Product analyst", "Lisbon"),
    ("Harbor & Pine", "Business intelligence developer", "Porto"),
    ("Kestrel Robotics", "Data engineer", "Remote"),
    ("Bluebell Learning", "Analytics engineer", "Madrid"),
    ("Copperleaf Energy", "Data analyst", "Lisbon"),
    ("Tidewater Logistics", "Operations analyst", "Hybrid, Lisbon"),
    ("Fable Books", "Junior data scientist", "Remote"),
    ("Orchard Bank", "Risk analyst", "Porto"),
    ("Signal Street", "Marketing analyst", "Remote (EU)"),
    ("Wildflower Studio", "Insights analyst", "Barcelona"),
    ("Granite Cloud", "Data analyst", "Remote"),
    ("Meadow Foods", "Supply chain analyst", "Lisbon"),
    ("Quarry Labs", "Analytics engineer", "Berlin"),
    ("Sundial Travel", "Pricing analyst", "Remote"),
    ("Ember Games", "Player insights analyst", "Lisbon"),
    ("Atlas Mobility", "Data analyst", "Hybrid, Porto"),
    ("Clearwater Insurance", "Reporting analyst", "Porto"),
    ("Juniper Civic", "Policy data analyst", "Remote"),
    ("Foxglove Retail", "Customer analytics lead", "Madrid"),
    ("Beacon Public Media", "Audience analyst", "Lisbon"),
    ("Riverbend Clinics", "Healthcare data analyst", "Coimbra"),
    ("Patchwork Payments", "Fraud analyst", "Remote"),
    ("Greenline Transit", "Data analyst", "Lisbon"),
    ("Sparrow HR", "People analytics analyst", "Remote (EU)"),
    ("Mosaic Museums", "Visitor insights analyst", "Lisbon"),
    ("Polaris Satellites", "Data engineer", "Remote"),
    ("Saffron Kitchens", "Growth analyst", "Porto"),
    ("Larkspur Legal", "Knowledge analyst", "Lisbon"),
    ("Cobalt Security", "Security data analyst", "Remote"),
]

# (index into COMPANIES, final stage, days since applying)
STORY = [
    (0, "final_round", 34),
    (1, "rejected", 30),
    (2, "interviewing", 24),
    (3, "screening", 12),
    (4, "applied", 6),
    (5, "rejected", 55),
    (6, "applied", 9),
    (7, "no_response", 62),
    (8, "interviewing", 19),
    (9, "offer", 47),
    (10, "wishlist", 0),
    (11, "applied", 3),
    (12, "withdrawn", 38),
    (13, "screening", 8),
    (14, "applied", 15),
    (15, "wishlist", 0),
    (16, "applied", 21),
    (17, "no_response", 70),
    (18, "applied", 11),
    (19, "interviewing", 28),
    (20, "applied", 2),
    (21, "wishlist", 0),
    (22, "screening", 16),
    (23, "applied", 26),
    (24, "applied", 13),
    (25, "wishlist", 0),
    (26, "applied", 30),
    (27, "applied", 4),
    (28, "rejected", 33),
    (29, "applied", 18),
]

PATH = ["applied", "screening", "interviewing", "final_round", "offer"]

FIRST_NAMES = ["Priya", "Tomás", "Hannah", "Mateo", "Inês", "Daniel", "Aisha", "Lucas", "Sofia", "Noah", "Chloé", "Rui"]
LAST_NAMES = ["Shah", "Ribeiro", "Okafor", "García", "Costa", "Weber", "Rahman", "Martin", "Almeida", "Fischer"]
# Every first name with a different surname each time round: no two demo people share a name.
PEOPLE = [
    f"{first} {LAST_NAMES[(i + round_) % len(LAST_NAMES)]}"
    for round_ in range(len(LAST_NAMES))
    for i, first in enumerate(FIRST_NAMES)
]

TOPICS = [
    "A SQL exercise on retention cohorts; how I would explain churn to a non-technical team.",
    "The dashboard migration project at my last job; stakeholder management.",
    "A take-home on delivery times; how I handle messy data.",
    "Why this company; how I prioritise when three teams ask at once.",
]
LIKED = [
    "The story about cutting the weekly report from a day to an hour.",
    "How I framed trade-offs in the take-home.",
    "My questions about how the team measures success.",
    "The volunteer data project for the food bank.",
]
SOURCES = ["job_board", "referral", "company_site", "recruiter", "network", "job_board", "job_board"]


@transaction.atomic
def create_demo(user: User, today: date, *, seed: int = 7) -> int:
    """Fill an empty account with a believable search; returns the number of applications."""
    if Application.objects.for_user(user).exists():
        raise UserError("This data folder already has applications; run the demo in a fresh one: --data-dir DIR")
    rng = random.Random(seed)
    people = iter(PEOPLE)
    for index, final, days_ago in STORY:
        company, role, location = COMPANIES[index]
        applied = today - timedelta(days=days_ago)
        salary = rng.choice([None, (38000, 46000), (42000, 52000), (50000, 62000)])
        added = actions.add_application(
            user,
            company=company,
            role=role,
            today=applied if final != "wishlist" else today,
            stage="wishlist" if final == "wishlist" else "applied",
            applied_on=applied if final != "wishlist" else None,
            url=f"https://jobs.example.org/{company.lower().replace(' ', '-').replace('&', 'and')}",
            source=rng.choice(SOURCES),
            location=location,
            salary_min=salary[0] if salary else None,
            salary_max=salary[1] if salary else None,
        )
        _play(user, added.application, final, applied, today, rng, people)
    if not preferences_for(user).your_name:
        save_preferences(user, your_name="Sam Rivera")  # so the demo's drafts sign off like real ones
    _wellbeing(user, today, rng)
    return len(STORY)


def _wellbeing(user: User, today: date, rng: random.Random) -> None:
    """A weekly goal set eight weeks ago, and check-ins that dip after each no (never today: Today asks)."""
    from onward.momentum import actions as momentum
    from onward.plans.models import Rejection

    momentum.set_goal(user, applications=4, people=2, today=today - timedelta(weeks=8))
    # People reached: a few conversations logged most weeks (contacts met in interviews, a referral friend).
    contacts = list(Contact.objects.for_user(user).order_by("created_at")[:12])
    for weeks_ago in range(1, 9):
        for _ in range(rng.choice([0, 1, 2, 2, 3])):
            day = today - timedelta(days=7 * weeks_ago - rng.randint(0, 6))
            actions.log_interaction(
                user, rng.choice(contacts), today=today, on=day, channel="message", note="Caught up briefly"
            )
    rejections = list(Rejection.objects.for_user(user).values_list("on", flat=True))
    for days_ago in range(60, 0, -1):
        day = today - timedelta(days=days_ago)
        since_no = min(((day - on).days for on in rejections if on <= day), default=99)
        if since_no > 2 and rng.random() < 0.55:
            continue
        mood = 2 if since_no <= 1 else 3 if since_no == 2 else rng.choice([3, 3, 4, 4, 5])
        note = "Heard back from them today. Went for a long walk." if since_no == 0 else ""
        momentum.check_in(user, mood, today=day, note=note)


# The most recent rejection: a final round three days ago, so Today shows a plan just after its cool-off.
RECENT = 1


def _play(
    user: User, app: Application, final: str, applied: date, today: date, rng: random.Random, people: object
) -> None:
    """Move one application along its path, with the interviews and people along the way."""
    if final in ("wishlist", "applied"):
        return
    span = max(2, (today - applied).days)
    recent = app.company.name == COMPANIES[RECENT][0]
    reached = PATH.index(final) if final in PATH else (3 if recent else rng.choice([1, 2, 3]))
    if recent:
        span = (today - applied).days - 3
    step_days = max(1, span // (reached + 2))
    on = applied
    for stage in PATH[1 : reached + 1]:
        on = min(today, on + timedelta(days=step_days))
        actions.change_stage(user, app, stage, today=today, on=on)
        if stage in ("screening", "interviewing", "final_round"):
            _interview(user, app, stage, on, today, rng, people)
    if final not in PATH:
        end = today - timedelta(days=3) if recent else min(today, on + timedelta(days=rng.randint(2, 6)))
        if final == "rejected":
            _reject(user, app, end, today)
        else:
            actions.change_stage(user, app, final, today=today, on=end)


def _reject(user: User, app: Application, on: date, today: date) -> None:
    """Log the rejection through the real planner; older plans were worked through at the time."""
    from onward.plans import actions as plans

    rejection = plans.log_rejection(user, app, today=today, on=on, via="email")
    if (today - on).days < 10:
        return
    _feedback(user, app, rejection.stage_reached, on + timedelta(days=4), today)
    for step in rejection.steps.filter(status="pending").exclude(kind="stay_in_touch").order_by("due"):
        if step.kind == "connect" and not step.with_note:
            plans.skip_step(user, step, today=step.due)
        else:
            plans.complete_step(user, step, today=step.due)


# Feedback the demo's older rejections received: two share a theme, one was never about the person.
FEEDBACK = (
    "Thank you for your time. The panel would have liked more concrete examples from your professional work, "
    "with the results you achieved.",
    "It was a close decision, and not a lack of skills: in the end we went with an internal candidate. "
    "If it helps, some of your examples were a little vague.",
    "You clearly know your field. Your answers were quite long at times.",
)


def _feedback(user: User, app: Application, reached: str, on: date, today: date) -> None:
    from onward.reflect.actions import add_feedback
    from onward.reflect.models import Feedback

    given = Feedback.objects.for_user(user).count()
    if reached != "applied" and given < len(FEEDBACK):
        add_feedback(user, app, FEEDBACK[given], today=today, on=min(on, today))


def _interview(
    user: User, app: Application, stage: str, on: date, today: date, rng: random.Random, people: object
) -> None:
    kind = {
        "screening": "phone_screen",
        "interviewing": rng.choice(["technical", "behavioural"]),
        "final_round": "final",
    }
    relationship = "recruiter" if stage == "screening" else "interviewer"
    earlier = list(app.contacts.filter(relationship="interviewer"))
    # A final round is usually with someone met before, plus one new face (often the hiring manager).
    names = [next(people) for _ in range(1 if stage in ("screening", "final_round") else 2)]  # type: ignore[call-overload]
    if stage == "final_round":
        relationship = "hiring_manager"
    contacts = earlier[:1] + [
        actions.add_contact(
            user,
            name=name,
            email=f"{name.split()[0].lower()}@{app.company.name.split()[0].lower()}.example",
            relationship=relationship,
            application=app,
            cadence_days=90 if stage != "screening" else None,
        )
        for name in names
    ]
    actions.add_interview(
        user,
        app,
        on=on,
        today=today,
        kind=kind[stage],
        contacts=contacts,
        topics=rng.choice(TOPICS),
        went_well="I stayed calm on the live exercise and asked good clarifying questions.",
        liked=rng.choice(LIKED),
    )
