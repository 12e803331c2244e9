"""The word lists, weights and gaps the heavy search is drawn from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onward.domain.stages import Stage

if TYPE_CHECKING:
    pass


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
