from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "onward.core"
    label = "core"
    verbose_name = "onward"

    def ready(self) -> None:
        from onward.core import checks  # noqa: F401  (registers the system checks)
        from onward.core.changes import connect

        connect()
