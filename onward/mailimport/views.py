"""Mail import in the browser: upload or paste, follow the progress, look at the summary, settle the review queue."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onward.clock import today
from onward.core.paging import page_of
from onward.errors import UserError
from onward.mailimport import actions
from onward.mailimport.forms import FileForm, ImportForm
from onward.mailimport.models import ImportedMail, ImportJob
from onward.tracker.views import HtmxRequest, _safe_next

REVIEW_PAGE = 25  # messages on a page of the review queue: each card carries the message's text


def _chunks(upload: Any) -> Iterator[bytes]:
    yield from upload.chunks()


@require_http_methods(["GET", "POST"])
def start(request: HtmxRequest) -> HttpResponse:
    """Upload files or paste a message; the reading happens in the background and its page follows it."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = actions.new_job(
                request.user,
                files=[(f.name, _chunks(f)) for f in data["upload"]],
                text=data["text"],
                dry_run=data["dry_run"],
            )
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("mailimport:job", public_id=job.uuid)
    context = {
        "form": form,
        "jobs": ImportJob.objects.for_user(request.user)[:5],
        "waiting": actions.review_count(request.user),
        "section": "applications",
    }
    return render(request, "mailimport/start.html", context, status=400 if form.errors else 200)


@require_GET
def job_page(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    job = actions.job_for_user(request.user, public_id)
    if job.status == "running" and actions.recover_interrupted():
        job.refresh_from_db()  # its worker went silent: say it stopped rather than "reading" forever
    context: dict[str, Any] = {"job": job, "section": "applications"}
    if job.finished and not job.dry_run:
        context["items"] = actions.job_items(request.user, job)
    if request.htmx and request.htmx.target == "job-status":
        return render(request, "mailimport/job.html#status", context)
    return render(request, "mailimport/job.html", context)


@require_GET
def review(request: HtmxRequest) -> HttpResponse:
    items = page_of(request, actions.review_queue(request.user), per_page=REVIEW_PAGE)
    context = {"items": items, "section": "applications"}
    return render(request, "mailimport/review.html", context)


@require_GET
def item_page(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    item = actions.item_for_user(request.user, public_id)
    return render(
        request, "mailimport/item.html", _item_context(request, item, FileForm(request.user, initial=_initial(item)))
    )


def _initial(item: ImportedMail) -> dict[str, Any]:
    initial: dict[str, Any] = {"label": item.label, "company": item.company, "role": item.role}
    if item.application:
        initial["application"] = item.application.uuid
    elif key := item.proposal.get("application"):
        initial["application"] = key
    return initial


def _item_context(request: HtmxRequest, item: ImportedMail, form: FileForm) -> dict[str, Any]:
    return {
        "item": item,
        "form": form,
        "section": "applications",
        "next": _safe_next(request, reverse("mailimport:review")),
    }


def _answer(request: HtmxRequest, item: ImportedMail, message: str) -> HttpResponse:
    if request.htmx:
        return render(request, "mailimport/_item.html#settled", {"item": item, "message": message})
    messages.success(request, message)
    return redirect(_safe_next(request, reverse("mailimport:review")))


def _refused(request: HtmxRequest, item: ImportedMail, error: str) -> HttpResponse:
    if request.htmx and item.status == "applied":  # a filed message stays filed, with the reason
        return render(request, "mailimport/_item.html#settled", {"item": item, "message": error})
    if request.htmx:  # htmx swaps only 2xx answers: the card comes back with the reason
        return render(request, "mailimport/_item.html#card", {"item": item, "error": error})
    messages.error(request, error)
    return redirect(_safe_next(request, reverse("mailimport:review")))


@require_POST
def accept(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    item = actions.item_for_user(request.user, public_id)
    try:
        actions.accept_item(request.user, item, today=today())
    except UserError as exc:
        return _refused(request, item, str(exc))
    return _answer(request, item, f"Filed: {item.changes.get('done', 'done')}.")


@require_POST
def file_as(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    item = actions.item_for_user(request.user, public_id)
    form = FileForm(request.user, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.apply_item(
                request.user,
                item,
                today=today(),
                label=data["label"],
                application=data["application"],
                company=data["company"],
                role=data["role"],
            )
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            done = item.changes.get("done") if item.status == "applied" else "left alone"
            return redirect_or(request, f"Filed: {done}.")
    return render(request, "mailimport/item.html", _item_context(request, item, form), status=400)


def redirect_or(request: HtmxRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(_safe_next(request, reverse("mailimport:review")))


@require_POST
def dismiss(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    item = actions.item_for_user(request.user, public_id)
    try:
        actions.dismiss_item(request.user, item)
    except UserError as exc:
        return _refused(request, item, str(exc))
    return _answer(request, item, "Left alone: onward won't file this message.")


@require_POST
def undo(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    item = actions.item_for_user(request.user, public_id)
    try:
        actions.undo_item(request.user, item)
    except UserError as exc:
        return _refused(request, item, str(exc))
    return _answer(
        request,
        item,
        f"Undone: onward took back “{item.changes.get('undone', '')}”. It waits for you in the review queue.",
    )
