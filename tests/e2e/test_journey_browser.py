"""A rejection day, start to finish, as a person lives it: one test, through the browser only.

From a fresh data folder: track an application with an interview and the two people met, log the "no"
from the quick form, rest (Today shows only the pause and the check-in), check in; then, with the clock
moved past the cool-off, thank one interviewer, skip a connection note, reflect, log the feedback and see
its theme, set a weekly goal from the "one step forward" step (which settles it) and add the next
application.

"Today" is pinned with ``ONWARD_TODAY``; moving time on means stopping ``onward serve`` and starting it
again on the same data folder with a later date (the browser keeps its context and signs in with the new
link). Every step leaves a full-page screenshot in ``test-artifacts/journey/`` (emptied at the start),
numbered in order, so the whole day can be looked at as a strip; any console or page error fails the test.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import ARTIFACTS, serve

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "journey"
NEWS = date(2026, 3, 2)  # a Monday: the day the "no" arrives
INTERVIEW = NEWS - timedelta(days=5)
APPLIED = NEWS - timedelta(days=21)
AFTER = NEWS + timedelta(days=2)  # an interview's cool-off is two days: this is the first day after it
WAIT = 15_000  # ms; generous, as CI machines run the server, the browser and the other tests at once


def see(locator: Locator, *texts: str) -> None:
    """Wait until the locator shows, and holds each text."""
    expect(locator.first).to_be_visible(timeout=WAIT)
    for text in texts:
        expect(locator).to_contain_text(text, timeout=WAIT)


def gone(locator: Locator) -> None:
    expect(locator).to_have_count(0, timeout=WAIT)


class Journey:
    """The browser page, the errors it has logged, and the numbered screenshots."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.count = 0
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def shot(self, what: str) -> None:
        assert self.errors == [], f"before {what}: {self.errors}"
        self.count += 1
        self.page.screenshot(path=str(SHOTS / f"{self.count:02d}-{what}.png"), full_page=True)

    def card(self, title: str) -> Locator:
        return self.page.locator("article.step-card", has_text=title)

    def open_step(self, title: str) -> None:
        """Open a step listed under Today's first few cards ("N more in your plan"): its page is its card."""
        self.page.locator(".due-more").get_by_role("link", name=title).click()
        see(self.page.get_by_role("heading", level=1, name=title))


