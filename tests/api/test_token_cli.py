"""``onward token create | list | revoke``: the token printed once, JSON only with --json, one-line errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from onward.api import actions
from onward.api.models import ApiToken
from onward.cli.main import app
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db
runner = CliRunner()


def onward(*args: str, code: int = 0) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return json.loads(result.stdout) if "--json" in args and code == 0 else result


def test_create_prints_the_token_once_and_it_works() -> None:
    made = onward("token", "create", "--name", "spreadsheet sync", "--json")
    assert set(made) == {"token", "prefix", "name", "created_at"}
    assert made["token"].startswith(made["prefix"] + "_")
    assert made["name"] == "spreadsheet sync"
    assert Api(made["token"]).get("/me").json()["token"] == made["prefix"]
    listed = onward("token", "list", "--json")
    assert [t["prefix"] for t in listed] == [made["prefix"]]
    assert made["token"] not in json.dumps(listed)
    assert "key_hash" not in listed[0]


def test_create_without_json_puts_only_the_token_on_stdout() -> None:
    result = runner.invoke(app, ["token", "create", "--name", "laptop"])
    assert result.exit_code == 0
    token = result.stdout.strip()
    assert actions.authenticate(token) is not None
    assert "only this once" in result.stderr


def test_revoke_by_prefix() -> None:
    made = onward("token", "create", "--name", "old", "--json")
    revoked = onward("token", "revoke", made["prefix"], "--json")
    assert revoked["prefix"] == made["prefix"]
    assert revoked["revoked_at"]
    assert onward("token", "list", "--json") == []
    assert actions.authenticate(made["token"]) is None
    assert "No tokens yet" in onward("token", "list").output


def test_mistakes_are_one_readable_line() -> None:
    unknown = onward("token", "revoke", "onw_zzzzzzzz", code=1)
    assert unknown.output.strip().startswith("Error: No live token starts with 'onw_zzzzzzzz'")
    blank = onward("token", "create", "--name", "  ", code=1)
    assert blank.output.strip() == (
        "Error: Give the token a name, such as 'laptop script', so you can tell it apart later."
    )
    assert not ApiToken.objects.exists()
