"""Mail import in a real browser against a real ``onward serve`` (with its background worker)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests import mailmaker as mk
from tests.e2e.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser


def _filler(count: int, day: str) -> list[bytes]:
    """A mailbox's everyday noise: newsletters and notes from friends, each one unique."""
    noise = []
    for n in range(count):
        noise.append(
            mk.message(
                subject=f"Weekend plans #{n}" if n % 2 else f"Your weekly reading list, issue {n}",
                body=("Hi Sam,\n\nHere is what happened this week in the garden club. " * 6) + f"\n\nItem {n}\n",
                sender=f"Friend {n} <friend{n}@example.net>",
                when=mk.at(day),
                message_id=f"noise-{n}@example.net",
            )
        )
    return noise


def test_upload_watch_progress_accept_and_see_the_plan(page, onward_server: LiveServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    recent = (date.today() - timedelta(days=2)).isoformat()
    for company, role, stage in (
        ("Northwind", "Data Engineer", "interviewing"),
        ("Globex", "Platform Engineer", "applied"),
    ):
        added = onward_server.cli("add", "--company", company, "--role", role, "--stage", stage)
        assert added.returncode == 0, added.stderr
    box = tmp_path / "job-search.mbox"
    box.write_bytes(
        mk.mbox(
            *_filler(3000, recent),
            # The role in the mail differs from the tracked one: onward asks before filing it.
            mk.rejection("Northwind", "Analytics Engineer", recent),
            mk.interview("Globex", "Platform Engineer", recent),
        )
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(onward_server.url + "mail/")
    page.set_input_files("input[type=file]", str(box))
    page.get_by_role("button", name="Import").click()
    page.wait_for_url("**/mail/imports/**")
    progress = page.locator("#job-progress")
    progress.wait_for(timeout=20_000)  # the bar shows while the worker reads
    screenshot(page, "mail-progress")
    done = page.locator("#job-status h2", has_text="Done")
    done.wait_for(timeout=120_000)
    summary = page.locator("#job-status").inner_text()
    assert "3002 messages read" in summary
    assert "Moved Platform Engineer at Globex to Interviewing" in page.locator("main").inner_text()
    screenshot(page, "mail-summary")

    page.get_by_role("link", name="1 waits for you").click()
    card = page.locator(".mail-card", has_text="Northwind")
    card.wait_for()
    assert "rejection" in card.inner_text()
    card.get_by_role("button", name="Yes, file it").click()
    page.locator("[role=status]", has_text="Filed").wait_for()
    assert "logged the rejection" in page.locator("main").inner_text()

    page.goto(onward_server.url)
    main = page.locator("main").inner_text()
    assert "Northwind" in main
    assert "pause" in main.lower() or "thank-you" in main.lower()
    listed = json.loads(onward_server.cli("list", "--json").stdout)
    stages = {a["company"]: a["stage"] for a in listed}
    assert stages == {"Northwind": "rejected", "Globex": "interviewing"}
    assert not errors, errors
