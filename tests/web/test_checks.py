"""Deployment mistakes are system checks with stable ids."""

from __future__ import annotations

from django.test import override_settings

from onward.core.checks import check_local_mode, check_server_mode

GOOD = {
    "ONWARD_MODE": "server",
    "ONWARD_SECRET_KEY_GIVEN": True,
    "SECRET_KEY": "k" + "abcdefghij" * 6,
    "DEBUG": False,
    "ONWARD_DATABASE_URL_GIVEN": True,
    "ALLOWED_HOSTS": ["careers.example.org"],
    "ONWARD_EMAIL_CONFIGURED": True,
}


def ids(**overrides: object) -> list[str]:
    with override_settings(**{**GOOD, **overrides}):
        return [m.id for m in check_server_mode() + check_local_mode()]  # type: ignore[misc]


def test_a_well_configured_server_passes() -> None:
    assert ids() == []


def test_server_mode_without_a_secret() -> None:
    assert ids(ONWARD_SECRET_KEY_GIVEN=False) == ["onward.E001"]


def test_server_mode_with_a_weak_secret() -> None:
    assert ids(SECRET_KEY="short") == ["onward.E002"]
    assert ids(SECRET_KEY="a" * 60) == ["onward.E002"]


def test_server_mode_with_debug() -> None:
    assert ids(DEBUG=True) == ["onward.E003"]


def test_server_mode_on_sqlite_without_saying_so() -> None:
    assert ids(ONWARD_DATABASE_URL_GIVEN=False) == ["onward.E004"]


def test_server_mode_without_hosts() -> None:
    assert ids(ALLOWED_HOSTS=[]) == ["onward.E005"]


def test_local_mode_only_warns_about_debug() -> None:
    assert ids(ONWARD_MODE="local", ONWARD_SECRET_KEY_GIVEN=False, ALLOWED_HOSTS=[]) == []
    assert ids(ONWARD_MODE="local", DEBUG=True) == ["onward.W001"]


def test_server_mode_without_a_mail_server_warns() -> None:
    assert ids(ONWARD_EMAIL_CONFIGURED=False) == ["onward.W002"]


def test_server_mode_refuses_wildcard_hosts() -> None:
    assert ids(ALLOWED_HOSTS=["*"]) == ["onward.E006"]
    assert ids(ALLOWED_HOSTS=[".example.org"]) == ["onward.E006"]
