from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "onward.alerts"
    label = "alerts"
