"""Print the calendar address token of a data folder as JSON: ``python -m tests.backups.calendar_token``."""

from __future__ import annotations

import json

from onward.cli._django import acting_user


def main() -> None:
    user = acting_user()
    from onward.accounts.actions import preferences_for

    print(json.dumps({"calendar_token": preferences_for(user).calendar_token}))


if __name__ == "__main__":
    main()
