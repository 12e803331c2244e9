from __future__ import annotations

from typing import Any

from django import forms

from onward.domain.momentum import GOAL_CEILING, GOAL_LIMIT, MOODS


class CheckInForm(forms.Form):
    mood = forms.TypedChoiceField(
        label="How are you today?",
        choices=[(m.value, m.word) for m in MOODS],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Pick the face closest to how you feel.",
            "invalid_choice": "Pick one of the five.",
        },
    )
    note = forms.CharField(
        label="Anything you want to remember about today",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only you can see this.",
    )


class GoalForm(forms.Form):
    applications = forms.IntegerField(
        label="Applications a week",
        min_value=0,
        max_value=GOAL_CEILING,
        required=False,
        error_messages={
            "min_value": "A goal can't be negative; 0 means no goal.",
            "max_value": "That's more than anyone could do in a week; pick a number you'd enjoy reaching.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    )
    people = forms.IntegerField(
        label="People reached a week",
        min_value=0,
        max_value=GOAL_CEILING,
        required=False,
        help_text="Any conversation you log counts: a message, a call, a coffee.",
        error_messages={
            "min_value": "A goal can't be negative; 0 means no goal.",
            "max_value": "That's more than anyone could do in a week; pick a number you'd enjoy reaching.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        big = [name for name in ("applications", "people") if (data.get(name) or 0) > GOAL_LIMIT]
        if big and not data.get("confirm"):
            self.needs_confirming = True
            for name in big:
                self.add_error(name, f"{data[name]} a week is a lot. Is that right? Check it, or confirm below.")
        return data

    needs_confirming = False
