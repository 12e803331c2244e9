"""Long lists shown a page at a time: the applications, contacts, check-ins, the review queue.

A page is two queries whatever the list's length (a count, then the rows), so the
pages that show lists stay as quick with five thousand rows as with fifty. Lists
are always ordered to the last column (an id), so a row never shows on two pages.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 50


def page_of(request: HttpRequest, rows: Any, *, per_page: int = PER_PAGE, param: str = "page") -> Page[Any]:
    """The page of ``rows`` the request asks for (``?page=3``); the first for a wrong number, the last past the end."""
    return Paginator(rows, per_page).get_page(request.GET.get(param))
