from django.apps import AppConfig


class MailImportConfig(AppConfig):
    name = "onward.mailimport"
    label = "mailimport"
    verbose_name = "Mail import"
