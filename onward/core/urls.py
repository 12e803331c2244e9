from django.urls import path

from onward.core import views
from onward.plans.views import home

app_name = "core"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", views.healthz, name="healthz"),
]
