"""Reflection and feedback in a real browser: reflect after a rejection, log feedback, see the lessons and prep."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser


def _rejected(server: LiveServer, company: str, days_ago: int) -> None:
    def ago(days: int) -> str:
        return (date.today() - timedelta(days=days)).isoformat()

    app = f"{company} — Data analyst"
    for args in (
        ("add", "--company", company, "--role", "Data analyst", "--applied-on", ago(40)),
        ("contact", "add", "--name", f"Sam at {company}", "--relationship", "interviewer", "--application", app),
        ("interview", "add", "--application", app, "--on", ago(days_ago + 4), "--kind", "final",
         "--with", f"Sam at {company}", "--liked", "The churn dashboard story"),
        ("reject", app, "--on", ago(days_ago), "--stage-reached", "final"),
    ):  # fmt: skip
        done = server.cli(*args)
        assert done.returncode == 0, done.stderr


def test_reflect_log_feedback_and_see_the_lessons(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    _rejected(onward_server, "Acme", 8)
    _rejected(onward_server, "Globex", 6)
    page.goto(onward_server.url)
    # Today shows the first few steps as cards and lists the rest; the reflection opens from the list.
    page.locator(".due-more li", has_text="Acme").get_by_role("link", name="Look back on the interview").click()
    page.locator(".step-card", has_text="Acme").get_by_role("link", name="Reflect now").click()
    area = page.locator("#area-examples")
    area.get_by_label("2", exact=True).check()
    area.get_by_role("textbox").fill("I used a school project instead of my work at the bank.")
    page.get_by_role("button", name="Save and finish later").click()  # back to the same address
    expect(page.locator("body")).to_contain_text("Come back and finish it")
    expect(page.locator("#area-examples").get_by_role("textbox")).to_have_value(re.compile(r"^I used a school"))
    screenshot(page, "reflect-reflection")
    page.get_by_role("button", name="Done: keep these lessons").click()
    expect(page).to_have_url(re.compile(r"/lessons/$"))

    page.goto(onward_server.url + "applications/")
    page.get_by_role("link", name="Data analyst").filter(has_text="Data analyst").nth(0).click()
    page.get_by_role("link", name="Log feedback").click()
    page.get_by_label("What they said").fill(
        "We'd have liked more concrete examples from your day job. It wasn't a lack of skills: "
        "in the end we hired internally."
    )
    page.get_by_role("button", name="Save the feedback").click()
    page.get_by_role("heading", name="Part of this was not about you").wait_for()  # after the page loads
    themes = page.locator(".themes").inner_text()
    assert "Examples and results" in themes
    assert "An internal candidate" in themes
    assert "not about you" in themes
    screenshot(page, "reflect-feedback")

    page.get_by_role("link", name="Lessons").first.click()
    lesson = page.locator(".lesson", has_text="Examples and results")
    expect(lesson).to_contain_text("2 times", use_inner_text=True)
    expect(lesson).to_contain_text("STAR", use_inner_text=True)
    # The feedback page had a side column too: the lesson above shows this one is the Lessons page's.
    expect(page.locator(".split__side")).to_contain_text("The churn dashboard story", use_inner_text=True)
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "reflect-lessons-phone")
    page.set_viewport_size({"width": 1280, "height": 800})

    added = onward_server.cli("add", "--company", "Initech", "--role", "Analyst", "--json")
    assert added.returncode == 0, added.stderr
    page.goto(onward_server.url + "applications/")
    page.get_by_role("link", name="Initech").first.click()
    page.get_by_role("link", name="Prep sheet").click()
    sheet = page.locator(".prep").inner_text()
    assert "Examples and results" in sheet
    assert "hold you back from making me an offer" in sheet
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    screenshot(page, "reflect-prep-print")
