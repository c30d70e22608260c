"""Hand-over across the apps: ending an assignment with a successor moves the person's open work of
every app that registered a provider in `rollen.registry` (projects, registrations, agreements,
applications, opgaven), in one transaction, recorded as an Overdracht; a failing provider undoes all.
"""

import datetime

import pytest

from bewonersgroepen.models import Groep
from gebiedsagenda.models import Opgave
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from meldingen.models import Melding
from rollen import registry
from rollen.constants import Rol
from rollen.models import Overdracht, Project, Toewijzing
from rollen.services import toewijzing_aanmaken, toewijzing_beeindigen
from tests.bewonersgroepen.factories import (
    GroepFactory,
    LidmaatschapFactory,
    SamenwerkingsovereenkomstFactory,
)
from tests.factories import KernFactory, UserFactory
from tests.gebiedsagenda.factories import OpgaveFactory
from tests.leefbaarheidsbudget.conftest import JAAR, naar_status
from tests.leefbaarheidsbudget.factories import AanvraagFactory, BudgetFactory, RegelingFactory
from tests.meldingen.factories import MeldingFactory
from tests.rollen.factories import ProjectFactory

START = datetime.date(2024, 1, 1)
GISTEREN = datetime.date.today() - datetime.timedelta(days=1)
PROVIDERS = {
    "projecten",
    "groepaanmeldingen",
    "samenwerkingsovereenkomsten",
    "aanvragen",
    "opgaven",
    "meldingen",
}


@pytest.fixture
def werk(gemeente, kern, wijk, medewerker):
    """Mila Medewerker is adviseur of Breukelen and holds open work of every kind there and elsewhere."""
    collega = UserFactory(medewerker=True, gemeente=gemeente, naam="Cor Collega")  # pays (four eyes)
    opvolger = UserFactory(medewerker=True, gemeente=gemeente, naam="Otto Opvolger")
    elders = KernFactory(gemeente=gemeente, naam="Loenen")
    adviseur = toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=START)

    project = ProjectFactory(gemeente=gemeente, wijken=[wijk], naam="Brug over de Vecht")
    project_elders = ProjectFactory(gemeente=gemeente, kernen=[elders], naam="Dorpshart Loenen")
    for p in (project, project_elders):
        toewijzing_aanmaken(rol=Rol.OMGEVINGSMANAGER, project=p, medewerker=medewerker, van=START)

    aanmelding = GroepFactory(gemeente=gemeente, kernen=[kern], aangemeld=True, behandelaar=medewerker)
    aanmelding_elders = GroepFactory(
        gemeente=gemeente, kernen=[elders], aangemeld=True, behandelaar=medewerker
    )
    bewonersgroep = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True, behandelaar=medewerker)
    SamenwerkingsovereenkomstFactory(groep=bewonersgroep, actief=True)

    RegelingFactory(gemeente=gemeente, jaar=JAAR, sluitingsdatum=None)
    BudgetFactory(gemeente=gemeente, jaar=JAAR)
    lid = UserFactory(groepslid=True)
    aanvrager = GroepFactory(gemeente=gemeente, kernen=[kern])
    LidmaatschapFactory(groep=aanvrager, gebruiker=lid)
    aanvraag = naar_status(
        AanvraagFactory(groep=aanvrager, kern=kern),
        Status.IN_BEHANDELING,
        lid=lid,
        medewerker=medewerker,
        collega=collega,
    )
    aanvraag_elders = AanvraagFactory(groep=aanvrager, kern=elders, behandelaar=medewerker)
    aanvraag_elders.status = Status.INGEDIEND
    aanvraag_elders.save()

    opgave = OpgaveFactory(agenda__kern=kern, eigenaar=medewerker)
    opgave_elders = OpgaveFactory(agenda__kern=elders, eigenaar=medewerker)
    melding = MeldingFactory(gemeente=gemeente, kern=kern, behandelaar=medewerker)
    melding_elders = MeldingFactory(gemeente=gemeente, kern=elders, behandelaar=medewerker)
    return {
        "adviseur": adviseur,
        "opvolger": opvolger,
        "hier": {
            "project": project,
            "groep": aanmelding,
            "bewonersgroep": bewonersgroep,
            "aanvraag": aanvraag,
            "opgave": opgave,
            "melding": melding,
        },
        "elders": {
            "project": project_elders,
            "groep": aanmelding_elders,
            "aanvraag": aanvraag_elders,
            "opgave": opgave_elders,
            "melding": melding_elders,
        },
    }


def _houders(objecten) -> dict:
    """Who holds each piece of work now, read fresh from the database."""
    houders = {}
    for naam, obj in objecten.items():
        if isinstance(obj, Project):
            houders[naam] = Project.objects.get(pk=obj.pk).omgevingsmanager
        elif isinstance(obj, Groep):
            houders[naam] = Groep.objects.get(pk=obj.pk).behandelaar
        elif isinstance(obj, Aanvraag):
            houders[naam] = Aanvraag.objects.get(pk=obj.pk).behandelaar
        elif isinstance(obj, Opgave):
            houders[naam] = Opgave.objects.get(pk=obj.pk).eigenaar
        elif isinstance(obj, Melding):
            houders[naam] = Melding.objects.get(pk=obj.pk).behandelaar
    return houders


def test_overdracht_verplaatst_het_open_werk_van_elke_app(werk, medewerker, beheerder):
    assert {p.key for p in registry.open_werk_providers()} >= PROVIDERS
    opvolger = werk["opvolger"]

    overdracht = toewijzing_beeindigen(
        toewijzing=werk["adviseur"], tot=GISTEREN, opvolger=opvolger, reden="Nieuwe baan", door=beheerder
    )

    assert set(_houders(werk["hier"]).values()) == {opvolger}
    assert set(_houders(werk["elders"]).values()) == {medewerker}  # another kern: not this hand-over
    assert overdracht.verplaatst == {
        "projecten": 1,
        "groepaanmeldingen": 1,
        "samenwerkingsovereenkomsten": 1,
        "aanvragen": 1,
        "opgaven": 1,
        "meldingen": 1,
    }
    assert (overdracht.van, overdracht.naar, overdracht.datum, overdracht.door) == (
        medewerker,
        opvolger,
        GISTEREN,
        beheerder,
    )
    opvolging = overdracht.opvolging
    assert (opvolging.rol, opvolging.kern, opvolging.medewerker, opvolging.van) == (
        Rol.ADVISEUR,
        werk["adviseur"].kern,
        opvolger,
        datetime.date.today(),
    )
    assert werk["hier"]["aanvraag"].statuswijzigingen.last().gebeurtenis == "Behandelaar gewijzigd"


def test_een_falende_bron_draait_de_hele_overdracht_terug(werk, medewerker, monkeypatch):
    def kapot(**kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(registry, "_providers", dict(registry._providers))
    registry.register_open_werk("kapot", "Kapot", lambda u: 0, lambda u: [], kapot, order=999)
    voor = (Toewijzing.objects.count(), Overdracht.objects.count())

    with pytest.raises(RuntimeError):
        toewijzing_beeindigen(toewijzing=werk["adviseur"], tot=GISTEREN, opvolger=werk["opvolger"])

    # Every provider before the failing one had moved its work: all of it is back.
    assert set(_houders(werk["hier"]).values()) == {medewerker}
    assert (Toewijzing.objects.count(), Overdracht.objects.count()) == voor
    werk["adviseur"].refresh_from_db()
    assert werk["adviseur"].tot is None
