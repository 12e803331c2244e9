"""Keep a person's page while nothing it shows has changed: Today is asked for far more often than it changes.

A kept page is filed under everything that can make it differ:

- the account and its change stamp (:mod:`onward.core.changes`: any write to their data moves it),
  read *before* the page is built, so a page is never filed under a newer stamp than its content;
- the day (:func:`onward.clock.today`: steps come due, cool-offs end, weeks turn);
- the browser's CSRF secret (the forms on the page carry a token made from it: another browser of
  the same person gets its own copy);
- the address with its query (the page of steps) and whether htmx asked;
- the playbook in force (its file can be edited while the server runs).

Only the addresses pages link to are kept (no query, or ``?page=``), so odd query strings can't
crowd the kept pages out of the cache.

A page is built afresh, and not kept, when a flash message is waiting (it shows once), when the
browser has no CSRF cookie yet (building the page gives it one), and for any answer but a plain 200.
The cache is Django's (per process, unless the server configures a shared one): a kept page
costs one small query to check, instead of the page's twenty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from onward.clock import today
from onward.core.changes import stamp_of
from onward.plans.playbooks import playbook_path

KEEP_SECONDS = 15 * 60
KEPT_PARAMETERS = frozenset({"page"})  # the query parameters of the addresses pages link to


def _playbook_version() -> str | None:
    """Which playbook is in force: onward's own, or a file as it is now (its path and modification time)."""
    path = playbook_path()
    if path is None:
        return "default"
    try:
        return f"{path}:{path.stat().st_mtime_ns}"
    except OSError:
        return None


def page_key(request: HttpRequest, name: str) -> str | None:
    """Where this request's page is kept, or None when it must be built afresh (see the module)."""
    user = request.user
    secret = request.META.get("CSRF_COOKIE")  # the CSRF middleware's reading of the browser's cookie
    if not secret or request.COOKIES.get(settings.CSRF_COOKIE_NAME) != secret:
        return None  # no cookie yet (or an unreadable one): this page hands out a new secret
    if not user.is_authenticated or len(messages.get_messages(request)):
        return None
    if set(request.GET) - KEPT_PARAMETERS:
        return None  # an address nobody links to: built, but not allowed to crowd out the kept pages
    playbook = _playbook_version()
    if playbook is None:
        return None  # a playbook file that can't be read: building the page says what is wrong
    htmx = bool(getattr(request, "htmx", False))
    parts = [
        name,
        str(user.pk),
        str(stamp_of(user)),
        today().isoformat(),
        hashlib.sha256(secret.encode()).hexdigest()[:16],
        request.get_full_path(),
        "htmx" if htmx else "page",
        playbook,
    ]
    return "onward:page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def kept_page(request: HttpRequest, name: str, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The page kept for this request, or ``build()``'s, kept for next time when it may be."""
    key = page_key(request, name)
    if key is not None:
        found = cache.get(key)
        if found is not None:
            content, content_type = found
            get_token(request)  # as building the page would: the CSRF cookie's expiry is renewed
            return HttpResponse(content, content_type=content_type)
    response = build()
    if key is not None and response.status_code == 200 and not response.cookies and not response.streaming:
        cache.set(key, (response.content, response["Content-Type"]), KEEP_SECONDS)
    return response
