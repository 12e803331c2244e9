"""The welcome page of an empty account, and the example search it offers: explore it, then clear it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from onward.accounts.models import Preferences
from onward.clock import today
from onward.tracker import actions as tracker
from onward.tracker.demo import STORY
from onward.tracker.models import Application

pytestmark = pytest.mark.django_db

BANNER = "You're looking at an example search"


def _explore(client: Client) -> None:
    response = client.post(reverse("core:explore_example"))
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("core:home")


def _applications(user: User) -> int:
    return Application.objects.for_user(user).count()


def test_an_empty_account_is_welcomed_with_three_ways_in(owner_client: Client) -> None:
    html = owner_client.get("/").content.decode()
    assert "Welcome to onward" in html
    assert f'href="{reverse("tracker:add")}"' in html
    assert f'href="{reverse("mailimport:start")}"' in html
    assert f'href="{reverse("tracker:import_csv")}"' in html
    assert f'action="{reverse("core:explore_example")}"' in html
    assert "csrfmiddlewaretoken" in html
    assert "What happens after a rejection" in html
    assert BANNER not in html


def test_exploring_fills_the_account_and_every_page_says_it_is_the_example(owner_client: Client, owner: User) -> None:
    _explore(owner_client)
    assert _applications(owner) == len(STORY)
    assert Preferences.objects.get(owner=owner).example_search
    home = owner_client.get("/").content.decode()
    assert "Welcome to onward" not in home
    for url in ("/", reverse("tracker:board"), reverse("accounts:settings")):
        html = owner_client.get(url).content.decode()
        assert BANNER in html
        assert f'href="{reverse("core:clear_example")}"' in html


def test_clearing_asks_first_then_removes_everything_and_the_welcome_returns(owner_client: Client, owner: User) -> None:
    _explore(owner_client)
    tracker.add_application(owner, company="My own pick", role="Analyst", today=today())
    confirm = owner_client.get(reverse("core:clear_example"))
    assert confirm.status_code == 200
    assert "Clear the example" in confirm.content.decode()
    assert BANNER not in confirm.content.decode()
    assert _applications(owner) == len(STORY) + 1  # asking changes nothing

    response = owner_client.post(reverse("core:clear_example"), follow=True)
    html = response.content.decode()
    assert _applications(owner) == 0
    assert not Preferences.objects.filter(owner=owner, example_search=True).exists()
    assert "Welcome to onward" in html
    assert "The example is cleared" in html
    assert BANNER not in html


def test_a_get_or_a_second_post_never_creates_twice(owner_client: Client, owner: User) -> None:
    assert owner_client.get(reverse("core:explore_example")).status_code == 405
    assert _applications(owner) == 0
    _explore(owner_client)
    response = owner_client.post(reverse("core:explore_example"), follow=True)
    assert _applications(owner) == len(STORY)
    assert "Nothing was added" in response.content.decode()


def test_the_example_never_joins_someones_own_applications(owner_client: Client, owner: User) -> None:
    tracker.add_application(owner, company="Acme", role="Analyst", today=today())
    owner_client.post(reverse("core:explore_example"))
    assert _applications(owner) == 1
    assert not Preferences.objects.filter(owner=owner, example_search=True).exists()
    # Their own search is not "the example": the clear page has nothing to offer and deletes nothing.
    assert owner_client.get(reverse("core:clear_example")).headers["Location"] == reverse("core:home")
    owner_client.post(reverse("core:clear_example"))
    assert _applications(owner) == 1


def test_exploring_needs_the_csrf_token(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(reverse("core:explore_example")).status_code == 403
    assert client.post(reverse("core:clear_example")).status_code == 403
    assert _applications(owner) == 0


def test_an_outsider_cannot_clear_someone_elses_example(
    owner_client: Client, owner: User, outsider_client: Client, outsider: User
) -> None:
    _explore(owner_client)
    tracker.add_application(outsider, company="Acme", role="Analyst", today=today())
    assert BANNER not in outsider_client.get("/").content.decode()
    assert outsider_client.get(reverse("core:clear_example")).status_code == 302
    outsider_client.post(reverse("core:clear_example"))
    assert _applications(owner) == len(STORY)
    assert _applications(outsider) == 1
    assert BANNER in owner_client.get("/").content.decode()


def test_in_server_mode_each_account_has_its_own_example(
    settings: object, owner_client: Client, owner: User, outsider_client: Client, outsider: User
) -> None:
    settings.ONWARD_MODE = "server"  # type: ignore[attr-defined]
    _explore(owner_client)
    html = outsider_client.get("/").content.decode()
    assert "Welcome to onward" in html
    assert BANNER not in html
    assert _applications(outsider) == 0

    _explore(outsider_client)
    owner_client.post(reverse("core:clear_example"))
    assert _applications(owner) == 0
    assert _applications(outsider) == len(STORY)
    assert BANNER in outsider_client.get("/").content.decode()
    assert "Welcome to onward" in owner_client.get("/").content.decode()
