from django.apps import AppConfig


class RollenConfig(AppConfig):
    name = "rollen"
    verbose_name = "Rollen"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from gebieden.menu import mag, register_menu_item

        from . import permissions  # noqa: F401  (registers the rules)

        # One place per app for its kinds of work: <app>/werk.py (this app's own included).
        autodiscover_modules("werk")
        register_menu_item("Contactpersonen", "rollen:contactpersonen", order=20, voorrang=4)
        register_menu_item("Dekking", "rollen:dekking", visible=mag("rollen.view_dekking"), order=60)
