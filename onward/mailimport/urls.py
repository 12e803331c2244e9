from django.urls import path

from onward.mailimport import views

app_name = "mailimport"

urlpatterns = [
    path("mail/", views.start, name="start"),
    path("mail/imports/<uuid:public_id>/", views.job_page, name="job"),
    path("mail/review/", views.review, name="review"),
    path("mail/messages/<uuid:public_id>/", views.item_page, name="item"),
    path("mail/messages/<uuid:public_id>/accept/", views.accept, name="accept"),
    path("mail/messages/<uuid:public_id>/file/", views.file_as, name="file"),
    path("mail/messages/<uuid:public_id>/dismiss/", views.dismiss, name="dismiss"),
    path("mail/messages/<uuid:public_id>/undo/", views.undo, name="undo"),
]
