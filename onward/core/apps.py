from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "onward.core"
    label = "core"

    def ready(self) -> None:
        from onward.core import checks  # noqa: F401, PLC0415 - registers the deploy checks
