from django.urls import path

from onward.accounts import server_views, views

app_name = "accounts"

urlpatterns = [
    path("login/<str:token>/", views.redeem_link, name="redeem_link"),
    path("signin/", views.signin, name="signin"),
    path("signout/", views.signout, name="signout"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/calendar/", views.calendar_feed, name="calendar_feed"),
    path("signup/", server_views.signup, name="signup"),
    path("signup/<str:token>/", server_views.signup, name="signup_invited"),
    path("signout/everywhere/", server_views.signout_everywhere, name="signout_everywhere"),
    path("password/reset/", server_views.PasswordReset.as_view(), name="password_reset"),
    path("password/reset/sent/", server_views.PasswordResetSent.as_view(), name="password_reset_sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        server_views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", server_views.PasswordResetComplete.as_view(), name="password_reset_complete"),
    path("settings/password/", server_views.PasswordChange.as_view(), name="password_change"),
]
