from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("onward.core.urls")),
    path("", include("onward.accounts.urls")),
    path("", include("onward.tracker.urls")),
    path("", include("onward.plans.urls")),
    path("", include("onward.drafts.urls")),
    path("", include("onward.reflect.urls")),
    path("", include("onward.momentum.urls")),
    path("", include("onward.mailimport.urls")),
    path("", include("onward.backups.urls")),
    path("api/v1/", include("onward.api.urls")),
    path("settings/tokens/", include("onward.api.pages")),
    path("admin/", admin.site.urls),
]
