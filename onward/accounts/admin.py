from django.contrib import admin

from onward.accounts.models import LoginLink


@admin.register(LoginLink)
class LoginLinkAdmin(admin.ModelAdmin[LoginLink]):
    list_display = ("token_hash", "created_at", "expires_at", "used_at")
    readonly_fields = ("token_hash", "created_at", "expires_at", "used_at")
