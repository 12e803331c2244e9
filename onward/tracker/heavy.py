"""A heavy job search for performance work: ``onward demo --size large`` and the benchmarks.

At scale 1.0 one person has a year of searching behind them: 5,000 applications
at about 1,500 companies with their whole stage histories, 2,000 people, 8,000
interviews and 8,000 conversations, 600 rejections with their recovery plans,
feedback, reflections, drafts, check-ins, goals, reviews, and a mail import with
messages waiting in the review queue. ``scale`` multiplies every count.

The small demo (:mod:`onward.tracker.demo`) goes through the actions one call at
a time; this one would take minutes that way. Instead it plays the same story in
memory, writing each row as the actions would (the same fields, the same
derived values: an application's stage is its last stage event, a rejection's
steps are the planner's), and then inserts everything with ``bulk_create`` in
one transaction. The plans come from the real planner and playbook, feedback
themes from the real detector, drafts from the real composer, imported mail
from the real reader, classifier and matcher.

Deterministic: the same seed and today give the same rows, public ids included
(they are drawn from a generator seeded with the seed and the account, so two
accounts never share one). Timestamps are the days things happened, so the
pages order and date them as they would after a year of use.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction

from onward.accounts.actions import preferences_for
from onward.domain import drafts as compose
from onward.domain import planner, reflection, themes
from onward.domain.mail.classify import classify
from onward.domain.mail.knowledge import sender_book
from onward.domain.mail.match import Known, company_key, domain_key, match
from onward.domain.mail.message import JOB_LABELS, LABELS
from onward.domain.mail.reader import parse_bytes
from onward.domain.momentum import REVIEW_PROMPTS
from onward.domain.stages import PROGRESS, Stage
from onward.drafts import actions as drafting
from onward.drafts.models import KIND_LABELS as DRAFT_KIND_LABELS
from onward.drafts.models import Draft
from onward.errors import UserError
from onward.mailimport.filing import describe
from onward.mailimport.importer import Importer, _hint, _target_sure, _unsure, apply_at, review_below
from onward.mailimport.models import ImportedMail, ImportJob
from onward.momentum.models import CheckIn, Goal, Review
from onward.plans.actions import REACHED_BY_STAGE
from onward.plans.models import PlanStep, Rejection
from onward.plans.playbooks import playbook_in_force
from onward.reflect.models import Feedback, Reflection
from onward.tracker.models import Application, Company, Contact, Interaction, Interview, Note, StageEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# How many of each at scale 1.0. Stage events and plan steps follow from the story.
TARGETS = {
    "applications": 5000,
    "companies": 1500,
    "contacts": 2000,
    "interviews": 8000,
    "interactions": 8000,
    "rejections": 600,
    "notes": 2500,
    "feedback": 150,
    "checkins": 300,
    "goals": 6,
    "reviews": 12,
    "mail_imports": 1,
    "imported_mail": 300,
}
BATCH = 1000
DAYS = 365  # how far back the search goes
SENDER = "Sam Rivera"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PREFIXES = _words(
    "Northwind Amber Atlas Beacon Birch Bluebell Cedar Cinder Clearwater Cobalt Copperleaf Coral Crescent Delta "
    "Ember Evergreen Fable Fern Foxglove Glacier Granite Greenline Harbor Hazel Horizon Indigo Iris Juniper Kestrel "
    "Lark Larkspur Lumen Maple Meadow Mosaic Nimbus Oak Onyx Orchard Osprey Patchwork Pebble Pine Polaris Quarry "
    "Raven Riverbend Saffron Sage Signal Sparrow Summit Sundial Tidewater Topaz Umber Willow Wildflower Zephyr"
)
SUFFIXES = _words(
    "Analytics Health Robotics Learning Energy Logistics Books Bank Studio Cloud Foods Labs Travel Games Mobility "
    "Insurance Civic Retail Media Clinics Payments Transit Security Kitchens Legal Systems Data Works Partners "
    "Software Bio Capital Networks Design Markets Pharma Motors Freight Housing Telecom"
)
ROLES = (
    "Data analyst",
    "Senior data analyst",
    "Product analyst",
    "Business intelligence developer",
    "Data engineer",
    "Analytics engineer",
    "Operations analyst",
    "Junior data scientist",
    "Data scientist",
    "Risk analyst",
    "Marketing analyst",
    "Insights analyst",
    "Supply chain analyst",
    "Pricing analyst",
    "Reporting analyst",
    "Fraud analyst",
    "People analytics analyst",
    "Growth analyst",
    "Customer analytics lead",
    "Machine learning engineer",
)
LOCATIONS = (
    "Remote",
    "Remote (EU)",
    "Lisbon",
    "Porto",
    "Hybrid, Lisbon",
    "Hybrid, Porto",
    "Madrid",
    "Barcelona",
    "Berlin",
    "Coimbra",
    "Amsterdam",
    "",
)
SOURCES = ("job_board", "job_board", "job_board", "company_site", "company_site", "referral", "recruiter", "network")
FIRST_NAMES = _words(
    "Priya Tomás Hannah Mateo Inês Daniel Aisha Lucas Sofia Noah Chloé Rui Amara Jonas Leila Marco Nadia Oskar "
    "Paula Quentin Rosa Samir Tara Ulrich Vera Wen Yara Zoe Bruno Carla Dmitri Elena Farid Greta Hugo Ivana Jamal "
    "Kaito Lina Mei Nils Olga Pedro Rania Sven Teresa Umar Valentina Wilhelmina Xavier Yusuf Zainab Ana Ben Clara"
)
LAST_NAMES = _words(
    "Shah Ribeiro Okafor García Costa Weber Rahman Martin Almeida Fischer Novak Silva Haddad Kowalski Moreau "
    "Nakamura Olsen Petrov Quinn Rossi Santos Tanaka Usman Varga Wagner Xu Yilmaz Zimmermann Andersen Bauer "
    "Carvalho Dubois Eriksen Ferreira Gomez Horvat Ibrahim Jensen Kim Lindqvist Mendes Nunes Ortiz Pereira"
)
TOPICS = (
    "A SQL exercise on retention cohorts; how I would explain churn to a non-technical team.",
    "The dashboard migration project at my last job; stakeholder management.",
    "A take-home on delivery times; how I handle messy data.",
    "Why this company; how I prioritise when three teams ask at once.",
    "Designing a metric for a new feature, and what could make it misleading.",
    "A case study on pricing experiments; sample sizes.",
    "My biggest mistake at work and what changed after it.",
    "Data modelling for an events table; slowly changing dimensions.",
)
LIKED = (
    "The story about cutting the weekly report from a day to an hour.",
    "How I framed trade-offs in the take-home.",
    "My questions about how the team measures success.",
    "The volunteer data project for the food bank.",
    "How I explained the A/B test result to the sales team.",
    "My clean-up of the customer segmentation.",
)
WENT_WELL = (
    "I stayed calm on the live exercise and asked good clarifying questions.",
    "I had two solid examples ready and used them.",
    "The conversation flowed; we ran over time.",
    "",
)
NOTE_TEXTS = (
    "Followed up with the recruiter about the timeline.",
    "Read their last two engineering blog posts.",
    "Salary band confirmed on the call.",
    "They use dbt and Looker; brush up on both.",
    "Asked a friend who worked there what the team is like.",
    "Take-home due at the end of the week.",
    "Prepared three questions about the roadmap.",
    "Role was reposted; may have been paused.",
)
INTERACTION_NOTES = (
    "Caught up briefly",
    "Coffee chat about their team",
    "Asked about openings next quarter",
    "Sent my portfolio",
    "They shared a role that might fit",
    "Thanked them for the referral",
    "Quick call about the interview process",
    "Congratulated them on the new job",
    "",
)
CHANNEL_WEIGHTS = (("email", 5), ("linkedin", 3), ("message", 3), ("call", 2), ("video", 2), ("meeting", 1))
FEEDBACK_TEXTS = (
    "Thank you for your time. The panel would have liked more concrete examples from your professional work, "
    "with the results you achieved.",
    "It was a close decision, and not a lack of skills: in the end we went with an internal candidate. "
    "If it helps, some of your examples were a little vague.",
    "You clearly know your field. Your answers were quite long at times.",
    "We were impressed by your SQL, but were looking for someone with more experience leading projects.",
    "The team felt you could have prepared more about our product and our customers.",
    "The role was put on hold after a budget change; this is no reflection on your interviews.",
    "Your communication was excellent. We chose a candidate with more machine learning experience.",
    "You seemed a little nervous in the technical part; the take-home itself was strong.",
)
REJECTION_MESSAGES = (
    "Thank you for your interest. After careful consideration we have decided to move forward with other "
    "candidates whose experience more closely matches the role.",
    "We enjoyed meeting you, but we have decided not to proceed with your application at this time.",
    "Unfortunately we won't be moving forward. We'll keep your details on file for future openings.",
)
REASONS = (
    "They went with an internal candidate.",
    "Wanted more years of experience.",
    "Role was put on hold.",
    "Chose someone with more domain knowledge.",
)
CHECKIN_NOTES = (
    "Went for a long walk.",
    "Good call with a friend.",
    "Tired, but sent two applications.",
    "Quiet day. Read a bit.",
    "Felt good after the interview.",
)
REFLECTION_TEXTS = {
    1: "This part didn't go the way I wanted; I'll practise it out loud.",
    2: "I rushed this part; next time I'll slow down and give the result.",
    3: "Fine, nothing special. Could be sharper.",
    4: "This went well; I had a clear story.",
    5: "My best part of the day.",
}
REVIEW_ANSWERS = {
    "targeting": "Mid-size companies with a real data team; fewer senior roles for now.",
    "skills": "A short course on experiment design.",
    "people": "Ask Marco for a practice interview; Rosa about her team's openings.",
    "next": "Tailor every cover letter's first paragraph for two weeks.",
}
SUPPORT_PEOPLE = "Maya (my sister)\nJonas, for a run on Sundays"
SELF_CARE = "A long walk by the river\nCook something slow\nCall Grandma"

# How far a process goes, among applications that were not turned down (weights for reached stages).
REACHED_WEIGHTS = ((Stage.APPLIED, 55.0), (Stage.SCREENING, 19.0), (Stage.INTERVIEWING, 16.0), (Stage.FINAL_ROUND, 9.0))
OFFER_SHARE = 0.006
REJECTED_REACH = (("applied", 45), ("screen", 25), ("interview", 20), ("final", 10))
PATH = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.FINAL_ROUND, Stage.OFFER, Stage.ACCEPTED)
REACHED_STAGE = {
    "applied": Stage.APPLIED,
    "screen": Stage.SCREENING,
    "interview": Stage.INTERVIEWING,
    "final": Stage.FINAL_ROUND,
}
GAPS = {
    Stage.SCREENING: (4, 14),
    Stage.INTERVIEWING: (4, 12),
    Stage.FINAL_ROUND: (5, 14),
    Stage.OFFER: (2, 8),
    Stage.ACCEPTED: (1, 5),
    Stage.REJECTED: (1, 12),
    Stage.NO_RESPONSE: (25, 60),
    Stage.WITHDRAWN: (1, 20),
}
INTERVIEW_KIND = {Stage.SCREENING: "phone_screen", Stage.FINAL_ROUND: "final"}
MIDDLE_KINDS = ("technical", "behavioural", "technical", "panel", "other")
DONE_SHARE = {
    "pause": 0.8,
    "thank_you": 0.8,
    "feedback_request": 0.7,
    "connect": 0.75,
    "reflect": 0.7,
    "get_back": 0.85,
    "reassess": 0.6,
    "feedback_reply": 0.8,
    "stay_in_touch": 0.65,
}


def counts_for(scale: float) -> dict[str, int]:
    """The targets at a scale: every count multiplied, and at least one of each."""
    return {kind: max(1, round(target * scale)) for kind, target in TARGETS.items()}


@transaction.atomic
def create_heavy(user: User, today: date, *, scale: float = 1.0, seed: int = 11) -> dict[str, int]:
    """Fill an empty account with a year-long, heavy search; returns the rows made, by kind."""
    if not scale > 0:
        raise UserError(f"The scale is a number above 0, not {scale}.")
    if Application.objects.for_user(user).exists():
        raise UserError("This account already has applications; make the heavy search in a fresh one: --data-dir DIR")
    story = _Story(user, today, scale, seed)
    story.play()
    return story.write()


def create_heavy_users(
    count: int = 200,
    applications: int = 300,
    *,
    today: date,
    seed: int = 11,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Make ``count`` accounts (seeker001@example.org, …) with a heavy search of ``applications`` each.

    The accounts have no usable password (an operator can set one in the admin). An account that already has
    applications is left as it is, so a second run only adds what is missing. Returns how many were filled.
    """
    from django.contrib.auth.models import User

    from onward.accounts.models import Preferences

    if count < 0 or applications < 1:
        raise UserError("Give a number of accounts (0 or more) and of applications each (1 or more).")
    scale = applications / TARGETS["applications"]
    made = 0
    for number in range(1, count + 1):
        email = f"seeker{number:03d}@example.org"
        with transaction.atomic():
            user = User.objects.filter(username=email).first()
            if user is None:
                user = User(username=email, email=email)
                user.set_unusable_password()
                user.save()
                Preferences.objects.create(owner=user, your_name=f"Seeker {number}")
            elif Application.objects.for_user(user).exists():
                continue
            create_heavy(user, today, scale=scale, seed=seed * 10_000 + number)
        made += 1
        if progress is not None:
            progress(number)
    return made


