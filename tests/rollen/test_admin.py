import datetime

import pytest
from django.urls import reverse

from rollen.constants import Rol
from rollen.models import Rolbeschrijving, Toewijzing
from rollen.services import toewijzing_aanmaken
from tests.factories import UserFactory

from .factories import ParticipatiestapFactory, ProjectFactory, RouteringsregelFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model", ["rolbeschrijving", "project", "participatiestap", "toewijzing", "overdracht", "routeringsregel"]
)
def test_beheerlijsten_en_zoeken(admin_client, kern, medewerker, model):
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=datetime.date(2024, 1, 1))
    ParticipatiestapFactory(project=ProjectFactory(gemeente=kern.gemeente))
    RouteringsregelFactory(gemeente=kern.gemeente)
    url = reverse(f"admin:rollen_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "Breukelen"}).status_code == 200


def test_rollen_vast_in_code_beschrijving_aanpasbaar(admin_client, db):
    assert admin_client.get(reverse("admin:rollen_rolbeschrijving_add")).status_code == 403
    rb = Rolbeschrijving.objects.get(rol=Rol.BEHEERDER)
    url = reverse("admin:rollen_rolbeschrijving_change", args=[rb.pk])
    assert admin_client.post(url, {"beschrijving": "Nieuw"}).status_code == 302
    rb.refresh_from_db()
    assert rb.beschrijving == "Nieuw" and rb.history.first().history_type == "~"


def test_overlap_ook_in_beheer_geweigerd(admin_client, kern, medewerker):
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=datetime.date(2024, 1, 1))
    andere = UserFactory(medewerker=True, gemeente=kern.gemeente)
    response = admin_client.post(
        reverse("admin:rollen_toewijzing_add"),
        {"rol": Rol.ADVISEUR, "medewerker": andere.pk, "kern": kern.pk, "van": "2024-06-01"},
    )
    assert response.status_code == 200 and "overlapt met Mila Medewerker" in response.text
    assert Toewijzing.objects.count() == 1


@pytest.fixture
def functioneel_beheer(client, beheerder):
    """A functional admin as in production: group Functioneel beheerder and is_staff, no superuser."""
    assert not beheerder.is_superuser
    client.force_login(beheerder)
    return client


def test_functioneel_beheerder_schrijft_een_routeringsregel(functioneel_beheer, wijk, medewerker, collega):
    from rollen.models import Routeringsregel
    from rollen.selectors import verantwoordelijke_voor

    toewijzing_aanmaken(
        rol=Rol.ADVISEUR, kern=wijk.kern, medewerker=medewerker, van=datetime.date(2024, 1, 1)
    )
    assert verantwoordelijke_voor(gebied=wijk, soort_werk="groep_aanmelding") == medewerker  # fallback

    url = reverse("admin:rollen_routeringsregel_add")
    formulier = functioneel_beheer.get(url)
    assert formulier.status_code == 200
    # The kinds of work the apps route, to pick from a list rather than a key to type.
    for label in (
        "Aanmelding van een bewonersgroep",
        "Aanvraag leefbaarheidsbudget",
        "Samenwerkingsovereenkomst",
    ):
        assert label in formulier.text
    gegevens = {
        "soort_werk": "groep_aanmelding",
        "gemeente": wijk.gemeente.pk,
        "wijk": wijk.pk,
        "medewerker": collega.pk,
        "toelichting": "Collega kent de groepen in deze wijk.",
    }
    assert functioneel_beheer.post(url, gegevens).status_code == 302
    regel = Routeringsregel.objects.get()
    assert str(regel).startswith("Aanmelding van een bewonersgroep in Wijk 02 Breukelen")
    assert verantwoordelijke_voor(gebied=wijk, soort_werk="groep_aanmelding") == collega
    assert verantwoordelijke_voor(gebied=wijk.kern, soort_werk="groep_aanmelding") == medewerker

    # Changing the rule to a role: whoever is Beheerder of the wijk today; nobody is, so the adviseur.
    wijzigen = reverse("admin:rollen_routeringsregel_change", args=[regel.pk])
    assert (
        functioneel_beheer.post(wijzigen, {**gegevens, "medewerker": "", "rol": Rol.BEHEERDER}).status_code
        == 302
    )
    assert verantwoordelijke_voor(gebied=wijk, soort_werk="groep_aanmelding") == medewerker
    assert regel.history.count() == 2

    lijst = functioneel_beheer.get(
        reverse("admin:rollen_routeringsregel_changelist"), {"soort_werk": "groep_aanmelding"}
    )
    assert lijst.status_code == 200 and "Aanmelding van een bewonersgroep" in lijst.text


