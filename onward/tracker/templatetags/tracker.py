from __future__ import annotations

from datetime import date, timedelta

from django import template

register = template.Library()


@register.filter
def days(count: int) -> str:
    """12 -> "12 days", 1 -> "1 day", 0 -> "today"."""
    if count <= 0:
        return "today"
    return f"{count} day{'s' if count != 1 else ''}"


@register.filter
def days_ago(day: date | None, today: date) -> str:
    """How long ago a date was, in words: "today", "yesterday", "5 days ago"."""
    if day is None:
        return ""
    delta = (today - day).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "yesterday"
    if delta < 0:
        return f"in {days(-delta)}"
    return f"{days(delta)} ago"


@register.filter
def since(day: date | None, today: date) -> int:
    """Whole days from ``day`` to ``today`` (0 when empty or in the future)."""
    return max(0, (today - day).days) if day else 0


@register.filter
def add_days(day: date | None, count: int) -> date | None:
    return day + timedelta(days=int(count)) if day else None
