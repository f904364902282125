from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "onward.notifications"
    label = "notifications"