def test_routeringsregel_fouten_in_het_nederlands(functioneel_beheer, wijk, collega):
    from rollen.models import Routeringsregel

    url = reverse("admin:rollen_routeringsregel_add")
    basis = {"soort_werk": "aanvraag", "gemeente": wijk.gemeente.pk}
    fouten = {
        "Kies naar welke rol of welke medewerker het werk gaat.": basis,
        "Kies een rol óf een medewerker, niet allebei.": {
            **basis,
            "rol": Rol.BEHEERDER,
            "medewerker": collega.pk,
        },
        "Kies een kern óf een wijk, niet allebei.": {
            **basis,
            "rol": Rol.BEHEERDER,
            "kern": wijk.kern.pk,
            "wijk": wijk.pk,
        },
        "Selecteer een geldige keuze.": {**basis, "soort_werk": "iets-anders", "rol": Rol.BEHEERDER},
    }
    for melding, gegevens in fouten.items():
        response = functioneel_beheer.post(url, gegevens)
        assert response.status_code == 200 and melding in response.text, melding
    assert not Routeringsregel.objects.exists()


def test_onbekend_soort_werk_ook_buiten_het_beheer_geweigerd(gemeente):
    from django.core.exceptions import ValidationError

    from rollen.models import Routeringsregel

    with pytest.raises(ValidationError) as fout:
        Routeringsregel(gemeente=gemeente, soort_werk="aanvrag", rol=Rol.ADVISEUR).full_clean()
    assert "Dit soort werk kent het portaal niet" in fout.value.message_dict["soort_werk"][0]


def test_functioneel_beheerder_past_rolbeschrijving_aan(functioneel_beheer, db):
    assert functioneel_beheer.get(reverse("admin:rollen_rolbeschrijving_add")).status_code == 403
    rb = Rolbeschrijving.objects.get(rol=Rol.WIJKWETHOUDER)
    url = reverse("admin:rollen_rolbeschrijving_change", args=[rb.pk])
    assert functioneel_beheer.post(url, {"beschrijving": "Aanspreekpunt in het college."}).status_code == 302
    assert "Aanspreekpunt in het college." in functioneel_beheer.get(reverse("rollen:rollen")).text
    assert (
        functioneel_beheer.post(
            reverse("admin:rollen_rolbeschrijving_delete", args=[rb.pk]), {"post": "yes"}
        ).status_code
        == 403
    )


def test_beheer_verwijst_naar_de_overdracht_met_het_open_werk(functioneel_beheer, kern, medewerker, collega):
    adviseur = toewijzing_aanmaken(
        rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=datetime.date(2024, 1, 1)
    )
    wijzigen = functioneel_beheer.get(reverse("admin:rollen_toewijzing_change", args=[adviseur.pk]))
    overdracht = reverse("rollen:toewijzing_beeindigen", args=[adviseur.pk])
    assert f'href="{overdracht}"' in wijzigen.text
    # The functional admin of the gemeente may use that page: it moves the work and records it.
    response = functioneel_beheer.post(overdracht, {"tot": "2025-01-31", "opvolger": collega.pk})
    assert response.status_code == 302
    assert Toewijzing.objects.get(medewerker=collega).van == datetime.date(2025, 2, 1)
    assert functioneel_beheer.get(reverse("admin:rollen_toewijzing_add")).status_code == 200
