"""WSGI entry point: ``gunicorn onward.wsgi`` in server mode, waitress in ``onward serve``.

In server mode the deployment checks run before the first request is served: an
instance with DEBUG on, a weak secret or an unchosen database refuses to start (the
worker exits with the check's message), as ``onward serve`` does.
"""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")

application = get_wsgi_application()


def _refuse_insecure_server() -> None:
    from django.conf import settings
    from django.core import checks

    if settings.ONWARD_MODE != "server":
        return
    serious = [m for m in checks.run_checks(include_deployment_checks=False) if m.is_serious() and not m.is_silenced()]
    if serious:
        lines = "\n".join(f"{m.id}: {m.msg} {m.hint or ''}".strip() for m in serious)
        sys.stderr.write(f"onward will not start in server mode until this is fixed:\n{lines}\n")
        # 3 is gunicorn's "worker failed to boot": the whole server stops instead of retrying forever.
        raise SystemExit(3)


_refuse_insecure_server()
