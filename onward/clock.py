"""What day it is, for the edges of the app (views, CLI, tasks).

The pure domain never asks for the date; it is handed ``today``. The edges ask
here, so ``ONWARD_TODAY=2026-03-02`` pins the whole app to one day for demos and
tests::

    >>> import os; os.environ["ONWARD_TODAY"] = "2026-03-02"
    >>> today().isoformat()
    '2026-03-02'
    >>> del os.environ["ONWARD_TODAY"]
"""

from __future__ import annotations

import os
from datetime import date

from onward.config import env_date


def today() -> date:
    return env_date(os.environ, "ONWARD_TODAY") or date.today()
