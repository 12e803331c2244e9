"""The admin is for operators of a server: accounts, invitations, sign-in links and rate limits.

A person's job search itself is not here (see onward/tracker/admin.py for why).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from onward.accounts import actions
from onward.accounts.models import Invitation, LoginLink, RateBucket


@admin.register(LoginLink)
class LoginLinkAdmin(admin.ModelAdmin[LoginLink]):
    list_display = ("token_hash", "created_at", "expires_at", "used_at")
    readonly_fields = ("token_hash", "created_at", "expires_at", "used_at")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    """Adding an invitation mails its link; the link is never stored, so it can't be shown again."""

    list_display = ("email", "invited_by", "created_at", "expires_at", "used_at", "used_by")
    search_fields = ("email",)
    fields = ("email",)

    def has_change_permission(self, request: HttpRequest, obj: Invitation | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Invitation, form: Any, change: bool) -> None:
        obj.invited_by = request.user if request.user.is_authenticated else None
        try:
            token = actions.save_invitation(obj)
        except actions.AccountError as exc:
            raise ValidationError(str(exc)) from exc
        link = actions.mail_invitation(obj, token, base_url=request.build_absolute_uri("/"))
        messages.info(request, f"Invitation mailed to {obj.email}. Its link, if they can't find the mail: {link}")


@admin.register(RateBucket)
class RateBucketAdmin(admin.ModelAdmin[RateBucket]):
    """Deleting a bucket lets someone who was slowed down try again at once."""

    list_display = ("key", "tokens", "updated_at")
    readonly_fields = ("key", "tokens", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


admin.site.unregister(User)


@admin.register(User)
class PrivateUserAdmin(UserAdmin[User]):
    """Django's user admin, except that deleting someone lists how many of each thing goes with them,
    never the things themselves (their notes, feedback and applications are private)."""

    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[str], dict[str, int], set[str], list[str]]:
        _, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        summary = [f"{name}: {count}" for name, count in sorted(counts.items())]
        return summary, counts, perms_needed, [f"{len(protected)} protected items"] if protected else []
