from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from onward.clock import today
from onward.core.paging import page_of
from onward.domain.stages import Stage
from onward.errors import UserError
from onward.tracker import actions, csvio, queries
from onward.tracker.forms import (
    ApplicationForm,
    ContactForm,
    FilterForm,
    InteractionForm,
    InterviewForm,
    NoteForm,
    StageForm,
)
from onward.tracker.models import Application, Contact


class HtmxRequest(HttpRequest):
    """A signed-in request as the middleware leaves it (typing only)."""

    htmx: HtmxDetails
    user: User


def _user(request: HtmxRequest) -> User:
    return request.user


def _safe_next(request: HtmxRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return fallback


# --- applications --------------------------------------------------------------------


@require_GET
def application_list(request: HtmxRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = queries.applications(
        _user(request),
        stage=filters.get("stage", ""),
        search=filters.get("q", ""),
        source=filters.get("source", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    context = {"section": "applications", "form": form, "applications": page_of(request, found), "today": today()}
    template = "tracker/application_list.html#results" if request.htmx else "tracker/application_list.html"
    return render(request, template, context)


def _board(request: HtmxRequest, *, show_closed: bool) -> HttpResponse:
    columns, closed = queries.board(_user(request), show_closed=show_closed)
    context = {
        "section": "board",
        "columns": columns,
        "closed_count": closed,
        "show_closed": show_closed,
        "empty": not closed and not any(column.cards for column in columns),
        "stage_choices": [(s.value, s.label) for s in Stage],
        "today": today(),
    }
    return render(request, "tracker/board.html#board" if request.htmx else "tracker/board.html", context)


@require_GET
def board(request: HtmxRequest) -> HttpResponse:
    return _board(request, show_closed=request.GET.get("closed") == "1")


@require_http_methods(["GET", "POST"])
def application_add(request: HtmxRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None, initial={"applied_on": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = actions.add_application(_user(request), today=today(), **data)
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            for warning in added.warnings:
                messages.info(request, warning)
            messages.success(request, f"Added {added.application}.")
            from onward.plans.actions import settle_step_forward  # plans builds on the tracker, not the reverse

            # Opened from the "one step forward" card: adding the application was that step.
            settled = settle_step_forward(_user(request), request.POST.get("step"), today=today())
            if settled is not None:
                messages.success(request, f"Done: {settled.title}.")
            return redirect("tracker:detail", added.application.uuid)
    context = {
        "form": form,
        "section": "applications",
        "from_step": request.POST.get("step") or request.GET.get("step"),
    }
    return render(request, "tracker/application_form.html", context)


def _detail(
    request: HtmxRequest,
    application: Application,
    *,
    stage_form: StageForm | None = None,
    note_form: NoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    contacts = list(application.contacts.all())
    context = {
        "section": "applications",
        "application": application,
        "timeline": queries.story(queries.timeline(application), whole=request.GET.get("story") == "all"),
        "contacts": contacts,
        # Who a follow-up goes to: the recruiter, else the hiring manager.
        "follow_up_to": min(
            (c for c in contacts if c.relationship in ("recruiter", "hiring_manager")),
            key=lambda c: c.relationship != "recruiter",
            default=None,
        ),
        "stage_form": stage_form or StageForm(initial={"stage": application.stage}),
        "note_form": note_form or NoteForm(),
        "today": today(),
    }
    return render(request, "tracker/application_detail.html", context, status=status)


@require_GET
def application_detail(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    return _detail(request, actions.application_for_user(_user(request), public_id))


@require_http_methods(["GET", "POST"])
def application_edit(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    application = actions.application_for_user(_user(request), public_id)
    form = ApplicationForm(request.POST or None, initial=ApplicationForm.initial_for(application), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_application(_user(request), application, today=today(), **form.cleaned_data)
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Saved.")
            return redirect("tracker:detail", application.uuid)
    context = {"form": form, "application": application, "section": "applications"}
    return render(request, "tracker/application_form.html", context)


@require_POST
def application_stage(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    application = actions.application_for_user(_user(request), public_id)
    form = StageForm(request.POST)
    from_board = request.POST.get("from") == "board"
    if form.is_valid():
        try:
            actions.change_stage(
                _user(request), application, form.cleaned_data["stage"], today=today(), on=form.cleaned_data["on"]
            )
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{application} is now at {application.stage_enum.label}.")
    if from_board and request.htmx:
        for error in form.non_field_errors():
            messages.info(request, str(error))
        return _board(request, show_closed=request.POST.get("closed") == "1")
    if form.errors and not from_board:
        return _detail(request, application, stage_form=form, status=400)
    for error in form.non_field_errors():
        messages.info(request, str(error))
    return redirect(_safe_next(request, reverse("tracker:detail", args=[application.uuid])))


@require_POST
def application_note(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    application = actions.application_for_user(_user(request), public_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            actions.add_note(
                _user(request), application, form.cleaned_data["text"], today=today(), on=form.cleaned_data["on"]
            )
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Note added.")
            return redirect("tracker:detail", application.uuid)
    return _detail(request, application, note_form=form, status=400)


@require_http_methods(["GET", "POST"])
def interview_add(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    user = _user(request)
    application = actions.application_for_user(user, public_id)
    form = InterviewForm(request.POST or None, user=user, application=application, initial={"on": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people = list(data["contacts"])
        for name, email in data["new_people"]:
            people.append(
                actions.add_contact(user, name=name, email=email, relationship="interviewer", application=application)
            )
        actions.add_interview(
            user,
            application,
            on=data["on"],
            today=today(),
            kind=data["kind"],
            contacts=people,
            topics=data["topics"],
            went_well=data["went_well"],
            liked=data["liked"],
            notes=data["notes"],
        )
        messages.success(request, "Interview saved.")
        return redirect("tracker:detail", application.uuid)
    context = {"form": form, "application": application, "section": "applications"}
    return render(request, "tracker/interview_form.html", context)


@require_GET
def export_csv(request: HtmxRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="onward-applications-{today().isoformat()}.csv"'
    csvio.write_csv(_user(request), response)
    return response


# --- contacts ------------------------------------------------------------------------


@require_GET
def contact_list(request: HtmxRequest) -> HttpResponse:
    search = request.GET.get("q", "")
    found = page_of(request, queries.contacts(_user(request), search=search))
    context = {"section": "contacts", "contacts": found, "q": search}
    return render(request, "tracker/contact_list.html", context)


@require_http_methods(["GET", "POST"])
def contact_add(request: HtmxRequest) -> HttpResponse:
    user = _user(request)
    application = None
    ref = request.GET.get("application") or request.POST.get("application")
    if ref:
        application = actions.application_for_user(user, ref)
    initial = {"company": application.company.name} if application else {}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contact = actions.add_contact(user, application=application, **form.cleaned_data)
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Added {contact.name}.")
            if application:
                return redirect("tracker:detail", application.uuid)
            return redirect("tracker:contact_detail", contact.uuid)
    context = {"form": form, "application": application, "section": "contacts"}
    return render(request, "tracker/contact_form.html", context)


def _contact_detail(
    request: HtmxRequest, contact: Contact, *, log_form: InteractionForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "section": "contacts",
        "contact": contact,
        "history": queries.story(queries.contact_history(contact), whole=request.GET.get("story") == "all"),
        "applications": contact.applications.select_related("company"),
        "log_form": log_form or InteractionForm(initial={"on": today()}),
    }
    return render(request, "tracker/contact_detail.html", context, status=status)


@require_GET
def contact_detail(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    return _contact_detail(request, actions.contact_for_user(_user(request), public_id))


@require_http_methods(["GET", "POST"])
def contact_edit(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    contact = actions.contact_for_user(_user(request), public_id)
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(contact))
    if request.method == "POST" and form.is_valid():
        actions.update_contact(_user(request), contact, **form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("tracker:contact_detail", contact.uuid)
    return render(request, "tracker/contact_form.html", {"form": form, "contact": contact, "section": "contacts"})


@require_POST
def contact_log(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    contact = actions.contact_for_user(_user(request), public_id)
    form = InteractionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.log_interaction(
                _user(request), contact, today=today(), on=data["on"], channel=data["channel"], note=data["note"]
            )
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Logged. {contact.name}'s stay-in-touch clock starts again.")
            return redirect("tracker:contact_detail", contact.uuid)
    return _contact_detail(request, contact, log_form=form, status=400)
