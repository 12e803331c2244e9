"""Browser tests: a real ``onward serve`` process, driven by headless Chromium.

Chromium comes from the system (Debian's ``chromium``) or from Playwright's own
download. Where neither exists the tests are skipped with a one-line notice,
unless ``ONWARD_REQUIRE_BROWSER=1`` makes that a failure.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests import mailmaker as mk
from tests.pgcluster import free_port

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LINK = re.compile(r"(http://\S+/login/\S+/)")


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class LiveServer:
    url: str
    login_link: str
    data_dir: Path
    process: subprocess.Popen[str]
    env: dict[str, str]

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run an onward command against this server's data folder."""
        return subprocess.run(
            [sys.executable, "-m", "onward", *args], env=self.env, capture_output=True, text=True, check=False
        )


def _read_lines(stream: object, lines: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.put(line)


@contextmanager
def serve(data_dir: Path, **extra_env: str) -> Iterator[LiveServer]:
    """Start ``onward serve`` on a free loopback port for ``data_dir``; stop it on leaving.

    Extra environment variables pin what the test needs, e.g. ``serve(path, ONWARD_TODAY="2026-03-02")``;
    serving the same folder again later is how a test moves time on. Each start prints a new sign-in link.
    """
    port = free_port()
    env = {**os.environ, "ONWARD_DATA_DIR": str(data_dir), "ONWARD_MODE": "local", "PYTHONUNBUFFERED": "1"}
    env.pop("ONWARD_DATABASE_URL", None)
    env.update(extra_env)
    process = subprocess.Popen(
        [sys.executable, "-m", "onward", "serve", "--port", str(port), "--no-open"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    link = None
    while link is None:
        try:
            line = lines.get(timeout=60)
        except queue.Empty:
            process.kill()
            pytest.fail("onward serve printed no sign-in link within 60 s:\n" + "".join(seen))
        seen.append(line)
        match = LINK.search(line)
        link = match.group(1) if match else None
    try:
        yield LiveServer(f"http://127.0.0.1:{port}/", link, data_dir, process, env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def onward_server(tmp_path: Path) -> Iterator[LiveServer]:
    """``onward serve`` on a free loopback port with a fresh data folder."""
    with serve(tmp_path / "data") as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:  # pragma: no cover - the test extras include it
        _missing_browser("the playwright package is not installed")
    # expect() waits 5 s by default, a click or inner_text() 30 s: the assertions that wait for a page to
    # arrive get the same patience as the reads they replaced, so a busy machine does not fail them.
    expect.set_options(timeout=30_000)
    executable = chromium_path()
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=executable) if executable else p.chromium.launch()
        except Exception as exc:
            _missing_browser(f"Chromium could not start ({str(exc).splitlines()[0]})")
        yield browser
        browser.close()


def _missing_browser(reason: str) -> None:
    if os.environ.get("ONWARD_REQUIRE_BROWSER") == "1":
        pytest.fail(f"ONWARD_REQUIRE_BROWSER=1 but {reason}.")
    pytest.skip(f"browser tests skipped: {reason}; install Debian's chromium package to run them.")


@pytest.fixture
def page(browser: object, onward_server: LiveServer) -> Iterator[object]:
    """A desktop-sized page, already signed in through the one-time link."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(onward_server.login_link)
    yield page
    context.close()


def screenshot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def import_small_mailbox(page, server: LiveServer, folder: Path, today: str) -> str:  # type: ignore[no-untyped-def]
    """Import a small mailbox through the page: one message files itself (an interview for an application
    the demo has sent), one waits in the review queue (a company onward has never heard of). Returns the
    job's page address."""
    applied = next(a for a in json.loads(server.cli("list", "--json").stdout) if a["stage"] == "applied")
    day = (date.fromisoformat(today) - timedelta(days=1)).isoformat()
    box = folder / "search.mbox"
    box.write_bytes(
        mk.mbox(mk.interview(applied["company"], applied["role"], day), mk.rejection("Quietwater Labs", "Analyst", day))
    )
    page.goto(server.url + "mail/")
    page.set_input_files("input[type=file]", str(box))
    page.get_by_role("button", name="Import").click()
    page.wait_for_url("**/mail/imports/**")
    page.locator("#job-status h2", has_text="Done").wait_for(timeout=60_000)
    return str(page.url)
