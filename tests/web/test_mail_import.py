"""Mail import through the real views and actions: upload, file, queue, undo, import again; outsiders see nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from onward.mailimport import importer, jobs, uploads
from onward.mailimport.models import ImportedMail, ImportJob, UploadPart
from onward.plans.models import PlanStep, Rejection
from onward.tracker import actions as tracker
from onward.tracker.models import Application
from tests import mailmaker as mk

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def setup(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> None:
    monkeypatch.setenv("ONWARD_TODAY", TODAY.isoformat())
    settings.ONWARD_DATA_DIR = tmp_path
    # The page's request runs the task at once here; the browser test runs the real queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _track(owner: User, company: str, role: str, *, stage: str = "applied") -> Application:
    app = tracker.add_application(
        owner, company=company, role=role, today=date(2026, 10, 1), applied_on=date(2026, 10, 1)
    ).application
    if stage != "applied":
        tracker.change_stage(owner, app, stage, today=date(2026, 10, 20), on=date(2026, 10, 20))
    return app


def _search() -> bytes:
    return mk.mbox(
        mk.rejection("Northwind Analytics", "Data Engineer", "2026-11-17"),
        mk.interview("Globex", "Platform Engineer", "2026-11-16"),
        mk.confirmation("Initech", "Backend Developer", "2026-11-12"),
        mk.job_alert("2026-11-15"),
        mk.personal("2026-11-14"),
    )


def _upload(client: Client, data: bytes, name: str = "search.mbox", **extra: str) -> Any:
    upload = SimpleUploadedFile(name, data, content_type="application/mbox")
    return client.post(reverse("mailimport:start"), {"upload": [upload], **extra})


def test_an_mbox_files_the_rejection_moves_the_interview_and_leaves_the_rest(owner: User, owner_client: Client) -> None:
    northwind = _track(owner, "Northwind Analytics", "Data Engineer", stage="interviewing")
    globex = _track(owner, "Globex", "Platform Engineer")
    response = _upload(owner_client, _search())
    job = ImportJob.objects.get(owner=owner)
    assert response.status_code == 302
    assert response["Location"] == reverse("mailimport:job", args=[job.uuid])
    assert job.status == "done", job.error
    assert job.messages == 5
    assert job.by_label["rejection"] == 1
    assert job.by_label["interview"] == 1

    northwind.refresh_from_db()
    rejection = Rejection.objects.get(application=northwind)
    assert northwind.stage == "rejected"
    assert rejection.on == date(2026, 11, 17)
    assert "move forward with other candidates" in rejection.message
    assert rejection.stage_reached == "interview"
    assert PlanStep.objects.filter(rejection=rejection).exists()
    globex.refresh_from_db()
    assert globex.stage == "interviewing"
    # The personal message's text is not kept; only its fingerprint, to recognise it next time.
    dinner = ImportedMail.objects.get(owner=owner, label="not_job")
    assert dinner.subject == ""
    assert dinner.body == ""

    page = owner_client.get(reverse("mailimport:job", args=[job.uuid])).content.decode()
    assert "5 messages read" in page
    assert "logged the rejection for data engineer at northwind analytics" in page.lower()
    assert "Undo" in page


def test_importing_the_same_mail_again_changes_nothing(owner: User, owner_client: Client) -> None:
    _track(owner, "Northwind Analytics", "Data Engineer")
    _upload(owner_client, _search())
    before = (
        Application.objects.count(),
        Rejection.objects.count(),
        PlanStep.objects.count(),
        ImportedMail.objects.count(),
        sorted(Application.objects.values_list("stage", flat=True)),
    )
    _upload(owner_client, _search())
    second = ImportJob.objects.filter(owner=owner).first()
    assert second is not None
    assert second.skipped_duplicates == 5
    assert second.applied == 0
    assert second.review == 0
    after = (
        Application.objects.count(),
        Rejection.objects.count(),
        PlanStep.objects.count(),
        ImportedMail.objects.count(),
        sorted(Application.objects.values_list("stage", flat=True)),
    )
    assert after == before


def test_undo_puts_the_application_back(owner: User, owner_client: Client) -> None:
    app = _track(owner, "Northwind Analytics", "Data Engineer", stage="interviewing")
    _upload(owner_client, _search())
    item = ImportedMail.objects.get(owner=owner, label="rejection")
    assert item.status == "applied"
    response = owner_client.post(reverse("mailimport:undo", args=[item.uuid]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Undone" in response.content.decode()
    app.refresh_from_db()
    item.refresh_from_db()
    assert app.stage == "interviewing"
    assert not Rejection.objects.filter(application=app).exists()
    assert not PlanStep.objects.filter(rejection__application=app).exists()
    assert app.stage_events.filter(stage="rejected").count() == 0
    assert item.status == "review"
    # From the queue, one click files it again.
    owner_client.post(reverse("mailimport:accept", args=[item.uuid]))
    app.refresh_from_db()
    assert app.stage == "rejected"


def test_a_new_application_made_by_a_confirmation_goes_away_on_undo(
    owner: User, owner_client: Client, settings: Any
) -> None:
    settings.ONWARD_MAIL_APPLY_CONFIDENCE = 0.6
    _upload(owner_client, mk.mbox(mk.confirmation("Initech", "Backend Developer", "2026-11-12")))
    item = ImportedMail.objects.get(owner=owner)
    assert item.status == "applied", item.evidence
    app = Application.objects.get(owner=owner)
    assert (app.company.name, app.role, app.stage, app.applied_on) == (
        "Initech",
        "Backend Developer",
        "applied",
        date(2026, 11, 12),
    )
    owner_client.post(reverse("mailimport:undo", args=[item.uuid]))
    assert not Application.objects.filter(owner=owner).exists()


def test_a_rejection_for_an_untracked_application_goes_away_on_undo(
    owner: User, owner_client: Client, settings: Any
) -> None:
    """Filed on a new application with its plan; undo takes back both (this was a 500: the deletion
    check was given an application and a rejection at once)."""
    settings.ONWARD_MAIL_APPLY_CONFIDENCE = 0.5
    _upload(owner_client, mk.mbox(mk.rejection("Northwind Analytics", "Data Engineer", "2026-11-17")))
    item = ImportedMail.objects.get(owner=owner)
    assert item.status == "applied", item.evidence
    assert item.changes.get("created")
    assert Rejection.objects.filter(owner=owner).count() == 1
    response = owner_client.post(reverse("mailimport:undo", args=[item.uuid]))
    assert response.status_code in (200, 302)
    assert not Application.objects.filter(owner=owner).exists()
    assert not Rejection.objects.filter(owner=owner).exists()
    assert not PlanStep.objects.filter(owner=owner).exists()
    item.refresh_from_db()
    assert item.status == "review"


def test_unsure_messages_wait_and_one_click_files_them(owner: User, owner_client: Client, settings: Any) -> None:
    settings.ONWARD_MAIL_APPLY_CONFIDENCE = 1.0  # nothing is sure enough: everything job-related waits
    app = _track(owner, "Northwind Analytics", "Data Engineer", stage="interviewing")
    _upload(owner_client, _search())
    app.refresh_from_db()
    assert app.stage == "interviewing"
    queue = owner_client.get(reverse("mailimport:review")).content.decode()
    assert "Your application for Data Engineer at Northwind Analytics" in queue
    assert "Why onward thinks so" in queue
    item = ImportedMail.objects.get(owner=owner, label="rejection")
    assert item.proposal["application"] == str(app.uuid)
    today = owner_client.get(reverse("core:home")).content.decode()
    assert "From your mail" in today

    response = owner_client.post(reverse("mailimport:accept", args=[item.uuid]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Filed" in response.content.decode()
    app.refresh_from_db()
    assert app.stage == "rejected"
    assert Rejection.objects.get(application=app).message


def test_correcting_a_message_files_it_where_the_person_says(owner: User, owner_client: Client, settings: Any) -> None:
    settings.ONWARD_MAIL_APPLY_CONFIDENCE = 1.0
    _upload(owner_client, mk.mbox(mk.rejection("Northwind Analytics", "Data Engineer", "2026-11-17")))
    item = ImportedMail.objects.get(owner=owner)
    url = reverse("mailimport:file", args=[item.uuid])
    refused = owner_client.post(url, {"label": "rejection", "company": "Northwind", "role": ""})
    assert refused.status_code == 400
    assert "name the company and role" in refused.content.decode()
    assert 'value="Northwind"' in refused.content.decode()  # what was typed stays
    owner_client.post(url, {"label": "rejection", "company": "Northwind", "role": "Data platform engineer"})
    app = Application.objects.get(owner=owner)
    assert (app.company.name, app.role, app.stage) == ("Northwind", "Data platform engineer", "rejected")


def test_not_about_my_search_leaves_it_alone(owner: User, owner_client: Client, settings: Any) -> None:
    settings.ONWARD_MAIL_APPLY_CONFIDENCE = 1.0
    _upload(owner_client, mk.mbox(mk.interview("Globex", "Platform Engineer", "2026-11-16")))
    item = ImportedMail.objects.get(owner=owner)
    owner_client.post(reverse("mailimport:dismiss", args=[item.uuid]))
    item.refresh_from_db()
    assert item.status == "dismissed"
    assert not Application.objects.filter(owner=owner).exists()
    assert "Nothing waiting" in owner_client.get(reverse("mailimport:review")).content.decode()


def test_a_zip_is_refused_and_the_pasted_text_is_kept(owner: User, owner_client: Client) -> None:
    response = _upload(owner_client, b"PK\x03\x04rest-of-zip", name="mail.zip", text="Subject: hello")
    assert response.status_code == 400
    page = response.content.decode()
    assert "mail.zip is a zip archive" in page
    assert "Subject: hello" in page
    assert not ImportJob.objects.exists()


def test_a_file_that_is_not_mail_says_so(owner: User, owner_client: Client) -> None:
    _upload(owner_client, bytes(range(256)) * 40, name="photo.eml")
    job = ImportJob.objects.get(owner=owner)
    assert job.status == "failed"
    page = owner_client.get(reverse("mailimport:job", args=[job.uuid])).content.decode()
    assert "couldn" in page
    assert "photo.eml" in page


def test_a_pasted_message_is_imported(owner: User, owner_client: Client) -> None:
    app = _track(owner, "Northwind Analytics", "Data Engineer")
    text = mk.rejection("Northwind Analytics", "Data Engineer", "2026-11-17").decode()
    owner_client.post(reverse("mailimport:start"), {"text": text})
    app.refresh_from_db()
    assert app.stage == "rejected"


def test_nothing_to_import_keeps_the_form(owner: User, owner_client: Client) -> None:
    response = owner_client.post(reverse("mailimport:start"), {"text": "   "})
    assert response.status_code == 400
    assert "Choose a file to upload, or paste a message" in response.content.decode()


def test_a_dry_run_changes_nothing(owner: User, owner_client: Client) -> None:
    app = _track(owner, "Northwind Analytics", "Data Engineer")
    _upload(owner_client, _search(), dry_run="on")
    job = ImportJob.objects.get(owner=owner)
    assert job.dry_run
    assert job.status == "done"
    assert job.applied >= 1
    app.refresh_from_db()
    assert app.stage == "applied"
    assert not ImportedMail.objects.exists()
    page = owner_client.get(reverse("mailimport:job", args=[job.uuid])).content.decode()
    assert "nothing was changed" in page
    assert "would log the rejection" in page


def test_one_bad_message_never_stops_the_others(
    owner: User, owner_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importer.classify

    def flaky(mail: Any) -> Any:
        if "Globex" in mail.subject or "Platform" in mail.subject:
            raise RuntimeError("a fault put here by the test")
        return real(mail)

    monkeypatch.setattr(importer, "classify", flaky)
    app = _track(owner, "Northwind Analytics", "Data Engineer")
    _upload(owner_client, _search())
    job = ImportJob.objects.get(owner=owner)
    assert job.status == "done"
    assert [s["reason"] for s in job.skipped if "couldn't file it" in s["reason"]]
    app.refresh_from_db()
    assert app.stage == "rejected"
    assert not ImportedMail.objects.filter(subject__contains="Platform").exists()


def test_an_old_rejection_is_filed_without_the_steps_whose_time_passed(owner: User, owner_client: Client) -> None:
    app = _track(owner, "Northwind Analytics", "Data Engineer")
    tracker.change_stage(owner, app, "interviewing", today=date(2026, 10, 3), on=date(2026, 10, 3))
    _upload(owner_client, mk.mbox(mk.rejection("Northwind Analytics", "Data Engineer", "2026-10-05")))
    app.refresh_from_db()
    assert app.stage == "rejected"
    steps = PlanStep.objects.filter(rejection__application=app)
    assert steps.filter(kind="thank_you", status="skipped").exists()
    assert not steps.filter(status="pending", window_end__lt=TODAY).exclude(kind="stay_in_touch").exists()


def test_it_checks_ownership(owner: User, owner_client: Client, outsider_client: Client, settings: Any) -> None:
    settings.ONWARD_MAIL_APPLY_CONFIDENCE = 1.0
    _track(owner, "Northwind Analytics", "Data Engineer")
    _upload(owner_client, _search())
    job = ImportJob.objects.get(owner=owner)
    item = ImportedMail.objects.get(owner=owner, label="rejection")
    assert outsider_client.get(reverse("mailimport:job", args=[job.uuid])).status_code == 404
    assert outsider_client.get(reverse("mailimport:item", args=[item.uuid])).status_code == 404
    for name in ("accept", "file", "dismiss", "undo"):
        assert outsider_client.post(reverse(f"mailimport:{name}", args=[item.uuid])).status_code == 404
    queue = outsider_client.get(reverse("mailimport:review")).content.decode()
    assert "Northwind" not in queue
    assert "Nothing waiting" in queue
    start = outsider_client.get(reverse("mailimport:start")).content.decode()
    assert "search.mbox" not in start
    item.refresh_from_db()
    assert item.status == "review"


def test_mail_that_only_sounds_like_a_no_is_shown_rather_than_left_alone(owner: User, owner_client: Client) -> None:
    vague = mk.message(
        subject="Votre candidature",
        body="Bonjour,\n\nNous vous remercions pour votre candidature. Malheureusement, nous ne sommes pas en "
        "mesure d'y répondre favorablement.\n\nCordialement,\nL'équipe RH\n",
        sender="Equipe RH <rh@example.fr>",
        when=mk.at("2026-11-18"),
        message_id="vague-1@example.fr",
    )
    _upload(owner_client, mk.mbox(vague))
    item = ImportedMail.objects.get(owner=owner)
    if item.label == "rejection":
        assert item.status == "review"  # no company to file it with: it waits either way
    else:
        assert item.status == "review"
        assert "sounds like a rejection" in item.proposal["unsure"]
    assert "Votre candidature" in owner_client.get(reverse("mailimport:review")).content.decode()


def test_a_shared_sender_never_makes_two_companies_one(owner: User, owner_client: Client) -> None:
    acme = _track(owner, "Acme Robotics", "Software Engineer")
    via_ats = mk.message(
        subject="Thank you for applying to Acme Robotics",
        body="Hi Sam,\n\nThank you for applying for the Software Engineer position at Acme Robotics. We have "
        "received your application and will review it.\n\nAcme Robotics Recruiting\n",
        sender="Acme Robotics Recruiting <no-reply@greenhouse.io>",
        when=mk.at("2026-11-10"),
        message_id="ats-acme@greenhouse.io",
    )
    other = mk.message(
        subject="Your application to Gamma Co",
        body="Hi Sam,\n\nThank you for your interest in Gamma Co. After careful consideration, we have decided to "
        "move forward with other candidates.\n\nGamma Co Recruiting\n",
        sender="Gamma Co Recruiting <no-reply@greenhouse.io>",
        when=mk.at("2026-11-12"),
        message_id="ats-gamma@greenhouse.io",
    )
    _upload(owner_client, mk.mbox(via_ats, other))
    acme.refresh_from_db()
    assert acme.stage == "applied"
    assert not Rejection.objects.filter(application=acme).exists()
    gamma = ImportedMail.objects.get(owner=owner, message_id="ats-gamma@greenhouse.io")
    assert gamma.proposal["application"] != str(acme.uuid)


def test_mail_from_before_an_application_is_not_filed_on_it(owner: User, owner_client: Client) -> None:
    later = tracker.add_application(
        owner, company="Northwind Analytics", role="Platform Engineer", today=TODAY, applied_on=date(2026, 11, 10)
    ).application
    _upload(owner_client, mk.mbox(mk.rejection("Northwind Analytics", "Data Engineer", "2026-11-01")))
    later.refresh_from_db()
    assert later.stage == "applied"
    item = ImportedMail.objects.get(owner=owner)
    assert item.status == "review"
    assert "sent after this mail" in item.proposal["reason"]


def test_undo_refuses_to_take_back_later_changes_or_your_own_work(owner: User, owner_client: Client) -> None:
    app = _track(owner, "Northwind Analytics", "Data Engineer", stage="interviewing")
    _upload(owner_client, mk.mbox(mk.rejection("Northwind Analytics", "Data Engineer", "2026-11-17")))
    item = ImportedMail.objects.get(owner=owner, label="rejection")
    rejection = Rejection.objects.get(application=app)
    from onward.reflect import actions as reflect

    reflect.add_feedback(owner, app, "They wanted more examples of results.", today=TODAY)
    response = owner_client.post(reverse("mailimport:undo", args=[item.uuid]), HTTP_HX_REQUEST="true")
    assert "already worked on this rejection" in response.content.decode()
    assert Rejection.objects.filter(pk=rejection.pk).exists()
    item.refresh_from_db()
    assert item.status == "applied"

    _upload(owner_client, mk.mbox(mk.confirmation("Initech", "Backend Developer", "2026-11-12")))
    confirmed = ImportedMail.objects.get(owner=owner, label="confirmation")
    assert confirmed.status == "applied", confirmed.proposal
    initech = confirmed.application
    assert initech is not None
    tracker.change_stage(owner, initech, "interviewing", today=TODAY)
    refused = owner_client.post(reverse("mailimport:undo", args=[confirmed.uuid]), HTTP_HX_REQUEST="true")
    assert "moved on since" in refused.content.decode()
    initech.refresh_from_db()
    assert initech.stage == "interviewing"


def test_accepting_when_the_proposed_application_is_gone_says_so(
    owner: User, owner_client: Client, settings: Any
) -> None:
    settings.ONWARD_MAIL_APPLY_CONFIDENCE = 1.0
    app = _track(owner, "Northwind Analytics", "Data Engineer")
    _upload(owner_client, mk.mbox(mk.rejection("Northwind Analytics", "Data Engineer", "2026-11-17")))
    item = ImportedMail.objects.get(owner=owner)
    app.delete()
    response = owner_client.post(reverse("mailimport:accept", args=[item.uuid]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "no longer there" in response.content.decode()


def test_on_a_server_the_upload_waits_in_the_database_for_any_worker(
    owner: User, owner_client: Client, settings: Any, tmp_path: Path
) -> None:
    """Server mode: the app server that takes the upload and the worker that reads it may be different
    machines, so the upload waits in the database (in 1 MB pieces), never in the data folder."""
    settings.ONWARD_MODE = "server"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    northwind = _track(owner, "Northwind Analytics", "Data Engineer")
    filler = [  # well over 1 MB of mail that isn't about the search
        mk.message(
            subject=f"Club newsletter {n}",
            body="Hello members,\n\n" + "News of the club this week. " * 40,
            sender="Running Club <news@club.example.net>",
            when=mk.at("2026-11-10"),
            message_id=f"club-{n}@club.example.net",
        )
        for n in range(1500)
    ]
    big = mk.mbox(*filler, mk.rejection("Northwind Analytics", "Data Engineer", "2026-11-17"))
    assert len(big) > 2 * uploads.PIECE
    pasted = mk.confirmation("Initech", "Backend Developer", "2026-11-12").decode()
    response = _upload(owner_client, big, text=pasted)
    assert response.status_code == 302
    job = ImportJob.objects.get(owner=owner)
    assert job.status == "queued"
    assert job.folder == ""
    assert UploadPart.objects.filter(job=job).count() >= 4
    assert not (tmp_path / "imports").exists() or not any((tmp_path / "imports").iterdir())

    finished = jobs.run_job(job.pk, today=TODAY)
    assert finished.status == "done", finished.error
    assert finished.messages == len(filler) + 2
    assert finished.done == finished.total > len(big)
    northwind.refresh_from_db()
    assert northwind.stage == "rejected"
    assert Application.objects.filter(owner=owner, company__name="Initech").exists()
    assert not UploadPart.objects.exists()


def test_a_job_whose_worker_went_silent_says_it_stopped(owner: User, owner_client: Client, settings: Any) -> None:
    import time_machine
    from django.utils import timezone

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _upload(owner_client, _search())
    job = ImportJob.objects.get(owner=owner)
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(status="running", started_at=now, beat_at=now)
    page = owner_client.get(reverse("mailimport:job", args=[job.uuid]))
    assert ImportJob.objects.get(pk=job.pk).status == "running"  # a worker that spoke a moment ago is left alone
    with time_machine.travel(now + jobs.STALE_AFTER + timedelta(seconds=5)):
        page = owner_client.get(reverse("mailimport:job", args=[job.uuid]))
    job.refresh_from_db()
    assert job.status == "failed"
    assert "Import the file again" in page.content.decode()
    assert not (settings.ONWARD_DATA_DIR / "imports" / job.uuid.hex).exists()
