from django.urls import path

from onward.plans import calendar, views

app_name = "plans"

urlpatterns = [
    path("rejections/new/", views.quick_reject, name="quick_reject"),
    path("rejections/<uuid:public_id>/", views.rejection_detail, name="rejection"),
    path("rejections/<uuid:public_id>/feedback/", views.rejection_feedback, name="feedback"),
    path("applications/<uuid:public_id>/reject/", views.reject_application, name="reject"),
    path("steps/<uuid:public_id>/", views.step_detail, name="step"),
    path("steps/<uuid:public_id>/done/", views.step_done, name="step_done"),
    path("steps/<uuid:public_id>/skip/", views.step_skip, name="step_skip"),
    path("steps/<uuid:public_id>/snooze/", views.step_snooze, name="step_snooze"),
    path("calendar/<str:token>.ics", calendar.feed, name="calendar"),
]
