"""Key pages run a fixed number of queries, whatever the amount of data (no N+1)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gebiedsagenda import services
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import UserFactory, WijkFactory
from tests.gebiedsagenda.factories import AgendaFactory, OpgaveFactory


def _aantal_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _vul_opgave(opgave, medewerker, n):
    for i in range(n):
        services.voortgang_toevoegen(door=medewerker, opgave=opgave, tekst=f"Stap {i}")
        groep = GroepFactory(gemeente=opgave.agenda.kern.gemeente)
        lid = UserFactory(groepslid=True)
        LidmaatschapFactory(groep=groep, gebruiker=lid)
        reactie = services.reactie_geven(door=lid, opgave=opgave, groep=groep, tekst=f"Reactie {i}")
        services.reactie_publiceren(door=medewerker, reactie=reactie)
    for naar in ("in_onderzoek", "in_uitvoering", "gerealiseerd")[: min(n, 3)]:
        services.opgave_status_wijzigen(door=medewerker, opgave=opgave, naar=naar)


def test_opgavepagina(client, kern, andere_kern, medewerker):
    klein = OpgaveFactory(agenda__kern=kern)
    groot = OpgaveFactory(agenda__kern=andere_kern)
    _vul_opgave(klein, medewerker, 1)
    _vul_opgave(groot, medewerker, 6)
    for wie in (None, medewerker):
        if wie:
            client.force_login(wie)
        assert _aantal_queries(client, klein.get_absolute_url()) == _aantal_queries(
            client, groot.get_absolute_url()
        )


def test_kernpagina_met_agenda_en_nieuws(client, kern, andere_kern, medewerker):
    for doel, n in ((kern, 1), (andere_kern, 5)):
        agenda = AgendaFactory(kern=doel)
        for i in range(n):
            OpgaveFactory(agenda=agenda)
            wijk = WijkFactory(kern=doel, gemeente=doel.gemeente)
            AgendaFactory(kern=None, wijk=wijk)
            services.nieuws_publiceren(
                door=medewerker, titel=f"B{i}", tekst="x", kernen=[doel], wijken=[wijk]
            )
    assert _aantal_queries(client, kern.get_absolute_url()) == _aantal_queries(
        client, andere_kern.get_absolute_url()
    )


def test_nieuws_en_agendaoverzicht(client, kern, medewerker):
    wijk = WijkFactory(kern=kern, gemeente=kern.gemeente)
    services.nieuws_publiceren(door=medewerker, titel="Eerste", tekst="x", kernen=[kern], wijken=[wijk])
    AgendaFactory(kern=kern)
    client.force_login(medewerker)
    urls = [
        reverse(n)
        for n in ("gebiedsagenda:nieuws", "gebiedsagenda:agenda_overzicht", "gebiedsagenda:nieuws_beheer")
    ]
    voor = [_aantal_queries(client, url) for url in urls]
    for i in range(8):
        services.nieuws_publiceren(door=medewerker, titel=f"B{i}", tekst="x", kernen=[kern], wijken=[wijk])
        AgendaFactory(kern=None, wijk=WijkFactory(kern=kern, gemeente=kern.gemeente))
    assert [_aantal_queries(client, url) for url in urls] == voor
