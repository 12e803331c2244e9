from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Django's sign-in form, in the page's words: the address field is "Email address" everywhere,
    the error summary included (Django names it after the user model's "username")."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email address and password don't match an account here. Check both and try again.",
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = "Email address"


class PreferencesForm(forms.Form):
    your_name = forms.CharField(
        label="Your name",
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name", "placeholder": "Sam Rivera"}),
        help_text="Drafts sign off with it.",
    )
    support_people = forms.CharField(
        label="Your people",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Sam (my sister)\nAlex from running club"}),
        help_text="Friends and family you can lean on, one per line. "
        "The pause card suggests them, never work contacts.",
    )
    self_care = forms.CharField(
        label="What helps you on a hard day",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "A long walk by the river\nCooking something slow"}),
        help_text="One per line. Your ideas come first on the pause card.",
    )
    linkedin_premium = forms.BooleanField(
        label="I have LinkedIn Premium (300-character connection notes)", required=False
    )
    connect_notes_per_month = forms.IntegerField(
        label="Personal connection notes a month",
        required=False,
        min_value=0,
        max_value=1000,
        help_text="A free LinkedIn account allows about 5. Leave empty for that.",
    )


class SignupForm(forms.Form):
    """Email, an optional name and a password typed twice; the rules are checked by the action."""

    email = forms.EmailField(
        label="Email address", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    name = forms.CharField(
        label="Your name",
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text="Drafts sign off with it; you can change it in Settings.",
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; a few words you'll remember work well.",
    )
    password_again = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", "The two passwords are different. Type them again.")
        return data
