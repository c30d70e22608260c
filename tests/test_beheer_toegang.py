"""The Django admin (left out of docs/permissions.md) as the seven kinds of user of the permission table.

Only functional admins (is_staff) get in; everyone else is sent to the admin's log-in page. For a functional
admin no admin page answers 500: the list (with a search, which exercises search_fields), the add page, and
the change and history pages of an object of the permission-table world.
"""

from django.contrib import admin
from django.urls import reverse

from tests.permissietabel.objecten import SOORTEN, bouw_wereld, laad_registraties


def _beheerpaginas():
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        object_ = model._default_manager.order_by("pk").first()
        paginas = [
            reverse("admin:{}_{}_changelist".format(*info)) + "?q=test",
            reverse("admin:{}_{}_add".format(*info)),
        ]
        if object_ is not None:
            paginas.append(reverse("admin:{}_{}_change".format(*info), args=[object_.pk]))
            paginas.append(reverse("admin:{}_{}_history".format(*info), args=[object_.pk]))
        yield model, paginas


def test_alleen_functioneel_beheer_komt_in_het_beheer_en_niets_geeft_500(client, db):
    laad_registraties()
    wereld = bouw_wereld()
    inlogpagina = reverse("admin:login")
    fouten = []
    for model, paginas in _beheerpaginas():
        for soort in SOORTEN:
            client.logout()
            gebruiker = wereld.gebruikers[soort]
            if gebruiker is not None:
                client.force_login(gebruiker)
            for pagina in paginas:
                try:
                    response = client.get(pagina)
                except Exception as fout:  # the test client re-raises what would be a 500
                    fouten.append(f"{pagina} als {soort}: {fout!r}")
                    continue
                if response.status_code == 500:
                    fouten.append(f"{pagina} als {soort}: 500")
                elif soort != "beheerder":
                    if not (response.status_code == 302 and response["Location"].startswith(inlogpagina)):
                        fouten.append(f"{pagina} als {soort}: {response.status_code}, geen doorverwijzing")
                elif pagina.endswith("?q=test") and response.status_code != 200:
                    fouten.append(f"{pagina} ({model._meta.label}) als beheerder: {response.status_code}")
    assert not fouten, "\n".join(fouten)
