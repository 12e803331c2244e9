"""The composer and the lint, across realistic situations: every draft onward writes passes its own lint.

Pure: no database. The table crosses every kind and tone with situations people
are really in: notes or none, a recruiter or an interviewer, a name or not, a
sender's name or not, a reply to feedback they disagree with.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date

import pytest

from onward.domain.drafts import (
    KINDS,
    TONES,
    DraftError,
    Facts,
    LintContext,
    Recipient,
    choose_detail,
    compose,
    lint,
    platform_length,
    shipped,
    word_count,
)
from onward.domain.drafts.lint import CODES, WORD_BUDGET
from onward.domain.drafts.phrasebook import PhrasingError, merge, parse_phrasings

BOOKS = {kind: shipped(kind) for kind in KINDS}
MAYA = Recipient("Maya Chen", "maya@northwind.example", "interviewer", company="Northwind Analytics")
SITUATIONS = {
    "notes and a name": Facts(
        kind="",
        company="Northwind Analytics",
        role="Senior Backend Engineer",
        recipient=MAYA,
        sender="Sam Rivera",
        meeting="the final-round interview",
        focus="the final round",
        detail="scaling the search index",
        specifics=("Scaling the search index, the on-call rotation",),
        applied_on=date(2026, 10, 2),
    ),
    "no notes": Facts(
        kind="",
        company="Lumen Health",
        role="Product analyst role",
        recipient=Recipient("Aisha Rahman", "aisha@lumen.example", "hiring_manager"),
        sender="Sam Rivera",
        meeting="the panel interview",
        focus="the interviews",
    ),
    "a recruiter, no email, no sender": Facts(
        kind="",
        company="Globex",
        role="Data Engineer",
        recipient=Recipient("Dr. Priya Shah", "", "recruiter"),
        meeting="our call",
        focus="our first conversation",
    ),
    "nobody named": Facts(kind="", company="Initech", role="QA Lead", sender="Sam Rivera"),
    "a long company and role": Facts(
        kind="",
        company="International Consolidated Widget Manufacturing Holdings",
        role="Principal Platform Reliability Engineering Manager, Infrastructure",
        recipient=Recipient("Jean-Baptiste Okonkwo-Lindqvist", "jb@example.org", "hiring_manager"),
        sender="Sam Rivera",
        meeting="the final-round interview",
        detail="migrating the billing system to event sourcing without downtime",
        specifics=("migrating the billing system to event sourcing without downtime",),
    ),
}
EXTRAS = {
    "feedback_reply": [
        {"takeaway": "giving shorter, more concrete examples"},
        {"takeaway": "", "disagree": True},
        {"takeaway": "system design depth", "disagree": True},
    ],
    "stay_in_touch": [
        {"share_kind": "update", "share": "I've started a course on distributed systems"},
        {"share_kind": "congrats", "share": "the launch of the new mobile app"},
        {"share_kind": "article", "share": "https://example.org/post/search-at-scale"},
        {},
        {"channel": "message", "share_kind": "update", "share": "I moved to Lisbon"},
    ],
    "thank_you": [{}, {"ask_feedback": True}],
}
CASES = [
    (kind, tone, name, extra)
    for kind, tone, name in itertools.product(KINDS, TONES, SITUATIONS)
    for extra in EXTRAS.get(kind, [{}])
]


def _facts(kind: str, name: str, extra: dict[str, object], variant: int = 0) -> Facts:
    return replace(SITUATIONS[name], kind=kind, variant=variant, other_companies=("Globex", "Acme"), **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "tone", "situation", "extra"), CASES)
@pytest.mark.parametrize("variant", [0, 1, 2])
def test_every_draft_passes_its_own_lint(
    kind: str, tone: str, situation: str, extra: dict[str, object], variant: int
) -> None:
    facts = _facts(kind, situation, extra, variant)
    draft = compose(facts, BOOKS, tone)
    lint_codes = [w.code for w in draft.warnings if w.code in CODES]
    assert lint_codes == [], (draft.body, draft.warnings)
    assert "{" not in draft.body
    assert "[" not in draft.body
    assert "  " not in draft.body
    assert facts.company in draft.body or (kind == "connect_note" and platform_length(draft.body) <= draft.limit)  # type: ignore[operator]
    if draft.limit is not None:
        assert draft.length <= draft.limit
    budget = 200 if facts.ask_feedback else WORD_BUDGET.get(kind)
    if budget and draft.channel == "email":
        assert draft.words <= budget
    if kind == "thank_you":
        assert draft.words <= 150 or facts.ask_feedback
    first = facts.recipient.name.replace("Dr. ", "").split()[0] if facts.recipient else None
    opening = draft.body.splitlines()[0]
    assert (first in opening) if first else opening.startswith(("Hello", "Good afternoon", "Dear hiring team"))
    if draft.channel == "email":
        assert draft.subject
        assert "{" not in draft.subject
    else:
        assert draft.subject is None


@pytest.mark.parametrize(
    ("kind", "tone"), list(itertools.product(["thank_you", "feedback_request", "feedback_reply", "follow_up"], TONES))
)
def test_the_role_and_company_are_named(kind: str, tone: str) -> None:
    draft = compose(_facts(kind, "notes and a name", {}), BOOKS, tone)
    assert "Senior Backend Engineer" in draft.body
    assert "Northwind Analytics" in draft.body or kind == "feedback_reply"


@pytest.mark.parametrize("tone", TONES)
def test_the_detail_from_the_notes_appears(tone: str) -> None:
    for kind in ("thank_you", "connect_note"):
        draft = compose(_facts(kind, "notes and a name", {}), BOOKS, tone)
        assert "scaling the search index" in draft.body or any(w.code == "detail_left_out" for w in draft.warnings)
    assert "scaling the search index" in compose(_facts("thank_you", "notes and a name", {}), BOOKS, tone).body


def test_a_thank_you_never_pitches_for_the_role_again() -> None:
    for tone, variant in itertools.product(TONES, range(3)):
        body = compose(_facts("thank_you", "notes and a name", {}, variant), BOOKS, tone).body.lower()
        assert "reconsider" not in body
        assert "this role" not in body
        assert "the role again" not in body
        assert "future" in body or "another role" in body or "paths cross" in body


def test_two_thank_yous_in_a_week_read_differently() -> None:
    first = compose(_facts("thank_you", "notes and a name", {}, 0), BOOKS, "warm")
    second = compose(_facts("thank_you", "notes and a name", {}, 1), BOOKS, "warm")
    assert first.body != second.body
    assert first.body.splitlines()[2] != second.body.splitlines()[2]


def test_missing_facts_become_warnings_never_blanks() -> None:
    draft = compose(_facts("thank_you", "a recruiter, no email, no sender", {}), BOOKS, "warm")
    codes = {w.code for w in draft.warnings}
    assert {"no_email", "no_detail", "no_sender"} <= codes
    assert draft.body.startswith("Hi Priya,")  # the title is left out of the greeting
    assert draft.body.rstrip().endswith(("wishes,", "best,", "again,"))
    nobody = compose(_facts("thank_you", "nobody named", {}), BOOKS, "warm")
    assert nobody.body.startswith("Hello,")
    assert "no_contact" in {w.code for w in nobody.warnings}


def test_a_contact_from_another_company_is_flagged() -> None:
    facts = replace(_facts("thank_you", "notes and a name", {}), company="Globex Corp")
    assert "other_company" in {w.code for w in compose(facts, BOOKS, "warm").warnings}


def test_a_disagreeing_reply_still_thanks_and_never_argues() -> None:
    for tone, variant in itertools.product(TONES, range(3)):
        facts = _facts("feedback_reply", "notes and a name", {"disagree": True, "takeaway": "system design"}, variant)
        body = compose(facts, BOOKS, tone).body
        assert body.split("\n\n")[1].startswith("Thank")
        assert not lint(body, LintContext("feedback_reply", "email", company="Northwind Analytics"))
        assert "system design" in body


def test_a_combined_thank_you_asks_for_feedback_once() -> None:
    body = compose(_facts("thank_you", "notes and a name", {"ask_feedback": True}), BOOKS, "warm").body
    assert body.count("?") == 1 or body.count("?") == 2
    assert "feedback" in body
    assert body.index("feedback") > body.index("scaling the search index")


# --- the connection note's limit ------------------------------------------------------


def test_connection_notes_fit_the_free_and_premium_limits() -> None:
    facts = _facts("connect_note", "a long company and role", {})
    free = compose(facts, BOOKS, "warm")
    assert free.length <= 200
    assert free.limit == 200
    assert "detail_left_out" in {w.code for w in free.warnings}
    premium = compose(replace(facts, note_limit=300), BOOKS, "warm")
    assert premium.limit == 300
    assert premium.length <= 300
    assert "event sourcing" in premium.body


def test_a_note_at_exactly_the_limit_passes_and_one_over_does_not() -> None:
    context = LintContext("connect_note", "linkedin", limit=200, company="Acme")
    at_limit = "Hi Ana, we met at Acme. " + "x" * (200 - 24)
    assert platform_length(at_limit) == 200
    assert "too_long" not in {f.code for f in lint(at_limit, context)}
    over = at_limit + "!"
    found = [f for f in lint(over, context) if f.code == "too_long"]
    assert found
    assert "201 characters" in found[0].message
    assert "Trim 1 character." in found[0].message


def test_characters_are_counted_as_the_platform_counts() -> None:
    assert platform_length("é") == 1  # one code point, however it was typed
    assert platform_length("👋") == 2  # outside the basic plane: two UTF-16 units, as LinkedIn counts
    assert platform_length("a\r\nb") == 3
    context = LintContext("connect_note", "linkedin", limit=200, company="Acme")
    emoji_note = "Hi Ana, Acme " + "👋" * 94  # 13 + 188 = 201 units, only 107 code points
    assert len(emoji_note) < 200
    assert "too_long" in {f.code for f in lint(emoji_note, context)}


# --- the lint catches what people write -------------------------------------------------

GOOD = """Hi Maya,

