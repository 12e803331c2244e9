"""The heart of onward in a real browser: log a rejection from the quick form and see the plan on Today."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser


def test_log_a_rejection_from_the_quick_form(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="I got a rejection").click()
    page.get_by_label("Company").fill("Acme")
    page.get_by_label("Role").fill("Data analyst")
    page.get_by_label("How far did the process go?").select_option("interview")
    page.get_by_label("Did they give a reason?").fill("They went with an internal candidate.")
    page.get_by_role("button", name="Log it").click()

    expect(page).to_have_url(onward_server.url)
    expect(page.locator("body")).to_contain_text("It's logged.")
    pause = page.locator(".pause-card")
    expect(pause.get_by_role("heading", name="Go gently")).to_be_visible()
    expect(pause).to_contain_text("Take a walk outside", use_inner_text=True)
    later = page.locator("section", has=page.get_by_role("heading", name="Later this week"))
    expect(later).to_contain_text("Thank the people you met", use_inner_text=True)
    # No recruiter on file: the company, not a made-up recruiter.
    expect(later).to_contain_text("Ask Acme for feedback", use_inner_text=True)
    assert "Look back on the interview" not in page.content()  # waits for the cool-off (read once Today is shown)
    screenshot(page, "plans-today-cool-off")
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "plans-today-cool-off-phone")

    page.get_by_role("link", name="Board").click()
    page.get_by_role("link", name="Show 1 closed application").click()
    page.locator(".board-card", has_text="Acme").get_by_role("link", name="Acme").click()
    page.get_by_role("link", name="See the next steps").click()
    plan = page.locator(".plan-list").inner_text()
    for title in (
        "Give yourself some time",
        "Thank the people you met",
        "Look back on the interview",
        "One step forward",
    ):
        assert title in plan


def test_mark_a_step_done_in_place(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    done = onward_server.cli("reject", "--company", "Globex", "--role", "Engineer", "--stage-reached", "applied")
    assert done.returncode == 0, done.stderr
    page.goto(onward_server.url)
    card = page.locator(".step-card", has_text="One step forward")
    with page.expect_response(lambda r: "/done/" in r.url):
        card.get_by_role("button", name="Done — One step forward").click()  # each Done names its step
    expect(page.get_by_role("status").filter(has_text="Done: One step forward.")).to_be_visible()  # once swapped in
    page.reload()
    assert page.locator(".step-card", has_text="One step forward").count() == 0


def test_a_step_settled_on_its_own_page_keeps_a_heading(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    done = onward_server.cli("reject", "--company", "Globex", "--role", "Engineer", "--stage-reached", "applied")
    assert done.returncode == 0, done.stderr
    page.goto(onward_server.url)
    page.locator(".step-card", has_text="One step forward").get_by_role("link", name="One step forward").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("One step forward")
    with page.expect_response(lambda r: "/skip/" in r.url):
        page.get_by_role("button", name="Skip — One step forward").click()
    expect(page.get_by_role("status").filter(has_text="Skipped: One step forward.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(["One step forward"])  # still exactly one h1
