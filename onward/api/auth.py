"""Who is asking: a personal token (scripts), or the signed-in browser session (the docs page, htmx).

The answer is always a user, and the API acts for that user only: no operation
takes an owner id from the request.

- ``Authorization: Bearer onw_…`` is checked first. A token is not sent by a
  browser on its own, so a cross-site form can't ride on it: no CSRF check.
  A token that is presented but doesn't match is a 401 at once (no quiet fall
  back to the session), so a revoked token is noticed.
- Otherwise the session cookie, with Django's CSRF check on unsafe methods,
  exactly as for the web's own forms.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from onward.api import actions

NOT_RECOGNISED = (
    "onward doesn't recognise this token: it may have been revoked, or mistyped. "
    "Your tokens are in Settings, under API tokens."
)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = actions.authenticate(token)
        if found is None:
            raise AuthenticationError(401, NOT_RECOGNISED)
        request.api_token = found  # type: ignore[attr-defined]
        return found.owner


class SessionAuth(APIKeyCookie):
    """The browser's session; CSRF is checked only once we know someone is signed in.

    ninja's own SessionAuth checks CSRF first, which would answer an anonymous
    script with "CSRF failed" where "sign in" (401) is the truth.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF check failed")
        return user


def user_of(request: HttpRequest) -> User:
    """The user the request acts for, as the authentication above resolved it."""
    user = getattr(request, "auth", None)
    assert isinstance(user, User)
    return user
