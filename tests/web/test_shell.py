"""The shell: signing in with the one-time link, the layout, health and error pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse

from onward.accounts.actions import LOCAL_USERNAME, create_login_link

pytestmark = pytest.mark.django_db


def test_a_visitor_without_the_link_gets_a_friendly_explanation(client: Client) -> None:
    response = client.get("/", follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:signin"))
    assert response.status_code == 200
    assert b"onward link" in response.content
    assert b"Welcome to onward" not in response.content


def test_the_login_link_signs_in_the_local_user_once(client: Client) -> None:
    token = create_login_link()
    response = client.get(f"/login/{token}/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert b"Welcome to onward" in home.content
    assert home.context["user"].username == LOCAL_USERNAME

    stranger = Client()
    again = stranger.get(f"/login/{token}/")
    assert again.status_code == 403
    assert b"already been used" in again.content
    assert stranger.get("/").status_code == 302


def test_an_expired_or_unknown_link_does_not_sign_in(client: Client) -> None:
    token = create_login_link(lifetime=timedelta(seconds=-1))
    assert client.get(f"/login/{token}/").status_code == 403
    assert client.get("/login/not-a-real-token/").status_code == 403
    assert client.get("/").status_code == 302


def test_a_signed_in_browser_following_a_spent_link_just_goes_home(client: Client) -> None:
    token = create_login_link()
    client.get(f"/login/{token}/")
    assert client.get(f"/login/{token}/").headers["Location"] == "/"


def test_the_layout_wires_htmx_with_the_csrf_header(owner_client: Client) -> None:
    html = owner_client.get("/").content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert "htmx" in html
    assert 'aria-current="page"' in html


def test_navigation_lists_only_pages_that_exist(owner_client: Client) -> None:
    from onward.core.nav import NAV

    html = owner_client.get("/").content.decode()
    for item in NAV:
        assert owner_client.get(reverse(item.url_name)).status_code == 200
        assert item.label in html


def test_healthz_answers_without_signing_in(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_unknown_pages_get_a_friendly_404(owner_client: Client) -> None:
    response = owner_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "couldn't find that page" in response.content.decode()


def test_the_stylesheet_is_found(owner_client: Client) -> None:
    from django.contrib.staticfiles import finders

    assert finders.find("onward/css/onward.css")
    assert finders.find("onward/favicon.svg")


@override_settings(ONWARD_MODE="server")
def test_server_mode_signs_in_with_a_password_and_keeps_what_was_typed(client: Client, owner: User) -> None:
    response = client.post(reverse("accounts:signin"), {"username": "alex", "password": "wrong"})
    assert response.status_code == 400
    assert b'value="alex"' in response.content
    response = client.post(reverse("accounts:signin"), {"username": "alex", "password": "a-long-passphrase"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


@override_settings(ONWARD_MODE="server")
def test_server_mode_ignores_login_links_and_offsite_next(client: Client, owner: User) -> None:
    token = create_login_link()
    assert client.get(f"/login/{token}/").status_code == 403
    response = client.post(
        reverse("accounts:signin"),
        {"username": "alex", "password": "a-long-passphrase", "next": "https://evil.example/"},
    )
    assert response.headers["Location"] == "/"


@override_settings(ONWARD_MODE="server")
def test_sign_out_needs_a_post(owner_client: Client) -> None:
    assert owner_client.get(reverse("accounts:signout")).status_code == 405
    assert owner_client.post(reverse("accounts:signout")).status_code == 302
    assert owner_client.get("/").status_code == 302


def test_an_outsider_is_a_different_person(owner_client: Client, outsider_client: Client, owner: User) -> None:
    # Nothing is owned yet in the shell; the outsider sees their own session only.
    assert outsider_client.get("/").context["user"] != owner
