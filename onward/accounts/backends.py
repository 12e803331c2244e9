"""Signing in with an email address or a username, in any letter case."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from onward.accounts import ratelimit
from onward.accounts.server import account_for_email


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if not username or password is None:
            return None
        # Every way of signing in comes here (the sign-in page, the admin's), so the limits hold for all.
        if not ratelimit.password_tries_left(request, username):
            raise PermissionDenied("Too many wrong passwords for now.")
        user = account_for_email(username)
        if user is None:
            # Hash anyway, so a missing account takes as long to refuse as a wrong password.
            User().set_password(password)
        elif user.check_password(password) and self.user_can_authenticate(user):
            return user
        ratelimit.wrong_password(request, username)
        return None
