"""Deployment mistakes as Django system checks with stable ids.

``onward serve``, ``onward check`` and ``manage.py check`` all run them; in
server mode an error stops the server from starting. Ids never change meaning:
operators search for them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

MIN_SECRET_LENGTH = 50
MIN_SECRET_UNIQUE = 5


@register()
def check_server_mode(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.ONWARD_MODE != "server":
        return []
    found: list[CheckMessage] = []
    if not settings.ONWARD_SECRET_KEY_GIVEN:
        found.append(
            Error(
                "Server mode needs a secret key.",
                hint="Set ONWARD_SECRET_KEY (or ONWARD_SECRET_KEY_FILE) to a random string of 50+ characters, "
                "for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="onward.E001",
            )
        )
    elif (
        len(settings.SECRET_KEY) < MIN_SECRET_LENGTH
        or len(set(settings.SECRET_KEY)) < MIN_SECRET_UNIQUE
        or settings.SECRET_KEY.startswith("django-insecure")
    ):
        found.append(
            Error(
                "The secret key is too weak for server mode.",
                hint=f"Use a random string of at least {MIN_SECRET_LENGTH} characters.",
                id="onward.E002",
            )
        )
    if settings.DEBUG:
        found.append(
            Error(
                "Server mode must not run with ONWARD_DEBUG on: debug pages show secrets and data.",
                hint="Unset ONWARD_DEBUG.",
                id="onward.E003",
            )
        )
    if not settings.ONWARD_DATABASE_URL_GIVEN:
        found.append(
            Error(
                "Server mode is using the default SQLite database.",
                hint="Set ONWARD_DATABASE_URL to postgresql://… (recommended), "
                "or to sqlite:///path/to/file.sqlite3 to choose SQLite on purpose.",
                id="onward.E004",
            )
        )
    if not settings.ALLOWED_HOSTS:
        found.append(
            Error(
                "Server mode needs to know its host names.",
                hint="Set ONWARD_ALLOWED_HOSTS, for example careers.example.org.",
                id="onward.E005",
            )
        )
    wildcards = [host for host in settings.ALLOWED_HOSTS if host == "*" or host.startswith(".")]
    if wildcards:
        found.append(
            Error(
                f"ONWARD_ALLOWED_HOSTS has a wildcard ({', '.join(wildcards)}): links in password-reset mail "
                "would then follow whatever host a request names.",
                hint="List the exact host names people use, for example careers.example.org.",
                id="onward.E006",
            )
        )
    if not settings.ONWARD_EMAIL_CONFIGURED:
        found.append(
            Warning(
                "No mail server is set: password-reset and invitation mail only reaches the server's log.",
                hint="Set ONWARD_EMAIL_URL, for example smtp://user:password@mail.example.org:587?tls=true",
                id="onward.W002",
            )
        )
    return found


@register()
def check_local_mode(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.ONWARD_MODE != "local" or not settings.DEBUG:
        return []
    return [
        Warning(
            "ONWARD_DEBUG is on: error pages will show internals.",
            hint="Unset ONWARD_DEBUG unless you are developing onward.",
            id="onward.W001",
        )
    ]
