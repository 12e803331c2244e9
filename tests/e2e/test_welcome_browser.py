"""The welcome page in a real browser: one screen on a laptop, readable on a phone, and the example search."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser

BOTTOM = "document.querySelector('.welcome').getBoundingClientRect().bottom"


def test_the_welcome_fits_a_laptop_screen_and_a_phone(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(onward_server.url)
    assert page.get_by_role("heading", name="Welcome to onward").is_visible()
    # Everything, both ways in and the steps after a rejection, without scrolling at 1280 × 800.
    assert page.evaluate(BOTTOM) <= 800
    assert page.get_by_role("button", name="Explore an example").is_visible()
    screenshot(page, "welcome-desktop")

    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for name in ("Add an application", "Import your mail", "Import a spreadsheet"):
        assert page.get_by_role("link", name=name).is_visible()
    screenshot(page, "welcome-phone")


def test_explore_the_example_then_clear_it(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(onward_server.url)
    page.get_by_role("button", name="Explore an example").click()
    banner = page.get_by_role("complementary", name="Example search")
    expect(banner).to_contain_text("You're looking at an example search", use_inner_text=True)
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    page.get_by_role("link", name="Board").click()
    page.wait_for_url("**/applications/board/")  # Today had the banner too: look at it on the board
    expect(banner).to_be_visible()

    banner.get_by_role("link", name="Clear it and start your own").click()
    expect(page.get_by_role("heading", name="Clear the example and start your own?")).to_be_visible()
    page.get_by_role("button", name="Clear the example").click()
    expect(page.get_by_role("heading", name="Welcome to onward")).to_be_visible()
    expect(page.locator("body")).to_contain_text("The example is cleared")
    expect(page.get_by_role("complementary", name="Example search")).to_have_count(0)
