"""The planner, without a database: every stage reached, cool-off, number of people and allowance."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onward.domain.planner import (
    PastRejection,
    Person,
    PlanError,
    RejectionFacts,
    feedback_step,
    in_cool_off,
    plan,
    stay_in_touch_due,
)
from onward.domain.playbook import COOL_OFF_KINDS, MESSAGE_KINDS, default_playbook

PLAYBOOK = default_playbook()
R = date(2026, 3, 10)
PRIYA = Person("p", "Priya Shah", "interviewer", 2)
TOMAS = Person("t", "Tomás Ribeiro", "interviewer", 1)
RUI = Person("r", "Rui Santos", "recruiter", 1)


def kinds(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.kind for s in result.steps]


def test_final_round_with_two_interviewers() -> None:
    result = plan(RejectionFacts(R, "final", (PRIYA, TOMAS), company="Acme"), PLAYBOOK, notes_left=5)
    by_kind: dict[str, list] = {}  # type: ignore[type-arg]
    for step in result.steps:
        by_kind.setdefault(step.kind, []).append(step)
    assert result.cool_off_days == 3
    assert result.cool_off_end == R + timedelta(days=3)
    assert [s.due for s in by_kind["pause"]] == [R]
    assert by_kind["pause"][0].window_end == R + timedelta(days=2)
    assert sorted(s.title for s in by_kind["thank_you"]) == ["Thank Priya Shah", "Thank Tomás Ribeiro"]
    assert {(s.due, s.window_end) for s in by_kind["thank_you"]} == {(R + timedelta(1), R + timedelta(2))}
    assert [(s.due, s.window_end) for s in by_kind["feedback_request"]] == [(R + timedelta(1), R + timedelta(2))]
    assert by_kind["feedback_request"][0].title == "Ask Acme for feedback"  # no recruiter on file: the company
    # Connect would be due on R+2, inside the 3-day cool-off: it waits for its end.
    assert {s.due for s in by_kind["connect"]} == {R + timedelta(3)}
    assert all(s.with_note for s in by_kind["connect"])
    assert [s.due for s in by_kind["reflect"]] == [R + timedelta(3)]
    assert [s.due for s in by_kind["get_back"]] == [R + timedelta(3)]
    assert {s.due for s in by_kind["stay_in_touch"]} == {R + timedelta(90)}
    assert "reassess" not in by_kind
    assert "feedback_reply" not in by_kind


def test_interview_connect_keeps_its_own_window_when_the_cool_off_is_shorter() -> None:
    result = plan(RejectionFacts(R, "interview", (PRIYA,)), PLAYBOOK, notes_left=5)
    connect = next(s for s in result.steps if s.kind == "connect")
    assert (connect.due, connect.window_end) == (R + timedelta(2), R + timedelta(5))


@pytest.mark.parametrize(
    ("reached", "expected"),
    [
        ("applied", ["pause", "get_back"]),
        ("screen", ["pause", "thank_you", "get_back", "stay_in_touch"]),
        ("interview", ["pause", "thank_you", "feedback_request", "connect", "reflect", "get_back", "stay_in_touch"]),
        ("final", ["pause", "thank_you", "feedback_request", "connect", "reflect", "get_back", "stay_in_touch"]),
    ],
)
def test_which_steps_apply_by_stage_reached(reached: str, expected: list[str]) -> None:
    result = plan(RejectionFacts(R, reached, (PRIYA,)), PLAYBOOK, notes_left=5)
    assert sorted(set(kinds(result))) == sorted(expected)


def test_a_bare_application_rejection_has_no_cool_off_and_asks_nothing_of_anyone() -> None:
    result = plan(RejectionFacts(R, "applied"), PLAYBOOK, notes_left=5)
    assert result.cool_off_days == 0
    assert [(s.kind, s.due) for s in result.steps] == [("pause", R), ("get_back", R)]


def test_no_people_met_still_gives_one_thank_you_and_one_feedback_request() -> None:
    result = plan(RejectionFacts(R, "interview"), PLAYBOOK, notes_left=5)
    assert [s.title for s in result.steps if s.kind == "thank_you"] == ["Thank the people you met"]
    assert [s.contact_key for s in result.steps if s.kind == "feedback_request"] == [None]
    assert "connect" not in kinds(result)


def test_feedback_goes_to_the_recruiter_when_known() -> None:
    result = plan(RejectionFacts(R, "interview", (PRIYA, RUI)), PLAYBOOK, notes_left=5)
    request = next(s for s in result.steps if s.kind == "feedback_request")
    assert (request.contact_key, request.title) == ("r", "Ask Rui Santos for feedback")


def test_when_notes_run_short_the_people_who_matter_most_get_them() -> None:
    manager = Person("m", "Ines Costa", "hiring_manager", 1)
    result = plan(RejectionFacts(R, "final", (RUI, TOMAS, PRIYA, manager)), PLAYBOOK, notes_left=2)
    connect = [(s.contact_key, s.with_note) for s in result.steps if s.kind == "connect"]
    # The notes go to the manager and the interviewer met twice; the steps come by name, like the thank-yous.
    assert connect == [("m", True), ("p", True), ("r", False), ("t", False)]
    assert "no note" in next(s.title for s in result.steps if s.contact_key == "t" and s.kind == "connect")


def test_connect_steps_come_in_the_order_of_names_whatever_order_people_are_given() -> None:
    zoe = Person("z", "Zoe Adams", "hiring_manager", 3)
    for people in ((PRIYA, TOMAS, zoe, RUI), (RUI, zoe, TOMAS, PRIYA)):
        result = plan(RejectionFacts(R, "final", people), PLAYBOOK, notes_left=5)
        assert [s.title for s in result.steps if s.kind == "connect"] == [
            "Connect with Priya Shah",
            "Connect with Rui Santos",
            "Connect with Tomás Ribeiro",
            "Connect with Zoe Adams",
        ]


def test_with_nobody_named_the_steps_speak_of_the_company_not_a_recruiter() -> None:
    result = plan(RejectionFacts(R, "interview", (PRIYA,), company="Northwind"), PLAYBOOK, notes_left=5)
    request = next(s for s in result.steps if s.kind == "feedback_request")
    assert (request.contact_key, request.title) == (None, "Ask Northwind for feedback")
    reply = feedback_step(PLAYBOOK, received_on=R + timedelta(days=4), person=None, company="Northwind")
    assert reply is not None
    assert reply.title == "Thank Northwind for the feedback"
    assert "them" not in reply.title
    nobody = plan(RejectionFacts(R, "screen", (), company="Northwind"), PLAYBOOK, notes_left=5)
    assert next(s.title for s in nobody.steps if s.kind == "thank_you") == "Thank the people you met"
    named = feedback_step(PLAYBOOK, received_on=R, person=PRIYA, company="Northwind")
    assert named is not None
    assert named.title == "Thank Priya Shah for the feedback"


def test_a_chosen_cool_off_moves_everything_that_waits() -> None:
    result = plan(RejectionFacts(R, "interview", (PRIYA,), cool_off_days=10), PLAYBOOK, notes_left=5)
    waiting = [s for s in result.steps if s.kind in ("connect", "reflect", "get_back")]
    assert {s.due for s in waiting} == {R + timedelta(10)}
    assert all(s.window_end > s.due for s in waiting)
    assert next(s for s in result.steps if s.kind == "thank_you").due == R + timedelta(1)


@pytest.mark.parametrize("bad", [-1, 15, 100])
def test_a_cool_off_outside_the_range_is_refused(bad: int) -> None:
    with pytest.raises(PlanError, match="from 0 to 14"):
        plan(RejectionFacts(R, "interview", cool_off_days=bad), PLAYBOOK, notes_left=5)


def test_an_unknown_stage_reached_is_refused() -> None:
    with pytest.raises(PlanError, match="unknown stage reached 'phone'"):
        plan(RejectionFacts(R, "phone"), PLAYBOOK, notes_left=5)


def past(days_ago: int, reached: str = "applied") -> PastRejection:
    return PastRejection(R - timedelta(days=days_ago), reached)


def test_reassess_after_five_rejections_in_thirty_days() -> None:
    history = tuple(past(d) for d in (3, 9, 15, 28))
    result = plan(RejectionFacts(R, "applied", history=history), PLAYBOOK, notes_left=5)
    step = next(s for s in result.steps if s.kind == "reassess")
    assert step.numbers == {"rejections": 5, "within_days": 30, "final_rounds_in_a_row": 0}
    assert step.due == R


def test_four_in_thirty_days_or_the_fifth_just_outside_does_not_reassess() -> None:
    assert "reassess" not in kinds(
        plan(RejectionFacts(R, "applied", history=tuple(past(d) for d in (3, 9, 15))), PLAYBOOK, notes_left=5)
    )
    spread = tuple(past(d) for d in (3, 9, 15, 30))
    assert "reassess" not in kinds(plan(RejectionFacts(R, "applied", history=spread), PLAYBOOK, notes_left=5))


def test_reassess_after_three_final_rounds_in_a_row() -> None:
    history = (past(80, "final"), past(40, "final"))
    step = next(
        s
        for s in plan(RejectionFacts(R, "final", history=history), PLAYBOOK, notes_left=5).steps
        if s.kind == "reassess"
    )
    assert step.numbers["final_rounds_in_a_row"] == 3
    assert step.due == R + timedelta(3)
    broken = (past(80, "final"), past(60, "interview"), past(40, "final"))
    assert "reassess" not in kinds(plan(RejectionFacts(R, "final", history=broken), PLAYBOOK, notes_left=5))


def test_reassess_is_suggested_once_per_window() -> None:
    history = tuple(past(d) for d in (3, 9, 15, 28))
    facts = RejectionFacts(R, "applied", history=history, last_reassess_on=R - timedelta(days=2))
    assert "reassess" not in kinds(plan(facts, PLAYBOOK, notes_left=5))


def test_feedback_reply_is_planned_when_feedback_arrives() -> None:
    step = feedback_step(PLAYBOOK, received_on=date(2026, 3, 14), person=RUI)
    assert step is not None
    assert (step.kind, step.title, step.due, step.window_end) == (
        "feedback_reply",
        "Thank Rui Santos for the feedback",
        date(2026, 3, 14),
        date(2026, 3, 16),
    )


def test_stay_in_touch_follows_the_contacts_own_cadence_and_clock() -> None:
    friend = Person("f", "Sofia Almeida", "interviewer", cadence_days=30, last_contact_on=R + timedelta(days=-1))
    step = next(
        s
        for s in plan(RejectionFacts(R, "screen", (friend,)), PLAYBOOK, notes_left=5).steps
        if s.kind == "stay_in_touch"
    )
    assert step.due == R + timedelta(30)
    assert stay_in_touch_due(step.due, 30, R + timedelta(days=20)) == R + timedelta(50)
    assert stay_in_touch_due(step.due, 30, None) == step.due


def test_in_cool_off() -> None:
    assert in_cool_off(R, 3, R + timedelta(2))
    assert not in_cool_off(R, 3, R + timedelta(3))
    assert not in_cool_off(R, 0, R)


people = st.lists(
    st.builds(
        Person,
        key=st.uuids().map(str),
        name=st.text(min_size=1, max_size=20),
        relationship=st.sampled_from(["recruiter", "hiring_manager", "interviewer", "referral", "other"]),
        times_met=st.integers(1, 4),
    ),
    max_size=6,
)


@given(
    reached=st.sampled_from(["applied", "screen", "interview", "final"]),
    cool_off=st.one_of(st.none(), st.integers(0, 14)),
    met=people,
    notes_left=st.integers(0, 6),
    day=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
)
def test_the_cool_off_and_the_day_of_the_news_are_respected(
    reached: str, cool_off: int | None, met: list[Person], notes_left: int, day: date
) -> None:
    result = plan(RejectionFacts(day, reached, tuple(met), cool_off_days=cool_off), PLAYBOOK, notes_left=notes_left)
    for step in result.steps:
        if step.due < result.cool_off_end:
            assert step.kind in COOL_OFF_KINDS, step
        if step.kind in MESSAGE_KINDS:
            assert step.due > day, step
        assert step.window_end >= step.due
        assert step.due >= day
    noted = [s for s in result.steps if s.kind == "connect" and s.with_note]
    if reached in ("interview", "final"):
        assert len(noted) == min(notes_left, len(met))
    assert sum(s.kind == "pause" for s in result.steps) == 1
