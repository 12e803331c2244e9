"""The JSON API: one NinjaAPI, the resources mounted on it, and the docs served from local files.

The OpenAPI document is at ``/api/v1/openapi.json`` and the browsable docs at
``/api/v1/docs`` (Swagger UI from ninja's own static files: nothing is loaded
from the internet, and no inline script runs, so the site's strict
Content-Security-Policy holds there too).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.openapi.docs import Swagger

from onward import __version__
from onward.api import errors
from onward.api.auth import SessionAuth, TokenAuth, user_of
from onward.api.routes import applications, checkins, contacts, drafts, feedback, interviews, mail, rejections, steps
from onward.api.schemas import answers

DESCRIPTION = """\
Everything onward keeps for you, for your own scripts. Send a personal token
(`Authorization: Bearer onw_…`, made in Settings under API tokens or with
`onward token create`); a signed-in browser works too, with its CSRF token.

Every refusal has one shape: `{"error": {"code", "message", "fields"}}`.
Lists take `limit` and `offset` and answer `{"items", "count", "limit", "offset"}`.
Dates are `YYYY-MM-DD`; ids are the UUIDs onward shows in its addresses.
"""


class LocalSwagger(Swagger):
    """Swagger UI from ninja's bundled files, never from a CDN.

    ninja renders its local template only when "ninja" is an installed app, and falls back
    to a CDN page otherwise. onward doesn't install it as an app (that would import ninja
    and pydantic in every command; see ``NINJA_DIR`` in settings), so the fallback is
    pointed at the same local template.
    """

    template_cdn = str(settings.NINJA_DIR / "templates" / "ninja" / "swagger.html")


api = NinjaAPI(
    title="onward",
    version=__version__,
    description=DESCRIPTION,
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    # The validator badge would fetch an image from the internet: off.
    docs=LocalSwagger(settings={"validatorUrl": None, "tryItOutEnabled": False, "defaultModelsExpandDepth": 0}),
)
errors.install(api)

api.add_router("/applications", applications.router)
api.add_router("/contacts", contacts.router)
api.add_router("/interviews", interviews.router)
api.add_router("/rejections", rejections.router)
api.add_router("/steps", steps.router)
api.add_router("/drafts", drafts.router)
api.add_router("/feedback", feedback.router)
api.add_router("/checkins", checkins.router)
api.add_router("/mail", mail.router)


class MeOut(Schema):
    username: str
    token: str | None = None


@api.get("/me", response=answers({200: MeOut}), tags=["you"], summary="Who you are to the API")
def me(request: HttpRequest) -> Any:
    """The account the request acts for, and the prefix of the token it used (null for a browser session).

    Handy to check a new token: ``curl -H "Authorization: Bearer onw_…" …/api/v1/me``.
    """
    token = getattr(request, "api_token", None)
    return {"username": user_of(request).get_username(), "token": token.prefix if token else None}
