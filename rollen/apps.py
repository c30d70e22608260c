from django.apps import AppConfig


class RollenConfig(AppConfig):
    name = "rollen"
    verbose_name = "Rollen"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)
        from .registry import register_open_work
        from .selectors import lopende_projecten_van
        from .services import projecten_overdragen, projecten_tellen

        register_open_work(
            "projecten",
            "Lopende projecten (omgevingsmanager)",
            count_for=lambda user: projecten_tellen([user.pk]).get(user.pk, 0),
            items_for=lopende_projecten_van,
            transfer=projecten_overdragen,
            counts_for=projecten_tellen,
            order=10,
        )
