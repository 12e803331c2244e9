"""Response headers that hold in both modes: a strict Content-Security-Policy and a Permissions-Policy.

Django's SecurityMiddleware already sends nosniff, Referrer-Policy, Cross-Origin-Opener-Policy and,
in server mode behind HTTPS, Strict-Transport-Security; X-Frame-Options comes from its own middleware.
The policy forbids inline script and style, so an injected ``<script>`` in someone's notes or mail
would not run even if escaping ever failed. A view that needs a different policy sets the header
itself and this middleware leaves it alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Handler = Callable[[HttpRequest], HttpResponse]


def content_security_policy(get_response: Handler) -> Handler:
    policy = settings.CONTENT_SECURITY_POLICY
    permissions = settings.PERMISSIONS_POLICY

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", permissions)
        return response

    return middleware
