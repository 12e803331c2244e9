from django.urls import path

from onward.tracker import import_views, views

app_name = "tracker"

urlpatterns = [
    path("applications/", views.application_list, name="list"),
    path("applications/board/", views.board, name="board"),
    path("applications/new/", views.application_add, name="add"),
    path("applications/export.csv", views.export_csv, name="export_csv"),
    path("applications/import/", import_views.import_csv, name="import_csv"),
    path("applications/<uuid:public_id>/", views.application_detail, name="detail"),
    path("applications/<uuid:public_id>/edit/", views.application_edit, name="edit"),
    path("applications/<uuid:public_id>/stage/", views.application_stage, name="stage"),
    path("applications/<uuid:public_id>/notes/", views.application_note, name="note"),
    path("applications/<uuid:public_id>/interviews/new/", views.interview_add, name="interview_add"),
    path("contacts/", views.contact_list, name="contacts"),
    path("contacts/new/", views.contact_add, name="contact_add"),
    path("contacts/<uuid:public_id>/", views.contact_detail, name="contact_detail"),
    path("contacts/<uuid:public_id>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<uuid:public_id>/log/", views.contact_log, name="contact_log"),
]
