from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "onward.audit"
    label = "audit"

    def ready(self) -> None:
        from onward.audit import checks  # noqa: F401, PLC0415 - registers the deploy check
