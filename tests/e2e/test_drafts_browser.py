"""Drafts in a real browser: from a Today step to a sent thank-you, with the lint following the edits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser


def _final_round_rejection(server: LiveServer) -> None:
    def ago(days: int) -> str:
        return (date.today() - timedelta(days=days)).isoformat()

    steps = [
        ("add", "--company", "Acme", "--role", "Data analyst", "--applied-on", ago(30)),
        ("stage", "Acme — Data analyst", "final_round", "--on", ago(10)),
        ("contact", "add", "--name", "Priya Shah", "--relationship", "interviewer", "--email", "priya@acme.example",
         "--application", "Acme — Data analyst"),
        ("interview", "add", "--application", "Acme — Data analyst", "--on", ago(8),
         "--kind", "final", "--with", "Priya Shah", "--topics", "forecasting churn, dashboards"),
        ("reject", "Acme — Data analyst", "--on", ago(3)),
    ]  # fmt: skip
    for args in steps:
        done = server.cli(*args)
        assert done.returncode == 0, done.stderr


def test_write_check_and_send_a_thank_you_from_today(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    _final_round_rejection(onward_server)
    page.goto(onward_server.url)
    card = page.locator(".step-card", has_text="Thank Priya Shah")
    card.get_by_role("link", name="Write the thank-you").click()

    body = page.get_by_label("Message")
    assert "Hi Priya," in body.input_value()
    assert "forecasting churn" in body.input_value()
    lint = page.locator("#lint")
    assert "Reads well" in lint.inner_text()
    screenshot(page, "drafts-thank-you")

    # An edit that re-pitches and argues: the check beside the box says so, without a reload.
    original = body.input_value()
    body.fill(
        original.replace("Warm wishes,", "I hope you'll reconsider. I disagree with the decision.\n\nWarm wishes,")
    )
    page.locator('.lint__item[data-code="repitch"]').wait_for()
    assert page.locator('.lint__item[data-code="arguing"]').is_visible()
    body.fill(original.replace("Hi Priya,", "Hi [Name],"))
    page.locator('.lint__item[data-code="placeholder"]').wait_for()
    assert page.locator('.lint__item[data-code="repitch"]').count() == 0
    body.fill(original + "\n\nP.S. I enjoyed the dashboards too.")
    page.locator(".lint--clean").wait_for()

    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "drafts-thank-you-phone")
    page.set_viewport_size({"width": 1280, "height": 800})

    mail = page.get_by_role("link", name="Open in your mail app")
    assert "I%20enjoyed%20the%20dashboards%20too." in (mail.get_attribute("href") or "")

    page.get_by_role("button", name="I sent it").click()
    expect(page).to_have_url(onward_server.url)
    expect(page.locator("body")).to_contain_text("A thank-you like that is remembered.")
    expect(page.locator(".step-card", has_text="Thank Priya Shah")).to_have_count(0)

    contacts = onward_server.cli("contact", "list", "--json")
    assert f'"last_contact_on": "{date.today().isoformat()}"' in contacts.stdout
    page.goto(onward_server.url + "applications/")
    page.get_by_role("link", name="Data analyst").first.click()
    timeline = page.locator(".timeline")
    assert "Sent a thank-you to Priya Shah" in timeline.inner_text()
    timeline.get_by_text("The message").click()
    assert "I enjoyed the dashboards too." in timeline.inner_text()


def test_a_connection_note_counts_down(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    _final_round_rejection(onward_server)
    page.goto(onward_server.url)
    page.locator(".step-card", has_text="Connect with Priya Shah").get_by_role("link", name="Write the note").click()
    note = page.get_by_label("Note")
    assert len(note.input_value()) <= 200
    note.fill(note.input_value() + " " + "I'd also love to hear how the dashboards project goes." * 2)
    page.locator('.lint__item[data-code="too_long"]').wait_for()
    assert "of 200 characters" in page.locator(".draft__count").inner_text()
    assert page.get_by_role("link", name="Find Priya Shah on LinkedIn").is_visible()
