"""Importing a CSV from the browser: upload, see what onward understood, adjust, import.

The file travels between the steps inside the page (base64 in a hidden field),
so nothing is kept on the server until the import itself.
"""

from __future__ import annotations

import base64
import binascii

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from onward.clock import today
from onward.domain.tabular import FIELDS
from onward.errors import UserError
from onward.tracker import csvio
from onward.tracker.views import HtmxRequest

MAX_BYTES = 5 * 1024 * 1024
FIELD_CHOICES = [("", "Let onward decide"), *((name, f"{name}: {help}") for name, help in FIELDS.items())]


class UploadForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="Your spreadsheet saved as CSV, or an onward export.")

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("That file is over 5 MB; split it and import the parts.")
        return bytes(upload.read())


@require_http_methods(["GET", "POST"])
def import_csv(request: HtmxRequest) -> HttpResponse:
    if request.method == "GET":
        return _upload(request, UploadForm())
    if "content" in request.POST:
        return _from_page(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload(request, form, status=400)
    upload = request.FILES.get("file")
    name = getattr(upload, "name", None) or "upload.csv"
    return _preview(request, form.cleaned_data["file"], name, {})


def _upload(request: HtmxRequest, form: UploadForm, status: int = 200) -> HttpResponse:
    return render(request, "tracker/import_upload.html", {"form": form, "section": "applications"}, status=status)


def _from_page(request: HtmxRequest) -> HttpResponse:
    try:
        raw = base64.b64decode(request.POST["content"], validate=True)
    except (binascii.Error, ValueError):
        return _upload(request, UploadForm(), status=400)
    name = request.POST.get("name") or "upload.csv"
    mapping = {
        request.POST.get(f"column_{i}", ""): value
        for i, value in _numbered(request.POST, "map_")
        if value in FIELDS and request.POST.get(f"column_{i}")
    }
    if request.POST.get("step") == "import":
        return _run(request, raw, name, mapping)
    return _preview(request, raw, name, mapping)


def _numbered(data: object, prefix: str) -> list[tuple[int, str]]:
    found = []
    for key, value in data.items():  # type: ignore[attr-defined]
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            found.append((int(key[len(prefix) :]), str(value)))
    return sorted(found)


def _preview(request: HtmxRequest, raw: bytes, name: str, mapping: dict[str, str]) -> HttpResponse:
    context: dict[str, object] = {
        "section": "applications",
        "name": name,
        "content": base64.b64encode(raw).decode("ascii"),
        "field_choices": FIELD_CHOICES,
    }
    try:
        headers, recognised = csvio.headers_of(raw, name)
        context["columns"] = [(i, h, mapping.get(h, recognised.get(h, ""))) for i, h in enumerate(headers)]
        context["report"] = csvio.import_csv(request.user, raw, name, today=today(), mapping=mapping, dry_run=True)
    except csvio.MissingColumns as exc:
        needed = " and ".join(exc.missing)
        context["problem"] = f"Which column holds the {needed}? Choose it below, then check again."
    except UserError as exc:
        context["problem"] = str(exc)
    return render(request, "tracker/import_preview.html", context, status=400 if "problem" in context else 200)


def _run(request: HtmxRequest, raw: bytes, name: str, mapping: dict[str, str]) -> HttpResponse:
    try:
        report = csvio.import_csv(request.user, raw, name, today=today(), mapping=mapping)
    except UserError:
        return _preview(request, raw, name, mapping)
    skipped = f" {len(report.skipped)} were already here." if report.skipped else ""
    messages.success(request, f"Imported {report.imported} application{'s' if report.imported != 1 else ''}.{skipped}")
    return redirect("tracker:list")
