from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onward.clock import today
from onward.core.pagecache import kept_page
from onward.core.paging import page_of
from onward.domain.momentum import MOODS
from onward.errors import UserError
from onward.mailimport.actions import review_count as mail_review_count
from onward.momentum import actions as momentum
from onward.momentum.forms import CheckInForm
from onward.plans import actions, queries
from onward.plans.forms import FeedbackForm, QuickRejectionForm, RejectionForm, SnoozeForm
from onward.plans.models import PlanStep, Rejection
from onward.tracker import actions as tracker
from onward.tracker.models import Application
from onward.tracker.views import HtmxRequest, _safe_next

TODAY_CARDS = 12  # step cards on a page of Today: a long backlog is shown a few at a time
DETAILS = ("on", "stage_reached", "via", "reason", "message", "cool_off_days")


@require_GET
def home(request: HtmxRequest) -> HttpResponse:
    """Today: the home page once there is anything to track; a welcome before that."""
    return kept_page(request, "today", lambda: _home(request))


def _home(request: HtmxRequest) -> HttpResponse:
    user = request.user
    if not Application.objects.for_user(user).exists():
        return render(request, "core/home.html", {"section": "home"})
    view = queries.today_view(user, today())
    context = {
        "section": "home",
        "view": view,
        "due_cards": page_of(request, view.due_cards(), per_page=TODAY_CARDS),
        "today": view.date,
        "this_week": momentum.this_week(user, view.date),
        "prompt_checkin": momentum.prompt_checkin(user, view.date),
        "checked_in": momentum.checkin_today(user, view.date),
        "form": CheckInForm(),
        "moods": MOODS,
        "dismissable": True,
        "mail_waiting": mail_review_count(user),
    }
    return render(request, "plans/today.html", context)


def _details(data: dict[str, Any]) -> dict[str, Any]:
    details = {name: data.get(name) for name in DETAILS}
    details["stage_reached"] = details["stage_reached"] or None
    details["via"] = details["via"] or ""
    details["reason"] = details["reason"] or ""
    details["message"] = details["message"] or ""
    return details


@require_http_methods(["GET", "POST"])
def quick_reject(request: HtmxRequest) -> HttpResponse:
    """ "I got a rejection": company and role, found or tracked now, from every page."""
    form = QuickRejectionForm(request.POST or None, initial={"on": today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rejection = actions.log_rejection_for(
                request.user, company=data["company"], role=data["role"], today=today(), **_details(data)
            )
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            return _logged(request, rejection)
    return render(request, "plans/rejection_form.html", {"form": form, "quick": True})


@require_http_methods(["GET", "POST"])
def reject_application(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    application = tracker.application_for_user(request.user, public_id)
    if hasattr(application, "rejection"):
        return redirect("plans:rejection", application.rejection.uuid)
    form = RejectionForm(request.POST or None, initial={"on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            rejection = actions.log_rejection(request.user, application, today=today(), **_details(form.cleaned_data))
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            return _logged(request, rejection)
    context = {"form": form, "application": application, "reached": actions.stage_reached_of(application)}
    return render(request, "plans/rejection_form.html", context)


def _logged(request: HtmxRequest, rejection: Rejection) -> HttpResponse:
    messages.success(request, "It's logged. Take the time you need; the next steps will wait for you.")
    return redirect("core:home")


@require_GET
def rejection_detail(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    rejection = actions.rejection_for_user(request.user, public_id)
    return _rejection_page(request, rejection, FeedbackForm())


def _rejection_page(request: HtmxRequest, rejection: Rejection, form: FeedbackForm, status: int = 200) -> HttpResponse:
    context = {
        "section": "applications",
        "rejection": rejection,
        "steps": queries.plan_steps(rejection),
        "feedback_form": form,
        "today": today(),
    }
    return render(request, "plans/rejection_detail.html", context, status=status)


@require_POST
def rejection_feedback(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    rejection = actions.rejection_for_user(request.user, public_id)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        from onward.reflect.actions import add_feedback  # reflect builds on plans, not the other way round

        try:
            feedback = add_feedback(
                request.user,
                rejection.application,
                form.cleaned_data["text"],
                today=today(),
                on=form.cleaned_data["on"],
            )
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Feedback saved. A short, gracious reply is on your plan when you're ready.")
            return redirect("reflect:feedback", feedback.uuid)
    return _rejection_page(request, rejection, form, status=400)


@require_GET
def step_detail(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    step = actions.step_for_user(request.user, public_id)
    day = today()
    due = queries.shown_from(step, queries.effective_due(step), day)  # never a day of a cool-off that has ended
    context = {"step": step, "due": due, "today": day, "section": "home"}
    return render(request, "plans/step_detail.html", context)


def _after_step(request: HtmxRequest, step: PlanStep, note: str) -> HttpResponse:
    if request.htmx:
        context = {"step": step, "due": queries.effective_due(step), "today": today(), "note": note}
        if _on_its_own_page(request, step):  # the card is the page's h1: swap in one that keeps it
            return render(request, "plans/step_detail.html#settled", context)
        return render(request, "plans/_step_card.html#done", context)
    messages.success(request, note)
    return redirect(_safe_next(request, reverse("core:home")))


def _on_its_own_page(request: HtmxRequest, step: PlanStep) -> bool:
    """Whether an htmx request came from the step's own page (``HX-Current-URL``), not Today."""
    return urlsplit(request.htmx.current_url or "").path == reverse("plans:step", args=[step.uuid])


def _settle(request: HtmxRequest, public_id: UUID, *, skip: bool) -> HttpResponse:
    step = actions.step_for_user(request.user, public_id)
    settle = actions.skip_step if skip else actions.complete_step
    try:
        settle(request.user, step, today=today())
    except UserError as exc:
        return _after_step(request, step, str(exc))
    return _after_step(request, step, f"{'Skipped' if skip else 'Done'}: {step.title}.")


@require_POST
def step_done(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    return _settle(request, public_id, skip=False)


@require_POST
def step_skip(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    return _settle(request, public_id, skip=True)


@require_POST
def step_snooze(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    step = actions.step_for_user(request.user, public_id)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        return _after_step(request, step, "Choose how long to snooze it for.")
    try:
        days = form.cleaned_data["days"]
        until = None if days else form.cleaned_data["until"]  # a preset button wins over a typed date
        actions.snooze_step(request.user, step, today=today(), days=days, until=until)
    except UserError as exc:
        return _after_step(request, step, str(exc))
    return _after_step(request, step, f"Snoozed until {step.snoozed_until:%A %-d %B}: {step.title}.")
