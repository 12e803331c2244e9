"""Lessons across a search: recurring themes with quotes, strengths to keep, and the prep sheet.

Pure: handed the person's feedback, reflections and interview notes as plain
data, it says what recurs and writes the prep sheet as Markdown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from onward.domain.reflection import areas, low_areas
from onward.domain.themes import Hit, detect, theme_by_id

CLOSING_QUESTION = "Is there anything about my background that would hold you back from making me an offer?"
STARTER_QUESTIONS = (
    "What is the team working on right now that this role would help with most?",
    "What does success look like in the first six months?",
)


@dataclass(frozen=True)
class Evidence:
    on: date
    quote: str
    source: str  # "Feedback from Acme", "Your reflection on Globex"


@dataclass
class Recurring:
    theme: str
    label: str
    practice: str
    outside_control: bool
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.evidence)


@dataclass(frozen=True)
class FeedbackItem:
    on: date
    company: str
    text: str
    hits: tuple[Hit, ...] | None = None  # the themes found when it was logged; None: read the text now

    @property
    def found(self) -> tuple[Hit, ...]:
        return self.hits if self.hits is not None else detect(self.text).hits


@dataclass(frozen=True)
class ReflectionItem:
    on: date
    company: str
    answers: dict[str, dict[str, object]]


def themes_across(
    feedback: Iterable[FeedbackItem], reflections: Iterable[ReflectionItem], *, at_least: int = 2
) -> list[Recurring]:
    """Themes that come up at least ``at_least`` times, most frequent first, with their quotes and dates."""
    known = theme_by_id()
    gathered: dict[str, Recurring] = {}

    def add(theme_id: str, evidence: Evidence) -> None:
        theme = known.get(theme_id)
        if theme is None:
            return
        entry = gathered.setdefault(theme_id, Recurring(theme.id, theme.label, theme.practice, theme.outside_control))
        entry.evidence.append(evidence)

    for item in feedback:
        for hit in item.found:
            add(hit.theme, Evidence(item.on, hit.quote, f"Feedback from {item.company}"))
    titles = {a.id: a for a in areas()}
    for reflection in reflections:
        for area in low_areas(reflection.answers):
            text = str(reflection.answers[area.id].get("text") or "")
            quote = text or f"You rated “{titles[area.id].title}” {reflection.answers[area.id]['rating']} out of 5."
            add(area.theme, Evidence(reflection.on, quote, f"Your reflection on {reflection.company}"))
    recurring = [r for r in gathered.values() if r.count >= at_least and not r.outside_control]
    for entry in recurring:
        entry.evidence.sort(key=lambda e: e.on, reverse=True)
    return sorted(recurring, key=lambda r: (-r.count, r.label))


def outside_control(feedback: Iterable[FeedbackItem]) -> list[Recurring]:
    """The reasons that were never about the person, gathered, for saying so plainly."""
    known = theme_by_id()
    gathered: dict[str, Recurring] = {}
    for item in feedback:
        for hit in item.found:
            if hit.outside_control:
                theme = known[hit.theme]
                entry = gathered.setdefault(hit.theme, Recurring(theme.id, theme.label, theme.practice, True))
                entry.evidence.append(Evidence(item.on, hit.quote, f"Feedback from {item.company}"))
    return sorted(gathered.values(), key=lambda r: (-r.count, r.label))


@dataclass(frozen=True)
class PastInterview:
    on: date
    kind: str
    people: str
    notes: str


@dataclass(frozen=True)
class PrepSheet:
    company: str
    role: str
    interview_on: date | None
    lessons: Sequence[Recurring]
    strengths: Sequence[str]
    past: Sequence[PastInterview]
    questions: Sequence[str]

    def markdown(self) -> str:
        """The sheet as Markdown, for printing or keeping with your notes."""
        when = f" on {self.interview_on:%A %-d %B %Y}" if self.interview_on else ""
        lines = [f"# Interview prep: {self.role} at {self.company}{when}", ""]
        lines += ["## Lessons that keep coming up", ""]
        if self.lessons:
            for lesson in self.lessons:
                lines.append(f"- **{lesson.label}** ({lesson.count} times). Practice: {lesson.practice}")
                for evidence in lesson.evidence[:3]:
                    lines.append(f"  - “{evidence.quote}” ({evidence.source}, {evidence.on.isoformat()})")
        else:
            lines.append("- Nothing recurs yet. Each reflection and piece of feedback adds to this list.")
        lines += ["", "## Strengths to keep", ""]
        lines += [f"- {s}" for s in self.strengths] or ["- Note what interviewers respond to; it gathers here."]
        if self.past:
            lines += ["", f"## Past interviews with {self.company}", ""]
            for past in self.past:
                who = f" with {past.people}" if past.people else ""
                lines.append(f"- {past.on.isoformat()}, {past.kind}{who}" + (f": {past.notes}" if past.notes else ""))
        lines += ["", "## Questions to ask", ""]
        lines += [f"- {q}" for q in self.questions]
        return "\n".join(lines).rstrip() + "\n"


def prep_sheet(
    *,
    company: str,
    role: str,
    interview_on: date | None,
    lessons: Sequence[Recurring],
    strengths: Iterable[str],
    past: Sequence[PastInterview],
) -> PrepSheet:
    """Everything worth reading the evening before, in one place; the closing question always last."""
    kept: list[str] = []
    for strength in strengths:
        strength = strength.strip()
        if strength and strength.casefold() not in {s.casefold() for s in kept}:
            kept.append(strength)
    questions = [*STARTER_QUESTIONS]
    if any(lesson.theme == "questions" for lesson in lessons):
        questions.append(
            "What would you want the person in this role to have figured out by the end of the first month?"
        )
    questions.append(CLOSING_QUESTION)
    return PrepSheet(company, role, interview_on, list(lessons), kept[:10], list(past), questions)
