"""The change stamp: one small counter a person, moved by every change to their data."""

from __future__ import annotations

from django.db import models


class ChangeStamp(models.Model):
    """How many times ``owner_id``'s data has changed (see :mod:`onward.core.changes`).

    Deliberately not a foreign key: a stamp is moved from inside the same transaction that
    deletes an account's rows, and it must never hold that deletion up. An account's stamp goes
    with the account (:func:`onward.core.changes.forget`).
    """

    owner_id = models.PositiveBigIntegerField(primary_key=True)
    count = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"changes of account {self.owner_id}: {self.count}"
