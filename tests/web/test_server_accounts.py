"""Server mode's accounts: sign-up (open, by invitation, closed), sign-in limits, password reset
and change, signing out everywhere, and the headers every response carries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from onward.accounts import actions
from onward.accounts.models import Invitation, Preferences

pytestmark = pytest.mark.django_db
PASSWORD = "quiet river morning tea"


@pytest.fixture
def server(settings: object) -> object:
    settings.ONWARD_MODE = "server"  # type: ignore[attr-defined]
    settings.ONWARD_SIGNUP = "open"  # type: ignore[attr-defined]
    settings.ONWARD_PROXY_COUNT = 0  # type: ignore[attr-defined]
    return settings


def sign_up(client: Client, path: str = "/signup/", **fields: str) -> object:
    data = {"email": "kim@example.org", "name": "Kim", "password": PASSWORD, "password_again": PASSWORD, **fields}
    return client.post(path, data)


def sign_in(client: Client, username: str, password: str, **extra: str) -> object:
    return client.post("/signin/", {"username": username, "password": password}, **extra)


# --- sign-up -------------------------------------------------------------------------


def test_open_signup_makes_an_account_and_signs_in(server: object, client: Client) -> None:
    response = sign_up(client, email="  Kim@Example.org ")
    assert response.status_code == 302
    user = User.objects.get(email="kim@example.org")
    assert user.username == "kim@example.org"
    assert user.check_password(PASSWORD)
    assert not user.password.startswith(PASSWORD)  # hashed
    assert Preferences.objects.get(owner=user).your_name == "Kim"
    assert client.get("/").status_code == 200


def test_signup_mistakes_keep_what_was_typed(server: object, client: Client) -> None:
    response = sign_up(client, password_again="something else entirely")
    assert response.status_code == 400
    assert b'value="kim@example.org"' in response.content
    assert b'value="Kim"' in response.content
    assert b"The two passwords are different" in response.content
    weak = sign_up(client, password="password1", password_again="password1")
    assert weak.status_code == 400
    assert b"too common" in weak.content or b"too short" in weak.content
    assert not User.objects.exists()


def test_signup_refuses_an_address_that_has_an_account(server: object, client: Client, owner: User) -> None:
    response = sign_up(client, email="ALEX@example.org")
    assert response.status_code == 400
    assert b"There is already an account for alex@example.org" in response.content
    assert User.objects.filter(email__iexact="alex@example.org").count() == 1


@pytest.mark.parametrize("mode", ["invite", "closed"])
def test_signup_without_an_invitation_is_closed(server: object, client: Client, mode: str) -> None:
    server.ONWARD_SIGNUP = mode  # type: ignore[attr-defined]
    response = sign_up(client)
    assert response.status_code == 403
    assert b"by invitation" in response.content
    assert not User.objects.exists()


def test_an_invitation_opens_signup_once(server: object, client: Client) -> None:
    server.ONWARD_SIGNUP = "invite"  # type: ignore[attr-defined]
    link = actions.send_invitation("Robin@example.org", base_url="https://careers.example.org")
    assert len(mail.outbox) == 1
    assert link in mail.outbox[0].body
    assert mail.outbox[0].to == ["robin@example.org"]
    path = link.removeprefix("https://careers.example.org")
    page = client.get(path)
    assert page.status_code == 200
    assert b'value="robin@example.org"' in page.content
    assert sign_up(client, path, email="robin@example.org").status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.used_by == User.objects.get(email="robin@example.org")
    again = Client().get(path)
    assert again.status_code == 404
    assert b"can't be used any more" in again.content


def test_an_expired_invitation_does_not_open_signup(server: object, client: Client) -> None:
    token = actions.create_invitation("robin@example.org", lifetime=timedelta(days=1))
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert client.get(reverse("accounts:signup_invited", args=[token])).status_code == 404


def test_local_mode_has_no_password_pages(client: Client) -> None:
    for name in ("accounts:signup", "accounts:password_reset", "accounts:password_change"):
        assert client.get(reverse(name)).status_code in (302, 404)
    assert client.get(reverse("accounts:signup")).status_code == 404


# --- signing in and its limits -------------------------------------------------------


def test_sign_in_with_the_address_in_any_case(server: object, client: Client) -> None:
    actions.create_account("kim@example.org", PASSWORD)
    response = sign_in(client, "KIM@example.org", PASSWORD)
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_wrong_password_is_refused_and_the_address_kept(server: object, client: Client) -> None:
    actions.create_account("kim@example.org", PASSWORD)
    response = sign_in(client, "kim@example.org", "not it at all")
    assert response.status_code == 400
    assert b'value="kim@example.org"' in response.content


def test_the_sign_in_errors_name_the_field_as_its_label_does(server: object, client: Client) -> None:
    actions.create_account("kim@example.org", PASSWORD)
    page = sign_in(client, "", "").content.decode()
    assert ">Email address</a>: This field is required." in page  # the summary, as the label says
    assert "Username" not in page
    wrong = sign_in(client, "kim@example.org", "not it at all").content.decode()
    assert "That email address and password don&#x27;t match an account here." in wrong
    assert "Username" not in wrong
    assert "correct username" not in wrong


def test_the_sixth_quick_try_on_an_account_waits_for_the_window(server: object) -> None:
    actions.create_account("kim@example.org", PASSWORD)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n in range(5):
            response = sign_in(Client(REMOTE_ADDR=f"10.0.0.{n}"), "kim@example.org", "a wrong guess")
            assert response.status_code == 400
        refused = sign_in(Client(REMOTE_ADDR="10.0.0.9"), "kim@example.org", PASSWORD)
        assert refused.status_code == 429
        assert b"wait a few minutes" in refused.content
        assert b'value="kim@example.org"' in refused.content
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert sign_in(Client(REMOTE_ADDR="10.0.0.9"), "kim@example.org", PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_is_slowed_down(server: object) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = Client(REMOTE_ADDR="203.0.113.7")
        codes = [sign_in(client, f"person{n}@example.org", "guess").status_code for n in range(21)]
        assert codes[:20] == [400] * 20
        assert codes[20] == 429
        # Another address is not held back by this one.
        assert sign_in(Client(REMOTE_ADDR="203.0.113.8"), "x@example.org", "guess").status_code == 400


def test_forwarded_addresses_count_only_behind_a_declared_proxy(server: object) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        # Without a declared proxy, a visitor can't dodge the limit by writing X-Forwarded-For.
        for n in range(20):
            sign_in(Client(REMOTE_ADDR="198.51.100.1"), f"p{n}@example.org", "g", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}")
        refused = sign_in(Client(REMOTE_ADDR="198.51.100.1"), "q@example.org", "g", HTTP_X_FORWARDED_FOR="9.9.9.9")
        assert refused.status_code == 429
        server.ONWARD_PROXY_COUNT = 1  # type: ignore[attr-defined]
        behind = sign_in(Client(REMOTE_ADDR="198.51.100.1"), "q@example.org", "g", HTTP_X_FORWARDED_FOR="9.9.9.9")
        assert behind.status_code == 400


# --- password reset and change -------------------------------------------------------


def test_password_reset_by_mail(server: object, client: Client) -> None:
    actions.create_account("kim@example.org", PASSWORD)
    signed_in = Client()
    signed_in.post("/signin/", {"username": "kim@example.org", "password": PASSWORD})
    response = client.post(reverse("accounts:password_reset"), {"email": "Kim@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body)
    assert link is not None
    path = link.group(0).split("testserver", 1)[1]
    form = client.get(path, follow=True)
    assert b"Choose a new password" in form.content
    new = "a brand new long passphrase"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert User.objects.get(email="kim@example.org").check_password(new)
    # The browser that was signed in with the old password is signed out.
    assert signed_in.get("/").status_code == 302


def test_password_reset_says_the_same_for_unknown_addresses(server: object, client: Client) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_sent")
    assert mail.outbox == []


def test_password_reset_is_rate_limited_per_address(server: object) -> None:
    actions.create_account("kim@example.org", PASSWORD)
    with time_machine.travel(timezone.now(), tick=False):
        codes = [
            Client(REMOTE_ADDR=f"10.1.0.{n}").post(reverse("accounts:password_reset"), {"email": "kim@example.org"})
            for n in range(4)
        ]
    assert [r.status_code for r in codes] == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def test_changing_the_password_signs_out_other_browsers(server: object) -> None:
    actions.create_account("kim@example.org", PASSWORD)
    here, there = Client(), Client()
    for c in (here, there):
        sign_in(c, "kim@example.org", PASSWORD)
    new = "another long passphrase here"
    response = here.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert here.get("/").status_code == 200
    assert there.get("/").status_code == 302


def test_sign_out_everywhere(server: object) -> None:
    user = actions.create_account("kim@example.org", PASSWORD)
    here, there = Client(), Client()
    for c in (here, there):
        sign_in(c, "kim@example.org", PASSWORD)
    assert there.get("/").status_code == 200
    response = here.post(reverse("accounts:signout_everywhere"))
    assert response.status_code == 302
    assert here.get("/").status_code == 302
    assert there.get("/").status_code == 302
    later = Client()
    sign_in(later, "kim@example.org", PASSWORD)
    assert later.get("/").status_code == 200
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_settings_offers_the_account_card_in_server_mode(server: object) -> None:
    actions.create_account("kim@example.org", PASSWORD)
    client = Client()
    sign_in(client, "kim@example.org", PASSWORD)
    page = client.get(reverse("accounts:settings"))
    assert b"Sign out everywhere" in page.content
    assert b"Change your password" in page.content


# --- headers -------------------------------------------------------------------------


def test_every_page_carries_a_strict_policy(owner_client: Client) -> None:
    response = owner_client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_no_template_has_inline_script_or_style() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "onward"
    offenders = []
    pattern = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)|\son[a-z]+=\"|\sstyle=\"|<style")
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(root)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offenders == []


def test_hsts_is_sent_when_the_operator_turns_it_on(server: object, owner_client: Client) -> None:
    server.SECURE_HSTS_SECONDS = 3600  # type: ignore[attr-defined]
    response = owner_client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=3600"


# --- the admin ----------------------------------------------------------------------


def test_an_operator_invites_from_the_admin(server: object) -> None:
    operator = actions.create_account("coach@example.org", PASSWORD, superuser=True)
    client = Client()
    client.force_login(operator)
    response = client.post("/admin/accounts/invitation/add/", {"email": "new@example.org"}, follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    invitation = Invitation.objects.get()
    assert invitation.email == "new@example.org"
    assert invitation.invited_by == operator
    assert "/signup/" in mail.outbox[0].body


def test_the_admin_does_not_show_anyones_job_search(server: object) -> None:
    operator = actions.create_account("coach@example.org", PASSWORD, superuser=True)
    client = Client()
    client.force_login(operator)
    index = client.get("/admin/")
    assert index.status_code == 200
    assert b"Applications" not in index.content
    assert client.get("/admin/tracker/application/").status_code == 404


def test_an_operator_can_delete_an_account_with_a_whole_search(server: object, owner: User, outsider: User) -> None:
    from datetime import date

    from onward.tracker.demo import create_demo
    from onward.tracker.models import Application, Company

    create_demo(owner, date(2026, 11, 20))
    create_demo(outsider, date(2026, 11, 20))
    kept = Application.objects.filter(owner=outsider).count()
    operator = actions.create_account("coach@example.org", PASSWORD, superuser=True)
    client = Client()
    client.force_login(operator)
    response = client.post(f"/admin/auth/user/{owner.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()
    assert not Company.objects.filter(owner_id=owner.pk).exists()
    assert Application.objects.filter(owner=outsider).count() == kept


def test_an_invitation_makes_the_account_for_its_own_address(server: object, client: Client) -> None:
    server.ONWARD_SIGNUP = "invite"  # type: ignore[attr-defined]
    token = actions.create_invitation("kim@example.org")
    response = sign_up(client, reverse("accounts:signup_invited", args=[token]), email="mallory@example.net")
    assert response.status_code == 302
    assert User.objects.filter(email="kim@example.org").exists()
    assert not User.objects.filter(email="mallory@example.net").exists()


def test_look_alike_spellings_share_one_accounts_limit(server: object) -> None:
    actions.create_account("kim@example.org", PASSWORD)
    with time_machine.travel(timezone.now(), tick=False):
        for n, typed in enumerate(
            ["kim@example.org", "ｋim@example.org", "KIM@example.org", "kｉm@example.org", "kim@example.org"]
        ):
            assert sign_in(Client(REMOTE_ADDR=f"10.2.0.{n}"), typed, "wrong guess").status_code == 400
        assert sign_in(Client(REMOTE_ADDR="10.2.0.9"), "ｋｉｍ@example.org", PASSWORD).status_code == 429


def test_right_passwords_never_use_up_a_shared_address(server: object) -> None:
    for n in range(25):
        actions.create_account(f"student{n}@example.org", PASSWORD)
    with time_machine.travel(timezone.now(), tick=False):
        codes = {
            sign_in(Client(REMOTE_ADDR="192.0.2.7"), f"student{n}@example.org", PASSWORD).status_code for n in range(25)
        }
    assert codes == {302}


def test_the_admins_sign_in_has_the_same_limits(server: object) -> None:
    actions.create_account("op@example.org", PASSWORD, superuser=True)
    with time_machine.travel(timezone.now(), tick=False):
        for n in range(5):
            Client(REMOTE_ADDR=f"10.3.0.{n}").post("/admin/login/", {"username": "op@example.org", "password": "guess"})
        client = Client(REMOTE_ADDR="10.3.0.9")
        client.post("/admin/login/", {"username": "op@example.org", "password": PASSWORD})
        assert client.get("/admin/").status_code == 302  # still not signed in


def test_a_signed_in_page_cannot_be_used_to_guess_the_password(server: object) -> None:
    actions.create_account("kim@example.org", PASSWORD)
    client = Client()
    sign_in(client, "kim@example.org", PASSWORD)
    with time_machine.travel(timezone.now(), tick=False):
        form = {"old_password": "guess", "new_password1": "x new long phrase", "new_password2": "x new long phrase"}
        for _ in range(5):
            assert b"incorrect" in client.post(reverse("accounts:password_change"), form).content
        form["old_password"] = PASSWORD
        refused = client.post(reverse("accounts:password_change"), form)
        assert b"wait a few minutes" in refused.content
    assert User.objects.get(email="kim@example.org").check_password(PASSWORD)


def test_the_admins_delete_page_counts_instead_of_listing(server: object, owner: User) -> None:
    from datetime import date

    from onward.tracker import actions as tracker

    tracker.add_application(owner, company="Larkspur Legal", role="Knowledge analyst", today=date(2026, 11, 20))
    operator = actions.create_account("coach@example.org", PASSWORD, superuser=True)
    client = Client()
    client.force_login(operator)
    page = client.get(f"/admin/auth/user/{owner.pk}/delete/").content.decode()
    assert "Larkspur" not in page
    assert "Knowledge analyst" not in page
    assert "applications: 1" in page.lower()
