"""Keeping pydantic out of commands that give no value to convert.

Typer (0.2x) converts each option's value with a pydantic ``TypeAdapter`` that it
builds the first time the option is processed, even when the value is absent:
``--help`` is processed, as ``None``, on every run of every command. Importing
pydantic and building that adapter was ~50 ms of each start of ``onward`` (a
third of ``onward version``).

Typer turns an absent value into ``None`` (or ``()`` for a list) without looking
at the adapter, so :func:`defer_conversion` answers those itself and leaves
every value that is given to Typer's own conversion, unchanged. When a later
Typer no longer has the method this wraps, nothing is changed and commands are
merely slower to start (``tests/cli/test_start.py`` notices).
"""

from __future__ import annotations

from typing import Any


class _AbsentFirst:
    """Stands in for Typer's conversion of one parameter until a value is given."""

    def __init__(self, parameter: Any, build: Any) -> None:
        self.parameter = parameter
        self.build = build

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:  # as typer._coercion.RuntimeParam.coerce does, before any conversion
            return () if param.multiple or param.nargs == -1 else None
        return self.build(self.parameter).coerce(value, param=param, ctx=ctx)


def defer_conversion() -> None:
    """Build Typer's pydantic conversion of a parameter only when it has a value to convert."""
    try:
        from typer.core import _TyperParameter
    except ImportError:  # pragma: no cover - another Typer: leave it as it is
        return
    build = getattr(_TyperParameter, "get_runtime_param", None)
    if build is None or getattr(build, "onward_deferred", False):
        return

    def get_runtime_param(self: Any) -> Any:
        built = getattr(self, "_runtime_param", None)
        return built if built is not None else _AbsentFirst(self, build)

    get_runtime_param.onward_deferred = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign]
