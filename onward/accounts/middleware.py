"""Ending every session at once ("Sign out everywhere") without touching the password.

Each session remembers when it signed in (``SIGNED_IN_AT``, set on every sign-in); a
session older than the person's ``SignInState.signed_out_before`` is ended on its next
request. Server mode only: a local install has one person and no sign-out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from onward.accounts.models import SignInState

SIGNED_IN_AT = "onward_signed_in_at"
Handler = Callable[[HttpRequest], HttpResponse]


@receiver(user_logged_in)
def _stamp_session(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = timezone.now().isoformat()


def _stale(request: HttpRequest) -> bool:
    cutoff = SignInState.objects.filter(owner_id=request.user.pk).values_list("signed_out_before", flat=True).first()
    if cutoff is None:
        return False
    stamp = request.session.get(SIGNED_IN_AT)
    try:
        signed_in = datetime.fromisoformat(stamp) if isinstance(stamp, str) else None
    except ValueError:
        signed_in = None
    return signed_in is None or signed_in < cutoff


def signed_out_everywhere(get_response: Handler) -> Handler:
    def middleware(request: HttpRequest) -> HttpResponse:
        if settings.ONWARD_MODE == "server" and request.user.is_authenticated and _stale(request):
            logout(request)
        return get_response(request)

    return middleware
