from django.apps import AppConfig


class BewonersgroepenConfig(AppConfig):
    name = "bewonersgroepen"
    verbose_name = "Bewonersgroepen"

    def ready(self):
        from gebieden.menu import mag, register_menu_item

        from . import permissions, werkstromen  # noqa: F401  (registers the rules and the workflows)

        register_menu_item(
            "Mijn groep",
            "bewonersgroepen:mijn_groep",
            mag("bewonersgroepen.view_mijn_groep"),
            order=30,
            voorrang=2,
        )
        register_menu_item(
            "Bewonersgroepen",
            "bewonersgroepen:lijst",
            mag("bewonersgroepen.list_groep"),
            order=31,
            voorrang=2,
        )
