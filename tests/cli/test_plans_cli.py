"""The plan commands' contracts: `reject --json`, `today --json`, `step`, `playbook`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from onward.cli.main import app
from onward.domain.playbook import default_text

pytestmark = pytest.mark.django_db
runner = CliRunner()
PLAN_KEYS = {"id", "kind", "title", "due", "window_end", "status"}
KINDS = {
    "pause",
    "thank_you",
    "feedback_request",
    "connect",
    "reflect",
    "feedback_reply",
    "get_back",
    "stay_in_touch",
    "reassess",
}


def onward(*args: str, today: str = "2026-03-10") -> Any:
    result = runner.invoke(app, list(args), env={"ONWARD_TODAY": today})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def fails(*args: str, today: str = "2026-03-10") -> str:
    result = runner.invoke(app, list(args), env={"ONWARD_TODAY": today})
    assert result.exit_code == 1, result.output
    return result.output


@pytest.fixture
def final_round() -> str:
    added = onward("add", "--company", "Acme", "--role", "Data analyst", "--applied-on", "2026-02-01", "--json")
    onward("stage", added["id"], "final_round", "--on", "2026-03-01")
    for name in ("Priya Shah", "Tomás Ribeiro"):
        onward("contact", "add", "--name", name, "--relationship", "interviewer", "--application", added["id"])
    onward("interview", "add", "--application", added["id"], "--on", "2026-03-03", "--kind", "final",
           "--with", "Priya Shah", "--with", "Tomás Ribeiro")  # fmt: skip
    return str(added["id"])


def test_reject_json_is_the_documented_shape(final_round: str) -> None:
    result = onward("reject", final_round, "--via", "email", "--reason", "Internal candidate", "--json")
    assert set(result) == {"application", "rejection", "plan"}
    assert result["application"]["id"] == final_round
    assert result["application"]["stage"] == "rejected"
    assert result["rejection"]["stage_reached"] == "final"
    assert result["rejection"]["cool_off_days"] == 3
    for step in result["plan"]:
        assert set(step) >= PLAN_KEYS
        assert step["kind"] in KINDS
        assert step["status"] == "pending"
    got = sorted((s["kind"], s["due"], s.get("contact", {}).get("name")) for s in result["plan"])
    assert got == sorted(
        [
            ("pause", "2026-03-10", None),
            ("thank_you", "2026-03-11", "Priya Shah"),
            ("thank_you", "2026-03-11", "Tomás Ribeiro"),
            ("feedback_request", "2026-03-11", None),
            ("connect", "2026-03-13", "Priya Shah"),
            ("connect", "2026-03-13", "Tomás Ribeiro"),
            ("reflect", "2026-03-13", None),
            ("get_back", "2026-03-13", None),
            ("stay_in_touch", "2026-06-08", "Priya Shah"),
            ("stay_in_touch", "2026-06-08", "Tomás Ribeiro"),
        ]
    )


def test_reject_an_untracked_application_with_company_and_role() -> None:
    result = onward("reject", "--company", "Globex", "--role", "Engineer", "--on", "2026-03-09", "--json")
    assert result["application"]["company"] == "Globex"
    assert result["rejection"]["stage_reached"] == "applied"
    assert [s["kind"] for s in result["plan"]] == ["pause", "get_back"]


def test_reject_bad_input(final_round: str, tmp_path: Path) -> None:
    assert "from 0 to 14" in fails("reject", final_round, "--cool-off", "20")
    assert "Unknown stage reached 'lunch'" in fails("reject", final_round, "--stage-reached", "lunch")
    assert "before you applied" in fails("reject", final_round, "--on", "2026-01-01")
    assert "Cannot read" in fails("reject", final_round, "--message-file", str(tmp_path / "none.txt"))
    assert "give --company and --role" in fails("reject")
    onward("reject", final_round)
    assert "already logged" in fails("reject", final_round)


def test_today_json_through_the_cool_off(final_round: str) -> None:
    onward("reject", final_round)
    first = onward("today", "--json", today="2026-03-10")
    assert set(first) == {"date", "cool_off", "due", "upcoming", "stay_in_touch"}
    assert first["cool_off"]["ends_on"] == "2026-03-13"
    assert [s["kind"] for s in first["due"]] == ["pause"]
    assert {s["kind"] for s in first["upcoming"]} == {"thank_you", "feedback_request"}
    after = onward("today", "--json", today="2026-03-13")
    assert after["cool_off"] is None
    assert {s["kind"] for s in after["due"]} == {"thank_you", "feedback_request", "connect", "reflect", "get_back"}


def test_today_shows_a_step_from_the_day_its_cool_off_ended_as_the_web_does(final_round: str) -> None:
    onward("reject", final_round)  # 10 March, a final round: the cool-off ends on 13 March
    thank = next(s for s in onward("today", "--json", today="2026-03-14")["due"] if s["kind"] == "thank_you")
    assert thank["due"] == "2026-03-11"  # the planned day, as before: the JSON contract keeps it
    assert thank["starts_on"] == "2026-03-13"  # and the day Today shows it from, never one inside the cool-off
    text = onward("today", today="2026-03-14")
    line = next(line for line in text.splitlines() if "Thank Priya Shah" in line)
    assert line.split()[0] == "2026-03-13"
    assert "2026-03-11" not in text
    # During the cool-off the two short messages keep their own day, as on the web.
    early = onward("today", "--json", today="2026-03-11")
    assert {(s["due"], s["starts_on"]) for s in early["due"] if s["kind"] == "thank_you"} == {
        ("2026-03-11", "2026-03-11")
    }


def test_step_done_skip_snooze(final_round: str) -> None:
    plan = onward("reject", final_round, "--json")["plan"]
    reflect = next(s for s in plan if s["kind"] == "reflect")
    get_back = next(s for s in plan if s["kind"] == "get_back")
    connect = next(s for s in plan if s["kind"] == "connect")
    assert onward("step", "done", reflect["id"][:8], "--json", today="2026-03-13")["status"] == "done"
    assert "Skipped" in onward("step", "skip", get_back["id"], today="2026-03-13")
    snoozed = onward("step", "snooze", connect["id"], "--days", "3", "--json", today="2026-03-13")
    assert snoozed["due"] == "2026-03-16"
    assert (
        onward("step", "snooze", connect["id"], "--until", "2026-03-20", "--json", today="2026-03-13")["due"]
        == "2026-03-20"
    )
    due = {s["id"] for s in onward("today", "--json", today="2026-03-13")["due"]}
    assert not {reflect["id"], get_back["id"], connect["id"]} & due
    assert "already done" in fails("step", "done", reflect["id"], today="2026-03-13")
    assert "a number of days or until a date" in fails("step", "snooze", connect["id"], today="2026-03-13")
    assert "No step matches" in fails("step", "done", "ffffffff")


def test_playbook_show_and_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = onward("playbook", "show", "--json")
    assert shown["source"] == "default"
    assert {s["kind"] for s in shown["steps"]} == KINDS
    good = tmp_path / "centre.toml"
    good.write_text(default_text().replace("final = 3", "final = 5"), encoding="utf-8")
    assert "is a valid playbook with 9 steps" in onward("playbook", "validate", str(good))
    bad = tmp_path / "bad.toml"
    bad.write_text(default_text().replace("start = 2\nend = 5", "start = 5\nend = 2"), encoding="utf-8")
    assert "step 'connect': 'end' (2) is before 'start' (5)" in fails("playbook", "validate", str(bad))
    monkeypatch.setenv("ONWARD_PLAYBOOK", str(good))
    assert onward("playbook", "show", "--json")["cool_off"]["final"] == 5


def test_a_custom_playbook_shapes_the_plan(final_round: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    centre = tmp_path / "centre.toml"
    centre.write_text(default_text().replace("final = 3", "final = 5"), encoding="utf-8")
    monkeypatch.setenv("ONWARD_PLAYBOOK", str(centre))
    assert onward("reject", final_round, "--json")["rejection"]["cool_off_days"] == 5


def test_a_broken_playbook_in_force_is_an_error_not_ignored(
    final_round: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("version = 1\n[[steps]\nid=", encoding="utf-8")
    monkeypatch.setenv("ONWARD_PLAYBOOK", str(broken))
    assert "not valid TOML" in fails("reject", final_round)
    assert onward("list", "--json")[0]["stage"] == "final_round"  # nothing written
