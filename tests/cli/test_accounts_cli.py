"""Operators' commands in server mode, and a server that refuses to start insecurely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.cli.helpers import one_clear_line, run_onward

SECRET = "s3cret-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2


def server_env(data_dir: Path) -> dict[str, str]:
    return {
        "ONWARD_MODE": "server",
        "ONWARD_SECRET_KEY": SECRET,
        "ONWARD_ALLOWED_HOSTS": "careers.example.org",
        "ONWARD_DATABASE_URL": f"sqlite:///{data_dir / 'server.sqlite3'}",
        "ONWARD_EMAIL_URL": "file:outbox",  # a folder in the data folder
    }


def createuser(data_dir: Path, *args: str, password: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "ONWARD_DATA_DIR": str(data_dir), **server_env(data_dir)}
    environ.pop("ONWARD_TODAY", None)
    return subprocess.run(
        [sys.executable, "-m", "onward", "createuser", *args, "--password-stdin"],
        input=password + "\n",
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_createuser_makes_an_account_that_commands_act_for(tmp_path: Path) -> None:
    made = createuser(tmp_path, "Coach@Example.org", "--superuser", "--json", password="a long quiet passphrase")
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout) == {
        "username": "coach@example.org",
        "email": "coach@example.org",
        "staff": True,
        "superuser": True,
    }
    env = {**server_env(tmp_path), "ONWARD_USER": "coach@example.org"}
    listed = run_onward(tmp_path, "list", "--json", **env)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []


def test_createuser_refuses_a_weak_password_and_a_taken_address(tmp_path: Path) -> None:
    weak = createuser(tmp_path, "kim@example.org", password="password")
    assert "too common" in one_clear_line(weak) or "too short" in one_clear_line(weak)
    assert createuser(tmp_path, "kim@example.org", password="a long quiet passphrase").returncode == 0
    again = createuser(tmp_path, "KIM@example.org", password="another long passphrase")
    assert "already an account for kim@example.org" in one_clear_line(again)


def test_createuser_is_for_server_mode(tmp_path: Path) -> None:
    result = run_onward(tmp_path, "createuser", "kim@example.org", "--password-stdin")
    assert "server mode" in one_clear_line(result)


def test_invite_mails_a_link(tmp_path: Path) -> None:
    result = run_onward(tmp_path, "invite", "Robin@example.org", "--json", **server_env(tmp_path))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["email"] == "robin@example.org"
    assert found["sent"] is True
    assert found["link"].startswith("https://careers.example.org/signup/")
    sent = list((tmp_path / "outbox").iterdir())
    assert len(sent) == 1
    assert found["link"] in sent[0].read_text(encoding="utf-8")
    printed = run_onward(tmp_path, "invite", "sam@example.org", "--no-send", **server_env(tmp_path))
    assert printed.returncode == 0, printed.stderr
    assert "https://careers.example.org/signup/" in printed.stdout
    assert len(list((tmp_path / "outbox").iterdir())) == 1


def import_wsgi(environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "import onward.wsgi"]
    return subprocess.run(command, env=environ, capture_output=True, text=True, timeout=60, check=False)


def test_gunicorns_entry_point_refuses_an_insecure_server(tmp_path: Path) -> None:
    environ = {**os.environ, "ONWARD_DATA_DIR": str(tmp_path), **server_env(tmp_path), "ONWARD_DEBUG": "true"}
    result = import_wsgi(environ)
    assert result.returncode == 3  # gunicorn stops on 3 instead of booting the worker again and again
    assert "onward.E003" in result.stderr
    environ.pop("ONWARD_DEBUG")
    fine = import_wsgi(environ)
    assert fine.returncode == 0, fine.stderr
