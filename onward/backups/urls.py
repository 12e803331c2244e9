from django.urls import path

from onward.backups import views

app_name = "backups"

urlpatterns = [
    path("settings/data/", views.data_page, name="data"),
    path("settings/data/backup/", views.download, name="download"),
    path("settings/data/restore/", views.restore, name="restore"),
    path("settings/data/delete/", views.delete_data, name="delete_data"),
    path("settings/data/delete-account/", views.delete_account, name="delete_account"),
]
