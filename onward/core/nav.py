"""The main navigation. A page joins it once it exists: no entry points at nothing."""

from __future__ import annotations

from typing import NamedTuple


class NavItem(NamedTuple):
    label: str
    url_name: str
    section: str  # matches the ``section`` a view puts in its context


NAV: tuple[NavItem, ...] = (
    NavItem("Today", "core:home", "home"),
    NavItem("Board", "tracker:board", "board"),
    NavItem("Applications", "tracker:list", "applications"),
    NavItem("Contacts", "tracker:contacts", "contacts"),
    NavItem("Lessons", "reflect:lessons", "lessons"),
    NavItem("Insights", "momentum:insights", "insights"),
    NavItem("Settings", "accounts:settings", "settings"),
)
