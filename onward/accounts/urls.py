from django.urls import path

from onward.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/<str:token>/", views.redeem_link, name="redeem_link"),
    path("signin/", views.signin, name="signin"),
    path("signout/", views.signout, name="signout"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/calendar/", views.calendar_feed, name="calendar_feed"),
]
