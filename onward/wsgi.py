"""WSGI entry point: ``gunicorn onward.wsgi`` in server mode, waitress in ``onward serve``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")

application = get_wsgi_application()
