from django.urls import path

from onward.momentum import views

app_name = "momentum"

urlpatterns = [
    path("insights/", views.insights_page, name="insights"),
    path("checkin/", views.checkin, name="checkin"),
    path("checkin/not-now/", views.checkin_dismiss, name="checkin_dismiss"),
    path("checkins/", views.checkin_history, name="checkins"),
    path("checkins/delete/", views.checkin_delete_all, name="checkin_delete_all"),
    path("checkins/<uuid:public_id>/delete/", views.checkin_delete, name="checkin_delete"),
    path("goals/", views.goals, name="goals"),
    path("review/", views.review, name="review"),
]
