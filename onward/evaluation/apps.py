from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "onward.evaluation"
    label = "evaluation"
