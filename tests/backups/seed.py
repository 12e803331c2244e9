"""The rest of a rich account, for the backup round trip: ``python -m tests.backups.seed`` in a data folder.

``onward demo``, a mail import and a few commands make most of the data; this
adds what no command makes on its own (saved and sent drafts, a career-plan
review, uploaded mail imports, an undone and a dismissed message, notes, all
the settings, a calendar address), through the same actions the web pages use.
It runs in its own process, with the data folder and database of its environment.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from onward.cli._django import acting_user

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MBOX_ENV = "ONWARD_SEED_MBOX"


def main() -> None:
    user = acting_user()
    from onward.clock import today

    day = today()
    _settings(user)
    _drafts(user, day)
    _review(user, day)
    _notes(user, day)
    _upload(user, Path(os.environ[MBOX_ENV]), day)
    _undo_and_dismiss(user)
    from onward.backups.export import counts, export_document

    print(json.dumps(counts(export_document(user))))


def _settings(user: User) -> None:
    from onward.accounts import actions

    actions.save_preferences(
        user,
        your_name="Sam Rivera",
        support_people="Maya (my sister)\nJo from the running club",
        self_care="A long walk by the river\nCall Maya",
        linkedin_premium=True,
        connect_notes_per_month=7,
    )
    actions.new_calendar_token(user)


def _drafts(user: User, day: date) -> None:
    """One message step drafted and sent (an interaction, a step done), another saved for later."""
    from onward.drafts import actions
    from onward.plans.models import PlanStep

    steps = PlanStep.objects.filter(owner=user, status="pending", kind="thank_you").order_by("due", "id")
    assert steps.count() >= 2, "the demo's recent rejection should plan thank-you notes"
    for index, step in enumerate(steps[:2]):
        composed = actions.compose_for_step(user, step, today=day)
        draft = actions.save_draft(
            user,
            kind="thank_you",
            application=step.rejection.application,
            contact=step.contact,
            step=step,
            tone="warm",
            channel="email",
            subject=composed.draft.subject or "",
            body=composed.draft.body + "\n\nP.S. Good luck with the launch.",
            options=composed.options,
        )
        if index == 0:
            actions.mark_sent(user, draft, today=day)


def _review(user: User, day: date) -> None:
    from onward.momentum import actions

    actions.save_review(
        user,
        {"targeting": "Mid-size product companies", "skills": "dbt, and telling stories with data"},
        today=day,
        finish=True,
    )
    actions.save_review(user, {"next": "Ask two people for a practice interview"}, today=day)


def _notes(user: User, day: date) -> None:
    from onward.tracker import actions
    from onward.tracker.models import Application

    application = Application.objects.filter(owner=user, stage="interviewing").order_by("id").first()
    assert application is not None
    actions.add_note(user, application, "They use dbt and Looker. Ask about the data team's roadmap.", today=day)


def _upload(user: User, mbox: Path, day: date) -> None:
    """Two uploads read by the queue's code: one that files mail, one that only looks."""
    from onward.mailimport import actions

    data = mbox.read_bytes()
    job = actions.new_job(user, files=[("job-search.mbox", iter([data]))])
    actions.run_job(job.pk, today=day)
    look = actions.new_job(user, text="Subject: Your application\n\nWe will not be moving forward.", dry_run=True)
    actions.run_job(look.pk, today=day)


def _undo_and_dismiss(user: User) -> None:
    """Undo one filed message (it waits for review again) and dismiss one from the queue."""
    from onward.mailimport import actions
    from onward.mailimport.models import ImportedMail

    filed = ImportedMail.objects.filter(owner=user, status="applied", label="confirmation").order_by("id").first()
    assert filed is not None, "the mail import should have filed a confirmation"
    actions.undo_item(user, filed)
    left = ImportedMail.objects.filter(owner=user, status="left", label="other_job").order_by("id").first()
    assert left is not None, "the mail import should have left a job alert alone"
    actions.dismiss_item(user, left, label="other_job")


if __name__ == "__main__":
    main()
