from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "onward.consent"
    label = "consent"
