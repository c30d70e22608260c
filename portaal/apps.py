from django.apps import AppConfig


class PortaalConfig(AppConfig):
    name = "portaal"
    verbose_name = "Portaal"

    def ready(self):
        from gebieden.menu import register_menu_item

        from . import checks  # noqa: F401 (registers the deploy check)

        def heeft_werk(user) -> bool:
            """Mijn werk is for members, staff and functional admins; a raadslid's start is the dashboard."""
            return bool(
                user.is_authenticated
                and user.is_active
                and (user.is_groepslid or user.is_medewerker or user.is_functioneel_beheerder)
            )

        register_menu_item("Mijn werk", "portaal:mijn_werk", visible=heeft_werk, order=5, voorrang=1)
