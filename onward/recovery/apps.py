from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "onward.recovery"
    label = "recovery"
