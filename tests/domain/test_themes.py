"""Feedback themes: a table of realistic sentences, negations, praise, several themes, outside reasons."""

from __future__ import annotations

import pytest

from onward.domain.lessons import CLOSING_QUESTION, FeedbackItem, ReflectionItem, prep_sheet, themes_across
from onward.domain.reflection import ReflectionError, areas, clean_answers, low_areas
from onward.domain.themes import ThemeError, detect, parse_themes, taxonomy

CASES = [
    ("We went with someone whose background more closely matched what we need.", ["experience"]),
    ("Your answers were long and a little unstructured.", ["communication"]),
    ("It was not a lack of skills, but we had an internal candidate.", ["internal_candidate"]),
    ("This had nothing to do with your experience; the role has been put on hold.", ["role_closed"]),
    ("Your communication was excellent, but we needed more depth in SQL.", ["skill_gap"]),
    ("You seemed nervous and didn't ask any questions at the end.", ["confidence", "questions"]),
    ("We'd have liked specific examples with measurable results.", ["examples"]),
    ("We had hundreds of applicants and it was a really difficult decision.", ["large_field"]),
    ("Due to a hiring freeze we can't proceed.", ["budget"]),
    ("Your salary expectations were above our range for the level.", ["compensation"]),
    ("We can't sponsor a visa for this role.", ["logistics"]),
    ("The panel loved your energy.", []),
    ("Thank you for your interest in the company.", []),
    ("We have no concerns about your technical skills.", []),
    ("Perhaps a little more preparation on our product would help.", ["preparation"]),
    ("Some answers sounded rehearsed and you relied on your notes.", ["scripted"]),
]


@pytest.mark.parametrize(("text", "themes"), CASES)
def test_detects_the_themes(text: str, themes: list[str]) -> None:
    assert detect(text).themes == themes


def test_each_hit_carries_its_quote_and_whether_it_was_about_you() -> None:
    found = detect("Thanks for coming in. Sadly we filled the position internally.\nYour examples were vague.")
    assert [(h.theme, h.outside_control) for h in found.hits] == [("internal_candidate", True), ("examples", False)]
    assert found.hits[0].quote == "Sadly we filled the position internally."
    assert found.hits[1].quote == "Your examples were vague."
    assert not found.all_outside_control
    assert detect("We hired internally.").all_outside_control


def test_feedback_in_another_language_has_no_themes_and_says_so() -> None:
    found = detect("Nous avons retenu un candidat avec plus d'expérience.")
    assert found.hits == ()
    assert found.english is False
    assert detect("").english is False


def test_very_long_feedback_quotes_stay_short() -> None:
    text = "We wanted more structured answers " + "and more " * 200 + "detail."
    hit = detect(text).hits[0]
    assert hit.theme == "communication"
    assert len(hit.quote) <= 241
    assert hit.quote.endswith("…")


def test_every_theme_has_a_practice_and_a_label() -> None:
    ids = [t.id for t in taxonomy()]
    assert len(ids) == len(set(ids)) >= 15
    for theme in taxonomy():
        assert theme.label
        assert len(theme.practice) > 30
    assert {t.id for t in taxonomy() if t.outside_control} >= {
        "internal_candidate",
        "budget",
        "role_closed",
        "large_field",
        "timing",
    }


def test_a_broken_themes_file_is_refused() -> None:
    with pytest.raises(ThemeError, match="not a valid regular expression"):
        parse_themes('[[themes]]\nid = "x"\nlabel = "X"\npractice = "p"\npatterns = ["(unclosed"]')
    with pytest.raises(ThemeError, match="practice is missing"):
        parse_themes('[[themes]]\nid = "x"\nlabel = "X"\npatterns = ["a"]')


# --- reflections and what recurs -------------------------------------------------------


def test_reflection_answers_are_cleaned_and_low_ratings_count() -> None:
    answers = clean_answers({"examples": {"rating": "2", "text": "School projects again"}, "rapport": {"rating": 5}})
    assert answers == {"examples": {"rating": 2, "text": "School projects again"}, "rapport": {"rating": 5, "text": ""}}
    assert [a.id for a in low_areas(answers)] == ["examples"]
    with pytest.raises(ReflectionError, match="from 1 to 5"):
        clean_answers({"examples": {"rating": 9}})
    assert len(areas()) >= 10


def test_a_theme_recurs_across_feedback_and_reflections_with_quotes_and_practice() -> None:
    from datetime import date

    feedback = [
        FeedbackItem(date(2026, 3, 1), "Acme", "We'd have liked more concrete examples from your work."),
        FeedbackItem(date(2026, 4, 2), "Globex", "We went with an internal candidate."),
    ]
    reflections = [ReflectionItem(date(2026, 4, 9), "Initech", {"examples": {"rating": 1, "text": "Used my thesis"}})]
    recurring = themes_across(feedback, reflections)
    assert [r.theme for r in recurring] == ["examples"]
    examples = recurring[0]
    assert examples.count == 2
    assert [e.source for e in examples.evidence] == ["Your reflection on Initech", "Feedback from Acme"]
    assert "STAR" in examples.practice
    sheet = prep_sheet(
        company="Acme", role="Analyst", interview_on=None, lessons=recurring, strengths=["My dashboards"], past=[]
    )
    text = sheet.markdown()
    assert "**Examples and results** (2 times)" in text
    assert "My dashboards" in text
    assert CLOSING_QUESTION in text
    assert text.rstrip().endswith(CLOSING_QUESTION)
