"""The CLI's foundation commands and its answers to bad input."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from typer.testing import CliRunner

from onward import __version__
from onward.cli.main import app
from tests.cli.helpers import one_clear_line, run_onward

runner = CliRunner()


def test_version_in_process() -> None:
    result = runner.invoke(app, ["version", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["version"] == __version__


def test_version_does_not_set_django_up(tmp_path: Path) -> None:
    result = run_onward(tmp_path, "version")
    assert result.returncode == 0
    assert result.stdout.startswith(f"onward {__version__}")


def test_check_passes_on_a_fresh_data_folder(tmp_path: Path) -> None:
    result = run_onward(tmp_path, "check", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["mode"] == "local"
    assert report["problems"] == []


def test_check_lists_server_mode_mistakes(tmp_path: Path) -> None:
    result = run_onward(tmp_path, "check", "--json", ONWARD_MODE="server")
    assert result.returncode == 1
    found = {p["id"] for p in json.loads(result.stdout)["problems"]}
    assert {"onward.E001", "onward.E004", "onward.E005"} <= found


def test_malformed_database_url(tmp_path: Path) -> None:
    line = one_clear_line(run_onward(tmp_path, "check", ONWARD_DATABASE_URL="postgresql://me@db:port/x"))
    assert "ONWARD_DATABASE_URL" in line


def test_unreachable_database(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql://me@127.0.0.1:{port}/onward"
    line = one_clear_line(run_onward(tmp_path, "check", ONWARD_DATABASE_URL=url))
    assert f"Cannot use the database at 127.0.0.1:{port}" in line


def test_unwritable_data_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    line = one_clear_line(run_onward(blocker / "data", "check"))
    assert "cannot be written to" in line


def test_serve_refuses_port_zero(tmp_path: Path) -> None:
    line = one_clear_line(run_onward(tmp_path, "serve", "--port", "0", "--no-open"))
    assert "--port must be between 1 and 65535, not 0" in line


def test_serve_reports_a_busy_port(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        line = one_clear_line(run_onward(tmp_path, "serve", "--port", str(port), "--no-open"))
    assert f"Port {port} is already in use" in line


def test_local_mode_refuses_to_listen_on_the_network(tmp_path: Path) -> None:
    line = one_clear_line(run_onward(tmp_path, "serve", "--host", "0.0.0.0", "--no-open"))  # noqa: S104
    assert "Local mode listens on this computer only" in line


def test_server_mode_refuses_to_start_when_misconfigured(tmp_path: Path) -> None:
    line = one_clear_line(run_onward(tmp_path, "serve", "--no-open", ONWARD_MODE="server"))
    assert "onward.E001" in line


def test_link_prints_a_fresh_sign_in_link(tmp_path: Path) -> None:
    result = run_onward(tmp_path, "link", "--no-open")
    assert result.returncode == 0
    assert "/login/" in result.stdout
    assert "does not seem to be running" in result.stderr


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = run_onward(tmp_path, "--help")
    assert result.returncode == 0
    for name in ("serve", "version", "check", "link", "migrate"):
        assert name in result.stdout
