from django.apps import AppConfig


class PortaalConfig(AppConfig):
    name = "portaal"
    verbose_name = "Portaal"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deploy check)
