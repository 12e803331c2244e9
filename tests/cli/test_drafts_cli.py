"""The draft commands' contracts: `onward draft KIND --json` and `onward draft lint`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from onward.cli.main import app

pytestmark = pytest.mark.django_db
runner = CliRunner()
TODAY = "2026-03-13"
DRAFT_KEYS = {"kind", "channel", "to", "subject", "body", "length", "limit", "warnings"}


def onward(*args: str, code: int = 0, stdin: str | None = None) -> Any:
    result = runner.invoke(app, list(args), env={"ONWARD_TODAY": TODAY}, input=stdin)
    assert result.exit_code == code, result.output
    return json.loads(result.stdout) if "--json" in args else result


@pytest.fixture(autouse=True)
def own_folder(tmp_path: Path, settings: Any) -> None:
    settings.ONWARD_DATA_DIR = str(tmp_path)  # pytest-django's fixture: restored after each test


@pytest.fixture
def rejected() -> str:
    added = onward("add", "--company", "Acme", "--role", "Data analyst", "--applied-on", "2026-02-01", "--json")
    onward("add", "--company", "Globex", "--role", "Analyst", "--json")
    onward("stage", added["id"], "final_round", "--on", "2026-03-01")
    onward("contact", "add", "--name", "Priya Shah", "--relationship", "interviewer", "--email",
           "priya@acme.example", "--application", added["id"])  # fmt: skip
    onward("contact", "add", "--name", "Tom Reyes", "--relationship", "recruiter", "--application", added["id"])
    onward("interview", "add", "--application", added["id"], "--on", "2026-03-03", "--kind", "final",
           "--with", "Priya Shah", "--topics", "forecasting churn, dashboards")  # fmt: skip
    onward("reject", added["id"], "--on", "2026-03-10")
    return str(added["id"])


@pytest.mark.parametrize("kind", ["thank_you", "feedback_request", "connect_note", "feedback_reply", "stay_in_touch"])
@pytest.mark.parametrize("tone", ["warm", "formal", "brief"])
def test_draft_json_is_the_documented_shape(rejected: str, kind: str, tone: str) -> None:
    result = onward("draft", kind, "--application", rejected, "--tone", tone, "--json")
    assert set(result) >= DRAFT_KEYS
    assert result["kind"] == kind
    assert result["channel"] == ("linkedin" if kind == "connect_note" else "email")
    assert result["length"] == len(result["body"])
    assert (result["limit"] == 200) if kind == "connect_note" else (result["limit"] is None)
    assert (result["subject"] is None) == (kind == "connect_note")
    for warning in result["warnings"]:
        assert set(warning) == {"code", "message"}
        assert warning["message"]
    assert not [w for w in result["warnings"] if w["code"] in ("placeholder", "too_long", "repitch", "arguing")]
    assert result["to"] is not None
    assert set(result["to"]) >= {"name", "email"}


def test_the_plan_decides_who_it_goes_to(rejected: str) -> None:
    thanks = onward("draft", "thank_you", "--application", rejected, "--json")
    assert thanks["to"]["name"] == "Priya Shah"
    assert "forecasting churn" in thanks["body"]
    ask = onward("draft", "feedback_request", "--application", rejected, "--json")
    assert ask["to"]["name"] == "Tom Reyes"
    assert ask["to"]["email"] is None
    assert "no_email" in [w["code"] for w in ask["warnings"]]
    chosen = onward("draft", "thank_you", "--application", rejected, "--contact", "Tom Reyes", "--json")
    assert chosen["to"]["name"] == "Tom Reyes"
    assert chosen["body"].startswith(("Hi Tom,", "Hello Tom,"))


def test_options_shape_the_draft(rejected: str) -> None:
    reply = onward("draft", "feedback_reply", "--application", rejected, "--disagree", "--takeaway",
                   "sharper examples", "--json")  # fmt: skip
    assert "sharper examples" in reply["body"]
    check_in = onward("draft", "stay_in_touch", "--application", rejected, "--channel", "message",
                      "--share-kind", "article", "--share", "https://example.org/a", "--json")  # fmt: skip
    assert check_in["channel"] == "message"
    assert check_in["subject"] is None
    assert "https://example.org/a" in check_in["body"]
    both = onward("draft", "thank_you", "--application", rejected, "--contact", "Tom Reyes", "--ask-feedback", "--json")
    assert "feedback" in both["body"]


def test_plain_output_is_readable(rejected: str) -> None:
    result = onward("draft", "thank_you", "--application", rejected)
    assert result.stdout.startswith("To: Priya Shah <priya@acme.example>\nSubject: ")
    assert "Hi Priya," in result.stdout


def test_draft_bad_input(rejected: str) -> None:
    assert "Unknown tone 'chirpy'" in onward("draft", "thank_you", "--application", rejected, "--tone", "chirpy",
                                             code=1).output  # fmt: skip
    assert "No application matches" in onward("draft", "thank_you", "--application", "nope", code=1).output
    assert "goes by email" in onward("draft", "thank_you", "--application", rejected, "--channel", "linkedin",
                                     code=1).output  # fmt: skip
    assert onward("draft", "love_letter", "--application", rejected, code=2).exit_code == 2


def test_lint_a_file(rejected: str, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Hi Priya,\n\nThanks for the Acme interview for the Data analyst role.\n\nBest,\nAlex\n")
    clean = onward("draft", "lint", "--kind", "thank_you", "--channel", "email", str(note), "--json")
    assert clean["warnings"] == []
    assert clean["channel"] == "email"
    assert clean["limit"] is None
    note.write_text("Hi [Name],\n\nThanks for the Globex interview. Please reconsider; I disagree with you.\n")
    found = onward("draft", "lint", "--kind", "thank_you", "--channel", "email", str(note), "--json", code=1)
    codes = {w["code"] for w in found["warnings"]}
    assert {"placeholder", "repitch", "arguing", "no_signoff"} <= codes
    plain = onward("draft", "lint", "--kind", "thank_you", "--application", rejected, str(note), code=1)
    assert "wrong_company: It mentions Globex" in plain.stdout


def test_lint_a_connection_note_from_stdin() -> None:
    over = "Hi Ana, we met at Acme. " + "It was good to talk. " * 8 + "Thanks, Ana!"  # 204 characters
    result = onward("draft", "lint", "--kind", "connect_note", "--channel", "linkedin", "-", "--json", code=1,
                    stdin=over)  # fmt: skip
    assert result["length"] == len(over) == 204
    assert result["limit"] == 200
    assert [w["code"] for w in result["warnings"]] == ["too_long"]


def test_lint_bad_input(tmp_path: Path) -> None:
    missing = onward("draft", "lint", "--kind", "thank_you", str(tmp_path / "nope.txt"), code=1)
    assert "Cannot read" in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert "is empty" in onward("draft", "lint", "--kind", "thank_you", str(empty), code=1).output
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert "not UTF-8" in onward("draft", "lint", "--kind", "thank_you", str(binary), code=1).output
    note = tmp_path / "note.txt"
    note.write_text("Hi Ana, we met at Acme.")
    assert "goes by linkedin" in onward("draft", "lint", "--kind", "connect_note", "--channel", "email",
                                        str(note), code=1).output  # fmt: skip


def test_phrasings_copy_and_list(tmp_path: Path) -> None:
    listed = onward("draft", "phrasings", "--json")
    assert next(k["kind"] for k in listed["kinds"]) == "thank_you"
    assert not any(k["yours"] for k in listed["kinds"])
    copied = onward("draft", "phrasings", "--copy", "thank_you")
    assert "Copied to" in copied.stdout
    assert (tmp_path / "drafts" / "thank_you.toml").exists()
    assert onward("draft", "phrasings", "--json")["kinds"][0]["yours"] is True
    assert "exists already" in onward("draft", "phrasings", "--copy", "thank_you", code=1).output
    (tmp_path / "drafts" / "follow_up.toml").write_text('[warm]\nask = ["{oops}"]\n')
    assert "unknown blank {oops}" in onward("draft", "phrasings", code=1).output
