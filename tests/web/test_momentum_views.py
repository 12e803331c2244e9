"""Check-ins, goals, Insights and the review through the real views; an outsider sees none of it."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from onward.momentum import actions
from onward.momentum.models import CheckIn, Goal, Review
from onward.plans import actions as plans
from onward.plans.models import PlanStep, Rejection
from onward.tracker import actions as tracker

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 14)  # a Saturday


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())


def _app(owner: User, company: str, *, applied: date = date(2026, 2, 2), source: str = "job_board") -> object:
    return tracker.add_application(
        owner, company=company, role="Data analyst", today=applied, applied_on=applied, source=source
    ).application


def _rejected(owner: User, company: str, on: date, reached: str = "interview") -> Rejection:
    app = _app(owner, company)
    tracker.change_stage(owner, app, "interviewing", today=on, on=on - timedelta(days=5))  # type: ignore[arg-type]
    return plans.log_rejection(owner, app, today=on, on=on, stage_reached=reached)  # type: ignore[arg-type]


def test_it_checks_ownership(owner: User, outsider_client: Client) -> None:
    found, _ = actions.check_in(owner, 2, today=TODAY, note="A hard one")
    for url in (reverse("momentum:checkin_delete", args=[found.uuid]),):
        assert outsider_client.post(url).status_code == 404
    assert outsider_client.post(reverse("momentum:checkin_delete_all"), {"confirm": "yes"}).status_code == 302
    assert CheckIn.objects.filter(owner=owner).count() == 1
    history = outsider_client.get(reverse("momentum:checkins")).content.decode()
    assert "A hard one" not in history
    rejection = _rejected(owner, "Acme", TODAY)
    step = PlanStep.objects.filter(rejection=rejection).first()
    assert step is not None
    assert outsider_client.get(reverse("momentum:review") + f"?step={step.uuid}").status_code == 404
    assert outsider_client.post(reverse("momentum:review"), {"step": step.uuid, "targeting": "x"}).status_code == 404
    page = outsider_client.get(reverse("momentum:insights")).content.decode()
    assert "Acme" not in page
    assert "Nothing to count yet" in page
    assert not Review.objects.exists()


def test_check_in_from_today_after_a_rejection_with_htmx(owner: User, owner_client: Client) -> None:
    _rejected(owner, "Acme", TODAY - timedelta(days=1))
    today = owner_client.get("/").content.decode()
    assert "checkin-title" in today
    assert "Go gently" in today  # the prompt sits on the pause card
    response = owner_client.post(
        reverse("momentum:checkin"), {"mood": "2", "note": "Tired"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Thank you for checking in" in response.content.decode()
    assert "Be gentle with yourself" in response.content.decode()
    found = CheckIn.objects.get(owner=owner)
    assert (found.mood, found.note, found.on) == (2, "Tired", TODAY)
    again = owner_client.get("/").content.decode()
    assert "checkin-title" not in again  # at most one prompt a day
    assert "You checked in today" in again


def test_a_second_check_in_the_same_day_replaces_the_first(owner: User, owner_client: Client) -> None:
    owner_client.post(reverse("momentum:checkin"), {"mood": "2"})
    owner_client.post(reverse("momentum:checkin"), {"mood": "4", "note": "Better after lunch"})
    assert CheckIn.objects.filter(owner=owner).count() == 1
    assert CheckIn.objects.get(owner=owner).mood == 4


def test_not_now_hides_the_prompt_until_tomorrow(owner: User, owner_client: Client) -> None:
    _rejected(owner, "Acme", TODAY - timedelta(days=1))
    owner_client.post(reverse("momentum:checkin_dismiss"))
    assert "checkin-title" not in owner_client.get("/").content.decode()
    assert not CheckIn.objects.exists()
    assert actions.prompt_checkin(owner, TODAY + timedelta(days=1))


def test_no_prompt_without_a_recent_rejection_but_a_link_any_time(owner: User, owner_client: Client) -> None:
    _app(owner, "Acme")
    page = owner_client.get("/").content.decode()
    assert "checkin-title" not in page
    assert reverse("momentum:checkin") in page


@pytest.mark.parametrize("mood", ["0", "6", "", "great"])
def test_a_bad_mood_is_refused_and_the_note_kept(owner_client: Client, mood: str) -> None:
    response = owner_client.post(reverse("momentum:checkin"), {"mood": mood, "note": "Keep these words"})
    assert response.status_code == 400
    assert "Keep these words" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_history_can_be_deleted_one_by_one_or_all(owner: User, owner_client: Client) -> None:
    first, _ = actions.check_in(owner, 3, today=TODAY - timedelta(days=2), note="<b>bold</b>")
    actions.check_in(owner, 4, today=TODAY - timedelta(days=1))
    actions.check_in(owner, 5, today=TODAY)
    page = owner_client.get(reverse("momentum:checkins")).content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    owner_client.post(reverse("momentum:checkin_delete", args=[first.uuid]))
    assert CheckIn.objects.count() == 2
    owner_client.post(reverse("momentum:checkin_delete_all"))  # not confirmed: nothing goes
    assert CheckIn.objects.count() == 2
    owner_client.post(reverse("momentum:checkin_delete_all"), {"confirm": "yes"})
    assert not CheckIn.objects.exists()


def test_goals_from_settings_and_confirmation_above_200(owner: User, owner_client: Client) -> None:
    settings_page = owner_client.get(reverse("accounts:settings")).content.decode()
    assert "Weekly goals" in settings_page
    response = owner_client.post(reverse("momentum:goals"), {"applications": "-2", "people": "3"})
    assert response.status_code == 400
    assert "can&#x27;t be negative" in response.content.decode()
    response = owner_client.post(reverse("momentum:goals"), {"applications": "250", "people": "3"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Is that right?" in body
    assert 'value="250"' in body  # what was typed is kept
    assert not Goal.objects.exists()
    response = owner_client.post(
        reverse("momentum:goals"), {"applications": "250", "people": "3", "confirm": "on", "next": "/settings/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/settings/"
    goal = actions.current_goal(owner, TODAY)
    assert goal is not None
    assert (goal.applications, goal.people, goal.since) == (250, 3, TODAY)


def test_today_shows_the_weeks_progress_and_pauses_during_a_cool_off(owner: User, owner_client: Client) -> None:
    actions.set_goal(owner, applications=4, people=2, today=TODAY - timedelta(days=30))
    _app(owner, "Acme", applied=TODAY - timedelta(days=1))  # Friday of this week
    page = owner_client.get("/").content.decode()
    assert "1 of 4 applications sent" in page
    assert "0 of 2 people reached" in page
    _rejected(owner, "Globex", TODAY)
    page = owner_client.get("/").content.decode()
    assert "Your weekly goals are paused" in page
    assert "1 of 4" not in page


def test_get_back_step_links_to_goals_and_reassess_to_the_review(owner: User, owner_client: Client) -> None:
    for i, company in enumerate(["A", "B", "C", "D", "E"]):
        _rejected(owner, company, TODAY - timedelta(days=20 - i * 3))
    steps = PlanStep.objects.filter(owner=owner, status="pending")
    reassess = steps.filter(kind="reassess").first()
    assert reassess is not None
    get_back = steps.filter(kind="get_back").first()
    assert get_back is not None
    page = owner_client.get(reverse("plans:step", args=[get_back.uuid])).content.decode()
    assert "Set a weekly goal" in page
    page = owner_client.get(reverse("plans:step", args=[reassess.uuid])).content.decode()
    assert f"{reverse('momentum:review')}?step={reassess.uuid}" in page


def test_review_saves_half_done_and_finishing_settles_the_step(owner: User, owner_client: Client) -> None:
    for i, company in enumerate(["A", "B", "C", "D", "E"]):
        _rejected(owner, company, TODAY - timedelta(days=20 - i * 3))
    step = PlanStep.objects.get(owner=owner, kind="reassess", status="pending")
    url = reverse("momentum:review")
    page = owner_client.get(url).content.decode()  # no ?step: the pending reassess step is used
    assert "Your plan from here" in page
    assert "Where your search" in page
    response = owner_client.post(url, {"step": step.uuid, "action": "finish"})
    assert response.status_code == 400
    assert "at least one answer" in response.content.decode()
    owner_client.post(url, {"step": step.uuid, "targeting": "Mid-size product teams", "action": "save"})
    assert owner_client.get(url + f"?step={step.uuid}").content.decode().count("Mid-size product teams") == 1
    step.refresh_from_db()
    assert step.status == "pending"
    owner_client.post(
        url, {"step": step.uuid, "targeting": "Mid-size product teams", "skills": "dbt", "action": "finish"}
    )
    step.refresh_from_db()
    assert step.status == "done"
    review = Review.objects.get(owner=owner)
    assert review.answers["skills"] == "dbt"
    assert review.finished_on == TODAY


def test_insights_page_numbers_match_the_chart_data(owner: User, owner_client: Client) -> None:
    for i in range(5):
        _app(owner, f"Quiet {i}", applied=date(2026, 1, 5))
    _rejected(owner, "Acme", TODAY - timedelta(days=10))
    actions.check_in(owner, 2, today=TODAY - timedelta(days=10))
    actions.check_in(owner, 4, today=TODAY - timedelta(days=2))
    page = owner_client.get(reverse("momentum:insights")).content.decode()
    start = page.index('<script id="insights-data" type="application/json">') + len(
        '<script id="insights-data" type="application/json">'
    )
    data = json.loads(page[start : page.index("</script>", start)])
    assert data["funnel"]["counts"] == [6, 1, 1, 1, 0, 0]
    assert '<li data-stage="applied"><span>Applied</span> <strong>6</strong></li>' in page
    assert [p["y"] for p in data["mood"]["points"]] == [2, 4]
    assert len(data["mood"]["rejections"]) == 1
    assert "Acme" in data["mood"]["rejections"][0]["company"]
    assert "Your applications stall before anyone answers" in page
    assert "too few to be sure" in page
    assert "chart.umd.min.js" in page


def test_insights_with_no_data_is_a_friendly_empty_state(owner_client: Client) -> None:
    page = owner_client.get(reverse("momentum:insights")).content.decode()
    assert "Nothing to count yet" in page
    assert "No check-ins yet" in page
    assert 'id="chart-funnel"' not in page
    assert "NaN" not in page


def test_a_bad_mood_from_today_comes_back_in_place_with_the_note(owner_client: Client) -> None:
    response = owner_client.post(reverse("momentum:checkin"), {"note": "Still here"}, headers={"HX-Request": "true"})
    assert response.status_code == 200  # htmx swaps only 2xx answers
    body = response.content.decode()
    assert "Pick the face closest to how you feel." in body
    assert "Still here" in body
    assert not CheckIn.objects.exists()


def test_the_review_only_settles_a_step_back_step(owner: User, owner_client: Client) -> None:
    rejection = _rejected(owner, "Acme", TODAY - timedelta(days=3))
    other = PlanStep.objects.filter(rejection=rejection).exclude(kind="reassess").first()
    assert other is not None
    url = reverse("momentum:review")
    assert owner_client.get(url + f"?step={other.uuid}").status_code == 404
    response = owner_client.post(url, {"step": other.uuid, "targeting": "x", "action": "finish"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "pending"


def test_an_impossible_goal_is_refused_even_when_confirmed(owner: User, owner_client: Client) -> None:
    response = owner_client.post(reverse("momentum:goals"), {"applications": "99999999999", "confirm": "on"})
    assert response.status_code == 400
    assert "more than anyone could do" in response.content.decode()
    assert not Goal.objects.exists()


def test_insights_follows_every_change_the_same_day(owner: User) -> None:
    """The funnel is kept in the cache between visits; each kind of change must still show at once."""
    first = _app(owner, "Acme")
    second = _app(owner, "Globex", source="referral")

    def counts() -> tuple[list[int], dict[str, int]]:
        found = actions.insights(owner, TODAY)
        return [found.funnel.counts[k] for k in found.funnel.counts], {
            k: f.applications for k, f in found.by_source.items()
        }

    assert counts() == ([2, 0, 0, 0, 0, 0], {"job_board": 1, "referral": 1})
    assert counts() == ([2, 0, 0, 0, 0, 0], {"job_board": 1, "referral": 1})  # from the cache, unchanged
    tracker.change_stage(owner, first, "screening", today=TODAY, on=TODAY)  # type: ignore[arg-type]
    assert counts()[0] == [2, 1, 1, 0, 0, 0]
    tracker.update_application(owner, second, today=TODAY, company="Globex", source="company_site")  # type: ignore[arg-type]
    assert counts()[1] == {"job_board": 1, "company_site": 1}
    _app(owner, "Initech")
    assert counts()[0] == [3, 1, 1, 0, 0, 0]
    second.delete()  # type: ignore[attr-defined]
    assert counts()[0] == [2, 1, 1, 0, 0, 0]


def test_a_week_with_rest_only_says_smaller_when_a_number_went_down(owner: User, owner_client: Client) -> None:
    monday = TODAY - timedelta(days=5)
    _rejected(owner, "Acme", monday)  # an interview: Monday and Tuesday are for rest
    actions.set_goal(owner, applications=3, people=2, today=TODAY - timedelta(days=30))
    page = owner_client.get("/").content.decode()
    assert "0 of 3 applications sent" in page  # 3 × 5/7, rounded up, is still 3
    assert "smaller" not in page
    assert "usually" not in page
    assert "2 days of this week were for rest." in page
    actions.set_goal(owner, applications=7, people=2, today=TODAY - timedelta(days=20))
    page = owner_client.get("/").content.decode()
    assert "0 of 5 applications sent" in page
    assert "(usually 7)" in page
    assert page.count("(usually") == 1  # the people's number did not go down
    assert "This week's goal is smaller than usual: 2 days of it were for rest." in page


def test_the_goals_page_does_not_link_to_itself(owner_client: Client) -> None:
    page = owner_client.get(reverse("momentum:goals")).content.decode()
    assert "Save goals" in page
    assert "Set a weekly goal" not in page
    assert "This week so far" in page


def test_setting_a_goal_from_the_step_forward_card_settles_it(owner: User, owner_client: Client) -> None:
    rejection = _rejected(owner, "Acme", TODAY - timedelta(days=5))
    step = rejection.steps.get(kind="get_back")
    page = owner_client.get(reverse("plans:step", args=[step.uuid])).content.decode()
    assert f"{reverse('momentum:goals')}?step={step.uuid}&amp;next=" in page
    form = owner_client.get(reverse("momentum:goals"), {"step": step.uuid, "next": "/"}).content.decode()
    assert f'name="step" value="{step.uuid}"' in form
    owner_client.post(reverse("momentum:goals"), {"applications": "0", "people": "0", "step": step.uuid, "next": "/"})
    step.refresh_from_db()
    assert step.status == "pending"  # "no goal for now" is not the step
    response = owner_client.post(
        reverse("momentum:goals"), {"applications": "3", "people": "2", "step": step.uuid, "next": "/"}, follow=True
    )
    body = response.content.decode()
    assert "Done: One step forward." in body
    assert ">One step forward</a>" not in body
    step.refresh_from_db()
    assert (step.status, step.completed_on) == ("done", TODAY)


def test_a_goal_set_from_a_steps_own_page_goes_on_to_today(owner: User, owner_client: Client) -> None:
    rejection = _rejected(owner, "Acme", TODAY - timedelta(days=5))
    step = rejection.steps.get(kind="get_back")
    step_url = reverse("plans:step", args=[step.uuid])
    page = owner_client.get(step_url).content.decode()
    link = f"{reverse('momentum:goals')}?step={step.uuid}&amp;next={step_url}"
    assert f'href="{link}"' in page  # the link keeps the step and where it was opened from
    form = owner_client.get(link.replace("&amp;", "&")).content.decode()
    assert f'name="next" value="{step_url}"' in form
    data = {"applications": "3", "people": "2", "step": str(step.uuid), "next": step_url}
    response = owner_client.post(reverse("momentum:goals"), data)
    # The step is done, so its page has nothing left to offer: Today, where the new goal shows.
    assert response.headers["Location"] == reverse("core:home")
    today_page = owner_client.get(response.headers["Location"]).content.decode()
    assert "Saved. Your goal counts from this week" in today_page
    assert "Done: One step forward." in today_page
    assert ">One step forward</a>" not in today_page
    # "No weekly goal for now" is not the step: it goes back to the step's page, still waiting there.
    other = _rejected(owner, "Initech", TODAY - timedelta(days=5)).steps.get(kind="get_back")
    other_url = reverse("plans:step", args=[other.uuid])
    none = {"applications": "0", "people": "0", "step": str(other.uuid), "next": other_url}
    assert owner_client.post(reverse("momentum:goals"), none).headers["Location"] == other_url
    other.refresh_from_db()
    assert other.status == "pending"
