from django.apps import AppConfig


class MomentumConfig(AppConfig):
    name = "onward.momentum"
    label = "momentum"
    verbose_name = "Wellbeing, goals and insights"
