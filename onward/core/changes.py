"""Every change to a person's data moves their change stamp, so a page built from it can be kept.

A page like Today is built from a dozen tables; asking each of them "did anything change?" costs
as much as building the page. Instead, every write to a person's rows moves one counter of theirs
(:class:`~onward.core.models.ChangeStamp`), in the same transaction as the write (one is opened
when the caller has none), and a kept page is filed under the counter it was built at
(:mod:`onward.core.pagecache`). Reading the counter is one indexed row.

The writes are caught where they happen, not by signals (a ``post_delete`` receiver would stop
Django from deleting a whole account's rows in a few statements):

- :class:`Stamped` models move the stamp in ``save()`` and ``delete()``;
- their querysets (:class:`StampedQuerySet`) do it in ``update()``, ``delete()``, ``bulk_create()``
  and ``bulk_update()``, for every owner the rows belong to;
- a change to a many-to-many link moves it through ``m2m_changed`` (see :func:`connect`);
- an account's own row (its name) through ``post_save`` of the user model.

A convention test checks that every model of onward's apps is stamped or listed as not being
anybody's job search (:data:`NOT_A_PERSONS_DATA`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django.db import connection, models, transaction
from django.db.models import F

from onward.core.models import ChangeStamp

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Rows that belong to no one's search, or that no page built from a search shows.
NOT_A_PERSONS_DATA = frozenset(
    {
        "core.ChangeStamp",
        "accounts.LoginLink",
        "accounts.Invitation",
        "accounts.SignInState",
        "accounts.RateBucket",
        "api.ApiToken",  # "last used" moves on every API call; no page of the search shows tokens
        "mailimport.UploadPart",
    }
)

_M = TypeVar("_M", bound=models.Model)


def changed(owner_ids: Iterable[int | None]) -> None:
    """Move the stamp of each of these accounts (inside the caller's transaction, if any)."""
    for owner_id in sorted({owner_id for owner_id in owner_ids if owner_id}):
        moved = ChangeStamp.objects.filter(owner_id=owner_id).update(count=F("count") + 1)
        if not moved:
            _, made = ChangeStamp.objects.get_or_create(owner_id=owner_id, defaults={"count": 1})
            if not made:  # somebody made it in between: move it all the same
                ChangeStamp.objects.filter(owner_id=owner_id).update(count=F("count") + 1)


# Standard SQL quoting, the same on SQLite and PostgreSQL; the table is core's ChangeStamp.
_READ_STAMP = 'SELECT "count" FROM "core_changestamp" WHERE "owner_id" = %s'


def stamp_of(user: User) -> int:
    """``user``'s stamp now. Read it *before* reading what a kept page shows (see pagecache)."""
    # Asked on every visit of a kept page: one plain statement, without building an ORM query each time.
    with connection.cursor() as cursor:
        cursor.execute(_READ_STAMP, [user.pk])
        row = cursor.fetchone()
    found = row[0] if row else None
    if found is None:
        stamp, _ = ChangeStamp.objects.get_or_create(owner_id=user.pk, defaults={"count": 1})
        found = stamp.count
    return found


def forget(owner_id: int) -> None:
    """An account is being deleted: its stamp goes too."""
    ChangeStamp.objects.filter(owner_id=owner_id).delete()


class StampedQuerySet(models.QuerySet[_M]):
    """A queryset whose bulk writes move the stamps of the accounts their rows belong to.

    ``owner_path`` is the lookup from a row to its owner's id: ``owner_id`` for rows with an owner,
    ``application__owner_id`` for the ones that belong to an application.
    """

    owner_path: ClassVar[str] = "owner_id"

    def _owners(self) -> set[int]:
        return set(self.order_by().values_list(self.owner_path, flat=True).distinct())

    # Each write and its stamp move commit together (``savepoint=False``: inside a caller's transaction
    # this adds nothing; outside one, a failure between the two can't leave the write without the move).

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db, savepoint=False):
            owners = self._owners()
            count = super().update(**kwargs)
            changed(owners)
        return count

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db, savepoint=False):
            owners = self._owners()
            result = super().delete()
            changed(owners)
        return result

    def bulk_create(self, objs: Iterable[_M], *args: Any, **kwargs: Any) -> list[_M]:
        with transaction.atomic(using=self.db, savepoint=False):
            made = super().bulk_create(objs, *args, **kwargs)
            changed(owners_of(made))
        return made

    def bulk_update(self, objs: Iterable[_M], *args: Any, **kwargs: Any) -> int:
        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            count = super().bulk_update(objs, *args, **kwargs)
            changed(owners_of(objs))
        return count


class ApplicationRowQuerySet(StampedQuerySet[_M]):
    """Rows that belong to an application (its stage history, its notes), not to an owner directly."""

    owner_path: ClassVar[str] = "application__owner_id"


def owners_of(objs: Iterable[models.Model]) -> set[int]:
    """The owners of these rows (one query for rows that reach their owner through an application)."""
    owners: set[int] = set()
    applications: set[int] = set()
    for obj in objs:
        owner_id = getattr(obj, "owner_id", None)
        if owner_id is not None:
            owners.add(owner_id)
        elif getattr(obj, "application_id", None) is not None:
            application = obj._state.fields_cache.get("application")
            if application is not None:
                owners.add(application.owner_id)
            else:
                applications.add(obj.application_id)  # type: ignore[attr-defined]
    if applications:
        from onward.tracker.models import Application

        owners.update(Application.objects.filter(pk__in=applications).values_list("owner_id", flat=True))
    return owners


class Stamped:
    """A model mixin: saving or deleting one row moves its owner's stamp."""

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic(savepoint=False):  # the row and its stamp commit together
            super().save(*args, **kwargs)  # type: ignore[misc]
            changed(owners_of([self]))  # type: ignore[list-item]

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with transaction.atomic(savepoint=False):
            owners = owners_of([self])  # type: ignore[list-item]
            result: tuple[int, dict[str, int]] = super().delete(*args, **kwargs)  # type: ignore[misc]
            changed(owners)
        return result


def _links_changed(sender: Any, instance: models.Model, action: str, **kwargs: Any) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Stamped):
        changed(owners_of([instance]))


def _account_saved(sender: Any, instance: User, **kwargs: Any) -> None:
    changed([instance.pk])


def connect() -> None:
    """Listen for the changes models can't see themselves: links, and an account's own row."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_save

    m2m_changed.connect(_links_changed, dispatch_uid="onward.core.changes.links")
    post_save.connect(_account_saved, sender=get_user_model(), dispatch_uid="onward.core.changes.account")
