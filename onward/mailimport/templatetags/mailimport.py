from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def sureness(confidence: float | None) -> str:
    """A confidence in words: what a person can act on."""
    if confidence is None:
        return "unsure"
    if confidence >= 0.9:
        return "sure"
    if confidence >= 0.75:
        return "fairly sure"
    if confidence >= 0.5:
        return "not sure"
    return "guessing"


@register.filter
def percent(confidence: float | None) -> str:
    return f"{round((confidence or 0) * 100)}%"


@register.filter
def label_words(label: str) -> str:
    from onward.mailimport.models import LABEL_WORDS

    return LABEL_WORDS.get(label, label)
