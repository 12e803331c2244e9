from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "onward.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every sign-in stamps its session, whichever way it happens (form, link, test client).
        from onward.accounts import middleware  # noqa: F401
