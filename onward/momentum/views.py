"""Check-ins, weekly goals, the Insights page and the career-plan review."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onward.clock import today
from onward.core.paging import page_of
from onward.domain import momentum as domain
from onward.domain.funnel import LEVEL_LABELS
from onward.errors import UserError
from onward.momentum import actions
from onward.momentum.forms import CheckInForm, GoalForm
from onward.plans import actions as plans
from onward.plans.models import PlanStep
from onward.tracker.views import HtmxRequest, _safe_next


@require_http_methods(["GET", "POST"])
def checkin(request: HtmxRequest) -> HttpResponse:
    """How today feels: one tap on a face, a few words if wanted. From Today it answers in place."""
    day = today()
    existing = actions.checkin_today(request.user, day)
    initial = {"mood": existing.mood, "note": existing.note} if existing else {}
    form = CheckInForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            found, _ = actions.check_in(
                request.user, form.cleaned_data["mood"], today=day, note=form.cleaned_data["note"]
            )
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            if request.htmx:
                return render(request, "momentum/_checkin.html#thanks", {"found": found})
            messages.success(request, f"Checked in: {found.mood_word.lower()}. Thank you for taking a moment.")
            return redirect(_safe_next(request, "momentum:checkins"))
    if request.htmx and request.method == "POST":
        # htmx swaps only 2xx answers: the prompt comes back with its error shown, and what was typed.
        context = {"form": form, "moods": domain.MOODS, "dismissable": True}
        return render(request, "momentum/_checkin.html#prompt", context)
    context = {"form": form, "existing": existing, "section": "insights", "moods": domain.MOODS}
    return render(request, "momentum/checkin.html", context, status=400 if form.errors else 200)


@require_POST
def checkin_dismiss(request: HtmxRequest) -> HttpResponse:
    """ "Not now": the prompt stays away until tomorrow."""
    actions.dismiss_checkin(request.user, today=today())
    if request.htmx:
        return HttpResponse('<p class="muted" role="status">No problem. You can check in any time from Insights.</p>')
    return redirect(_safe_next(request, "core:home"))


@require_GET
def checkin_history(request: HtmxRequest) -> HttpResponse:
    context = {"checkins": page_of(request, actions.newest_checkins(request.user)), "section": "insights"}
    return render(request, "momentum/checkins.html", context)


@require_POST
def checkin_delete(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    found = actions.checkin_for_user(request.user, public_id)
    actions.delete_checkin(request.user, found)
    messages.success(request, f"Deleted the check-in of {found.on:%A %-d %B}.")
    return redirect("momentum:checkins")


@require_POST
def checkin_delete_all(request: HtmxRequest) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Nothing deleted: tick the box to confirm.")
        return redirect("momentum:checkins")
    count = actions.delete_all_checkins(request.user)
    messages.success(request, f"Deleted {count} check-in{'s' if count != 1 else ''}; onward keeps no copy.")
    return redirect("momentum:checkins")


@require_http_methods(["GET", "POST"])
def goals(request: HtmxRequest) -> HttpResponse:
    """Weekly goals, from Settings or the "one step forward" step. Above 200 a week asks to confirm."""
    day = today()
    now = actions.current_goal(request.user, day)
    initial = {"applications": now.applications, "people": now.people} if now else {}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal = actions.set_goal(
                request.user,
                applications=data["applications"] or 0,
                people=data["people"] or 0,
                today=day,
                confirmed=bool(data["confirm"]),
            )
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            if goal.applications or goal.people:
                messages.success(request, "Saved. Your goal counts from this week; every week starts fresh.")
                # Opened from the "one step forward" card: setting the goal was that step.
                settled = plans.settle_step_forward(request.user, request.POST.get("step"), today=day)
                if settled is not None:
                    messages.success(request, f"Done: {settled.title}.")
                    return redirect(_after_settling(request, settled))
            else:
                messages.success(request, "No weekly goal for now. Set one whenever it would help.")
            return redirect(_safe_next(request, "momentum:insights"))
    context = {
        "form": form,
        "section": "insights",
        "this_week": actions.this_week(request.user, day),
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "from_step": request.POST.get("step") or request.GET.get("step", ""),
    }
    return render(request, "momentum/goals.html", context, status=400 if form.errors else 200)


def _after_settling(request: HtmxRequest, step: PlanStep) -> str:
    """Back where the goal link was, once saving the goal has done its step; but the step's own page has
    nothing left to do by then, so from there it is Today, where the new goal shows in "This week"."""
    home = reverse("core:home")
    back = _safe_next(request, home)
    return home if urlsplit(back).path == reverse("plans:step", args=[step.uuid]) else back


@require_GET
def insights_page(request: HtmxRequest) -> HttpResponse:
    found = actions.insights(request.user, today())
    context = {
        "section": "insights",
        "found": found,
        "this_week": found.this_week,
        "charts": _chart_data(found),
        "sources": [(actions.SOURCE_LABELS.get(key, key), f) for key, f in found.by_source.items()],
        "months": [(f"{date.fromisoformat(key + '-01'):%B %Y}", f) for key, f in found.by_month.items()],
        "mood_words": _mood_summary(found),
        "totals": {
            "applications": sum(w.applications for w in found.weekly),
            "people": sum(w.people for w in found.weekly),
        },
    }
    return render(request, "momentum/insights.html", context)


def _chart_data(found: actions.Insights) -> dict[str, Any]:
    """What the charts draw: the same numbers the text beside them says."""
    f = found.funnel
    return {
        "funnel": {"labels": [LEVEL_LABELS[key] for key in f.counts], "counts": list(f.counts.values())},
        "weekly": {
            "labels": [f"{w.start:%-d %b}" for w in found.weekly],
            "applications": [w.applications for w in found.weekly],
            "people": [w.people for w in found.weekly],
            "goal_applications": [w.goal_applications for w in found.weekly],
            "goal_people": [w.goal_people for w in found.weekly],
        },
        "mood": {
            "start": found.mood_since.isoformat(),
            "days": (found.today - found.mood_since).days,
            "points": [{"x": (c.on - found.mood_since).days, "y": c.mood} for c in found.mood],
            "rejections": [{"x": (on - found.mood_since).days, "company": company} for on, company in found.rejections],
            "words": [m.word for m in domain.MOODS],
        },
        "themes": {"labels": [t.label for t in found.themes], "counts": [t.count for t in found.themes]},
    }


def _mood_summary(found: actions.Insights) -> dict[str, Any]:
    if not found.mood:
        return {}
    counts: dict[int, int] = {}
    for c in found.mood:
        counts[c.mood] = counts.get(c.mood, 0) + 1
    common = max(counts, key=lambda value: (counts[value], value))
    return {"count": len(found.mood), "common": domain.mood(common).word.lower(), "latest": found.mood[-1]}


@require_http_methods(["GET", "POST"])
def review(request: HtmxRequest) -> HttpResponse:
    """Step back and look at the whole search: the funnel, what recurs, and a few questions."""
    day = today()
    step_ref = request.POST.get("step") or request.GET.get("step")
    step = plans.step_for_user(request.user, step_ref) if step_ref else actions.reassess_step(request.user)
    if step is not None and step.kind != "reassess":
        raise Http404("Only a step-back step opens the review.")
    current = actions.open_review(request.user, step)
    answers = dict(current.answers) if current else {}
    error = ""
    if request.method == "POST":
        answers = {prompt.key: request.POST.get(prompt.key, "") for prompt in domain.REVIEW_PROMPTS}
        finish = request.POST.get("action") == "finish"
        try:
            actions.save_review(request.user, answers, today=day, review=current, step=step, finish=finish)
        except UserError as exc:
            error = str(exc)
        else:
            if finish:
                messages.success(request, "Your review is saved. One change at a time is plenty.")
                return redirect("momentum:insights")
            messages.success(request, "Saved. Come back to it whenever you like.")
            return redirect(f"{request.path}?step={step.uuid}" if step else request.path)
    found = actions.insights(request.user, day)
    context = {
        "section": "insights",
        "found": found,
        "step": step,
        "prompts": [(prompt, answers.get(prompt.key, "")) for prompt in domain.REVIEW_PROMPTS],
        "people": actions.people_to_ask(request.user),
        "past": actions.reviews(request.user)[:5],
        "error": error,
    }
    return render(request, "momentum/review.html", context, status=400 if error else 200)
