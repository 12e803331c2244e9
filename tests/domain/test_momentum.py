"""Weekly goals across week boundaries and cool-offs; moods; goal limits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from onward.domain.momentum import Goal, goal_for, mood, parse_goal, paused_days, progress_words, weeks

MONDAY = date(2026, 11, 16)
SUNDAY = date(2026, 11, 22)


def test_a_week_runs_monday_to_sunday() -> None:
    sent = [MONDAY - timedelta(days=1), MONDAY, SUNDAY, SUNDAY + timedelta(days=1)]
    shown = weeks(SUNDAY + timedelta(days=1), sent=sent, reached=[], goals=[], count=2)
    assert [w.start for w in shown] == [MONDAY, MONDAY + timedelta(days=7)]
    assert [w.applications for w in shown] == [2, 1]  # Sunday before counts last week; next Monday starts fresh
    assert shown[-1].current
    assert not shown[0].current


def test_the_goal_in_force_is_the_newest_set_by_the_weeks_last_day() -> None:
    goals = [Goal(date(2026, 11, 1), 3, 1), Goal(SUNDAY, 5, 2), Goal(SUNDAY + timedelta(days=1), 8, 0)]
    chosen = goal_for(goals, MONDAY)
    assert chosen is not None
    assert chosen.applications == 5  # set on Sunday: it applies to that whole week
    assert goal_for(goals, date(2026, 10, 19)) is None


def test_progress_against_the_goal_and_met() -> None:
    goals = [Goal(date(2026, 11, 1), 3, 2)]
    sent = [MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=3)]
    reached = [MONDAY + timedelta(days=1)]
    week = weeks(SUNDAY, sent=sent, reached=reached, goals=goals, count=1)[0]
    assert (week.applications, week.goal_applications, week.people, week.goal_people) == (3, 3, 1, 2)
    assert not week.met
    week = weeks(SUNDAY, sent=sent, reached=[*reached, SUNDAY], goals=goals, count=1)[0]
    assert week.met


def test_a_missed_week_just_starts_fresh() -> None:
    goals = [Goal(date(2026, 11, 1), 2, 0)]
    shown = weeks(SUNDAY + timedelta(days=1), sent=[SUNDAY + timedelta(days=1)] * 2, reached=[], goals=goals, count=2)
    assert not shown[0].met  # nothing last week
    assert shown[1].met  # this week is judged on its own
    assert "streak" not in str(shown[1].to_dict())


def test_a_goal_of_zero_is_no_goal() -> None:
    week = weeks(SUNDAY, sent=[], reached=[], goals=[Goal(MONDAY, 0, 3)], count=1)[0]
    assert week.goal_applications is None
    assert week.goal_people == 3


def test_cool_off_days_shrink_the_target_and_a_whole_week_pauses_it() -> None:
    goals = [Goal(date(2026, 11, 1), 7, 3)]
    # A rejection on Thursday with a 3-day cool-off: Thu, Fri, Sat are for rest.
    thursday = MONDAY + timedelta(days=3)
    pauses = [(thursday, thursday + timedelta(days=3))]
    week = weeks(SUNDAY, sent=[], reached=[], goals=goals, pauses=pauses, count=1)[0]
    assert week.paused_days == 3
    assert week.goal_applications == 4  # 7 × 4/7
    assert week.goal_people == 2  # 3 × 4/7 = 1.7, rounded up
    whole = [(MONDAY - timedelta(days=2), SUNDAY + timedelta(days=1))]
    paused = weeks(SUNDAY, sent=[MONDAY], reached=[], goals=goals, pauses=whole, count=1)[0]
    assert paused.paused
    assert paused.goal_applications is None
    assert not paused.met
    assert paused.applications == 1  # what was done still shows


def test_a_week_is_only_called_smaller_when_a_target_went_down() -> None:
    # A "no" on Monday with a two-day cool-off: 3 × 5/7 and 2 × 5/7, rounded up, are still 3 and 2.
    pauses = [(MONDAY, MONDAY + timedelta(days=2))]
    week = weeks(SUNDAY, sent=[], reached=[], goals=[Goal(date(2026, 11, 1), 3, 2)], pauses=pauses, count=1)[0]
    assert (week.paused_days, week.goal_applications, week.goal_people) == (2, 3, 2)
    assert (week.usual_applications, week.usual_people) == (3, 2)
    assert not week.smaller
    bigger = weeks(SUNDAY, sent=[], reached=[], goals=[Goal(date(2026, 11, 1), 7, 0)], pauses=pauses, count=1)[0]
    assert (bigger.goal_applications, bigger.usual_applications, bigger.goal_people) == (5, 7, None)
    assert bigger.smaller
    rested = weeks(SUNDAY, sent=[], reached=[], goals=[Goal(date(2026, 11, 1), 7, 0)], count=1)[0]
    assert not rested.smaller


def test_a_cool_off_across_a_week_boundary_pauses_days_in_both_weeks() -> None:
    saturday = MONDAY + timedelta(days=5)
    pauses = [(saturday, saturday + timedelta(days=3))]  # Sat, Sun | Mon
    assert paused_days(MONDAY, pauses) == 2
    assert paused_days(MONDAY + timedelta(days=7), pauses) == 1
    goals = [Goal(date(2026, 11, 1), 7, 0)]
    shown = weeks(MONDAY + timedelta(days=8), sent=[], reached=[], goals=goals, pauses=pauses, count=2)
    assert [w.goal_applications for w in shown] == [5, 6]


def test_overlapping_cool_offs_count_each_day_once() -> None:
    pauses = [(MONDAY, MONDAY + timedelta(days=3)), (MONDAY + timedelta(days=1), MONDAY + timedelta(days=4))]
    assert paused_days(MONDAY, pauses) == 4


@pytest.mark.parametrize("value", [0, 6, -1, 3.5, True, "3"])
def test_a_mood_is_1_to_5(value: object) -> None:
    with pytest.raises(ValueError, match="1 \\(rough\\) to 5 \\(great\\)"):
        mood(value)  # type: ignore[arg-type]


def test_moods_have_words() -> None:
    assert [mood(v).word for v in range(1, 6)] == ["Rough", "Low", "Okay", "Good", "Great"]


def test_goal_limits() -> None:
    assert parse_goal(0, "applications") == 0
    assert parse_goal(200, "applications") == 200
    with pytest.raises(ValueError, match="can't be negative"):
        parse_goal(-1, "applications")
    with pytest.raises(ValueError, match="above 200"):
        parse_goal(201, "people")
    assert parse_goal(201, "people", confirmed=True) == 201
    with pytest.raises(ValueError, match="more than anyone could do"):
        parse_goal(10_001, "people", confirmed=True)


def test_progress_is_said_without_guilt() -> None:
    assert progress_words(0, 3, "people reached") == "0 of 3 people reached"
    assert progress_words(5, 3, "applications") == "5 applications: goal of 3 reached"
    assert progress_words(2, None, "applications") == "2 applications"


def test_people_reached_can_be_given_as_counts_per_day() -> None:
    days = [SUNDAY, SUNDAY, SUNDAY - timedelta(days=1), SUNDAY - timedelta(days=8)]
    as_list = weeks(SUNDAY, sent=[], reached=days, goals=[], count=3)
    as_counts = weeks(
        SUNDAY, sent=[], reached={SUNDAY: 2, SUNDAY - timedelta(days=1): 1, days[3]: 1}, goals=[], count=3
    )
    assert as_list == as_counts
    assert [w.people for w in as_counts] == [0, 1, 3]
