"""The background task that reads an upload: queued by the web page, run by `onward worker` (or `onward serve`)."""

from __future__ import annotations

from django_tasks import task

from onward.clock import today


@task()
def run_import(job_id: int) -> None:
    from onward.mailimport.actions import run_job

    run_job(job_id, today=today())
