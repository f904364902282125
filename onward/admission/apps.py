from django.apps import AppConfig


class AdmissionConfig(AppConfig):
    name = "onward.admission"
    label = "admission"