# --- the story, in memory ------------------------------------------------------------------

REACHED_ORDER = ("applied", "screen", "interview", "final")
MAIL_KINDS = (
    ("rejection", 18),
    ("interview", 10),
    ("confirmation", 14),
    ("update", 12),
    ("untracked", 12),
    ("alert", 12),
    ("mine", 22),
)
MAIL_STAGE = {"rejection": Stage.REJECTED, "interview": Stage.INTERVIEWING, "confirmation": Stage.APPLIED}
ORDINARY_MAIL = (
    ("Dinner on Saturday?", "Hey Sam,\n\nAre you free on Saturday? We could try the new place.\n\nMaya\n"),
    ("Your receipt", "Thanks for your order. Your receipt is attached.\n\nCustomer Service\n"),
    ("Book club: next month's pick", "Hi all,\n\nNext month we read a short one. See you there!\n"),
    ("Photos from the weekend", "Hi Sam,\n\nHere are the photos from the hike. What a day.\n\nJonas\n"),
)


def _stamp(day: date, minutes: int) -> datetime:
    """A moment of a day (``minutes`` after midnight, UTC): when something was written down."""
    return datetime.combine(day, time(), tzinfo=UTC) + timedelta(minutes=max(0, min(minutes, 24 * 60 - 1)))


