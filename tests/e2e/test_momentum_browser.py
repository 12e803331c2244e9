"""Insights, check-ins and goals in a real browser: the charts draw, and their text says the same numbers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer, screenshot

pytestmark = pytest.mark.browser

CHARTS = ("funnel", "weekly", "mood", "themes")


def _painted(page, chart: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the chart's canvas has any drawn pixel (a blank canvas is all transparent)."""
    return bool(
        page.evaluate(
            """(id) => {
                const canvas = document.getElementById(id);
                const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
                for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) { return true; } }
                return false;
            }""",
            f"chart-{chart}",
        )
    )


def test_insights_charts_draw_and_match_their_text(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    done = onward_server.cli("demo")
    assert done.returncode == 0, done.stderr
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(onward_server.url + "insights/")
    page.wait_for_function("window.onwardCharts && Object.keys(window.onwardCharts).length === 4")
    for chart in CHARTS:
        assert page.locator(f"canvas#chart-{chart}").is_visible()
        assert _painted(page, chart), chart
    # The funnel's bars are the numbers in the list beside it.
    drawn = page.evaluate("window.onwardCharts.funnel.data.datasets[0].data")
    written = [int(n) for n in page.locator(".funnel-list strong").all_inner_texts()]
    assert drawn == written
    assert written[0] == 26
    # The weekly totals in the text are the sums of the bars.
    weekly = page.evaluate("window.onwardCharts.weekly.data.datasets.map(d => d.data)")
    assert int(page.locator("[data-total=applications]").inner_text()) == sum(weekly[0])
    assert int(page.locator("[data-total=people]").inner_text()) == sum(weekly[1])
    # One point per check-in, one marker per rejection.
    mood = page.evaluate("window.onwardCharts.mood.data.datasets.map(d => d.data.length)")
    assert int(page.locator("[data-total=checkins]").inner_text()) == mood[0]
    summary = page.locator("#mood-summary").inner_text()
    assert re.search(rf"\b{mood[1]} rejections? in that time", summary)
    themes = page.evaluate("window.onwardCharts.themes.data.datasets[0].data")
    assert themes == [int(n) for n in page.locator("#themes-summary strong").all_inner_texts()]
    # At a glance: where it stalls and what to try.
    diagnosis = page.locator("#diagnosis")
    assert "stall most" in diagnosis.inner_text()
    assert diagnosis.locator("li").count() >= 2
    assert errors == []
    screenshot(page, "insights-desktop")


def test_insights_at_phone_width(browser, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    assert onward_server.cli("demo").returncode == 0
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(onward_server.login_link)
    page.goto(onward_server.url + "insights/")
    page.wait_for_function("window.onwardCharts && Object.keys(window.onwardCharts).length === 4")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for chart in CHARTS:
        box = page.locator(f"#chart-{chart}").bounding_box()
        assert box is not None
        assert 200 < box["width"] <= 375
        assert _painted(page, chart)
    assert errors == []
    screenshot(page, "insights-phone")
    context.close()


def test_check_in_and_goal_from_today(page, onward_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    assert onward_server.cli("demo").returncode == 0
    page.goto(onward_server.url)
    assert page.get_by_role("heading", name="This week").is_visible()
    assert "goal" in page.locator(".week-card").inner_text()
    prompt = page.locator("form.checkin")
    prompt.get_by_text("Add a few words first").click()
    prompt.get_by_label("Anything you want to remember about today").fill("Slept badly; the walk helped.")
    prompt.get_by_role("button", name="Low").click()
    page.get_by_role("status").filter(has_text="Thank you for checking in").wait_for()
    assert page.url == onward_server.url  # answered in place
    page.goto(onward_server.url + "checkins/")
    assert "Slept badly; the walk helped." in page.content()
    page.goto(onward_server.url + "settings/")
    goals = page.locator("#goals")
    goals.get_by_label("Applications a week").fill("300")
    goals.get_by_role("button", name="Save goals").click()
    expect(page.locator("body")).to_contain_text("Is that right?")
    expect(page.get_by_label("Applications a week")).to_have_value("300")
    page.get_by_label("Applications a week").fill("3")
    page.get_by_role("button", name="Save goals").click()
    expect(page).to_have_url(re.compile(r"/settings/#goals$"))
    expect(page.locator("#goals").get_by_label("Applications a week")).to_have_value("3")
