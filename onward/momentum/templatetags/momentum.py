from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from onward.domain.momentum import progress_words as _progress_words

register = template.Library()


@register.simple_tag
def progress_words(done: int, goal: int | None, noun: str) -> str:
    return _progress_words(done, goal, noun)


@register.simple_tag
def min_of(a: int, b: int) -> int:
    return min(a, b)


@register.filter
def get_item(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.simple_tag
def mood_face(value: int) -> str:
    """A small drawn face for a mood (1 to 5): the mouth curves from a frown to a smile.

    Drawn rather than an emoji, so it looks the same on every system. Decorative:
    the mood's word is always written beside it.
    """
    curve = (int(value) - 3) * 2.5
    eyes = '<circle cx="9" cy="10" r="1.3"/><circle cx="15" cy="10" r="1.3"/>'
    mouth = f'<path d="M8 15.5 Q12 {15.5 + curve:g} 16 15.5" fill="none" stroke-width="1.6" stroke-linecap="round"/>'
    return mark_safe(  # noqa: S308 - built from numbers only
        '<svg class="face" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">'
        '<circle cx="12" cy="12" r="10" fill="none" stroke-width="1.6"/>'
        f'<g class="face__eyes">{eyes}</g>{mouth}</svg>'
    )
