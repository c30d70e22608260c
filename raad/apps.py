from django.apps import AppConfig


class RaadConfig(AppConfig):
    name = "raad"
    verbose_name = "Raad: dashboards en moties"

    def ready(self):
        from gebieden.menu import register_menu_item

        from . import permissions, werkstromen  # noqa: F401  (registers the rules and the workflow)
        from .permissions import is_raadslezer

        register_menu_item(
            "Raadsinformatie",
            "raad:dashboard",
            visible=lambda user: is_raadslezer(user),
            order=75,
            voorrang=3,
        )
        register_menu_item("Open cijfers", "raad:transparantie", order=90)
        register_menu_item(
            "Moties", "raad:moties", visible=lambda user: is_raadslezer(user), order=80, voorrang=3
        )
