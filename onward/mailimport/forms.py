from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User

from onward.mailimport.models import LABEL_CHOICES
from onward.tracker.models import Application

ZIP_MAGIC = b"PK\x03\x04"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".eml,.mbox,.mbx,.txt,message/rfc822"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    upload = MultipleFileField(
        label="Mail files",
        required=False,
        help_text="One or more .eml files, an .mbox export (Gmail's Takeout, Thunderbird, Apple Mail), "
        "or a .txt with a message in it.",
    )
    text = forms.CharField(
        label="Or paste a message",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text="With its From and Subject lines if you have them; the text alone works too.",
    )
    dry_run = forms.BooleanField(label="Only show me what you find; change nothing yet", required=False, initial=False)

    def clean_upload(self) -> list[Any]:
        files = self.cleaned_data.get("upload") or []
        for upload in files:
            head = upload.read(4)
            upload.seek(0)
            if head == ZIP_MAGIC:
                raise forms.ValidationError(
                    f"{upload.name} is a zip archive; unzip it first and upload the .mbox or .eml files inside."
                )
            if upload.size == 0:
                raise forms.ValidationError(f"{upload.name} is empty.")
        return files

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("upload") and not (data.get("text") or "").strip():
            raise forms.ValidationError("Choose a file to upload, or paste a message.")
        return data


class ApplicationChoiceField(forms.ModelChoiceField[Application]):
    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.role} at {obj.company.name} ({obj.get_stage_display()})"


class FileForm(forms.Form):
    """Correct a queued message: what it is and which application it belongs to."""

    label = forms.ChoiceField(label="This message is", choices=LABEL_CHOICES)
    application = ApplicationChoiceField(
        label="About",
        queryset=Application.objects.none(),
        required=False,
        empty_label="A new application (below)",
        to_field_name="uuid",
    )
    company = forms.CharField(label="Company", max_length=200, required=False)
    role = forms.CharField(label="Role", max_length=200, required=False)

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["application"]
        assert isinstance(field, ApplicationChoiceField)
        field.queryset = Application.objects.for_user(user).select_related("company").order_by("-created_at")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        job_label = data.get("label") in ("rejection", "interview", "offer", "confirmation")
        if job_label and not data.get("application") and not (data.get("company") and data.get("role")):
            raise forms.ValidationError("Choose the application, or name the company and role for a new one.")
        return data