Thank you for the interview for the analyst role at Northwind. I enjoyed talking about the search index.

Please keep me in mind for future openings.

Best,
Sam"""
CONTEXT = LintContext(
    "thank_you", "email", company="Northwind", role="analyst", specifics=("search index",), other_companies=("Globex",)
)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("placeholder", GOOD.replace("the search index", "[detail]")),
        ("placeholder", GOOD.replace("Maya", "{first_name}")),
        ("placeholder", GOOD.replace("Sam", "<Your name>")),
        ("placeholder", GOOD.replace("Sam", "XXX")),
        ("too_long", GOOD.replace("Please keep", "I really mean it. " * 40 + "Please keep")),
        ("repitch", GOOD.replace("Please keep me", "I hope you'll reconsider, and keep me")),
        ("repitch", GOOD.replace("Please keep me", "I'm still the right fit for this role. Keep me")),
        ("repitch", GOOD.replace("Please keep me", "If the other candidate doesn't work out, keep me")),
        ("arguing", GOOD.replace("Please keep me", "I disagree that my SQL was weak. Keep me")),
        ("arguing", GOOD.replace("Please keep me", "That's not fair to say. Keep me")),
        ("self_talk", GOOD.replace("Please keep me", "I know I blew it. Keep me")),
        ("self_talk", GOOD.replace("Please keep me", "I'm not good enough yet, but keep me")),
        ("no_greeting", GOOD.replace("Hi Maya,\n\n", "")),
        ("no_signoff", GOOD.replace("\n\nBest,\nSam", "")),
        ("wrong_company", GOOD.replace("at Northwind", "at Globex")),
        ("nothing_specific", "Hi Maya,\n\nThank you for your time. I hope we speak again.\n\nBest,\nSam"),
    ],
)
def test_the_lint_catches(code: str, text: str) -> None:
    assert code in [f.code for f in lint(text, CONTEXT)]
    assert lint(GOOD, CONTEXT) == []


def test_the_lint_leaves_fine_text_alone() -> None:
    fine = [
        GOOD.replace("Northwind", "Northwind").replace("search index", "search index (and metadata)"),
        GOOD.replace("Best,\nSam", "Thanks again,\nSam"),
        GOOD.replace("Hi Maya,", "Dear Maya,"),
        GOOD.replace("Please keep me", "I'd love to be considered for future roles, so keep me"),
    ]
    for text in fine:
        assert lint(text, CONTEXT) == [], text
    # "Square" the company is not "a square peg"; "Meta" is not "metadata".
    context = replace(CONTEXT, other_companies=("Square", "Meta"))
    assert lint(GOOD.replace("search index", "square peg of metadata"), context) == []
    # A company the notes mention (a previous job, say) is not the wrong company.
    noted = replace(CONTEXT, specifics=("my time at Globex",))
    assert lint(GOOD.replace("the search index", "my time at Globex"), noted) == []


def test_without_the_trackers_context_specific_means_a_name_or_a_number() -> None:
    bare = LintContext("thank_you", "email")
    assert [f.code for f in lint(GOOD, bare)] == []
    vague = "Hi Maya,\n\nThank you for your time. It was great.\n\nBest,\nSam"
    assert [f.code for f in lint(vague, bare)] == ["nothing_specific"]


# --- details from notes -------------------------------------------------------------------


def test_the_detail_is_a_phrase_trimmed_at_a_boundary() -> None:
    long_note = (
        "The data platform migration, which they are planning for next year and which involves moving "
        "every batch job to streaming, with a new team. Also we discussed hiring."
    )
    assert choose_detail([long_note]) == "the data platform migration"
    assert choose_detail(["- Kubernetes upgrades\n- team rituals"]) == "Kubernetes upgrades"
    assert choose_detail(["They loved my answer.", ""], split_commas=[False, True]) == ""
    assert choose_detail(["   "]) == ""
    assert choose_detail(["x" * 400]) == ""  # no boundary to trim at: better none than half a thought


def test_html_in_notes_stays_text() -> None:
    detail = choose_detail(["<script>alert(1)</script> pipeline reviews"])
    facts = replace(_facts("thank_you", "notes and a name", {}), detail=detail)
    body = compose(facts, BOOKS, "warm").body
    assert "<script>alert(1)</script> pipeline reviews" in body  # the page escapes it; the text is theirs


# --- phrasings as files ---------------------------------------------------------------------


def test_shipped_phrasings_cover_every_tone_and_section() -> None:
    for kind, book in BOOKS.items():
        assert set(book) == set(TONES), kind
        for tone in TONES:
            assert {"greeting", "greeting_fallback"} <= set(book[tone]), (kind, tone)


def test_a_persons_phrasings_replace_only_what_they_name() -> None:
    mine = parse_phrasings('[warm]\nask = ["Do keep me in mind for what comes next at {company}."]', "thank_you")
    merged = merge(BOOKS["thank_you"], mine)
    body = compose(_facts("thank_you", "notes and a name", {}), {**BOOKS, "thank_you": merged}, "warm").body
    assert "Do keep me in mind for what comes next at Northwind Analytics." in body
    assert "scaling the search index" in body  # the shipped sections still there


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[warm]\nask = ["Hi {firstname}"]', "unknown blank {firstname}"),
        ('[warm]\nsign_off = ["Bye"]', "not a section of a thank_you message"),
        ('[chirpy]\nask = ["Hi"]', "[chirpy] is not a tone"),
        ("[warm]\nask = []", "give a list of phrasings"),
        ('[warm]\nask = ["Hi {first_name"]', "unbalanced"),
        ('[warm]\nask = ["{role!r}"]', "not a plain blank"),
        ("version = 3", "version 3"),
        ("[warm\n", "not valid TOML"),
    ],
)
def test_broken_phrasings_are_refused_with_the_reason(text: str, says: str) -> None:
    with pytest.raises(PhrasingError, match=re.escape(says)):
        parse_phrasings(text, "thank_you", "mine.toml")


def test_an_unknown_tone_or_channel_is_refused() -> None:
    with pytest.raises(DraftError):
        compose(_facts("thank_you", "notes and a name", {}), BOOKS, "chirpy")
    with pytest.raises(DraftError):
        compose(_facts("thank_you", "notes and a name", {"channel": "linkedin"}), BOOKS, "warm")


def test_word_count_counts_words() -> None:
    assert word_count("Hi Maya — thanks, it's been great.") == 6
