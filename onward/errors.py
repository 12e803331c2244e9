"""Errors meant for the person using onward, with a message they can act on.

Actions raise :class:`UserError`; the CLI prints it as one line and exits 1,
the web shows it beside the form, the API returns it in its error body.
"""


class UserError(Exception):
    """Something the user asked for cannot be done; ``str(exc)`` says why and what to do."""
