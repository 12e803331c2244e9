from django.urls import path

from onward.drafts import views

app_name = "drafts"

urlpatterns = [
    path("drafts/steps/<uuid:public_id>/", views.step_draft, name="step"),
    path("drafts/new/<str:kind>/", views.new_draft, name="new"),
    path("drafts/lint/", views.lint, name="lint"),
]
