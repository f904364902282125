from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "onward.core"
    label = "core"

    def ready(self) -> None:
        from onward.core import checks  # noqa: F401, PLC0415 - registers the deploy checks
        from onward.core.forms import install_input_ranges  # noqa: PLC0415

        install_input_ranges()
