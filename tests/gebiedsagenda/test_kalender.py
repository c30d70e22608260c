"""The public calendar of an area (iCalendar, RFC 5545), written by hand in gebiedsagenda/ical.py."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gebiedsagenda import ical, kalender, services
from tests.factories import GemeenteFactory, KernFactory, UserFactory
from tests.gebiedsagenda.factories import AgendaFactory, OpgaveFactory
from tests.rollen.factories import ParticipatiestapFactory, ProjectFactory

VANDAAG = timezone.localdate()
BINNENKORT = VANDAAG + datetime.timedelta(days=10)


def ontleed(inhoud: bytes) -> list[dict]:
    """A strict reader: CRLF only, lines of at most 75 octets, folding undone, components nested right.
    Returns the VEVENTs as {name: (params, value)} with TEXT values unescaped."""
    assert b"\n" not in inhoud.replace(b"\r\n", b""), "elke regel eindigt op CRLF"
    assert inhoud.endswith(b"\r\n")
    fysiek = inhoud[:-2].split(b"\r\n")
    assert all(len(r) <= 75 for r in fysiek), [r for r in fysiek if len(r) > 75]
    regels: list[bytes] = []
    for r in fysiek:
        if r.startswith(b" "):
            regels[-1] += r[1:]
        else:
            regels.append(r)
    regels_tekst = [r.decode("utf-8") for r in regels]  # folding never split a UTF-8 character
    assert regels_tekst[0] == "BEGIN:VCALENDAR" and regels_tekst[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in regels_tekst and any(r.startswith("PRODID:") for r in regels_tekst)
    events, huidig, stapel = [], None, []
    for regel in regels_tekst:
        naam_params, _, waarde = regel.partition(":")
        naam, *params = naam_params.split(";")
        if naam == "BEGIN":
            stapel.append(waarde)
            if waarde == "VEVENT":
                huidig = {}
        elif naam == "END":
            assert stapel.pop() == waarde
            if waarde == "VEVENT":
                for verplicht in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                    assert verplicht in huidig
                events.append(huidig)
                huidig = None
        elif huidig is not None:
            if naam in ("SUMMARY", "DESCRIPTION", "CATEGORIES", "UID"):
                assert not re.search(r"(?<!\\)[;,]", waarde.replace("\\\\", "")), waarde
                waarde = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), waarde)
            huidig[naam] = (params, waarde)
    assert not stapel
    return events


def test_ontsnappen_en_vouwen():
    lang = "Inloopavond; plannen, ideeën \\ vragen\nTweede regel " + "é" * 80
    inhoud = ical.kalender(
        naam="Test",
        gebeurtenissen=[ical.Gebeurtenis(uid="x-1@t", datum=datetime.date(2026, 1, 31), titel=lang)],
        nu=datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC),
    ).encode("utf-8")
    (event,) = ontleed(inhoud)
    assert event["SUMMARY"][1] == lang.replace("\n", "\n")
    assert event["DTSTART"] == (["VALUE=DATE"], "20260131")
    assert event["DTEND"] == (["VALUE=DATE"], "20260201")
    assert event["DTSTAMP"][1] == "20260101T120000Z"
    assert b"\\;" in inhoud and b"\\," in inhoud and b"\\\\" in inhoud and b"\\n" in inhoud


@pytest.fixture
def gebied(gemeente, kern, wijk):
    """Steps and progress in the kern and its wijk, and some that belong elsewhere."""
    hier = ProjectFactory(gemeente=gemeente, naam="Herinrichting Kerkplein", kernen=[kern])
    ParticipatiestapFactory(project=hier, datum=BINNENKORT, wat="Inloopavond, met koffie", uitkomst="")
    in_wijk = ProjectFactory(gemeente=gemeente, naam="Speeltuin Wijk 02", wijken=[wijk])
    ParticipatiestapFactory(project=in_wijk, datum=VANDAAG, wat="Enquête speeltuin")
    andere_kern = KernFactory(gemeente=gemeente, naam="Loenen", slug="loenen")
    elders = ProjectFactory(gemeente=gemeente, naam="Brug Loenen", kernen=[andere_kern])
    ParticipatiestapFactory(project=elders, datum=BINNENKORT, wat="Werksessie brug")
    andere_gemeente = GemeenteFactory(naam="Utrecht", slug="utrecht")
    ParticipatiestapFactory(project=ProjectFactory(gemeente=andere_gemeente), wat="Stap in Utrecht")
    ParticipatiestapFactory(project=hier, datum=VANDAAG - datetime.timedelta(days=800), wat="Oude stap")

    auteur = UserFactory(medewerker=True, gemeente=gemeente, naam="Noor Notulist", email="noor@gemeente.nl")
    opgave = OpgaveFactory(agenda=AgendaFactory(kern=kern, gemeente=gemeente), titel="Betaalbaar wonen")
    services.voortgang_toevoegen(door=auteur, opgave=opgave, tekst="Bouwplan besproken.", datum=VANDAAG)
    opgave_elders = OpgaveFactory(agenda=AgendaFactory(kern=andere_kern, gemeente=gemeente), titel="Brug")
    services.voortgang_toevoegen(door=auteur, opgave=opgave_elders, tekst="Brug besproken.", datum=VANDAAG)
    return {"kern": kern, "wijk": wijk, "gemeente": gemeente}


def _events(client, naam, *args):
    antwoord = client.get(reverse(f"gebiedsagenda:{naam}", args=args))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/calendar; charset=utf-8"
    return antwoord, ontleed(antwoord.content)


def test_kern_kalender_heeft_de_stappen_en_voortgang_van_de_kern(client, gebied):
    kern = gebied["kern"]
    antwoord, events = _events(client, "kalender_kern", kern.gemeente.slug, kern.slug)
    titels = {e["SUMMARY"][1] for e in events}
    assert titels == {
        "Inloopavond, met koffie (Herinrichting Kerkplein)",
        "Enquête speeltuin (Speeltuin Wijk 02)",
        "Voortgang: Betaalbaar wonen",
    }
    stap = next(e for e in events if e["SUMMARY"][1].startswith("Inloopavond"))
    assert stap["DTSTART"][1] == BINNENKORT.strftime("%Y%m%d")
    assert stap["URL"][1].startswith("http://testserver/")
    assert len({e["UID"][1] for e in events}) == len(events)
    inhoud = antwoord.content.decode()
    for niet in ("Noor", "noor@gemeente.nl", "Brug", "Utrecht", "Oude stap"):
        assert niet not in inhoud  # no staff author, nothing of other areas, nothing older than a year


def test_wijk_en_gemeente(client, gebied):
    _, events = _events(client, "kalender_wijk", gebied["wijk"].code)
    titels = {e["SUMMARY"][1] for e in events}
    assert "Enquête speeltuin (Speeltuin Wijk 02)" in titels
    assert "Inloopavond, met koffie (Herinrichting Kerkplein)" in titels  # a project for its whole kern
    assert not any("Brug" in t for t in titels)
    _, events = _events(client, "kalender_gemeente", gebied["gemeente"].slug)
    titels = {e["SUMMARY"][1] for e in events}
    assert "Werksessie brug (Brug Loenen)" in titels and "Voortgang: Brug" in titels
    assert "Stap in Utrecht" not in " ".join(titels)


def test_onbekend_gebied_is_404(client, db):
    assert client.get(reverse("gebiedsagenda:kalender_wijk", args=["WK999999"])).status_code == 404


def test_een_bron_van_een_hogere_app_komt_erbij(client, gebied):
    """The extension point: e.g. consultation rounds, once they exist, register a source."""

    def rondes(g):
        yield ical.Gebeurtenis(uid="ronde-1@t", datum=VANDAAG, titel="Consultatieronde")

    kalender.bron_registreren(rondes)
    try:
        kern = gebied["kern"]
        _, events = _events(client, "kalender_kern", kern.gemeente.slug, kern.slug)
        assert "Consultatieronde" in {e["SUMMARY"][1] for e in events}
    finally:
        kalender.BRONNEN.remove(rondes)


def test_aantal_queries_blijft_gelijk(client, gebied):
    kern = gebied["kern"]
    url = reverse("gebiedsagenda:kalender_kern", args=[kern.gemeente.slug, kern.slug])
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    project = ProjectFactory(gemeente=kern.gemeente, kernen=[kern])
    for dag in range(20):
        ParticipatiestapFactory(project=project, datum=VANDAAG + datetime.timedelta(days=dag))
    opgave = OpgaveFactory(agenda=kern.gebiedsagenda)
    auteur = UserFactory(medewerker=True, gemeente=kern.gemeente)
    for _ in range(10):
        services.voortgang_toevoegen(door=auteur, opgave=opgave, tekst="Verder.", datum=VANDAAG)
    with CaptureQueriesContext(connection) as veel:
        antwoord = client.get(url)
    assert len(ontleed(antwoord.content)) >= 33
    assert len(veel) == len(weinig) <= 4


def test_gebiedspagina_linkt_naar_de_kalender(client, gebied):
    kern = gebied["kern"]
    html = client.get(kern.get_absolute_url()).content.decode()
    assert "Zet in uw agenda" in html
    assert reverse("gebiedsagenda:kalender_kern", args=[kern.gemeente.slug, kern.slug]) in html
