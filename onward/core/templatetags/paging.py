"""``{% pager page %}``: previous and next links that keep the page's filters."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.paginator import Page

register = template.Library()


@register.inclusion_tag("includes/_pager.html", takes_context=True)
def pager(
    context: template.Context, page: Page[Any], param: str = "page", target: str = "", label: str = ""
) -> dict[str, Any]:
    """Links to the pages either side of ``page``, keeping every other query parameter.

    ``target`` (an element id) makes the links swap just that element with htmx, as the filters do;
    ``label`` names the list for screen readers when a page has more than one pager.
    """
    request = context["request"]

    def url(number: int) -> str:
        query = request.GET.copy()
        query.pop("_", None)  # htmx's cache buster, if any
        if number == 1:
            query.pop(param, None)
        else:
            query[param] = str(number)
        encoded = query.urlencode()
        return f"{request.path}?{encoded}" if encoded else request.path

    return {
        "page": page,
        "previous_url": url(page.previous_page_number()) if page.has_previous() else "",
        "next_url": url(page.next_page_number()) if page.has_next() else "",
        "target": target,
        "label": label or "Pages",
    }
