from django.urls import path

from onward.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/<str:token>/", views.redeem_link, name="redeem_link"),
    path("signin/", views.signin, name="signin"),
    path("signout/", views.signout, name="signout"),
]
