from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    name = "meldingen"
    verbose_name = "Meldingen openbare ruimte"

    def ready(self):
        from gebieden.menu import mag, register_menu_item

        from . import permissions, werkstromen  # noqa: F401  (registers the rules and the workflow)

        register_menu_item("Melding doen", "meldingen:melden", order=45, voorrang=3)
        register_menu_item(
            "Meldingen", "meldingen:wachtrij", visible=mag("meldingen.view_wachtrij"), order=46, voorrang=2
        )
