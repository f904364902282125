from django.apps import AppConfig


class WithdrawalConfig(AppConfig):
    name = "onward.withdrawal"
    label = "withdrawal"
