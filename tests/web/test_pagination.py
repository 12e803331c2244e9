"""Long lists a page at a time: the applications, contacts, check-ins, the board's columns and long stories.
An outsider sees none of it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from onward.momentum.models import CheckIn
from onward.tracker import actions
from onward.tracker.models import Application, Company, Contact

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 14)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())


def _applications(owner: User, count: int, *, stage: str = "applied", source: str = "job_board") -> None:
    """``count`` applications at one stage, the first one the most recently active."""
    companies = Company.objects.bulk_create(
        Company(owner=owner, name=f"{stage.title()} Company {n:03d}") for n in range(count)
    )
    Application.objects.bulk_create(
        Application(
            owner=owner,
            company=company,
            role="Data analyst",
            stage=stage,
            source=source,
            applied_on=TODAY - timedelta(days=60),
            stage_changed_on=TODAY - timedelta(days=n),
            last_activity_on=TODAY - timedelta(days=n),
        )
        for n, company in enumerate(companies)
    )


def _names(page: str) -> list[str]:
    return re.findall(r'class="app-row__company">([^<]+)<', page)


def test_the_list_shows_fifty_at_a_time_and_its_links_keep_the_filters(owner_client: Client, owner: User) -> None:
    _applications(owner, 60, source="referral")
    _applications(owner, 3, stage="screening")
    first = owner_client.get(reverse("tracker:list"), {"source": "referral"}).content.decode()
    assert len(_names(first)) == 50
    assert "60 applications" in first
    assert "Page 1 of 2" in first
    assert 'href="/applications/?source=referral&amp;page=2"' in first
    assert 'rel="prev"' not in first
    second = owner_client.get(reverse("tracker:list"), {"source": "referral", "page": "2"}).content.decode()
    assert len(_names(second)) == 10
    assert set(_names(first)).isdisjoint(_names(second))
    assert 'href="/applications/?source=referral"' in second  # back to the first page, the filter kept
    assert "Screening Company" not in first + second
    # A page number past the end shows the last page; one that isn't a number, the first.
    assert _names(owner_client.get(reverse("tracker:list"), {"source": "referral", "page": "9"}).content.decode()) == (
        _names(second)
    )
    assert (
        _names(owner_client.get(reverse("tracker:list"), {"source": "referral", "page": "x"}).content.decode())[0]
        == "Applied Company 000"
    )


def test_the_lists_pages_swap_in_place_with_htmx(owner_client: Client, owner: User) -> None:
    _applications(owner, 55)
    body = owner_client.get(reverse("tracker:list"), {"page": "2"}, headers={"HX-Request": "true"}).content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert 'hx-get="/applications/"' in body
    assert 'hx-target="#results"' in body


def test_a_board_column_shows_its_most_recent_cards_and_links_to_the_rest(owner_client: Client, owner: User) -> None:
    _applications(owner, 35)
    _applications(owner, 40, stage="rejected")
    board = owner_client.get(reverse("tracker:board")).content.decode()
    assert board.count('class="board-card"') == 20
    assert "Applied Company 019" in board
    assert "Applied Company 020" not in board  # the least recently active wait in the list
    assert '<span class="count">35</span>' in board
    assert 'href="/applications/?stage=applied">See all 35 in the list' in board
    assert "Show 40 closed applications" in board
    unfolded = owner_client.get(reverse("tracker:board"), {"closed": "1"}).content.decode()
    assert unfolded.count('class="board-card"') == 40
    assert 'href="/applications/?stage=rejected">See all 40 in the list' in unfolded


def test_contacts_and_check_ins_come_a_page_at_a_time(owner_client: Client, owner: User) -> None:
    Contact.objects.bulk_create(Contact(owner=owner, name=f"Person {n:03d}") for n in range(51))
    CheckIn.objects.bulk_create(CheckIn(owner=owner, on=TODAY - timedelta(days=n), mood=3) for n in range(52))
    contacts = owner_client.get(reverse("tracker:contacts")).content.decode()
    assert "Person 049" in contacts
    assert "Person 050" not in contacts
    assert "Person 050" in owner_client.get(reverse("tracker:contacts"), {"page": "2"}).content.decode()
    checkins = owner_client.get(reverse("momentum:checkins")).content.decode()
    assert checkins.count('class="checkin-list__item"') == 50
    assert "Yes, delete all 52 check-ins" in checkins
    assert (
        owner_client.get(reverse("momentum:checkins"), {"page": "2"})
        .content.decode()
        .count('class="checkin-list__item"')
        == 2
    )


def test_a_long_story_shows_its_newest_entries_and_the_rest_on_asking(owner_client: Client, owner: User) -> None:
    application = actions.add_application(owner, company="Acme", role="Analyst", today=TODAY - timedelta(days=80))
    for n in range(1, 56):
        actions.add_note(owner, application.application, f"Note number {n}", today=TODAY, on=TODAY - timedelta(days=n))
    url = reverse("tracker:detail", args=[application.application.uuid])
    page = owner_client.get(url).content.decode()
    assert page.count('class="timeline__item ') == 50
    assert "Note number 1<" in page
    assert "Note number 55<" not in page
    assert "These are the newest 50 of 56 entries." in page
    whole = owner_client.get(url, {"story": "all"}).content.decode()
    assert whole.count('class="timeline__item ') == 56
    assert "These are the newest" not in whole


def test_an_outsider_pages_through_nothing_of_the_owners(outsider_client: Client, owner: User) -> None:
    _applications(owner, 60)
    for name in ("tracker:list", "tracker:board", "tracker:contacts", "momentum:checkins"):
        page = outsider_client.get(reverse(name), {"page": "2"}).content.decode()
        assert "Applied Company" not in page
        assert "Page 1 of" not in page
    story = Application.objects.for_user(owner).first()
    assert story is not None
    assert outsider_client.get(reverse("tracker:detail", args=[story.uuid]), {"story": "all"}).status_code == 404


def test_a_long_backlog_on_today_comes_a_few_steps_at_a_time(owner_client: Client, owner: User) -> None:
    from onward.plans import actions as plans

    for n in range(15):
        plans.log_rejection_for(
            owner, company=f"Globex {n}", role="Analyst", today=TODAY, on=TODAY - timedelta(days=40 + n)
        )
    first = owner_client.get(reverse("core:home")).content.decode()
    # Twelve steps a page: the first three as cards, the other nine a line each under "N more in your plan".
    assert first.count('<article class="step-card ') == 3
    more = first.split('class="due-more"')[1].split("</ul>")[0]
    assert more.count("<li>") == 9
    assert "Page 1 of" in first
    assert 'href="/?page=2"' in first
    second = owner_client.get(reverse("core:home"), {"page": "2"}).content.decode()
    assert second.count('<article class="step-card ') == 0  # a later page is the rest of the list
    assert 0 < second.split('class="due-more"')[1].split("</ul>")[0].count("<li>") <= 12
