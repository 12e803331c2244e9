"""The tracker in a real browser: add an application, move it across the board, read its story."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser


def test_add_move_and_follow_an_application(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Board").click()
    page.get_by_role("link", name="Add your first application").click()
    page.get_by_label("Company").fill("Acme")
    page.get_by_label("Role").fill("Data analyst")
    page.get_by_label("Location (optional)").fill("Lisbon")
    page.get_by_role("button", name="Add it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Data analyst"), use_inner_text=True)

    page.get_by_role("link", name="Board").click()
    card = page.locator(".board-card", has_text="Acme")
    card.get_by_label("Move Acme to").select_option("screening")
    with page.expect_response(lambda r: "/stage/" in r.url):
        card.get_by_role("button", name="Move").click()  # htmx swaps the board in place
    screening = page.locator("section.column", has=page.get_by_role("heading", name="Screening"))
    expect(screening.locator(".board-card", has_text="Acme")).to_be_visible()
    expect(page.locator("#board")).to_contain_text("is now at Screening", use_inner_text=True)
    screenshot(page, "tracker-board")

    screening.get_by_role("link", name="Acme").click()
    page.get_by_label("Note").fill("Recruiter said the team is growing")
    page.get_by_role("button", name="Add note").click()  # posts, then back to the same page
    timeline = page.locator(".timeline")  # the page before had one too: wait for the new note in it
    expect(timeline).to_contain_text("Recruiter said the team is growing", use_inner_text=True)
    expect(timeline).to_contain_text("Moved to Screening", use_inner_text=True)
    expect(timeline).to_contain_text("Moved to Applied", use_inner_text=True)
    screenshot(page, "tracker-application")


def test_the_board_works_without_javascript(browser, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    assert onward_server.cli("add", "--company", "Globex", "--role", "Engineer").returncode == 0
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(onward_server.login_link)
    page.goto(onward_server.url + "applications/board/")
    card = page.locator(".board-card", has_text="Globex")
    card.get_by_label("Move Globex to").select_option("interviewing")
    # Without JavaScript the form posts and the server redirects back to the board: the URL is the same
    # before and after, so wait for the navigation itself rather than reading the old page.
    with page.expect_navigation():
        card.get_by_role("button", name="Move").click()
    assert page.url.endswith("/applications/board/")
    column = page.locator("section.column", has=page.get_by_role("heading", name="Interviewing"))
    expect(column.locator(".board-card", has_text="Globex")).to_be_visible()
    context.close()


def test_import_a_spreadsheet_from_the_browser(page, onward_server: LiveServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "my-search.csv"
    sheet.write_text("Firm,Title,Status\nAcme,Analyst,Phone screen\nGlobex,Engineer,ghosted\n", encoding="utf-8")
    page.goto(onward_server.url + "applications/")
    page.get_by_role("link", name="Import a CSV").first.click()
    page.get_by_label("CSV file").set_input_files(str(sheet))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("body")).to_contain_text("Which column holds the company?")
    page.get_by_label("Firm").select_option("company")
    with page.expect_navigation():  # the preview posts to its own address
        page.get_by_role("button", name="Check again").click()
    screenshot(page, "tracker-import-preview")
    page.get_by_role("button", name="Import 2 applications").click()
    expect(page.locator("body")).to_contain_text("Imported 2 applications.")
    expect(page.locator(".app-row", has_text="Globex").get_by_text("No response")).to_be_visible()
