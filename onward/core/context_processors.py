from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from onward.core.nav import NAV


def shell(request: HttpRequest) -> dict[str, Any]:
    """What every page of the shell needs: the navigation and the mode."""
    return {"nav_items": NAV, "onward_mode": settings.ONWARD_MODE}
