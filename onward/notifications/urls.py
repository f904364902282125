from django.urls import path

from onward.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.list_notifications, name="list"),
    path("read-all/", views.mark_all_read, name="mark-all-read"),
    path("preferences/", views.edit_preferences, name="preferences"),
    path("<uuid:notification_id>/open/", views.open_notification, name="open"),
    path("<uuid:notification_id>/read/", views.mark_read, name="mark-read"),
]