def _fit(gaps: list[int], room: int) -> list[int]:
    """Gaps between events, shrunk (in proportion) to fit in ``room`` days."""
    total = sum(gaps)
    if total <= room:
        return gaps
    return [gap * max(0, room) // total for gap in gaps]


def _slug(name: str) -> str:
    return name.lower().replace(" & ", "-and-").replace(" ", "")


@dataclass(eq=False)
class _Process:
    """One application's story: its dated events, its people, its interviews."""

    index: int
    app: Application
    events: list[tuple[Stage, date]]
    people: dict[str, list[Contact]] = field(default_factory=dict)  # by relationship
    interviews: list[Interview] = field(default_factory=list)
    touches: list[date] = field(default_factory=list)  # days something was logged on it
    rejection: Rejection | None = None

    @property
    def added_on(self) -> date:
        return self.events[0][1]

    @property
    def final(self) -> Stage:
        return self.events[-1][0]

    @property
    def progress(self) -> int:
        return max(PROGRESS.get(stage, 0) for stage, _ in self.events)

    def reached(self, stage: Stage) -> date | None:
        return next((on for s, on in self.events if s is stage), None)

    def window(self, stage: Stage, today: date) -> tuple[date, date]:
        """From the day it reached ``stage`` to its next event (or today)."""
        position = next(i for i, (s, _) in enumerate(self.events) if s is stage)
        start = self.events[position][1]
        end = self.events[position + 1][1] if position + 1 < len(self.events) else today
        return start, end


class _Story:
    """The search, played in memory with unsaved model instances, then written in bulk."""

    def __init__(self, user: User, today: date, scale: float, seed: int) -> None:
        self.user, self.today = user, today
        self.want = counts_for(scale)
        self.rng = random.Random(seed)
        # Public ids come from their own generator, seeded with the account too: two accounts never share one.
        self.ids = random.Random(f"onward-heavy:{seed}:{user.pk}")
        self.playbook = playbook_in_force()
        self.prefs = preferences_for(user)
        allowance = self.prefs.connect_notes_per_month
        self.notes_allowance = self.playbook.connect_notes_per_month if allowance is None else allowance
        self.books = drafting.books()
        self.companies: list[Company] = []
        self.processes: list[_Process] = []
        self.events: list[StageEvent] = []
        self.notes: list[Note] = []
        self.contacts: list[Contact] = []
        self.contact_apps: set[tuple[int, int]] = set()  # (contact index, process index)
        self.interviews: list[Interview] = []
        self.interview_people: list[tuple[Interview, Contact]] = []
        self.interactions: list[Interaction] = []
        self.rejections: list[Rejection] = []
        self.steps: list[PlanStep] = []
        self.drafts: list[Draft] = []
        self.feedback: list[Feedback] = []
        self.reflections: list[Reflection] = []
        self.checkins: list[CheckIn] = []
        self.goals: list[Goal] = []
        self.reviews: list[Review] = []
        self.jobs: list[ImportJob] = []
        self.mail: list[ImportedMail] = []
        self.filed: list[tuple[ImportedMail, _Process]] = []
        # Lookups by identity: the instances have no primary key until they are written.
        self.contact_index: dict[int, int] = {}
        self.contact_process: dict[int, _Process] = {}
        self.contact_since: dict[int, date] = {}
        self.met_in: dict[int, list[Contact]] = {}  # id(Interview) -> people met there
        self.steps_of: dict[int, list[PlanStep]] = {}  # id(Rejection) -> its steps
        self.reflected: set[int] = set()  # id(Application)
        self.connects: dict[tuple[int, int], list[PlanStep]] = {}  # (year, month) -> connection steps due then
        self.last_reassess_on: date | None = None
        self.themes: dict[str, themes.Detection] = {}
        self.company_keys: dict[str, str] = {}

    # -- small helpers

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.ids.getrandbits(128), version=4)

    def at(self, day: date, hour: int = 9) -> datetime:
        """A moment of that day, around ``hour``."""
        return _stamp(day, hour * 60 + self.rng.randrange(0, 180))

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def weighted(self, pairs: Sequence[tuple[Any, float]]) -> Any:
        return self.rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]

    # -- the play

    def play(self) -> None:
        self._companies()
        self._applications()
        self._people()
        self._referrals()
        self._interviews()
        rejected = [p for p in self.processes if p.final is Stage.REJECTED]
        for process in sorted(rejected, key=lambda p: (p.events[-1][1], p.index)):
            self._reject(process)
        self._feedback()
        self._reflection_begun()
        self._follow_ups()
        self._interactions()
        self._mail()
        self._notes()
        self._checkins()
        self._goals()
        self._stepless_reviews()
        self._settle_applications()

    def _companies(self) -> None:
        names = [f"{a} {b}" for a in PREFIXES for b in SUFFIXES]
        names += [f"{a} & {b}" for a in PREFIXES for b in PREFIXES if a != b]
        self.rng.shuffle(names)
        wanted = self.want["companies"]
        base = len(names)
        while len(names) < wanted:  # beyond the word lists: numbered branches
            names.append(f"{names[len(names) % base]} {len(names) // base + 1}")
        for name in names[:wanted]:
            self.companies.append(
                Company(
                    owner=self.user,
                    uuid=self.new_id(),
                    name=name,
                    website=f"https://www.{_slug(name)}.example" if self.rng.random() < 0.6 else "",
                    notes="Friendly team, slow hiring process." if self.rng.random() < 0.08 else "",
                )
            )

    def _applications(self) -> None:
        today, rng = self.today, self.rng
        count = self.want["applications"]
        # Every company gets one application, the rest go mostly to the popular ones.
        order = list(range(len(self.companies)))[:count]
        weights = [1 / (rank + 1) ** 0.6 for rank in range(len(self.companies))]
        order += rng.choices(range(len(self.companies)), weights=weights, k=count - len(order))
        rng.shuffle(order)
        ages = sorted((rng.randint(0, DAYS - 1) for _ in range(count)), reverse=True)
        wishlist = set(rng.sample(range(count), k=round(count * 0.04)))
        sendable = [i for i in range(count) if i not in wishlist and ages[i] >= 1]
        rejected = set(rng.sample(sendable, k=min(len(sendable), self.want["rejections"])))
        for index in range(count):
            company = self.companies[order[index]]
            age = ages[index]
            first = today - timedelta(days=age)
            if index in wishlist:
                events = [(Stage.WISHLIST, first)]
            else:
                events = self._events(first, age, rejected=index in rejected)
                if age >= 2 and rng.random() < 0.1:  # saved to the wishlist first, then sent
                    events.insert(0, (Stage.WISHLIST, first - timedelta(days=rng.randint(1, 20))))
            salary = rng.choice([None, None, (38000, 46000), (42000, 52000), (50000, 62000), (60000, 75000)])
            app = Application(
                owner=self.user,
                uuid=self.new_id(),
                company=company,
                role=rng.choice(ROLES),
                url=f"https://jobs.example.org/{_slug(company.name)}/{rng.randint(1000, 99999)}"
                if rng.random() < 0.7
                else "",
                source="" if rng.random() < 0.1 else rng.choice(SOURCES),
                location=rng.choice(LOCATIONS),
                salary_min=salary[0] if salary else None,
                salary_max=salary[1] if salary else None,
                notes=rng.choice(NOTE_TEXTS) if rng.random() < 0.12 else "",
            )
            process = _Process(index, app, events)
            app.created_at = self.at(process.added_on, 8)
            if company.created_at is None or app.created_at < company.created_at:
                company.created_at = app.created_at  # made by the first application that named it
            self.processes.append(process)
            for position, (stage, on) in enumerate(events):
                self.events.append(
                    StageEvent(
                        application=app,
                        uuid=self.new_id(),
                        stage=stage.value,
                        on=on,
                        created_at=_stamp(on, 8 * 60 + position * 7 + rng.randrange(0, 7)),
                    )
                )
        for company in self.companies:  # named by a contact only (a smaller scale): first met a year ago
            if company.created_at is None:
                company.created_at = self.at(today - timedelta(days=DAYS), 8)

    def _events(self, applied: date, age: int, *, rejected: bool) -> list[tuple[Stage, date]]:
        """The stages an application went through and where it stands, as dated events."""
        rng = self.rng
        end: Stage | None
        if rejected:
            top = REACHED_STAGE[self.weighted(REJECTED_REACH)]
            end = Stage.REJECTED
        else:
            top = Stage.OFFER if rng.random() < OFFER_SHARE else self.weighted(REACHED_WEIGHTS)
            end = self._ending(top, age)
        stages = list(PATH[1 : PATH.index(top) + 1])
        if end is not None:
            stages.append(end)
        gaps = _fit([rng.randint(*GAPS[stage]) for stage in stages], age)
        if rejected and sum(gaps) < 1 <= age:  # the no comes at least a day after applying
            gaps[-1] += 1
        events, on = [(Stage.APPLIED, applied)], applied
        for stage, gap in zip(stages, gaps, strict=True):
            on += timedelta(days=gap)
            events.append((stage, on))
        return events

    def _ending(self, top: Stage, age: int) -> Stage | None:
        """How an application that was not turned down ended, if it did (None: still open)."""
        roll = self.rng.random()
        if top is Stage.OFFER:
            if age < 20:
                return None
            return Stage.ACCEPTED if roll < 0.2 else Stage.WITHDRAWN
        if top is Stage.APPLIED:
            if age <= 21:
                return None
            return Stage.NO_RESPONSE if roll < 0.72 else Stage.WITHDRAWN if roll < 0.8 else None
        if age <= 35:
            return None if roll < 0.75 else Stage.WITHDRAWN if roll < 0.85 else Stage.NO_RESPONSE
        return Stage.NO_RESPONSE if roll < 0.45 else Stage.WITHDRAWN if roll < 0.85 else None

    # -- people and interviews

    def _new_contact(
        self, name: str, relationship: str, company: Company | None, since: date, *, cadence: int | None
    ) -> Contact:
        """``tracker.add_contact``."""
        rng = self.rng
        first, _, last = name.partition(" ")
        domain = _slug(company.name).replace("-and-", "") if company else "mail"
        contact = Contact(
            owner=self.user,
            uuid=self.new_id(),
            name=name,
            email=f"{first.lower()}.{last.lower()}@{domain}.example" if rng.random() < 0.7 else "",
            profile_url=f"https://profiles.example.org/{first.lower()}-{last.lower()}" if rng.random() < 0.3 else "",
            company=company,
            relationship=relationship,
            notes="Met at a meetup." if relationship == "other" and rng.random() < 0.2 else "",
            cadence_days=cadence,
            created_at=self.at(since, 10),
        )
        self.contact_index[id(contact)] = len(self.contacts)
        self.contact_since[id(contact)] = since
        self.contacts.append(contact)
        return contact

    def _people(self) -> None:
        """The recruiters, interviewers and hiring managers of the processes, then the wider network."""
        rng = self.rng
        budget = self.want["contacts"]
        everyone = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        rng.shuffle(everyone)
        names = iter(everyone[i % len(everyone)] for i in range(budget))
        left = budget - round(budget * 0.15)  # the rest is the wider network
        in_process = [p for p in self.processes if p.progress >= PROGRESS[Stage.SCREENING]]
        rng.shuffle(in_process)
        for process in in_process:
            needs: list[tuple[str, Stage]] = []
            if rng.random() < 0.85:
                needs.append(("recruiter", Stage.SCREENING))
            if process.progress >= PROGRESS[Stage.INTERVIEWING]:
                needs += [("interviewer", Stage.INTERVIEWING)] * rng.choice([1, 1, 2])
            if process.progress >= PROGRESS[Stage.FINAL_ROUND]:
                needs.append(("hiring_manager", Stage.FINAL_ROUND))
            for relationship, stage in needs[: max(0, left)]:
                since = process.reached(stage) or process.added_on
                cadence = None if relationship == "recruiter" else (90 if rng.random() < 0.7 else None)
                contact = self._new_contact(next(names), relationship, process.app.company, since, cadence=cadence)
                process.people.setdefault(relationship, []).append(contact)
                self.contact_process[id(contact)] = process
                self.contact_apps.add((self.contact_index[id(contact)], process.index))
                left -= 1
        for _ in range(budget - len(self.contacts)):
            relationship = self.weighted((("referral", 35), ("other", 45), ("recruiter", 20)))
            company = rng.choice(self.companies) if rng.random() < 0.7 else None
            since = self.today - timedelta(days=rng.randint(0, DAYS))
            cadence = {"referral": 60, "other": rng.choice([None, None, 45]), "recruiter": None}[relationship]
            self._new_contact(next(names), relationship, company, since, cadence=cadence)

    def _referrals(self) -> None:
        """Applications that came through a referral name the friend who made it."""
        friends = [c for c in self.contacts if c.relationship == "referral" and id(c) not in self.contact_process]
        for process in self.processes:
            if friends and process.app.source == "referral" and self.rng.random() < 0.7:
                friend = self.rng.choice(friends)
                self.contact_apps.add((self.contact_index[id(friend)], process.index))

    def _interviews(self) -> None:
        """``tracker.add_interview``: one per stage reached, more while interviewing, some still to come."""
        rng, today = self.rng, self.today
        planned: list[tuple[_Process, str, date, date]] = []  # (process, kind, on, logged on)
        middle: list[_Process] = []
        for process in self.processes:
            for stage in (Stage.SCREENING, Stage.INTERVIEWING, Stage.FINAL_ROUND):
                on = process.reached(stage)
                if on is None:
                    continue
                if stage is Stage.INTERVIEWING:
                    middle.append(process)
                    on = self.day_between(*process.window(stage, today))
                planned.append((process, INTERVIEW_KIND.get(stage) or rng.choice(MIDDLE_KINDS[:2]), on, on))
            stage = process.final
            if stage in (Stage.SCREENING, Stage.INTERVIEWING, Stage.FINAL_ROUND) and rng.random() < 0.35:
                on = today + timedelta(days=rng.randint(1, 12))  # coming up; logged a few days ago
                logged = max(process.events[-1][1], today - timedelta(days=rng.randint(0, 4)))
                planned.append((process, INTERVIEW_KIND.get(stage, "technical"), on, logged))
        target = self.want["interviews"]
        if len(planned) > target:
            planned = [planned[i] for i in sorted(rng.sample(range(len(planned)), k=target))]
        hosts = middle or [p for p in self.processes if p.final is not Stage.WISHLIST] or self.processes
        for _ in range(target - len(planned)):
            process = rng.choice(hosts)
            if middle:
                start, end = process.window(Stage.INTERVIEWING, today)
            else:
                start, end = process.added_on, process.events[-1][1]
            on = self.day_between(start, end)
            planned.append((process, rng.choice(MIDDLE_KINDS), on, on))
        planned.sort(key=lambda item: (item[2], item[0].index))
        for process, kind, on, logged in planned:
            interview = Interview(
                owner=self.user,
                uuid=self.new_id(),
                application=process.app,
                on=on,
                kind=kind,
                topics=rng.choice(TOPICS) if rng.random() < 0.8 else "",
                went_well=rng.choice(WENT_WELL),
                liked=rng.choice(LIKED) if rng.random() < 0.6 else "",
                notes="Bring the portfolio next time." if rng.random() < 0.1 else "",
                created_at=self.at(logged, 17),
            )
            self.interviews.append(interview)
            process.interviews.append(interview)
            people = self._met(process, kind)
            self.met_in[id(interview)] = people
            for contact in people:
                self.interview_people.append((interview, contact))
                if on <= today and (contact.last_contact_on is None or on > contact.last_contact_on):
                    contact.last_contact_on = on  # meeting someone in an interview counts as being in touch
            process.touches.append(min(on, logged))  # a planned interview is not activity yet

    def _met(self, process: _Process, kind: str) -> list[Contact]:
        """Who was in an interview of this kind, among the people of the process."""
        people = process.people
        interviewers = people.get("interviewer", [])
        managers = people.get("hiring_manager", [])
        if kind == "phone_screen":
            return people.get("recruiter", [])[:1]
        if kind == "final":
            return managers[:1] + interviewers[:1]
        if kind == "panel":
            return interviewers + managers[:1]
        if len(interviewers) > 1 and self.rng.random() < 0.3:
            return list(interviewers)
        return [self.rng.choice(interviewers)] if interviewers else []

    # -- rejections and their plans

    def _reject(self, process: _Process) -> None:
        """``plans.log_rejection``: the planner's steps from the people met, the history and the month's notes."""
        on = process.events[-1][1]
        reached = max(
            (REACHED_BY_STAGE[s.value] for s, _ in process.events if s.value in REACHED_BY_STAGE),
            key=REACHED_ORDER.index,
            default="applied",
        )
        times: Counter[int] = Counter()
        people: dict[int, Contact] = {}
        for interview in process.interviews:
            for contact in self.met_in[id(interview)]:
                times[id(contact)] += 1
                people[id(contact)] = contact
        if reached != "applied":
            for relationship in ("recruiter", "hiring_manager"):
                for contact in process.people.get(relationship, []):
                    people.setdefault(id(contact), contact)
                    times[id(contact)] = max(times[id(contact)], 1)
        met = sorted(people.values(), key=lambda c: c.name)
        facts = planner.RejectionFacts(
            on=on,
            stage_reached=reached,
            people_met=tuple(
                planner.Person(str(c.uuid), c.name, c.relationship, times[id(c)], c.cadence_days, c.last_contact_on)
                for c in met
            ),
            history=tuple(planner.PastRejection(r.on, r.stage_reached) for r in self.rejections if r.on <= on),
            last_reassess_on=self.last_reassess_on,
        )
        month = on + timedelta(days=2)
        used = sum(1 for s in self.connects.get((month.year, month.month), []) if s.with_note and s.status != "skipped")
        plan = planner.plan(facts, self.playbook, notes_left=max(0, self.notes_allowance - used))
        rng = self.rng
        rejection = Rejection(
            owner=self.user,
            uuid=self.new_id(),
            application=process.app,
            on=on,
            stage_reached=reached,
            via=self.weighted((("email", 70), ("portal", 15), ("call", 10), ("", 5))),
            message=rng.choice(REJECTION_MESSAGES) if rng.random() < 0.4 else "",
            reason=rng.choice(REASONS) if rng.random() < 0.15 else "",
            cool_off_days=plan.cool_off_days,
            created_at=self.at(on, 18),
        )
        process.rejection = rejection
        self.rejections.append(rejection)
        self.steps_of[id(rejection)] = []
        if reached != "applied":
            for contact in met:  # people met get a gentle stay-in-touch rhythm
                if contact.cadence_days is None:
                    contact.cadence_days = self.playbook.cadence_days
        by_key = {str(c.uuid): c for c in met}
        steps = [self._step(rejection, planned, by_key.get(planned.contact_key or "")) for planned in plan.steps]
        for step in steps:
            self._settle(process, step)

    def _step(self, rejection: Rejection, planned: planner.PlannedStep, contact: Contact | None) -> PlanStep:
        step = PlanStep(
            owner=self.user,
            uuid=self.new_id(),
            rejection=rejection,
            kind=planned.kind,
            step_id=planned.step_id,
            title=planned.title,
            why=planned.why,
            due=planned.due,
            window_end=planned.window_end,
            links_to=planned.links_to,
            contact=contact,
            with_note=planned.with_note,
            numbers=planned.numbers,
            created_at=rejection.created_at,
        )
        self.steps.append(step)
        self.steps_of[id(rejection)].append(step)
        if step.kind == "connect":
            self.connects.setdefault((step.due.year, step.due.month), []).append(step)
        if step.kind == "reassess":
            self.last_reassess_on = rejection.on
        return step

    def _settle(self, process: _Process, step: PlanStep) -> None:
        """Where a step stands today: older plans were mostly worked through, recent ones are open."""
        rng, today = self.rng, self.today
        age = (today - step.rejection.on).days
        share = 0.95 if age > 45 else 0.8 if age > 21 else 0.55 if age > 10 else 0.3 if age > 4 else 0.15
        if step.due > today or rng.random() >= share:
            if step.due <= today and step.kind != "stay_in_touch" and rng.random() < 0.08:
                step.snoozed_until = today + timedelta(days=rng.randint(1, 10))
            self._begun(process, step)
            return
        window = max(0, (step.window_end - step.due).days)
        finished = min(today, step.due + timedelta(days=rng.randint(0, min(window, 10))))
        done = not (step.kind == "connect" and not step.with_note) and rng.random() < DONE_SHARE.get(step.kind, 0.7)
        step.status, step.completed_on = ("done" if done else "skipped"), finished
        sent = done and step.kind in drafting.STEP_KINDS and rng.random() < 0.4
        if sent:
            self._draft(process, step, sent_on=finished)
        if done and step.kind == "reflect":
            self._reflection(process, finished, finished_on=finished)
        if done and step.kind == "reassess":
            self._review(step, finished, finished_on=finished)
        if step.kind == "stay_in_touch" and step.contact is not None:
            if done and not sent:
                self._interaction(step.contact, finished, channel="message", note="Checked in")
            self._next_stay_in_touch(process, step, finished)

    def _begun(self, process: _Process, step: PlanStep) -> None:
        """Work begun on a step still open: a saved draft, a reflection or a review half-written."""
        if step.due > self.today or self.rng.random() >= 0.3:
            return
        day = self.day_between(step.due, self.today)
        if step.kind == "reflect":
            self._reflection(process, day, finished_on=None)
        elif step.kind == "reassess":
            self._review(step, day, finished_on=None)
        elif step.kind in drafting.STEP_KINDS and (step.kind != "connect" or step.with_note):
            self._draft(process, step, sent_on=None, written=day)

    def _next_stay_in_touch(self, process: _Process, step: PlanStep, finished: date) -> None:
        """``plans._next_stay_in_touch``: the next check-in, a cadence after this one."""
        contact = step.contact
        assert contact is not None
        due = finished + timedelta(days=contact.cadence_days or self.playbook.cadence_days)
        following = PlanStep(
            owner=self.user,
            uuid=self.new_id(),
            rejection=step.rejection,
            kind=step.kind,
            step_id=step.step_id,
            title=step.title,
            why=step.why,
            due=due,
            window_end=due + (step.window_end - step.due),
            links_to=step.links_to,
            contact=contact,
            created_at=self.at(finished, 19),
        )
        self.steps.append(following)
        self.steps_of[id(step.rejection)].append(following)
        self._settle(process, following)

    def _interaction(
        self, contact: Contact, on: date, *, channel: str, note: str, process: _Process | None = None
    ) -> Interaction:
        """``tracker.log_interaction``: it resets the person's stay-in-touch clock and touches the application."""
        interaction = Interaction(
            owner=self.user,
            uuid=self.new_id(),
            contact=contact,
            application=process.app if process else None,
            on=on,
            channel=channel,
            note=note,
            created_at=self.at(on, 12),
        )
        self.interactions.append(interaction)
        if contact.last_contact_on is None or on > contact.last_contact_on:
            contact.last_contact_on = on
        if process is not None:
            process.touches.append(on)
        return interaction

    # -- messages, reflections, reviews, feedback

    def _draft(
        self,
        process: _Process,
        step: PlanStep | None,
        *,
        sent_on: date | None,
        written: date | None = None,
        kind: str = "",
        contact: Contact | None = None,
    ) -> Draft:
        """A message as the composer writes it; marked sent, it logs the conversation (``drafts.mark_sent``)."""
        rng = self.rng
        if step is not None:
            kind, contact = drafting.STEP_KINDS[step.kind], step.contact
        app = process.app
        reached = process.rejection.stage_reached if process.rejection else "applied"
        theirs = [i for i in process.interviews if contact is None or contact in self.met_in[id(i)]]
        theirs.sort(key=lambda i: i.on, reverse=True)
        chosen = "message" if kind == "stay_in_touch" and rng.random() < 0.3 else ""
        if theirs:
            meeting = drafting.MEETING_BY_INTERVIEW.get(theirs[0].kind, "the interview")
        else:
            meeting = drafting.MEETING_BY_REACHED.get(reached, "")
        detail = compose.choose_detail(
            [text for i in theirs for text in (i.liked, i.topics, i.went_well)],
            split_commas=[flag for _ in theirs for flag in (False, True, False)],
        )
        facts = compose.Facts(
            kind=kind,
            company=app.company.name,
            role=app.role,
            recipient=drafting._recipient(contact),
            sender=self.prefs.your_name or SENDER,
            meeting=meeting,
            focus=drafting.FOCUS_BY_REACHED.get(reached, ""),
            detail=detail if kind in ("thank_you", "connect_note", "stay_in_touch") else "",
            applied_on=process.reached(Stage.APPLIED),
            channel=chosen,
            variant=rng.randint(0, 3),
        )
        tone = self.weighted((("warm", 6), ("formal", 2), ("brief", 2)))
        composed = compose.compose(facts, self.books, tone)
        day = sent_on or written or self.today
        draft = Draft(
            owner=self.user,
            uuid=self.new_id(),
            kind=kind,
            channel=composed.channel,
            tone=tone,
            application=app,
            contact=contact,
            step=step,
            subject=(composed.subject or "")[:300] if composed.channel == "email" else "",
            body=composed.body,
            options=drafting.Options(channel=chosen).as_dict(),
            sent_on=sent_on,
            created_at=self.at(day, 10),
            updated_at=self.at(day, 13),
        )
        self.drafts.append(draft)
        if sent_on is not None:
            if contact is not None:
                what = DRAFT_KIND_LABELS[kind].lower()
                draft.interaction = self._interaction(
                    contact,
                    sent_on,
                    channel=drafting.SENT_CHANNEL[draft.channel],
                    note=f"Sent a {what}" + (f": {draft.subject}" if draft.subject else ""),
                    process=process,
                )
            else:
                process.touches.append(sent_on)
        return draft

    def _reflection(self, process: _Process, day: date, *, finished_on: date | None) -> None:
        """``reflect.save_reflection``: a few areas answered; finishing it completes the reflect step."""
        if id(process.app) in self.reflected:
            return
        self.reflected.add(id(process.app))
        rng = self.rng
        answers: dict[str, Any] = {}
        for area in rng.sample(reflection.areas(), k=rng.randint(3, 6)):
            if area.strength:
                answers[area.id] = {"rating": None, "text": rng.choice(LIKED)}
            else:
                rating = self.weighted(((1, 1), (2, 3), (3, 4), (4, 4), (5, 2)))
                answers[area.id] = {"rating": rating, "text": REFLECTION_TEXTS[rating] if rng.random() < 0.6 else ""}
        self.reflections.append(
            Reflection(
                owner=self.user,
                uuid=self.new_id(),
                application=process.app,
                answers=reflection.clean_answers(answers),
                finished_on=finished_on,
                created_at=self.at(day, 20),
                updated_at=self.at(day, 21),
            )
        )

    def _reflection_begun(self) -> None:
        """A tiny search still shows a reflection: one begun after its latest interview."""
        met = [p for p in self.processes if any(i.on <= self.today for i in p.interviews)]
        if self.reflections or not met:
            return
        process = max(met, key=lambda p: (max(i.on for i in p.interviews if i.on <= self.today), p.index))
        self._reflection(process, max(i.on for i in process.interviews if i.on <= self.today), finished_on=None)

    def _review(self, step: PlanStep | None, day: date, *, finished_on: date | None) -> None:
        """``momentum.save_review``: answers to some of the review's prompts."""
        keys = [prompt.key for prompt in REVIEW_PROMPTS]
        chosen = set(self.rng.sample(keys, k=self.rng.randint(2, len(keys))))
        self.reviews.append(
            Review(
                owner=self.user,
                uuid=self.new_id(),
                step=step,
                on=day,
                answers={key: REVIEW_ANSWERS[key] for key in keys if key in chosen},
                finished_on=finished_on,
                created_at=self.at(day, 19),
                updated_at=self.at(day, 20),
            )
        )

    def _feedback(self) -> None:
        """``reflect.add_feedback`` on some rejections: its themes found, a gracious reply planned."""
        rng, today = self.rng, self.today
        rejected = [p for p in self.processes if p.rejection is not None]
        heard = [p for p in rejected if p.rejection and p.rejection.stage_reached in ("interview", "final")]
        others = [p for p in rejected if p.rejection and p.rejection.stage_reached in ("applied", "screen")]
        wanted = self.want["feedback"]
        chosen = rng.sample(heard, k=min(wanted, len(heard)))
        chosen += rng.sample(others, k=min(wanted - len(chosen), len(others)))
        for process in sorted(chosen, key=lambda p: (p.events[-1][1], p.index)):
            rejection = process.rejection
            assert rejection is not None
            on = min(today, rejection.on + timedelta(days=rng.randint(2, 10)))
            text = rng.choice(FEEDBACK_TEXTS)
            if text not in self.themes:
                self.themes[text] = themes.detect(text)
            found = self.themes[text]
            steps = self.steps_of[id(rejection)]
            asked = next((s for s in steps if s.kind == "feedback_request"), None)
            contact = asked.contact if asked and rng.random() < 0.6 else None
            self.feedback.append(
                Feedback(
                    owner=self.user,
                    uuid=self.new_id(),
                    application=process.app,
                    contact=contact,
                    on=on,
                    channel=self.weighted((("email", 8), ("call", 2), ("portal", 1))),
                    text=text,
                    disagree=rng.random() < 0.1,
                    themes=[hit.as_dict() for hit in found.hits],
                    english=found.english,
                    created_at=self.at(on, 15),
                )
            )
            # plans.log_feedback: the words kept on the rejection, and a reply planned once.
            rejection.feedback_text, rejection.feedback_on = text, on
            process.touches.append(on)
            if any(s.kind == "feedback_reply" for s in steps):
                continue
            to = contact or (asked.contact if asked else None)
            person = planner.Person(str(to.uuid), to.name, to.relationship) if to else None
            planned = planner.feedback_step(self.playbook, received_on=on, person=person)
            if planned is not None:
                step = self._step(rejection, planned, to)
                step.created_at = self.at(on, 15)
                self._settle(process, step)

    def _follow_ups(self) -> None:
        """Follow-ups saved for later on a few applications still waiting for an answer."""
        rng, today = self.rng, self.today
        waiting = [p for p in self.processes if p.final is Stage.APPLIED and 7 <= (today - p.added_on).days <= 40]
        for process in rng.sample(waiting, k=min(len(waiting), max(1, len(self.processes) // 100))):
            recruiter = next(iter(process.people.get("recruiter", [])), None)
            written = today - timedelta(days=rng.randint(0, 5))
            self._draft(process, None, sent_on=None, written=written, kind="follow_up", contact=recruiter)
        if not self.drafts and self.processes:  # a tiny search still has one draft to show
            process = max(self.processes, key=lambda p: (p.events[-1][1], p.index))
            self._draft(process, None, sent_on=None, written=today, kind="follow_up")

    def _interactions(self) -> None:
        """Conversations with the people met and the wider network, up to the target."""
        rng, today = self.rng, self.today
        for _ in range(self.want["interactions"] - len(self.interactions)):
            contact = rng.choice(self.contacts)
            process = self.contact_process.get(id(contact))
            on = self.day_between(self.contact_since[id(contact)], today)
            self._interaction(
                contact,
                on,
                channel=self.weighted(CHANNEL_WEIGHTS),
                note=rng.choice(INTERACTION_NOTES),
                process=process if process is not None and rng.random() < 0.5 else None,
            )

    def _notes(self) -> None:
        """``tracker.add_note``, up to the target (with the notes filed mail left)."""
        rng, today = self.rng, self.today
        for _ in range(self.want["notes"] - len(self.notes)):
            process = rng.choice(self.processes)
            on = self.day_between(process.added_on, today)
            text = rng.choice(NOTE_TEXTS)
            self.notes.append(
                Note(application=process.app, uuid=self.new_id(), on=on, text=text, created_at=self.at(on))
            )
            process.touches.append(on)

    # -- wellbeing

    def _checkins(self) -> None:
        """Most days of the year (never today: Today asks), dipping on the days an interview process said no."""
        rng, today = self.rng, self.today
        hard = {r.on for r in self.rejections if r.stage_reached in ("interview", "final")}
        level = 3.4
        for ago in sorted(rng.sample(range(1, DAYS + 1), k=min(DAYS, self.want["checkins"])), reverse=True):
            day = today - timedelta(days=ago)
            level = min(4.2, max(2.6, level + rng.uniform(-0.25, 0.25)))
            news = day in hard
            dip = 1 if news or day - timedelta(days=1) in hard else 0
            mood = max(1, min(5, round(level + rng.uniform(-1, 1)) - dip))
            note = "Heard back today. Went for a long walk." if news else ""
            if not note and rng.random() < 0.15:
                note = rng.choice(CHECKIN_NOTES)
            stamp = self.at(day, 20)
            self.checkins.append(
                CheckIn(
                    owner=self.user,
                    uuid=self.new_id(),
                    on=day,
                    mood=mood,
                    note=note,
                    created_at=stamp,
                    updated_at=stamp,
                )
            )

    def _goals(self) -> None:
        """Weekly goals set afresh every couple of months, sized to what the search actually holds."""
        rng, today = self.rng, self.today
        per_week_apps = len(self.processes) * 7 / DAYS
        per_week_people = len(self.interactions) * 7 / DAYS
        for ago in sorted(rng.sample(range(0, DAYS), k=min(DAYS, self.want["goals"])), reverse=True):
            since = today - timedelta(days=ago)
            self.goals.append(
                Goal(
                    owner=self.user,
                    since=since,
                    applications=min(200, max(1, round(per_week_apps * rng.uniform(0.8, 1.2)))),
                    people=min(200, max(1, round(per_week_people * rng.uniform(0.5, 0.9)))),
                    created_at=self.at(since),
                )
            )

    def _stepless_reviews(self) -> None:
        """Reviews begun from Insights rather than from a step, spread over the year, up to the target."""
        missing = self.want["reviews"] - len(self.reviews)
        for ago in sorted(self.rng.sample(range(1, DAYS), k=max(0, min(DAYS - 1, missing))), reverse=True):
            day = self.today - timedelta(days=ago)
            self._review(None, day, finished_on=day)

    # -- imported mail

    def _mail(self) -> None:
        """Mailbox imports: each message read, classified and matched by the importer's own code."""
        today = self.today
        wanted, jobs = self.want["imported_mail"], self.want["mail_imports"]
        importer = Importer(self.user, today=today)
        senders = sender_book()
        newest = sorted(self.processes, key=lambda p: (p.app.created_at, p.index), reverse=True)
        known = [
            Known(
                str(p.app.uuid),
                p.app.company.name,
                p.app.role,
                not p.final.ended,
                (),
                p.reached(Stage.APPLIED) or p.added_on,
            )
            for p in newest
        ]
        by_key = {str(p.app.uuid): p for p in self.processes}
        for number in range(jobs):
            finished = self.at(today - timedelta(days=number * 30 + 1), 14)
            job = ImportJob(
                owner=self.user,
                uuid=self.new_id(),
                name="mailbox-export.mbox" if number == 0 else f"mailbox-export-{number + 1}.mbox",
                status="done",
                created_at=finished - timedelta(minutes=3),
                started_at=finished - timedelta(minutes=2),
                beat_at=finished,
                finished_at=finished,
            )
            importer.job = job
            share = wanted // jobs + (1 if number < wanted % jobs else 0)
            rows: list[ImportedMail] = []
            size = attempts = 0
            labels: Counter[str] = Counter()  # as read, before the person dismissed any
            while len(rows) < share and attempts < share * 5:
                attempts += 1
                raw = self._message(finished.date())
                mail = parse_bytes(raw)
                verdict = classify(mail)
                row = self._row(importer, mail, verdict, known, by_key, senders, finished)
                if row is not None:
                    size += len(raw)
                    rows.append(row)
                    labels[verdict.label] += 1
            job.total = job.done = size
            job.messages = len(rows)
            job.by_label = {label: labels.get(label, 0) for label in LABELS}
            job.applied = sum(1 for row in rows if row.status == "applied")
            job.review = sum(1 for row in rows if row.status in ("review", "dismissed"))
            self.jobs.append(job)
            self.mail += rows

    def _message(self, before: date) -> bytes:
        """One message of a job seeker's mailbox: news about an application, alerts, or ordinary mail."""
        rng = self.rng
        kind = self.weighted(MAIL_KINDS)
        number = rng.randrange(10**9)
        if kind in MAIL_STAGE:
            stage = MAIL_STAGE[kind]
            about = next(
                (
                    p
                    for p in rng.sample(self.processes, k=min(40, len(self.processes)))
                    if (p.reached(stage) or before) < before
                ),
                None,
            )
            if about is not None:
                day = about.reached(stage)
                assert day is not None
                return self._news(kind, about, day, number)
        day = before - timedelta(days=rng.randint(1, 120))
        company = f"{rng.choice(PREFIXES)} {rng.choice(SUFFIXES)}"
        if kind == "update":  # a status update onward can't be sure about
            return self._email(
                "An update on your application",
                f"Dear candidate,\n\nThanks for your patience. We have reviewed your application for {company} and "
                "would like to discuss next steps with you, if you are still interested.\n\nKind regards,\n"
                "The hiring team\n",
                f"{company} Hiring Team <jobs@hiring-portal.example>",
                day,
                f"upd-{number}@hiring-portal.example",
            )
        if kind == "untracked":  # news about an application never tracked, through an applicant tracking system
            words = rng.choice(
                [
                    "we have decided not to move forward with your application at this time",
                    "we would like to invite you to a first interview with our team next week",
                ]
            )
            return self._email(
                f"Your application to {company}",
                f"Hi Sam,\n\nThank you for your interest in {company}. After reviewing your profile, {words}.\n\n"
                f"Best wishes,\nThe {company} Talent Team\n",
                f"{company} <no-reply@us.greenhouse-mail.io>",
                day,
                f"ats-{number}@us.greenhouse-mail.io",
            )
        if kind == "alert":
            listing = "\n".join(
                f"{rng.choice(ROLES)} - {rng.choice(LOCATIONS) or 'Remote'}\nApply: https://jobs.example.org/view/{n}\n"
                for n in rng.sample(range(1000, 9999), k=3)
            )
            return self._email(
                f"{rng.randint(3, 30)} new jobs matching your search",
                f"New jobs for you this week\n\n{listing}\nUnsubscribe from these job alerts at any time.\n",
                "JobBoard Alerts <alerts@jobboard.example.org>",
                day,
                f"alert-{number}@jobboard.example.org",
                {"List-Unsubscribe": "<https://jobboard.example.org/unsubscribe>", "Precedence": "bulk"},
            )
        subject, body = rng.choice(ORDINARY_MAIL)
        return self._email(subject, body, "Maya Rivera <maya.rivera@example.net>", day, f"m-{number}@example.net")

    def _news(self, kind: str, about: _Process, day: date, number: int) -> bytes:
        company, role = about.app.company.name, about.app.role
        domain = _slug(company).replace("-and-", "") + ".example"
        person = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        if kind == "rejection":
            return self._email(
                f"Your application for {role} at {company}",
                f"Hi Sam,\n\nThank you for your interest in the {role} position at {company} and for the time "
                "you spent with us.\n\nAfter careful consideration, we have decided to move forward with other "
                "candidates whose experience more closely matches the needs of the role.\n\nWe wish you every "
                f"success in your search.\n\nBest regards,\n{person}\nTalent Acquisition, {company}\n",
                f"{person} <talent@{domain}>",
                day,
                f"rej-{number}@{domain}",
            )
        if kind == "interview":
            return self._email(
                f"Interview invitation: {role}",
                f"Hello Sam,\n\nThanks for applying for the {role} role at {company}. We enjoyed reading your "
                "application and would like to invite you to an interview with the hiring team.\n\nCould you "
                "let us know your availability next week for a 45-minute video call?\n\nLooking forward to "
                f"speaking with you,\n{person}\nRecruiting, {company}\n",
                f"{person} <{person.split()[0].lower()}@{domain}>",
                day,
                f"int-{number}@{domain}",
            )
        return self._email(
            f"Thank you for applying to {company}",
            f"Hi Sam,\n\nThank you for applying for the {role} position at {company}. We have received your "
            "application and our team will review it carefully.\n\nIf your profile matches what we are looking "
            "for, we will contact you about next steps.\n\nThe Recruiting Team\n",
            f"{company} Recruiting <no-reply@{domain}>",
            day,
            f"conf-{number}@{domain}",
        )

    def _email(
        self, subject: str, body: str, sender: str, day: date, message_id: str, headers: dict[str, str] | None = None
    ) -> bytes:
        message = EmailMessage()
        message["From"] = sender
        message["To"] = "Sam Rivera <sam.rivera@example.net>"
        message["Subject"] = subject
        message["Date"] = format_datetime(_stamp(day, 9 * 60 + self.rng.randrange(0, 480)))
        message["Message-ID"] = f"<{message_id}>"
        for name, value in (headers or {}).items():
            message[name] = value
        message.set_content(body)
        return message.as_bytes()

    def _row(
        self,
        importer: Importer,
        mail: Any,
        verdict: Any,
        known: list[Known],
        by_key: dict[str, _Process],
        senders: Any,
        decided: datetime,
    ) -> ImportedMail | None:
        """What ``Importer`` keeps for a message; None for one whose filing would change the story."""
        label = verdict.label
        if label not in JOB_LABELS and verdict.confidence >= review_below() and not _hint(verdict):
            return self._stamped(importer._row(mail, verdict, status="left", keep_text=label == "other_job"), decided)
        company = verdict.company.value if verdict.company else None
        role = verdict.role.value if verdict.role else None
        domain = mail.sender_domain.lower()
        sender = "" if not domain or senders.is_vendor(domain) else domain
        found = match(
            self._could_match(known, company, sender),
            company=company,
            role=role,
            sender_domain=sender,
            on=mail.date.date() if mail.date else None,
        )
        sure_of_label = verdict.confidence >= apply_at()
        sure_of_target = _target_sure(found, verdict)
        target = by_key.get(found.key or "")
        if target is not None:
            action = describe(label, True, target.app.company.name, target.app.role)
        else:
            action = describe(label, False, company, role)
        row = self._stamped(importer._row(mail, verdict, status="review", keep_text=True), decided)
        row.proposal = {
            "application": found.key,
            "confidence": found.confidence,
            "reason": found.reason,
            "action": action if label in JOB_LABELS else "",
            "unsure": _unsure(verdict, sure_of_label, sure_of_target, found),
        }
        if label in JOB_LABELS and sure_of_label and sure_of_target:
            return self._filed(row, target, label, decided) if target is not None else None
        if label not in JOB_LABELS and self.rng.random() < 0.25:  # filing.dismiss_item: the person left it alone
            row.status, row.label, row.body, row.evidence = "dismissed", "not_job", "", []
            row.decided_by, row.decided_at = "you", decided + timedelta(hours=self.rng.randint(1, 30))
        return row

    def _could_match(self, known: list[Known], company: str | None, sender: str) -> list[Known]:
        """The applications ``match`` could take for the same company, in order; it decides among them alone.

        A superset of its own same-company test, read from each company's key once: ``match`` answers the
        same for it as for every application, without reducing 5,000 names for each message.
        """
        key = set(company_key(company).split()) if company else set()
        from_sender = domain_key(sender) if sender and not key else ""
        if not key and not from_sender:
            return []
        keys = self.company_keys
        found = []
        for app in known:
            if app.company not in keys:
                keys[app.company] = company_key(app.company)
            mine = keys[app.company]
            if (key and key & set(mine.split())) or (from_sender and from_sender in (mine, mine.replace(" ", ""))):
                found.append(app)
        return found

    def _stamped(self, row: ImportedMail, decided: datetime) -> ImportedMail:
        row.uuid = self.new_id()
        row.created_at = decided - timedelta(seconds=self.rng.randint(10, 110))
        return row

    def _filed(self, row: ImportedMail, process: _Process, label: str, decided: datetime) -> ImportedMail | None:
        """``filing.apply_item`` on an application whose history already holds the news: what it records.

        Mail that would move the story on (a stage changed, a new application) is left out.
        """
        app = process.app
        who = f"{app.role} at {app.company.name}"
        on = min(row.sent_on or self.today, self.today)
        current = process.final
        note = ""
        if label == "rejection":
            if process.rejection is None:
                return None
            done = f"the rejection for {who} was already logged"
        elif label in ("interview", "offer"):
            stage = Stage.INTERVIEWING if label == "interview" else Stage.OFFER
            if not (current.ended or PROGRESS.get(current, 0) >= PROGRESS[stage]):
                return None
            note = f"Email: “{row.subject}” from {row.sender}." if row.subject else f"Email from {row.sender}."
            done = f"kept {who} at {current.label} and noted the email"
        else:
            if current is Stage.WISHLIST:
                return None
            words = "Application received"
            note = f"{words}: “{row.subject}” from {row.sender}." if row.subject else f"{words} from {row.sender}."
            done = f"noted that {app.company.name} received your application for {app.role}"
        changes: dict[str, Any] = {"before": None, "events_after": None}  # filled in once the rows exist
        if note:
            made = Note(application=app, uuid=self.new_id(), on=on, text=note, created_at=decided)
            self.notes.append(made)
            changes["note"] = str(made.uuid)
        changes.update(done=done, events=[], after_stage=current.value)
        row.label, row.status, row.changes, row.application = label, "applied", changes, app
        row.decided_by, row.decided_at = "onward", decided
        self.filed.append((row, process))
        return row

    # -- the applications' own fields

    def _settle_applications(self) -> None:
        """Stage, dates and last activity as the actions leave them (``add_application``, ``change_stage``, touches)."""
        for process in self.processes:
            app = process.app
            stage, on = process.events[-1]
            app.stage, app.stage_changed_on = stage.value, on
            app.applied_on = process.reached(Stage.APPLIED)
            app.last_activity_on = max([day for _, day in process.events] + process.touches)
            app.updated_at = self.at(app.last_activity_on, 20)

    # --- writing ------------------------------------------------------------------------

    def write(self) -> dict[str, int]:
        """Everything in bulk, parents first; returns the rows made by kind (the backup's section names)."""
        self._insert(Company, self.companies)
        self._insert(Application, [p.app for p in self.processes])
        self._insert(StageEvent, self.events)
        self._insert(Note, self.notes)
        self._insert(Contact, self.contacts)
        links = Contact.applications.through
        self._bulk(
            links,
            [
                links(contact_id=self.contacts[c].pk, application_id=self.processes[a].app.pk)
                for c, a in sorted(self.contact_apps)
            ],
        )
        self._insert(Interview, self.interviews)
        met = Interview.contacts.through
        pairs = sorted({(interview.pk, contact.pk) for interview, contact in self.interview_people})
        self._bulk(met, [met(interview_id=i, contact_id=c) for i, c in pairs])
        self._insert(Rejection, self.rejections)
        self._insert(PlanStep, self.steps)
        self._insert(Interaction, self.interactions)
        self._insert(Draft, self.drafts)
        self._insert(Feedback, self.feedback)
        self._insert(Reflection, self.reflections)
        self._insert(CheckIn, self.checkins)
        self._insert(Goal, self.goals)
        self._insert(Review, self.reviews)
        self._insert(ImportJob, self.jobs)
        last_event = {id(event.application): event.pk for event in self.events}
        for row, process in self.filed:
            app = process.app
            row.changes["before"] = {
                "stage": app.stage,
                "stage_changed_on": app.stage_changed_on.isoformat(),
                "last_activity_on": app.last_activity_on.isoformat(),
                "applied_on": app.applied_on.isoformat() if app.applied_on else None,
            }
            row.changes["events_after"] = last_event[id(app)]
        self._insert(ImportedMail, self.mail)
        prefs = self.prefs
        prefs.your_name = prefs.your_name or SENDER  # so drafts sign off like real ones
        prefs.support_people = prefs.support_people or SUPPORT_PEOPLE
        prefs.self_care = prefs.self_care or SELF_CARE
        prefs.save(update_fields=["your_name", "support_people", "self_care"])
        return {
            "companies": len(self.companies),
            "applications": len(self.processes),
            "stage_events": len(self.events),
            "notes": len(self.notes),
            "contacts": len(self.contacts),
            "interviews": len(self.interviews),
            "interactions": len(self.interactions),
            "rejections": len(self.rejections),
            "plan_steps": len(self.steps),
            "drafts": len(self.drafts),
            "feedback": len(self.feedback),
            "reflections": len(self.reflections),
            "checkins": len(self.checkins),
            "goals": len(self.goals),
            "reviews": len(self.reviews),
            "mail_imports": len(self.jobs),
            "imported_mail": len(self.mail),
        }

    @staticmethod
    def _bulk(model: type[models.Model], rows: Sequence[models.Model]) -> None:
        model._default_manager.bulk_create(rows, batch_size=BATCH)

    def _insert(self, model: type[models.Model], rows: Sequence[models.Model]) -> None:
        """Insert in batches, then put back the timestamps Django fills with "now" on insert.

        ``created_at`` and ``updated_at`` are the days things happened in the story. One UPDATE run for
        every row (executemany), as the backup restore does: the same SQL on SQLite and PostgreSQL.
        """
        if not rows:
            return
        meta = model._meta
        stamped = [
            f for f in meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        wanted = [[getattr(row, f.attname) for f in stamped] for row in rows]
        self._bulk(model, rows)
        if not stamped:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(f"{quote(str(f.column))} = %s" for f in stamped)
        pk: Any = meta.pk
        # Table and column names come from the model.
        sql = f"UPDATE {quote(meta.db_table)} SET {columns} WHERE {quote(pk.column)} = %s"  # noqa: S608
        params = []
        for row, values in zip(rows, wanted, strict=True):
            kept = [
                value if value is not None else getattr(row, f.attname)
                for f, value in zip(stamped, values, strict=True)
            ]
            for f, value in zip(stamped, kept, strict=True):
                setattr(row, f.attname, value)
            params.append(
                [f.get_db_prep_value(value, connection) for f, value in zip(stamped, kept, strict=True)] + [row.pk]
            )
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
