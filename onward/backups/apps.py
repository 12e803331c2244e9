from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "onward.backups"
    label = "backups"
    verbose_name = "Backups and your data"
