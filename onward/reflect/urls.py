from django.urls import path

from onward.reflect import views

app_name = "reflect"

urlpatterns = [
    path("applications/<uuid:public_id>/reflect/", views.reflection_page, name="reflection"),
    path("applications/<uuid:public_id>/feedback/new/", views.feedback_add, name="feedback_add"),
    path("applications/<uuid:public_id>/prep/", views.prep_sheet, name="prep"),
    path("feedback/<uuid:public_id>/", views.feedback_detail, name="feedback"),
    path("lessons/", views.lessons_page, name="lessons"),
]
