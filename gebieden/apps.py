from django.apps import AppConfig


class GebiedenConfig(AppConfig):
    name = "gebieden"
    verbose_name = "Gebieden"

    def ready(self):
        from .menu import register_menu_item
        from .registry import register_area_section

        register_menu_item("Gebieden", "gebieden:overzicht", order=10)
        register_area_section("profiel", "gebieden/_profiel.html", _profiel_sectie, order=90)


def _profiel_sectie(request, gebied):
    from .selectors import gebiedsprofiel

    profiel = gebiedsprofiel(gebied)
    return {"gebied": gebied, "profiel": profiel} if profiel else None