def test_a_rejection_day_from_start_to_finish(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    data_dir = tmp_path / "data"
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    journey = Journey(context.new_page())
    try:
        with serve(data_dir, ONWARD_TODAY=NEWS.isoformat()) as server:
            journey.page.goto(server.login_link)
            _track_the_interview(journey)
            _hear_no_and_rest(journey)
        with serve(data_dir, ONWARD_TODAY=AFTER.isoformat()) as server:
            journey.page.goto(server.login_link)
            _keep_the_door_open(journey)
            _learn_from_it(journey)
            _back_to_momentum(journey)
        assert journey.errors == []
    finally:
        context.close()


def _track_the_interview(journey: Journey) -> None:
    page = journey.page
    see(page.get_by_role("heading", name="Welcome to onward"))
    journey.shot("welcome")

    page.get_by_role("link", name="Add an application").first.click()
    page.get_by_label("Company").fill("Northwind")
    page.get_by_label("Role").fill("Data analyst")
    page.get_by_label("Stage").select_option("interviewing")
    page.get_by_label("Applied on").fill(APPLIED.isoformat())
    journey.shot("application-form")
    page.get_by_role("button", name="Add it").click()
    see(page.get_by_role("heading", level=1), "Data analyst")

    page.get_by_role("link", name="Add an interview").click()
    page.wait_for_url("**/interviews/new/")  # the application's page has a "Date" field too (for notes)
    page.get_by_label("Date").fill(INTERVIEW.isoformat())
    page.get_by_label("Kind").select_option("panel")
    page.get_by_label("New people you met").fill(
        "Priya Shah, priya@northwind.example\nTom Okafor, tom@northwind.example"
    )
    page.get_by_label("Topics discussed").fill("forecasting churn, the self-serve dashboards")
    page.get_by_label("What they responded to").fill("The churn dashboard story")
    journey.shot("interview-form")
    page.get_by_role("button", name="Save the interview").click()
    see(page.locator("main"), "Interview saved.")
    see(page.locator("section", has=page.get_by_role("heading", name="People")), "Priya Shah", "Tom Okafor")
    see(page.locator(".timeline"), "Panel interview with Priya Shah, Tom Okafor")
    journey.shot("application-with-interview")


def _hear_no_and_rest(journey: Journey) -> None:
    page = journey.page
    page.get_by_role("link", name="I got a rejection").click()
    page.get_by_label("Company").fill("Northwind")
    page.get_by_label("Role").fill("Data analyst")
    expect(page.get_by_label("When did the news arrive?")).to_have_value(NEWS.isoformat())
    page.get_by_label("Did they give a reason?").fill("They went with someone with more retail experience.")
    journey.shot("rejection-form")
    page.get_by_role("button", name="Log it").click()

    # Today, during the cool-off: the pause and the check-in, and no task asking for anything.
    see(page.locator("main"), "It's logged.")
    pause = page.locator(".pause-card")
    see(pause.get_by_role("heading", name="Go gently"))
    see(pause, "nothing here will ask you to job-hunt until Wednesday")
    see(pause.get_by_role("heading", name="How are you today?"))
    gone(page.locator("article.step-card"))
    gone(page.get_by_role("heading", name="For today", exact=True))
    gone(page.get_by_role("heading", name="When you feel ready"))
    main = page.locator("main").inner_text()
    for waits in ("Connect with", "Look back on the interview", "One step forward", "Add an application"):
        assert waits not in main, waits
    see(page.locator(".week-card"), "goals are paused while you take time")
    journey.shot("today-cool-off")

    prompt = pause.locator("form.checkin")
    prompt.get_by_text("Add a few words first").click()
    prompt.get_by_label("Anything you want to remember about today").fill("Disappointed. The walk helped.")
    prompt.get_by_role("button", name="Low").click()
    see(page.get_by_role("status").filter(has_text="Thank you for checking in"), "Be gentle with yourself.")
    journey.shot("checked-in")


def _keep_the_door_open(journey: Journey) -> None:
    page = journey.page
    # The first day after the cool-off: the pause has passed and the steps are here, a few at a time.
    due = page.locator("section", has=page.get_by_role("heading", name="For today", exact=True))
    for title in ("Thank Priya Shah", "Thank Tom Okafor", "Ask Northwind for feedback"):
        see(due.locator("article.step-card", has_text=title))
    expect(due.locator("article.step-card")).to_have_count(3)
    # The thank-yous were planned for the day after the news, inside the rest: they read as today's.
    see(journey.card("Thank Priya Shah").locator(".step-card__meta"), "Today")
    assert "3 March" not in due.inner_text()
    more = due.locator(".due-more")
    see(more.get_by_role("heading", name="4 more in your plan"))
    for title in (
        "Connect with Priya Shah",
        "Connect with Tom Okafor",
        "Look back on the interview",
        "One step forward",
    ):
        see(more.get_by_role("link", name=title))
    gone(page.locator(".pause-card"))
    journey.shot("today-after-cool-off")

    journey.card("Thank Priya Shah").get_by_role("link", name="Write the thank-you").click()
    see(page.get_by_role("heading", name="Thank-you to Priya Shah"))
    see(page.locator(".draft__to"), "priya@northwind.example")
    expect(page.get_by_label("Subject")).to_have_value("Thank you, Priya")
    body = page.get_by_label("Message")
    expect(body).to_have_value(re.compile(r"^Hi Priya,"))
    expect(body).to_have_value(re.compile("churn dashboard story"))  # the detail from the interview notes
    expect(body).to_have_value(re.compile("Northwind"))
    see(page.locator("#lint"), "Reads well")
    journey.shot("thank-you-draft")
    page.get_by_role("button", name="I sent it").click()
    see(page.locator("main"), "A thank-you like that is remembered.")
    gone(journey.card("Thank Priya Shah"))
    see(journey.card("Thank Tom Okafor"))  # his is still there, for when it suits
    journey.shot("thank-you-sent")

    journey.open_step("Connect with Tom Okafor")
    with page.expect_response(lambda r: "/skip/" in r.url):
        journey.card("Connect with Tom Okafor").get_by_role("button", name="Skip — Connect with Tom Okafor").click()
    see(page.get_by_role("status").filter(has_text="Skipped: Connect with Tom Okafor."))
    gone(journey.card("Connect with Tom Okafor"))
    journey.shot("connection-note-skipped")
    page.get_by_role("link", name="Today").first.click()
    see(journey.card("Connect with Priya Shah"))  # next in line, now a card
    gone(page.get_by_text("Connect with Tom Okafor"))


def _learn_from_it(journey: Journey) -> None:
    page = journey.page
    journey.open_step("Look back on the interview")
    journey.card("Look back on the interview").get_by_role("link", name="Reflect now").click()
    see(page.locator("main"), "Panel interview on 25 February with Priya Shah, Tom Okafor")
    page.locator("#area-preparation").get_by_label("4", exact=True).check()
    examples = page.locator("#area-examples")
    examples.get_by_label("2", exact=True).check()
    examples.get_by_role("textbox").fill("Asked about a deadline, I told a university story; my bank work fits better.")
    page.locator("#area-strengths").get_by_role("textbox").fill("The churn dashboard story landed well.")
    journey.shot("reflection")
    page.get_by_role("button", name="Done: keep these lessons").click()
    expect(page).to_have_url(re.compile(r"/lessons/$"), timeout=WAIT)
    see(page.locator("main"), "The churn dashboard story landed well.")
    journey.shot("lessons-after-reflection")

    page.get_by_role("link", name="Applications").first.click()
    page.locator(".app-row", has_text="Northwind").get_by_role("link", name="Data analyst").first.click()
    # The story in date order, newest first: the day's news above the interview, the close above the news.
    story = page.locator(".timeline").inner_text()
    order = ["Moved to Closed", "The news came", "Moved to Interviewing", "Panel interview", "Moved to Applied"]
    assert [story.index(entry) for entry in order] == sorted(story.index(entry) for entry in order), story
    page.get_by_role("link", name="See the next steps").click()
    plan = page.locator(".plan-list")
    see(plan, "Thank Priya Shah · done", "Connect with Tom Okafor · skipped", "Look back on the interview · done")
    page.get_by_label("What they said").fill(
        "Priya wrote back: your SQL was strong, but we'd have liked more concrete examples with results "
        "from your day job."
    )
    journey.shot("plan-with-feedback")
    page.get_by_role("button", name="Save the feedback").click()
    see(page.get_by_role("heading", name="Feedback from Northwind"))
    see(page.locator(".themes"), "Examples and results")
    journey.shot("feedback-themes")
    page.get_by_role("link", name="Applications").first.click()  # the reply to it is planned, to the company
    page.locator(".app-row", has_text="Northwind").get_by_role("link", name="Data analyst").first.click()
    page.get_by_role("link", name="See the next steps").click()
    see(page.locator(".plan-list"), "Thank Northwind for the feedback", "Ask Northwind for feedback")

    page.get_by_role("link", name="Lessons").first.click()
    # The feedback and the reflection say the same thing: it recurs, with both quotes.
    see(page.locator(".lesson", has_text="Examples and results"), "2 times", "concrete examples with results")
    journey.shot("lessons-with-theme")


def _back_to_momentum(journey: Journey) -> None:
    page = journey.page
    page.get_by_role("link", name="Today").first.click()
    journey.open_step("One step forward")
    journey.card("One step forward").get_by_role("link", name="Set a weekly goal").click()
    page.wait_for_url(re.compile(r"/goals/"))  # the step's page had the link: look for it on the goals page
    gone(page.get_by_role("link", name="Set a weekly goal"))  # the form is the way to set it here
    page.get_by_label("Applications a week").fill("3")
    page.get_by_label("People reached a week").fill("2")
    journey.shot("weekly-goal")
    page.get_by_role("button", name="Save goals").click()
    see(page.locator("main"), "Done: One step forward.")  # setting the goal was the step
    see(page.get_by_role("heading", name="Today", exact=True))  # and with the step done, Today is next
    gone(page.get_by_role("link", name="One step forward"))  # said once in the message, no longer a step
    # The thank-you to Priya counts as a person reached; the rest days didn't lower these small numbers,
    # so the week doesn't claim they did.
    week = page.locator(".week-card")
    see(week, "0 of 3 applications sent", "1 of 2 people reached", "2 days of this week were for rest")
    assert "smaller" not in week.inner_text()
    journey.shot("today-with-goal")

    page.get_by_role("link", name="Applications").first.click()
    page.get_by_role("link", name="Add an application").first.click()
    page.get_by_label("Company").fill("Contoso")
    page.get_by_label("Role").fill("Analytics engineer")
    journey.shot("next-application-form")
    page.get_by_role("button", name="Add it").click()
    see(page.get_by_role("heading", level=1), "Analytics engineer")
    see(page.locator("main"), "Added Contoso")
    journey.shot("next-application")
    page.get_by_role("link", name="Today").first.click()
    see(page.locator(".week-card"), "1 of 3 applications sent")
    journey.shot("today-end-of-day")
