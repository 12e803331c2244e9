"""``onward serve``: migrate, then serve with waitress on loopback, with a sign-in link."""

import errno
import ipaddress
import json
import os
import signal
import sys
import webbrowser
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from onward.cli._django import migrate_if_needed, setup_django
from onward.errors import UserError

SERVER_FILE = "server.json"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _can_open_browser() -> bool:
    # On a Linux box without a display, webbrowser may start a text browser that
    # takes over the terminal; only open one where a graphical one can exist.
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _refuse_on_errors(mode: str) -> None:
    from django.core import checks

    found = [m for m in checks.run_checks(include_deployment_checks=mode == "server") if not m.is_silenced()]
    errors = [m for m in found if m.is_serious()]
    for message in [] if errors else found:
        # Django's own deployment advice is for `onward check`; here only ours, and only when starting.
        if not message.is_serious() and str(message.id).startswith("onward."):
            typer.echo(f"warning: {message.id}: {message.msg}", err=True)
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more: run `onward check`)" if len(errors) > 1 else ""
        raise UserError(f"{first.id}: {first.msg} {first.hint or ''}".strip() + more)


def _bind(host: str, port: int):  # type: ignore[no-untyped-def]
    from waitress import create_server

    from onward.wsgi import application

    try:
        return create_server(application, host=host.strip("[]"), port=port, threads=8, ident="onward")
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UserError(
                f"Port {port} is already in use (is onward already running?). "
                f"Try another: onward serve --port {port + 1}"
            ) from None
        if exc.errno == errno.EACCES:
            raise UserError(f"You don't have permission to listen on port {port}; choose one above 1023.") from None
        raise UserError(f"Cannot listen on {host}:{port} ({exc.strerror or exc}).") from None


def login_url(base: str) -> str:
    from onward.accounts.actions import create_login_link

    return f"{base}login/{create_login_link()}/"


def serve(
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on. The default, 127.0.0.1, means only this computer can connect: "
            "your job search is not reachable from the network. Other addresses need ONWARD_MODE=server."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (1-65535).")] = 8000,
    no_open: Annotated[bool, typer.Option("--no-open", help="Don't open a browser; just print the link.")] = False,
    no_worker: Annotated[
        bool,
        typer.Option(
            "--no-worker",
            help="Don't run background work (mail imports) in this process; run `onward worker` beside it instead.",
        ),
    ] = False,
) -> None:
    """Start onward: apply migrations, then serve it in your browser.

    In local mode it prints a one-time sign-in link (and opens it).
    Example: onward serve --port 8080 --no-open
    """
    if not 1 <= port <= 65535:
        raise UserError(f"--port must be between 1 and 65535, not {port}. The default is 8000.")
    config = setup_django()
    if config.is_local and not _is_loopback(host):
        raise UserError(
            f"Local mode listens on this computer only, so {host} is refused: your notes stay private. "
            "Use --host 127.0.0.1, or set ONWARD_MODE=server to host onward for others."
        )
    _refuse_on_errors(config.mode)

    migrate_if_needed()
    server = _bind(host, port)
    background = None if no_worker else start_worker(interrupted_before=timedelta(0) if config.is_local else None)
    base = f"http://{_url_host(host)}:{port}/"
    state = config.data_dir / SERVER_FILE
    state.write_text(json.dumps({"url": base, "pid": os.getpid()}), encoding="utf-8")

    typer.echo(f"onward is running at {base}  ({config.mode} mode, data in {config.data_dir})")
    if config.is_local:
        link = login_url(base)
        typer.echo(f"Open this one-time link to sign in: {link}")
        if not no_open and _can_open_browser():
            webbrowser.open(link)
    typer.echo("Press Ctrl+C to stop.")
    sys.stdout.flush()
    signal.signal(signal.SIGTERM, _stop)
    try:
        server.run()
    except KeyboardInterrupt:
        typer.echo("\nStopped. Your data is saved.")
    finally:
        if background is not None:
            background.running = False
        _forget(state)


def start_worker(*, interrupted_before: timedelta | None) -> Any:
    """Run the background queue in a thread of this process (local mode's one process does everything).

    Imports left half-read by an earlier run are marked stopped first; in local
    mode nothing else can be reading them, so all of them are.
    """
    import threading
    import uuid

    from django_tasks_db.management.commands.db_worker import Worker

    from onward.mailimport.actions import recover_interrupted
    from onward.mailimport.jobs import STALE_AFTER

    recover_interrupted(interrupted_before if interrupted_before is not None else STALE_AFTER)
    worker = Worker(
        queue_names=["default"],
        interval=0.5,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"serve-{uuid.uuid4().hex[:12]}",
        excluded_queue_names=[],
    )
    threading.Thread(target=worker.run, name="onward-worker", daemon=True).start()
    return worker


def worker(
    interval: Annotated[float, typer.Option(help="Seconds to wait between looks at an empty queue.")] = 1.0,
    batch: Annotated[bool, typer.Option("--batch", help="Stop when the queue is empty instead of waiting.")] = False,
) -> None:
    """Run background work (mail imports) until stopped: for servers that run it apart from the web server.

    `onward serve` already runs one unless started with --no-worker.
    Example: onward worker --interval 2
    """
    if interval <= 0:
        raise UserError("--interval must be above 0 seconds, such as 1.")
    setup_django()
    from django.core.management import call_command

    from onward.mailimport.actions import recover_interrupted
    from onward.mailimport.jobs import STALE_AFTER

    migrate_if_needed()
    recover_interrupted(STALE_AFTER)
    typer.echo("onward worker is running; press Ctrl+C to stop.", err=True)
    args = ["--interval", str(interval), "--no-startup-delay", "--no-reload"]
    call_command("db_worker", *args, *(["--batch"] if batch else []))


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _forget(state: Path) -> None:
    try:
        if json.loads(state.read_text(encoding="utf-8")).get("pid") == os.getpid():
            state.unlink()
    except (OSError, ValueError):
        pass


def print_fresh_link(open_browser: bool) -> None:
    config = setup_django()
    if not config.is_local:
        raise UserError("Sign-in links are for local mode; in server mode, sign in with your email and password.")
    migrate_if_needed()
    base = "http://127.0.0.1:8000/"
    try:
        base = json.loads((config.data_dir / SERVER_FILE).read_text(encoding="utf-8"))["url"]
    except (OSError, ValueError, KeyError):
        typer.echo("onward serve does not seem to be running; start it for this link to work.", err=True)
    link = login_url(base)
    typer.echo(link)
    if open_browser and _can_open_browser():
        webbrowser.open(link)
