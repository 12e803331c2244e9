"""The funnel and its diagnosis on hand-built stage histories."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from onward.domain.funnel import History, by_month, by_source, confidence, diagnose, funnel, percent
from onward.domain.stages import Stage

TODAY = date(2026, 6, 1)
D = date(2026, 3, 2)


def h(*stages: str, source: str = "", sent: date = D, gap: int = 5) -> History:
    """An application that went through ``stages`` in order, ``gap`` days apart; the last is where it is now."""
    events = tuple((Stage(stage), sent + timedelta(days=gap * i)) for i, stage in enumerate(stages))
    return History(Stage(stages[-1]), events, sent if stages[0] != "wishlist" else None, source)


def test_counts_each_level_reached() -> None:
    f = funnel(
        [
            h("applied", "screening", "interviewing", "final_round", "offer"),
            h("applied", "screening", "interviewing", "rejected"),
            h("applied", "rejected"),
            h("applied", "no_response"),
            h("wishlist"),
        ],
        today=TODAY,
    )
    assert f.applications == 4  # a wishlist entry was never sent
    assert f.counts == {"applied": 4, "response": 3, "screen": 2, "interview": 2, "final": 1, "offer": 1}


def test_a_rejection_is_an_answer_but_not_a_call() -> None:
    f = funnel([h("applied", "rejected")], today=TODAY)
    assert f.step("response").advanced == 1
    assert f.step("screen").stopped == 1
    assert f.step("screen").rate == 0.0


def test_withdrawn_and_no_response_are_not_rejections() -> None:
    f = funnel(
        [h("applied", "screening", "withdrawn"), h("applied", "no_response"), h("applied", "screening", "rejected")],
        today=TODAY,
    )
    interview = f.step("interview")
    assert interview.withdrawn == 1
    assert interview.stopped == 1  # only the real no
    assert interview.decided == 1
    response = f.step("response")
    assert response.stopped == 1  # silence stops an application before any answer…
    assert response.advanced == 2
    assert f.withdrawn == 1


def test_waiting_applications_are_not_counted_as_a_no() -> None:
    recent = TODAY - timedelta(days=5)
    f = funnel([h("applied", sent=recent), h("applied", "screening", sent=recent)], today=TODAY)
    assert f.step("response").waiting == 1
    assert f.step("response").rate == 1.0
    assert f.step("interview").waiting == 1
    assert f.step("interview").rate is None


def test_long_silence_counts_as_no_answer_after_three_weeks() -> None:
    f = funnel(
        [h("applied", sent=TODAY - timedelta(days=21)), h("applied", sent=TODAY - timedelta(days=20))], today=TODAY
    )
    step = f.step("response")
    assert (step.stopped, step.silent, step.waiting) == (1, 1, 1)


def test_skipped_stages_are_implied_and_an_accepted_offer_went_all_the_way() -> None:
    f = funnel([h("applied", "interviewing", "rejected"), h("applied", "offer", "accepted")], today=TODAY)
    assert f.counts["screen"] == 2
    assert f.counts["interview"] == 2
    assert f.counts["offer"] == 1
    assert f.step("offer").advanced == 1


def test_median_days_to_first_answer() -> None:
    f = funnel(
        [h("applied", "screening", gap=4), h("applied", "rejected", gap=10), h("applied", "screening", gap=6)],
        today=TODAY,
    )
    assert f.median_days_to_response == 6.0


def test_no_data_is_an_empty_funnel_without_division_by_zero() -> None:
    f = funnel([], today=TODAY)
    assert f.applications == 0
    assert all(step.rate is None for step in f.steps)
    assert f.median_days_to_response is None
    d = diagnose(f)
    assert d.step is None
    assert d.confidence == "none"
    assert "track applications" in d.summary
    assert f.to_dict()["steps"][0]["rate"] is None


def test_by_source_and_by_month() -> None:
    apps = [
        h("applied", "screening", source="referral"),
        h("applied", "no_response", source="job_board"),
        h("applied", "rejected", source="job_board", sent=date(2026, 4, 3)),
        h("applied"),
    ]
    sources = by_source(apps, today=TODAY)
    assert list(sources) == ["job_board", "referral", "unknown"]
    assert sources["referral"].counts["screen"] == 1
    assert sources["job_board"].counts["response"] == 1
    months = by_month(apps, today=TODAY)
    assert list(months) == ["2026-03", "2026-04"]
    assert months["2026-04"].applications == 1


def _many(reached: list[str], n: int) -> list[History]:
    return [h(*reached) for _ in range(n)]


def test_diagnosis_names_the_step_that_stalls_most() -> None:
    # 20 sent: 6 silent, 14 answered; all answers were calls; 10 of 12 calls led to interviews; 1 of 8 to a final.
    apps = (
        _many(["applied", "no_response"], 6)
        + _many(["applied", "screening", "rejected"], 2)
        + _many(["applied", "screening", "interviewing", "rejected"], 7)
        + _many(["applied", "screening", "interviewing", "final_round", "rejected"], 1)
        + _many(["applied", "screening", "interviewing"], 2)
        + _many(["applied", "screening"], 2)
    )
    d = diagnose(funnel(apps, today=TODAY))
    assert d.step is not None
    assert d.step.key == "final"
    assert d.step.advanced == 1
    assert d.step.decided == 8
    assert "1 of 8 (13%) led to a final round" in d.summary
    assert "during the interviews" in d.summary
    assert any("Lessons" in tip for tip in d.tries)
    assert d.confidence == "medium"
    assert d.to_dict()["stage"] == "final"


def test_few_answers_point_at_targeting() -> None:
    apps = _many(["applied", "no_response"], 9) + _many(["applied", "screening", "interviewing", "final_round"], 3)
    d = diagnose(funnel(apps, today=TODAY))
    assert d.step is not None
    assert d.step.key == "response"
    assert any("referral" in tip for tip in d.tries)
    assert d.confidence_text == "Based on 12 applications: too few to be sure."


def test_screens_that_dont_convert_point_at_the_pitch_and_salary() -> None:
    apps = _many(["applied", "screening", "rejected"], 6) + _many(["applied", "screening", "interviewing"], 1)
    apps += _many(["applied", "rejected"], 1)
    d = diagnose(funnel(apps, today=TODAY))
    assert d.step is not None
    assert d.step.key == "interview"
    assert any("salary" in tip.lower() for tip in d.tries)


def test_too_little_data_says_so_instead_of_guessing() -> None:
    d = diagnose(funnel([h("applied", "screening"), h("applied", "no_response")], today=TODAY))
    assert d.step is None
    assert "Too early to compare" in d.summary
    assert d.confidence == "low"


def test_even_rates_name_no_stall() -> None:
    # One application stops at each step, the rest go all the way: every rate is about 90%.
    apps = _many(["applied", "screening", "interviewing", "final_round", "offer"], 8)
    apps += [h("applied", "no_response"), h("applied", "rejected"), h("applied", "screening", "rejected")]
    apps += [h("applied", "screening", "interviewing", "rejected")]
    apps += [h("applied", "screening", "interviewing", "final_round", "rejected")]
    f = funnel(apps, today=TODAY)
    assert [step.decided for step in f.steps] == [13, 12, 11, 10, 9]
    assert f.step("response").rate == pytest.approx(12 / 13)
    assert f.step("offer").rate == pytest.approx(8 / 9)
    d = diagnose(f)
    assert d.step is None
    assert "No stage stands out" in d.summary
    assert d.tries == ()


@pytest.mark.parametrize(
    ("count", "level"), [(0, "none"), (1, "low"), (19, "low"), (20, "medium"), (49, "medium"), (50, "high")]
)
def test_confidence_levels(count: int, level: str) -> None:
    assert confidence(count)[0] == level


def test_percent_rounds_half_up() -> None:
    assert percent(0.125) == "13%"
    assert percent(1.0) == "100%"


def test_a_wishlist_entry_turned_down_was_sent() -> None:
    f = funnel([h("wishlist", "rejected"), h("wishlist", "no_response"), h("wishlist", "withdrawn")], today=TODAY)
    assert f.applications == 2  # withdrawn straight from the wishlist was never sent
    assert f.counts["response"] == 1


def test_an_earlier_no_counts_as_an_answer_even_if_the_application_reopened() -> None:
    reopened = History(
        Stage.APPLIED,
        ((Stage.APPLIED, D), (Stage.REJECTED, D + timedelta(days=3)), (Stage.APPLIED, D + timedelta(days=9))),
    )
    assert reopened.level == 2


def test_the_first_answer_is_the_earliest_whatever_the_order() -> None:
    shuffled = History(
        Stage.REJECTED,
        ((Stage.REJECTED, D + timedelta(days=20)), (Stage.SCREENING, D + timedelta(days=4)), (Stage.APPLIED, D)),
        applied_on=D,
    )
    assert shuffled.first_answer_on == D + timedelta(days=4)


def test_an_answer_dated_the_day_it_was_typed_in_is_left_out_of_the_median() -> None:
    typed = History(Stage.REJECTED, ((Stage.APPLIED, D), (Stage.REJECTED, TODAY)), D, added_on=TODAY)
    real = History(Stage.REJECTED, ((Stage.APPLIED, D), (Stage.REJECTED, D + timedelta(days=8))), D, added_on=D)
    assert funnel([typed, real], today=TODAY).median_days_to_response == 8.0
    assert funnel([typed], today=TODAY).median_days_to_response is None


def test_one_step_to_judge_is_named_only_when_more_stop_than_move_on() -> None:
    mostly_yes = [h("applied", "screening"), h("applied", "screening"), h("applied", "no_response")]
    d = diagnose(funnel(mostly_yes, today=TODAY))
    assert d.step is None
    assert "Too early to compare" in d.summary
    mostly_no = [h("applied", "screening"), h("applied", "no_response"), h("applied", "no_response")]
    d = diagnose(funnel(mostly_no, today=TODAY))
    assert d.step is not None
    assert d.step.key == "response"
    assert "more stop there than move on" in d.summary
    assert "strongest step" not in d.summary
