"""One error body for every refusal: ``{"error": {"code", "message", "fields"}}``.

A script should never have to parse a Django HTML page: wrong input, a missing
token, someone else's id, a wrong method, an unknown address and our own bugs
all answer in this shape. ``fields`` names each field that was wrong (``role``,
``contacts.0``, ``limit``) with one sentence; it is empty when no single field is
to blame.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.core import signals
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

from onward.errors import UserError

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("django.request")

NOT_SIGNED_IN = (
    "Sign in first, or send a personal API token as 'Authorization: Bearer onw_…'. "
    "You can make one in Settings, under API tokens, or with `onward token create`."
)
NOT_FOUND = "There's nothing here with that id. It may have been deleted, or the id may be mistyped."
BAD_INPUT = "Some of what was sent doesn't fit. `fields` says which, and why."
CSRF = (
    "This request uses your browser session but came without its CSRF token. "
    "Send the X-CSRFToken header, or use a personal API token instead."
)
SERVER = "Something went wrong on onward's side. It has been logged; please try again in a moment."

FRIENDLY = {
    "missing": "This is needed.",
    "extra_forbidden": "onward doesn't know this field; check its spelling.",
    "string_too_long": "Keep it to {max_length} characters or fewer.",
    "string_too_short": "This can't be empty.",
    "too_long": "Send at most {max_length} of these.",
    "less_than_equal": "Use a number up to {le}.",
    "greater_than_equal": "Use a number from {ge}.",
    "literal_error": "Use one of: {expected}.",
    "int_type": "Use a whole number.",
    "int_parsing": "Use a whole number.",
    "bool_type": "Use true or false.",
    "bool_parsing": "Use true or false.",
    "string_type": "Use text (a JSON string).",
    "uuid_parsing": "Use an id as onward gives them (a UUID).",
    "uuid_type": "Use an id as onward gives them (a UUID).",
    "date_from_datetime_parsing": "Use a date as YYYY-MM-DD.",
    "date_parsing": "Use a date as YYYY-MM-DD.",
    "date_type": "Use a date as YYYY-MM-DD.",
    "model_attributes_type": "Send a JSON object.",
    "dict_type": "Send a JSON object.",
    "list_type": "Send a list.",
}


class ApiError(Exception):
    """A refusal with its status, a stable code, a sentence, and the fields to blame."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}


def body(code: str, message: str, fields: dict[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def error_response(status: int, code: str, message: str, fields: dict[str, str] | None = None) -> HttpResponse:
    """The error body outside ninja's own views (unknown addresses, wrong methods)."""
    return JsonResponse(body(code, message, fields), status=status)


@contextmanager
def conflict_when(state_forbids: Callable[[], bool]) -> Iterator[None]:
    """An action's refusal is a 409 when the object's state is why (already done, already logged), else a 400.

    ``state_forbids`` is asked only after a refusal, so it reads the state the action saw.
    """
    try:
        yield
    except UserError as exc:
        if state_forbids():
            raise ApiError(409, "conflict", str(exc)) from None
        raise


def field_name(loc: Sequence[Any]) -> str:
    """A field's dotted name from pydantic's location, without ninja's wrapping.

    >>> field_name(("body", "payload", "contacts", 0))
    'contacts.0'
    >>> field_name(("body", "payload"))
    'body'
    """
    parts = [str(part) for part in loc]
    source, rest = (parts[0], parts[1:]) if parts else ("body", [])
    if rest and rest[0] in ("payload", "filters"):
        rest = rest[1:]
    return ".".join(rest) or source


def _sentence(error: dict[str, Any]) -> str:
    template = FRIENDLY.get(str(error.get("type")))
    ctx = error.get("ctx") or {}
    if template:
        try:
            return template.format(**ctx)
        except (KeyError, IndexError):
            pass
    message = str(error.get("msg") or "This value can't be used.")
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def fields_of(errors: list[dict[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        name = field_name(error.get("loc") or ())
        sentence = _sentence(error)
        fields[name] = f"{fields[name]} {sentence}" if name in fields and sentence not in fields[name] else sentence
    return fields


# --- ninja's handlers -----------------------------------------------------------------


def install(api: NinjaAPI) -> None:
    """Answer every exception an operation can raise in the one error body."""

    def respond(request: HttpRequest, status: int, payload: dict[str, Any]) -> HttpResponse:
        response = api.create_response(request, payload, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="onward"'
        return response

    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, body(exc.code, exc.message, exc.fields))

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, 422, body("invalid_input", BAD_INPUT, fields_of(list(exc.errors))))

    def on_user_error(request: HttpRequest, exc: UserError) -> HttpResponse:
        return respond(request, 400, body("invalid", str(exc)))

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, body("not_found", NOT_FOUND))

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc, AuthenticationError):
            message = exc.message if exc.message != "Unauthorized" else NOT_SIGNED_IN
            return respond(request, 401, body("not_signed_in", message))
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            return respond(request, 400, body("invalid_json", "The request body isn't valid JSON."))
        if exc.status_code == 403:
            return respond(request, 403, body("csrf_failed", CSRF))
        return respond(request, exc.status_code, body("refused", str(exc)))

    def on_exception(request: HttpRequest, exc: Exception) -> HttpResponse:
        if isinstance(exc, RequestDataTooBig | TooManyFieldsSent):
            return respond(request, 413, body("too_large", "The request is too large for onward to read."))
        # Logged as Django logs a failing view, and signalled so that test clients re-raise it.
        logger.error("API error: %s %s", request.method, request.path, exc_info=exc)
        signals.got_request_exception.send(sender=None, request=request)
        return respond(request, 500, body("server_error", SERVER))

    handlers: dict[type[Exception], Callable[[HttpRequest, Any], HttpResponse]] = {
        ApiError: on_api_error,
        ValidationError: on_validation,
        UserError: on_user_error,
        Http404: on_not_found,
        HttpError: on_http_error,
        Exception: on_exception,
    }
    for kind, handler in handlers.items():
        api.add_exception_handler(kind, handler)
