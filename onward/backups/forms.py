"""The forms of the "Your data" page: a file to restore, and the confirmations before deleting."""

from __future__ import annotations

from typing import Any

from django import forms

CONFIRM_WORD = "delete"
# A heavy search (thousands of applications and imported messages) makes a backup of tens of MB;
# far above that, an upload is not a backup, and reading it would only tie the server up.
# A heavy search (30,000 rows, 4,000 mail bodies) is about 20 MB; bigger files go through
# `onward backup import`, so one upload can't tie up a web worker's memory.
MAX_BACKUP_MB = 40


class RestoreForm(forms.Form):
    backup = forms.FileField(
        label="Backup file",
        help_text="The .json file from “Download a backup” (or onward backup export).",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_backup(self) -> Any:
        upload = self.cleaned_data["backup"]
        if upload.size > MAX_BACKUP_MB * 1024 * 1024:
            raise forms.ValidationError(
                f"This file is larger than {MAX_BACKUP_MB} MB, bigger than backups from onward usually are; "
                "is it the right file? A very large backup can be restored with `onward backup import`. "
                "Nothing was changed."
            )
        return upload


class DeleteDataForm(forms.Form):
    confirm = forms.CharField(
        label=f"Type “{CONFIRM_WORD}” to confirm",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )

    def clean_confirm(self) -> str:
        word = str(self.cleaned_data["confirm"]).strip().lower()
        if word != CONFIRM_WORD:
            raise forms.ValidationError(f"Type the word “{CONFIRM_WORD}” to go ahead. Nothing has been deleted.")
        return word


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label="I understand my account and everything in it will be gone, and this can't be undone.",
        error_messages={"required": "Tick this box to go ahead. Nothing has been deleted."},
    )
