from django.urls import path

from onward.core import views
from onward.plans.views import home

app_name = "core"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("example/", views.explore_example, name="explore_example"),
    path("example/clear/", views.clear_example, name="clear_example"),
]
