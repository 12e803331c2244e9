"""Reflect after an interview, log feedback and see its themes, the lessons that recur, the prep sheet."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from onward.clock import today
from onward.core.paging import page_of
from onward.domain import reflection as prompts
from onward.errors import UserError
from onward.reflect import actions
from onward.reflect.forms import FeedbackForm
from onward.tracker import actions as tracker
from onward.tracker.views import HtmxRequest

LESSONS_PAGE = 20  # feedback and reflections listed at a time on the Lessons page
RATINGS = [(1, "1 · rough"), (2, "2"), (3, "3 · okay"), (4, "4"), (5, "5 · went well")]


@require_http_methods(["GET", "POST"])
def reflection_page(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    """One screen, saved as you go: a rating and a few words per area, all optional."""
    application = tracker.application_for_user(request.user, public_id)
    saved = actions.reflection_of(request.user, application)
    answers: dict[str, Any] = dict(saved.answers) if saved else {}
    error = ""
    if request.method == "POST":
        answers = {
            area.id: {
                "rating": request.POST.get(f"{area.id}-rating", ""),
                "text": request.POST.get(f"{area.id}-text", ""),
            }
            for area in prompts.areas()
        }
        finish = request.POST.get("action") == "finish"
        try:
            actions.save_reflection(request.user, application, answers, today=today(), finish=finish)
        except UserError as exc:
            error = str(exc)
        else:
            if finish:
                messages.success(request, "Thank you for taking the time. What you noticed is on your prep sheet now.")
                return redirect("reflect:lessons")
            messages.success(request, "Saved. Come back and finish it whenever you like.")
            return redirect("reflect:reflection", application.uuid)
    areas = [
        {
            "area": area,
            "rating": str((answers.get(area.id) or {}).get("rating") or ""),
            "text": (answers.get(area.id) or {}).get("text") or "",
        }
        for area in prompts.areas()
    ]
    context = {
        "section": "lessons",
        "application": application,
        "saved": saved,
        "areas": areas,
        "ratings": RATINGS,
        "error": error,
        "interviews": list(application.interviews.prefetch_related("contacts").order_by("-on")[:3]),
    }
    return render(request, "reflect/reflection.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
def feedback_add(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    application = tracker.application_for_user(request.user, public_id)
    contacts = application.contacts.all()
    form = FeedbackForm(request.POST or None, initial={"on": today()}, contacts=contacts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            feedback = actions.add_feedback(
                request.user,
                application,
                data["text"],
                today=today(),
                on=data["on"],
                contact=data["contact"],
                channel=data["channel"],
                disagree=data["disagree"],
            )
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("reflect:feedback", feedback.uuid)
    context = {"section": "applications", "application": application, "form": form}
    return render(request, "reflect/feedback_form.html", context, status=400 if form.errors else 200)


@require_GET
def feedback_detail(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    feedback = actions.feedback_for_user(request.user, public_id)
    context = {
        "section": "applications",
        "feedback": feedback,
        "application": feedback.application,
        "reply_step": actions.reply_step(feedback),
    }
    return render(request, "reflect/feedback_detail.html", context)


@require_GET
def lessons_page(request: HtmxRequest) -> HttpResponse:
    user = request.user
    seen = actions.overview(user)
    context = {
        "section": "lessons",
        "recurring": seen.recurring,
        "not_about_you": seen.not_about_you,
        "strengths": seen.strengths[:12],
        "feedback": page_of(request, actions.recent_feedback(user), per_page=LESSONS_PAGE, param="feedback"),
        "reflections": page_of(request, actions.recent_reflections(user), per_page=LESSONS_PAGE, param="reflections"),
    }
    return render(request, "reflect/lessons.html", context)


@require_GET
def prep_sheet(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    """The prep sheet: a clean page to print, or Markdown to keep (``?format=md``)."""
    application = tracker.application_for_user(request.user, public_id)
    sheet = actions.prep_for(request.user, application, today())
    if request.GET.get("format") == "md":
        response = HttpResponse(sheet.markdown(), content_type="text/markdown; charset=utf-8")
        name = slugify(f"prep {application.company.name} {application.role}") or "prep"
        response["Content-Disposition"] = f'attachment; filename="{name}.md"'
        return response
    return render(request, "reflect/prep.html", {"section": "applications", "application": application, "sheet": sheet})
