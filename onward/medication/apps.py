from django.apps import AppConfig


class MedicationConfig(AppConfig):
    name = "onward.medication"
    label = "medication"
