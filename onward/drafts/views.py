"""The draft page: write, check as you type, then open in the mail app, copy, download or mark sent."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from typing import Any
from urllib.parse import quote, urlencode
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from onward.clock import today
from onward.domain.drafts import CODES, KINDS, channel_for, limit_for, platform_length, word_count
from onward.drafts import actions
from onward.drafts.forms import DraftForm
from onward.drafts.models import KIND_LABELS, Draft
from onward.errors import UserError
from onward.plans import actions as plans
from onward.plans.models import PlanStep
from onward.tracker import actions as tracker
from onward.tracker.models import Application, Contact
from onward.tracker.views import HtmxRequest, _safe_next

SENT_NOTES = {
    "thank_you": "Sent. A thank-you like that is remembered.",
    "feedback_request": "Sent. Whatever they can share, you asked well.",
    "connect_note": "Done. The connection is on its way.",
    "feedback_reply": "Sent. That's a gracious way to close the loop.",
    "stay_in_touch": "Sent. The next check-in is planned for a few months from now.",
    "follow_up": "Sent. You've done your part; the rest is up to them.",
}


@require_http_methods(["GET", "POST"])
def step_draft(request: HtmxRequest, public_id: UUID) -> HttpResponse:
    step = plans.step_for_user(request.user, public_id)
    kind = actions.STEP_KINDS.get(step.kind)
    if kind is None:
        raise Http404("not a message step")
    return _draft_page(request, kind, step.rejection.application, step.contact, step)


@require_http_methods(["GET", "POST"])
def new_draft(request: HtmxRequest, kind: str) -> HttpResponse:
    """A draft without a plan step: a follow-up, or a message to anyone on an application."""
    if kind not in KINDS:
        raise Http404("no such kind")
    data = request.POST if request.method == "POST" else request.GET
    application, contact = _about(request, data)
    if application is None:
        raise Http404("which application?")
    return _draft_page(request, kind, application, contact, None)


def _about(request: HtmxRequest, data: Any) -> tuple[Application | None, Contact | None]:
    application = contact = None
    if data.get("application"):
        application = tracker.application_for_user(request.user, data["application"])
    if data.get("contact"):
        contact = tracker.contact_for_user(request.user, data["contact"])
    return application, contact


def _draft_page(
    request: HtmxRequest, kind: str, application: Application, contact: Contact | None, step: PlanStep | None
) -> HttpResponse:
    user = request.user
    saved = actions.saved_draft(user, kind=kind, application=application, contact=contact, step=step)
    note = ""
    if request.method == "POST":
        form = DraftForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                options = actions.Options.from_mapping(data)
                if request.POST.get("action") == "rewrite":
                    composed = _compose(request, kind, application, contact, step, data["tone"], options)
                    form = _form_from(composed, data["tone"], options)
                    note = f"Written again in a {data['tone']} tone. Your edits were replaced."
                else:
                    return _keep(request, kind, application, contact, step, data, options)
            except UserError as exc:
                form.add_error(None, str(exc))
        tone = form.data.get("tone") or "warm"
        options = actions.Options.from_mapping(form.data) if not form.errors.get("share_kind") else actions.Options()
    else:
        tone = request.GET.get("tone") or (saved.tone if saved else "warm")
        options = actions.Options.from_mapping(saved.options if saved else request.GET)
    try:
        composed = _compose(request, kind, application, contact, step, tone, options)
    except UserError as exc:
        return render(request, "drafts/problem.html", {"problem": str(exc), "application": application}, status=400)
    if request.method == "GET":
        form = _form_from(composed, tone, options, saved)
    context = _context(request, composed, form, kind, saved, note)
    return render(request, "drafts/draft.html", context, status=400 if form.errors else 200)


def _compose(
    request: HtmxRequest,
    kind: str,
    application: Application,
    contact: Contact | None,
    step: PlanStep | None,
    tone: str,
    options: actions.Options,
) -> actions.Composed:
    tone = tone if tone in ("warm", "formal", "brief") else "warm"
    if step is not None:
        return actions.compose_for_step(request.user, step, today=today(), tone=tone, options=options)
    return actions.compose_for(
        request.user, kind, application, contact=contact, tone=tone, options=options, today=today()
    )


def _form_from(
    composed: actions.Composed, tone: str, options: actions.Options, saved: Draft | None = None
) -> DraftForm:
    initial = options.as_dict() | {"tone": tone, "channel": composed.draft.channel}
    if saved is not None:
        initial |= {"subject": saved.subject, "body": saved.body, "channel": saved.channel}
    else:
        initial |= {"subject": composed.draft.subject or "", "body": composed.draft.body}
    return DraftForm(initial=initial)


def _context(
    request: HtmxRequest, composed: actions.Composed, form: DraftForm, kind: str, saved: Draft | None, note: str
) -> dict[str, Any]:
    body = form.data.get("body") if form.is_bound else form.initial.get("body", "")
    subject = form.data.get("subject") if form.is_bound else form.initial.get("subject", "")
    channel = (form.data.get("channel") if form.is_bound else form.initial.get("channel")) or composed.draft.channel
    findings = actions.lint_composed(composed, str(body or ""), channel)
    hints = [w for w in composed.draft.warnings if w.code not in CODES]
    if kind == "connect_note":
        form.fields["body"].widget.attrs["rows"] = 6
    contact = composed.contact
    return {
        "section": "home" if composed.step else "applications",
        "kind": kind,
        "kind_label": KIND_LABELS[kind],
        "composed": composed,
        "draft": composed.draft,
        "application": composed.application,
        "contact": contact,
        "step": composed.step,
        "form": form,
        "saved": saved,
        "note": note,
        "hints": hints,
        "lint": findings,
        "count": _count(str(body or ""), composed.draft.limit if channel != "email" else None),
        "channel": channel,
        "mailto": mailto(contact.email if contact else "", str(subject or ""), str(body or "")),
        "profile_url": _profile_url(contact, composed.application) if kind == "connect_note" else "",
        "next": _safe_next(request, reverse("core:home")),
    }


def _count(body: str, limit: int | None) -> dict[str, Any]:
    length = platform_length(body)
    return {"length": length, "limit": limit, "words": word_count(body), "over": bool(limit and length > limit)}


def mailto(address: str, subject: str, body: str) -> str:
    """A mailto: link with subject and body, line breaks as CRLF (RFC 6068).

    >>> mailto("ana@example.com", "Thank you", "Hi Ana,\\n\\nThanks")
    'mailto:ana%40example.com?subject=Thank%20you&body=Hi%20Ana%2C%0D%0A%0D%0AThanks'
    """
    crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{quote(address, safe='')}?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"


def _profile_url(contact: Contact | None, application: Application) -> str:
    if contact is None:
        return ""
    if contact.profile_url:
        return contact.profile_url
    return "https://www.linkedin.com/search/results/people/?" + urlencode(
        {"keywords": f"{contact.name} {application.company.name}"}
    )


def _keep(
    request: HtmxRequest,
    kind: str,
    application: Application,
    contact: Contact | None,
    step: PlanStep | None,
    data: dict[str, Any],
    options: actions.Options,
) -> HttpResponse:
    action = request.POST.get("action") or "save"
    draft = actions.save_draft(
        request.user,
        kind=kind,
        application=application,
        contact=contact,
        step=step,
        tone=data["tone"],
        channel=data.get("channel") or options.channel,
        subject=data.get("subject") or "",
        body=data.get("body") or "",
        options=options,
    )
    if action == "eml":
        return eml_response(draft)
    if action == "sent":
        actions.mark_sent(request.user, draft, today=today())
        messages.success(request, SENT_NOTES[kind])
        return redirect(_safe_next(request, reverse("tracker:detail", args=[application.uuid])))
    messages.success(request, "Saved. It's here when you come back.")
    return redirect(request.get_full_path())


def eml_response(draft: Draft) -> HttpResponse:
    """The message as an unsent .eml file that mail apps open as a draft."""
    message = EmailMessage()
    if draft.contact and draft.contact.email:
        message["To"] = formataddr((draft.contact.name, draft.contact.email))
    message["Subject"] = draft.subject or KIND_LABELS[draft.kind]
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"  # Outlook and others open it ready to send
    message.set_content(draft.body + "\n")
    who = draft.contact.name if draft.contact else draft.application.company.name
    name = f"{slugify(KIND_LABELS[draft.kind])}-{slugify(who) or 'message'}.eml"
    response = HttpResponse(message.as_bytes(), content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="{re.sub(r"[^A-Za-z0-9._-]", "", name)}"'
    return response


@require_POST
def lint(request: HtmxRequest) -> HttpResponse:
    """The live check beside the editor: findings and the count, as a fragment."""
    kind = request.POST.get("kind", "")
    if kind not in KINDS:
        raise Http404("no such kind")
    application, contact = _about(request, request.POST)
    body = request.POST.get("body", "")
    channel = request.POST.get("channel") or ""
    try:
        options = actions.Options.from_mapping(request.POST)
        findings = actions.lint_text(
            request.user,
            body,
            kind=kind,
            channel=channel,
            application=application,
            contact=contact,
            options=options,
            today=today(),
        )
        chosen = channel_for(kind, channel)
    except (UserError, ValueError) as exc:
        return HttpResponse(str(exc), status=400)
    limit = limit_for(chosen, actions.note_limit(request.user)) if chosen != "email" else None
    context = {"lint": findings, "count": _count(body, limit), "channel": chosen}
    return render(request, "drafts/_lint.html", context)
