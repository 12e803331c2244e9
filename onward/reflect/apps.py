from django.apps import AppConfig


class ReflectConfig(AppConfig):
    name = "onward.reflect"
    label = "reflect"
    verbose_name = "Reflection and feedback"
