"""The tracker in a real browser: add an application, move it across the board, read its story."""

from __future__ import annotations

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
    assert page.get_by_role("heading", level=1).inner_text().startswith("Data analyst")

    page.get_by_role("link", name="Board").click()
    card = page.locator(".board-card", has_text="Acme")
    card.get_by_label("Move Acme to").select_option("screening")
    with page.expect_response(lambda r: "/stage/" in r.url):
        card.get_by_role("button", name="Move").click()  # htmx swaps the board in place
    screening = page.locator("section.column", has=page.get_by_role("heading", name="Screening"))
    assert screening.locator(".board-card", has_text="Acme").is_visible()
    assert "is now at Screening" in page.locator("#board").inner_text()
    screenshot(page, "tracker-board")

    screening.get_by_role("link", name="Acme").click()
    page.get_by_label("Note").fill("Recruiter said the team is growing")
    page.get_by_role("button", name="Add note").click()
    timeline = page.locator(".timeline").inner_text()
    assert "Recruiter said the team is growing" in timeline
    assert "Moved to Screening" in timeline
    assert "Moved to Applied" in timeline
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
    assert "Which column holds the company?" in page.content()
    page.get_by_label("Firm").select_option("company")
    page.get_by_role("button", name="Check again").click()
    screenshot(page, "tracker-import-preview")
    page.get_by_role("button", name="Import 2 applications").click()
    assert "Imported 2 applications." in page.content()
    assert page.locator(".app-row", has_text="Globex").get_by_text("No response").is_visible()
