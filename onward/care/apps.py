from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "onward.care"
    label = "care"
