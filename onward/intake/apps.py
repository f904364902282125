from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "onward.intake"
    label = "intake"
