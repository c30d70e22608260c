from django.apps import AppConfig


def contacten_sectie(request, gebied):
    """Area-page section: today's contacts of a kern or wijk (nothing on the gemeente page)."""
    from .selectors import contactpersonen

    if getattr(gebied, "niveau", None) not in ("kern", "wijk"):
        return None
    return {"contacten": contactpersonen(gebied, met_beschrijvingen=False), "gebied_naam": gebied.naam}


class RollenConfig(AppConfig):
    name = "rollen"
    verbose_name = "Rollen"

    def ready(self):
        from gebieden.menu import mag, register_menu_item
        from gebieden.registry import register_gebied_sectie

        from . import permissions  # noqa: F401  (registers the rules)
        from .registry import register_open_werk
        from .selectors import lopende_projecten_van
        from .services import projecten_overdragen, projecten_tellen

        register_open_werk(
            "projecten",
            "Lopende projecten (omgevingsmanager)",
            count_for=lambda user: projecten_tellen([user.pk]).get(user.pk, 0),
            items_for=lopende_projecten_van,
            transfer=projecten_overdragen,
            counts_for=projecten_tellen,
            order=10,
        )
        register_gebied_sectie(
            "rollen_contacten", "rollen/_contacten_sectie.html", contacten_sectie, order=10
        )
        register_menu_item("Contactpersonen", "rollen:contactpersonen", order=20, voorrang=4)
        register_menu_item("Dekking", "rollen:dekking", visible=mag("rollen.view_dekking"), order=60)
