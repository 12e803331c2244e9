from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest

from onward.core.actions import showing_example
from onward.core.nav import NAV


def shell(request: HttpRequest) -> dict[str, Any]:
    """What every page of the shell needs: the navigation, the mode, and whether this is the example search.

    ``example_search`` is a callable, so the query runs only on pages that show the banner (the
    template calls it once the person is signed in).
    """
    return {"nav_items": NAV, "onward_mode": settings.ONWARD_MODE, "example_search": partial(_example, request)}


def _example(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return isinstance(user, User) and showing_example(user)
