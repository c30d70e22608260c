"""Every create form outside the budget and group apps survives a double click and a retry (issue 16,
item 4): the same POST twice makes one object and the second request lands where the first went.

Applications and groups: tests/leefbaarheidsbudget/test_dubbele_invoer.py and
tests/bewonersgroepen/test_dubbele_invoer.py. Following an area needs no key: one address follows an
area once (`gebiedsagenda.services.volgen_aanmelden`).
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from gebiedsagenda.models import Gebiedsagenda, Nieuwsbericht, Opgave, Thema
from raad.models import Motie, Voortgangsupdate
from rollen.constants import Fase, Rol
from rollen.models import Participatiestap, Project, Toewijzing
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import UserFactory
from tests.gebiedsagenda.factories import AgendaFactory, OpgaveFactory
from tests.raad.factories import MotieFactory

pytestmark = pytest.mark.django_db
SLEUTEL = re.compile(r'name="formuliersleutel" value="([^"]+)"')
VERSTUURD = "U had dit formulier al verstuurd. Het is één keer verwerkt"


def sleutel(client, pagina, actie=None) -> str:
    """The key of the form on `pagina` (the one that posts to `actie`, when the page has several)."""
    html = client.get(pagina).text
    if actie:
        html = html[html.index(f'action="{actie}"') :]
    return SLEUTEL.search(html).group(1)


def twee_keer(client, url, data):
    eerste, tweede = client.post(url, data), client.post(url, data)
    assert eerste.status_code == 302, eerste.context["form"].errors if eerste.context else eerste
    assert (tweede.status_code, tweede.url) == (302, eerste.url)
    assert VERSTUURD in client.get(tweede.url).text
    return eerste


def test_motie(client, medewerker, kern):
    client.force_login(medewerker)
    url = reverse("raad:motie_toevoegen")
    data = {
        "soort": "motie",
        "nummer": "M-7",
        "titel": "Meer groen",
        "indieners": "GroenLinks",
        "jaar": 2024,
        "gevraagde_actie": "Bomen planten.",
        "kernen": [kern.pk],
        "formuliersleutel": sleutel(client, url),
    }
    twee_keer(client, url, data)
    assert Motie.objects.count() == 1


def test_voortgang_van_een_motie(client, medewerker, gemeente):
    motie = MotieFactory(gemeente=gemeente)
    client.force_login(medewerker)
    url = reverse("raad:voortgang_toevoegen", args=[motie.pk])
    data = {"datum": "05-03-2026", "tekst": "Eerste bomen geplant.", "formuliersleutel": sleutel(client, url)}
    twee_keer(client, url, data)
    assert Voortgangsupdate.objects.filter(motie=motie).count() == 1


def test_project_en_participatiestap(client, medewerker, gemeente, kern):
    client.force_login(medewerker)
    url = reverse("rollen:project_toevoegen")
    data = {
        "gemeente": gemeente.pk,
        "naam": "Nieuw dorpshuis",
        "fase": Fase.INITIATIEF,
        "kernen": [kern.pk],
        "formuliersleutel": sleutel(client, url),
    }
    twee_keer(client, url, data)
    project = Project.objects.get()
    url = reverse("rollen:stap_toevoegen", args=[gemeente.slug, project.slug])
    data = {
        "datum": "05-03-2026",
        "wat": "Informatieavond",
        "met_wie": "Dorpsraad",
        "formuliersleutel": sleutel(client, url),
    }
    twee_keer(client, url, data)
    assert Participatiestap.objects.filter(project=project).count() == 1


def test_toewijzing(client, medewerker, gemeente, kern):
    client.force_login(medewerker)
    url = reverse("rollen:toewijzing_toevoegen")
    data = {
        "rol": Rol.ADVISEUR,
        "medewerker": medewerker.pk,
        "kern": kern.pk,
        "van": "01-01-2026",
        "formuliersleutel": sleutel(client, url),
    }
    twee_keer(client, url, data)
    assert Toewijzing.objects.filter(kern=kern, rol=Rol.ADVISEUR).count() == 1


def test_nieuwsbericht(client, medewerker, kern):
    client.force_login(medewerker)
    url = reverse("gebiedsagenda:nieuws_nieuw")
    data = {
        "titel": "Nieuw plein",
        "tekst": "Open!",
        "kernen": [kern.pk],
        "formuliersleutel": sleutel(client, url),
    }
    twee_keer(client, url, data)
    assert Nieuwsbericht.objects.count() == 1


def test_opgave_en_voortgang(client, medewerker, kern):
    agenda = AgendaFactory(kern=kern)
    client.force_login(medewerker)
    url = reverse("gebiedsagenda:opgave_nieuw", args=[agenda.pk])
    data = {
        "titel": "Dorpshuis",
        "thema": Thema.objects.get(naam="Voorzieningen en dorpshuizen").pk,
        "beschrijving": "x",
        "formuliersleutel": sleutel(client, url),
    }
    twee_keer(client, url, data)
    opgave = Opgave.objects.get(agenda=agenda)
    actie = reverse("gebiedsagenda:opgave_notitie", args=[opgave.pk])
    data = {
        "datum": "05-03-2026",
        "tekst": "Gesprek.",
        "formuliersleutel": sleutel(client, opgave.get_absolute_url(), actie),
    }
    twee_keer(client, actie, data)
    assert opgave.notities.count() == 1
    assert Gebiedsagenda.objects.count() == 1


def test_reactie_op_een_opgave(client, gemeente, kern):
    opgave = OpgaveFactory(agenda__kern=kern)
    groep = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True)
    lid = LidmaatschapFactory(groep=groep, gebruiker=UserFactory(groepslid=True)).gebruiker
    client.force_login(lid)
    actie = reverse("gebiedsagenda:opgave_reageren", args=[opgave.pk])
    data = {
        "groep": groep.pk,
        "tekst": "Wij willen een zebrapad.",
        "formuliersleutel": sleutel(client, opgave.get_absolute_url(), actie),
    }
    twee_keer(client, actie, data)
    assert opgave.reacties.count() == 1


# Each view that makes something carries the decorator (and the functional tests above and in the apps
# read the key from its page). A new create form that forgets it fails here.
EENMALIG = {
    "leefbaarheidsbudget/views.py": {
        "aanvraag_nieuw",
        "aanvraag_namens",
        "bijlage_toevoegen",
        # the steps of an application: a retry lands on it instead of "Dit kan niet: …"
        "aanvraag_intrekken",
        "informatie_beantwoorden",
        "verantwoording",
        "ingebrekestelling",
        "behandelen",
        "aanvulling_vragen",
        "termijn_verlengen",
        "besluit",
        "betaling",
        "vaststellen",
        "terugbetaling",
        "jaarbijdrage_vastleggen",
        "jaarbijdrage_laten_vervallen",
    },
    "bewonersgroepen/views.py": {
        "aanmelden",
        "betaalgegevens",
        "uitnodigen",
        "overeenkomst_nieuw",
        "overeenkomst_verlengen",
    },
    "gebiedsagenda/views.py": {"nieuws_nieuw", "opgave_nieuw", "opgave_notitie", "opgave_reageren"},
    "raad/views.py": {"motie_toevoegen", "voortgang_toevoegen"},
    "rollen/views.py": {"project_toevoegen", "stap_toevoegen", "toewijzing_toevoegen"},
    "participatie/views.py": {"stap_toevoegen", "ketenpartner_toevoegen"},
}
MAAKT = re.compile(
    r"_(aanmaken|registreren|plaatsen|toevoegen|uitnodigen|opstellen|aanmelden|voorstellen|verlengen|geven)$"
)
# Need no key: one address follows an area once, whatever is sent; opgave_bewerken edits (it shares its
# helper with opgave_nieuw, which makes one).
# participatie: a stakeholder is in a plan once, whatever is sent (belanghebbende_toevoegen).
ZONDER = {
    "gebiedsagenda/views.py": {"volgen", "opgave_bewerken"},
    "participatie/views.py": {"belanghebbende_toevoegen"},
}


def _aanroepen(functie) -> set[str]:
    """The services.<name> a function calls, also through a helper of the same module it calls."""
    return {
        knoop.func.attr
        for knoop in ast.walk(functie)
        if isinstance(knoop, ast.Call)
        and isinstance(knoop.func, ast.Attribute)
        and isinstance(knoop.func.value, ast.Name)
        and knoop.func.value.id == "services"
    }


@pytest.mark.parametrize("bestand", sorted(EENMALIG))
def test_elk_formulier_dat_iets_maakt_is_eenmalig(bestand):
    boom = ast.parse((Path(settings.BASE_DIR) / bestand).read_text(encoding="utf-8"))
    functies = {f.name: f for f in boom.body if isinstance(f, ast.FunctionDef)}
    versierd = {
        naam
        for naam, f in functies.items()
        if any(isinstance(d, ast.Name) and d.id == "eenmalig" for d in f.decorator_list)
    }
    assert versierd == EENMALIG[bestand]
    maken = set()
    for naam, f in functies.items():
        if naam.startswith("_"):
            continue
        hulp = {n.func.id for n in ast.walk(f) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        diensten = _aanroepen(f).union(*(_aanroepen(functies[h]) for h in hulp if h in functies))
        if any(MAAKT.search(d) for d in diensten):
            maken.add(naam)
    assert maken - ZONDER.get(bestand, set()) <= versierd, "maakt iets zonder @eenmalig"
