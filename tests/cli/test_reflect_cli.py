"""The reflection and feedback commands' contracts: feedback add/themes, reflect, themes, prep."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from onward.cli.main import app

pytestmark = pytest.mark.django_db
runner = CliRunner()
THEME_KEYS = {"theme", "label", "quote", "outside_control"}


def onward(*args: str, code: int = 0, stdin: str | None = None) -> Any:
    result = runner.invoke(app, list(args), env={"ONWARD_TODAY": "2026-03-14"}, input=stdin)
    assert result.exit_code == code, result.output
    return json.loads(result.stdout) if "--json" in args and code == 0 else result


@pytest.fixture
def rejected() -> str:
    added = onward("add", "--company", "Acme", "--role", "Data analyst", "--applied-on", "2026-02-01", "--json")
    onward("contact", "add", "--name", "Tom Reyes", "--relationship", "recruiter", "--application", added["id"])
    onward("interview", "add", "--application", added["id"], "--on", "2026-03-03", "--kind", "final",
           "--with", "Tom Reyes", "--liked", "My churn dashboard")  # fmt: skip
    onward("reject", added["id"], "--on", "2026-03-10", "--stage-reached", "final")
    return str(added["id"])


def test_feedback_add_json_is_the_documented_shape(rejected: str) -> None:
    text = "Your answers were long. In the end it went to an internal candidate."
    result = onward("feedback", "add", rejected, "--text", text, "--from", "Tom Reyes", "--disagree", "--json")
    assert {"id", "themes"} <= set(result)
    assert [t["theme"] for t in result["themes"]] == ["communication", "internal_candidate"]
    for theme in result["themes"]:
        assert set(theme) == THEME_KEYS
    assert result["themes"][1]["outside_control"] is True
    assert result["from"] == "Tom Reyes"
    assert result["disagree"] is True
    assert result["reply_step"]


def test_feedback_add_from_a_file_and_bad_input(rejected: str, tmp_path: Path) -> None:
    note = tmp_path / "feedback.txt"
    note.write_text("We were looking for more senior experience.\n", encoding="utf-8")
    plain = onward("feedback", "add", rejected, "--file", str(note))
    assert "Depth of experience" in plain.stdout
    assert "one of the two" in onward("feedback", "add", rejected, code=1).output
    assert "no feedback to save" in onward("feedback", "add", rejected, "--text", " ", code=1).output
    assert "Cannot read" in onward("feedback", "add", rejected, "--file", str(tmp_path / "no"), code=1).output
    assert "before the rejection" in onward("feedback", "add", rejected, "--text", "x", "--on", "2026-03-01",
                                            code=1).output  # fmt: skip


def test_feedback_themes_touches_nothing(tmp_path: Path) -> None:
    found = onward("feedback", "themes", "Not about your skills: the budget was cut.", "--json")
    assert found == {
        "english": True,
        "themes": [
            {
                "theme": "budget",
                "label": "Budget or headcount",
                "quote": "Not about your skills: the budget was cut.",
                "outside_control": True,
            }
        ],
    }
    lines = tmp_path / "in.jsonl"
    french = "Merci pour votre temps, nous avons choisi un autre profil."
    lines.write_text('{"id": "a", "text": "Too junior for us."}\n\n' + json.dumps({"id": 7, "text": french}) + "\n")
    out = onward("feedback", "themes", "--jsonl", str(lines)).stdout.splitlines()
    assert [json.loads(line)["id"] for line in out] == ["a", 7]
    assert json.loads(out[0])["themes"][0]["theme"] == "experience"
    assert json.loads(out[1]) == {"id": 7, "english": False, "themes": []}
    lines.write_text('{"id": 1}\n')
    assert "line 1" in onward("feedback", "themes", "--jsonl", str(lines), code=1).output
    assert onward("list", "--json") == []


def test_reflect_from_a_file_then_themes_and_prep(rejected: str, tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('examples = { rating = 2, text = "Leaned on a school project" }\nstrengths = { text = "Calm"}\n')
    result = onward("reflect", rejected, "--answers-file", str(answers), "--json")
    assert result["draft"] is False
    assert result["counts_towards"] == ["examples"]
    onward("feedback", "add", rejected, "--text", "We'd have liked more concrete examples from your work.")
    recurring = onward("themes", "--json")
    assert [r["theme"] for r in recurring["recurring"]] == ["examples"]
    assert recurring["recurring"][0]["count"] == 2
    assert {q["source"] for q in recurring["recurring"][0]["quotes"]} == {
        "Feedback from Acme",
        "Your reflection on Acme",
    }
    assert "Calm" in recurring["strengths"]
    assert "My churn dashboard" in recurring["strengths"]
    sheet = onward("prep", rejected, "--markdown").stdout
    assert sheet.startswith("# Interview prep: Data analyst at Acme")
    assert "**Examples and results** (2 times)" in sheet
    assert "hold you back from making me an offer" in sheet


def test_reflect_bad_input(rejected: str, tmp_path: Path) -> None:
    bad = tmp_path / "a.json"
    bad.write_text('{"nope": {"rating": 3}}')
    assert "unknown area 'nope'" in onward("reflect", rejected, "--answers-file", str(bad), code=1).output
    bad.write_text('{"examples": {"rating": 8}}')
    assert "from 1 to 5" in onward("reflect", rejected, "--answers-file", str(bad), code=1).output
    bad.write_text("{not json")
    assert "not valid JSON" in onward("reflect", rejected, "--answers-file", str(bad), code=1).output
    assert "--answers-file" in onward("reflect", rejected, code=1).output  # not a terminal here


def test_reflect_asks_one_prompt_at_a_time(rejected: str) -> None:
    typed = "2\nSchool examples again\n" + "\n\n" * 8 + "Calm under pressure\n"
    result = onward("reflect", rejected, "--draft", "--ask", stdin=typed)
    assert "is kept as a draft" in result.stdout
    assert "Preparation: How well did you know" in result.stdout
