"""The check-in, goal and insights commands' contracts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from onward.cli.main import app

pytestmark = pytest.mark.django_db
runner = CliRunner()
TODAY = "2026-03-14"


def onward(*args: str, code: int = 0, stdin: str | None = None, today: str = TODAY) -> Any:
    result = runner.invoke(app, list(args), env={"ONWARD_TODAY": today}, input=stdin)
    assert result.exit_code == code, result.output
    return json.loads(result.stdout) if "--json" in args and code == 0 else result


def test_checkin_records_the_mood_and_replaces_it_the_same_day() -> None:
    result = onward("checkin", "--mood", "2", "--note", "Tired, but the walk helped", "--json")
    assert {"id", "on", "mood", "word", "note"} <= set(result)
    assert (result["mood"], result["word"], result["on"], result["created"]) == (2, "Low", TODAY, True)
    again = onward("checkin", "--mood", "good", "--json")
    assert (again["mood"], again["created"]) == (4, False)
    listed = onward("checkins", "--json")
    assert [c["mood"] for c in listed] == [4]


@pytest.mark.parametrize("mood", ["0", "6", "-1", "3.5", "meh", ""])
def test_a_mood_outside_1_to_5_is_one_readable_line(mood: str) -> None:
    result = onward("checkin", "--mood", mood, code=1)
    assert result.output.strip() == "Error: A mood is a number from 1 (rough) to 5 (great)."


def test_checkins_delete_all_asks_first() -> None:
    onward("checkin", "--mood", "3")
    declined = onward("checkins", "--delete-all", stdin="n\n", code=1)
    assert "Nothing deleted" in declined.output
    assert len(onward("checkins", "--json")) == 1
    assert onward("checkins", "--delete-all", "--yes", "--json") == {"deleted": 1}
    assert onward("checkins", "--json") == []


def test_goal_set_and_show() -> None:
    goal = onward("goal", "set", "--applications", "5", "--people", "3", "--json")
    assert goal == {"applications": 5, "people": 3, "since": TODAY}
    kept = onward("goal", "set", "--people", "4", "--json")
    assert (kept["applications"], kept["people"]) == (5, 4)
    onward("add", "--company", "Acme", "--role", "Analyst", "--applied-on", "2026-03-10")
    shown = onward("goal", "show", "--json")
    assert shown["week"]["week"] == "2026-03-09"
    assert (shown["week"]["applications"], shown["week"]["goal_applications"]) == (1, 5)
    assert shown["paused_until"] is None
    assert "1 of 5 applications" in onward("goal", "show").output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--applications", "-1"), "can't be negative"),
        (("--people", "201"), "above 200"),
        ((), "Give --applications N, --people N, or both."),
    ],
)
def test_bad_goals_are_refused(args: tuple[str, ...], message: str) -> None:
    result = onward("goal", "set", *args, code=1)
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_goals_pause_during_a_cool_off() -> None:
    onward("goal", "set", "--applications", "7")
    added = onward("add", "--company", "Acme", "--role", "Analyst", "--applied-on", "2026-02-01", "--json")
    onward("stage", added["id"], "final_round", "--on", "2026-03-01")
    onward("reject", added["id"], "--on", "2026-03-13", "--stage-reached", "final")
    shown = onward("goal", "show", "--json")
    assert shown["paused_until"] == "2026-03-16"
    assert "paused" in onward("goal", "show").output


def test_insights_json_is_the_documented_shape() -> None:
    empty = onward("insights", "--json")
    assert {"funnel", "by_source", "diagnosis", "weekly", "mood"} <= set(empty)
    assert empty["funnel"]["applications"] == 0
    assert empty["diagnosis"]["stage"] is None
    for i in range(4):
        onward(
            "add", "--company", f"Quiet {i}", "--role", "Analyst", "--applied-on", "2026-01-05", "--source", "job_board"
        )
    added = onward(
        "add", "--company", "Acme", "--role", "Analyst", "--applied-on", "2026-02-01", "--source", "referral", "--json"
    )
    onward("stage", added["id"], "screening", "--on", "2026-02-06")
    onward("checkin", "--mood", "3")
    result = onward("insights", "--json")
    funnel = result["funnel"]
    assert funnel["applications"] == 5
    assert [s["count"] for s in funnel["stages"]] == [5, 1, 1, 0, 0, 0]
    assert funnel["steps"][0] == {
        "from": "applied",
        "to": "response",
        "label": "Hearing back",
        "reached": 5,
        "advanced": 1,
        "stopped": 4,
        "waiting": 0,
        "withdrawn": 0,
        "silent": 4,
        "rate": 0.2,
    }
    assert funnel["median_days_to_response"] == 5.0
    assert set(result["by_source"]) == {"job_board", "referral"}
    assert result["by_source"]["referral"]["label"] == "Referral"
    assert result["diagnosis"]["stage"] == "response"
    assert result["diagnosis"]["confidence"] == "low"
    assert len(result["weekly"]) == 12
    assert result["weekly"][-1]["current"] is True
    assert result["mood"] == [{"on": TODAY, "mood": 3, "word": "Okay"}]
    text = onward("insights").output
    assert "Your applications stall before anyone answers" in text
    assert "too few to be sure" in text
