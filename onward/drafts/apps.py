from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "onward.drafts"
    label = "drafts"
    verbose_name = "Drafts"
