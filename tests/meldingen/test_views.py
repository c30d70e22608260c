"""The public report form (honeypot, limits, receipt), the public status page (no personal data), and the
staff pages (queues with pinned query counts, steps, notes, take over)."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meldingen import services
from meldingen.constants import MeldingStatus as S
from meldingen.models import Melding
from tests.factories import GemeenteFactory, UserFactory, WijkFactory
from tests.rollen.factories import ToewijzingFactory

from .factories import MeldingFactory, SubcategorieFactory

MELDEN = reverse("meldingen:melden")


def velden(categorie, wijk, **extra):
    return {
        "gemeente": categorie.gemeente.slug,
        "categorie": categorie.pk,
        "tekst": "De lamp bij het bankje doet het niet.",
        "waar": f"w{wijk.pk}",
        "straat": "Kerkstraat 4",
        "herkenningspunt": "bij de bushalte",
        "email": "bewoner@example.nl",
        "telefoon": "0612345678",
        **extra,
    }


def test_formulier_groepeert_de_categorieen_en_werkt_zonder_inloggen(client, categorie, wijk):
    response = client.get(MELDEN)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<optgroup label="Verlichting">' in html and "Lamp kapot" in html
    assert f'<optgroup label="{wijk.kern.naam}">' in html
    assert 'name="website"' in html  # the honeypot, hidden from people


def test_melden_geeft_nummer_en_statuslink(client, categorie, wijk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MELDEN, velden(categorie, wijk), follow=True)
    melding = Melding.objects.get()
    html = response.content.decode()
    assert melding.referentie in html and melding.get_status_url() in html
    assert melding.wijk == wijk and melding.email == "bewoner@example.nl"
    assert [m.to for m in mail.outbox] == [["bewoner@example.nl"]]
    # The receipt is shown once (it comes from the session).
    assert melding.referentie not in client.get(reverse("meldingen:ontvangen")).content.decode()


def test_ingelogd_lid_krijgt_gegevens_ingevuld(client, categorie, groepslid):
    client.force_login(groepslid)
    assert (
        f'value="{groepslid.email}"'
        in client.get(MELDEN + f"?gemeente={categorie.gemeente.slug}").content.decode()
    )


def test_honingpot_slaat_niets_op(client, categorie, wijk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MELDEN, velden(categorie, wijk, website="http://spam.example"))
    assert response.status_code == 302
    assert not Melding.objects.exists() and mail.outbox == []


def test_limiet_per_ip_en_per_emailadres(client, categorie, wijk, settings):
    settings.LIMIET_PER_IP_PER_UUR = 2
    settings.LIMIET_PER_EMAIL_PER_UUR = 2
    for _ in range(2):
        assert client.post(MELDEN, velden(categorie, wijk, email="")).status_code == 302
    response = client.post(MELDEN, velden(categorie, wijk, email=""))
    assert response.status_code == 429 and "te vaak verstuurd" in response.content.decode()
    assert Melding.objects.count() == 2
    for i in range(2):
        assert client.post(MELDEN, velden(categorie, wijk), REMOTE_ADDR=f"198.51.100.{i}").status_code == 302
    assert client.post(MELDEN, velden(categorie, wijk), REMOTE_ADDR="198.51.100.9").status_code == 429
    assert Melding.objects.count() == 4


def test_getypte_tekst_komt_niet_in_de_ontvangstmail(
    client, categorie, wijk, django_capture_on_commit_callbacks
):
    phishing = "Uw DigiD verloopt, verleng via https://evil.example/digid"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            MELDEN, velden(categorie, wijk, tekst=phishing, straat=phishing[:120], herkenningspunt=phishing)
        )
    [bericht] = mail.outbox
    for spoor in ("DigiD", "evil.example"):
        assert spoor not in bericht.body and spoor not in bericht.alternatives[0][0]


def test_fouten_blijven_in_het_formulier(client, categorie):
    response = client.post(MELDEN, {"gemeente": categorie.gemeente.slug, "categorie": "", "tekst": ""})
    assert response.status_code == 200 and not Melding.objects.exists()
    assert "Dit veld is verplicht" in response.content.decode()


# --- public status page -----------------------------------------------------------------------------
def test_statuspagina_toont_geen_persoonsgegevens(client, categorie, wijk, medewerker):
    melding = services.melding_doen(
        gemeente=categorie.gemeente,
        categorie=categorie,
        wijk=wijk,
        tekst="Mijn buurman Jan de Vries op nummer 5 laat zijn hond poepen.",
        straat="Kerkstraat 4",
        email="geheim@example.nl",
        telefoon="0612345678",
    )
    services.melding_overgaan(melding=melding, naar=S.IN_BEHANDELING, door=medewerker)
    services.melding_overgaan(
        melding=melding, naar=S.WACHT_OP_DERDEN, door=medewerker, tekst="Bellen met Piet Jansen"
    )
    html = client.get(melding.get_status_url()).content.decode()
    assert melding.referentie in html and "Wacht op anderen" in html and wijk.naam in html
    for persoonlijk in (
        "geheim@example.nl",
        "0612345678",
        "Jan de Vries",
        "Kerkstraat",
        medewerker.naam,
        "Piet Jansen",
    ):
        assert persoonlijk not in html
    assert client.get(reverse("meldingen:status", args=["raden-lukt-niet"])).status_code == 404


# --- staff --------------------------------------------------------------------------------------------
WACHTRIJ = reverse("meldingen:wachtrij")


def _meldingen(gemeente, categorie, wijk, aantal, **kwargs):
    return [
        MeldingFactory(gemeente=gemeente, categorie=categorie, wijk=wijk, kern=wijk.kern, **kwargs)
        for _ in range(aantal)
    ]


@pytest.mark.parametrize(
    "lijst", ["mijn", "wijken", "niet_toegewezen", "te_laat", "heropenverzoek", "wacht_op_antwoord", "alle"]
)
def test_wachtrijen_hebben_een_vast_aantal_queries(
    client, gemeente, categorie, wijk, medewerker, lijst, django_assert_num_queries
):
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk, medewerker=medewerker)
    client.force_login(medewerker)
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    _meldingen(gemeente, categorie, wijk, 2, behandelaar=medewerker, deadline=gisteren)
    _meldingen(gemeente, categorie, wijk, 1, deadline=gisteren)  # every queue holds one at least
    _meldingen(gemeente, categorie, wijk, 1, status=S.AFGEHANDELD, heropenverzoek_op=timezone.now())
    client.get(WACHTRIJ, {"lijst": lijst})  # warm up (session, user)
    services.doorzetten(  # "Wacht op antwoord" holds one too
        melding=_meldingen(gemeente, categorie, wijk, 1)[0], door=medewerker, aan="Stedin", vraag="Wanneer?"
    )
    # Session and user (3), the user's wijken (once, for the counts and "Mijn wijken"), the seven queue
    # counts in one query, the filter choices (3), the page (count and rows).
    verwacht = 10
    with django_assert_num_queries(verwacht):
        response = client.get(WACHTRIJ, {"lijst": lijst})
    assert response.status_code == 200
    # Each tab's number (one query for all) is the number of meldingen its own list holds.
    for soort, _, aantal in response.context["tabs"]:
        assert aantal == client.get(WACHTRIJ, {"lijst": soort}).context["pagina"].paginator.count, soort
    ander = UserFactory(medewerker=True, gemeente=gemeente)
    andere_wijk = WijkFactory(gemeente=gemeente, kern=wijk.kern, code="WK190409")
    _meldingen(gemeente, categorie, wijk, 20, behandelaar=medewerker, deadline=gisteren)
    _meldingen(gemeente, categorie, andere_wijk, 10, behandelaar=ander)
    _meldingen(gemeente, categorie, andere_wijk, 10)
    with django_assert_num_queries(verwacht):
        client.get(WACHTRIJ, {"lijst": lijst})


def test_wachtrijen_tonen_het_juiste(client, gemeente, categorie, wijk, medewerker):
    ToewijzingFactory(
        beheerder_wijk=True, wijk=wijk, medewerker=UserFactory(medewerker=True, gemeente=gemeente)
    )
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    [mijn] = _meldingen(gemeente, categorie, wijk, 1, behandelaar=medewerker)
    [vrij] = _meldingen(gemeente, categorie, wijk, 1)
    [laat] = _meldingen(
        gemeente,
        categorie,
        wijk,
        1,
        deadline=gisteren,
        behandelaar=UserFactory(medewerker=True, gemeente=gemeente),
    )
    [dicht] = _meldingen(gemeente, categorie, wijk, 1, behandelaar=medewerker, status=S.AFGEHANDELD)
    elders = GemeenteFactory(code="GM0736", slug="drv")
    [vreemd] = _meldingen(
        elders, SubcategorieFactory(gemeente=elders), WijkFactory(gemeente=elders, code="WK073601"), 1
    )
    client.force_login(medewerker)

    def lijst(**params):
        html = client.get(WACHTRIJ, params).content.decode()
        return {m.referentie for m in (mijn, vrij, laat, dicht, vreemd) if m.referentie in html}

    assert lijst(lijst="mijn") == {mijn.referentie}
    assert lijst(lijst="niet_toegewezen") == {vrij.referentie}
    assert lijst(lijst="te_laat") == {laat.referentie}
    assert lijst(lijst="alle") == {mijn.referentie, vrij.referentie, laat.referentie}
    assert lijst(lijst="wijken") == set()  # not the beheerder of any wijk
    # The queues hold open meldingen: a closed status is no choice there (told at the field, below).
    assert lijst(lijst="alle", status=S.AFGEHANDELD) == {mijn.referentie, vrij.referentie, laat.referentie}
    assert dicht.referentie not in client.get(WACHTRIJ, {"lijst": "alle"}).content.decode()
    assert lijst(lijst="alle", categorie=categorie.hoofdcategorie_id) == {
        mijn.referentie,
        vrij.referentie,
        laat.referentie,
    }
    assert lijst(lijst="alle", wijk=wijk.pk) == {mijn.referentie, vrij.referentie, laat.referentie}
    assert lijst(lijst="alle", ouder_dan=3) == set()  # all reported today
    # A wijk that is not one of the gemeente's, or more days than the calendar holds (it gave a 500: date
    # out of range), is told at its field and filters nothing.
    assert lijst(lijst="alle", wijk=999999) == {mijn.referentie, vrij.referentie, laat.referentie}
    assert lijst(lijst="alle", ouder_dan=739956) == {mijn.referentie, vrij.referentie, laat.referentie}
    for veld, waarde, melding in [
        ("wijk", 999999, "Selecteer een geldige keuze"),
        ("status", S.AFGEHANDELD, "Selecteer een geldige keuze"),
        ("ouder_dan", 739956, "hoogstens 36500"),
    ]:
        html = client.get(WACHTRIJ, {"lijst": "alle", veld: waarde}).content.decode()
        fout = re.search(rf'id="id_{veld}_error">(.*?)</div>', html, re.S)
        assert fout and melding in fout.group(1), (veld, fout)


def test_detailpagina_stap_met_standaardantwoord_en_melder_informeren(
    client, gemeente, categorie, wijk, medewerker, django_capture_on_commit_callbacks
):
    from meldingen.models import Standaardantwoord

    antwoord = Standaardantwoord.objects.create(
        categorie=categorie.hoofdcategorie, titel="Opgelost", tekst="Wij hebben de lamp vervangen."
    )
    melding = services.melding_doen(
        gemeente=gemeente, categorie=categorie, wijk=wijk, tekst="Lamp kapot", email="b@example.nl"
    )
    client.force_login(medewerker)
    url = melding.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Opgelost" in html and "b@example.nl" in html  # staff see the reporter's contact details
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meldingen:overgang", args=[melding.referentie]),
            {
                "naar": S.AFGEHANDELD,
                "toelichting": "",
                "standaardantwoord": antwoord.pk,
                "melder_informeren": "on",
            },
        )
    assert response.status_code == 302
    melding.refresh_from_db()
    assert melding.status == S.AFGEHANDELD
    assert melding.statuswijzigingen.last().toelichting == "Wij hebben de lamp vervangen."
    assert [m.to for m in mail.outbox] == [["b@example.nl"]]
    # A step without its required text: the form again with the message, nothing changed.
    response = client.post(
        reverse("meldingen:overgang", args=[melding.referentie]), {"naar": S.HEROPEND, "toelichting": ""}
    )
    assert response.status_code == 400 and "Leg uit waarom" in response.content.decode()


def test_notitie_en_overnemen_via_de_pagina(client, gemeente, categorie, wijk, medewerker):
    melding = services.melding_doen(gemeente=gemeente, categorie=categorie, wijk=wijk, tekst="Lamp kapot")
    client.force_login(medewerker)
    client.post(reverse("meldingen:notitie", args=[melding.referentie]), {"tekst": "Stedin gebeld."})
    client.post(reverse("meldingen:toewijzen", args=[melding.referentie]), {"overnemen": "1"})
    melding.refresh_from_db()
    assert melding.behandelaar == medewerker
    assert "Stedin gebeld." in client.get(melding.get_absolute_url()).content.decode()


def test_detailpagina_vast_aantal_queries(
    client, gemeente, categorie, wijk, medewerker, django_assert_num_queries
):
    melding = services.melding_doen(gemeente=gemeente, categorie=categorie, wijk=wijk, tekst="Lamp kapot")
    client.force_login(medewerker)
    client.get(melding.get_absolute_url())
    # 11, and one for the address book of the Doorzetting form (participatie's ketenpartner register).
    with django_assert_num_queries(12):
        client.get(melding.get_absolute_url())
    for i in range(5):
        services.doorzetten(melding=melding, door=medewerker, aan=f"Afdeling {i}", vraag=f"Vraag {i}")
        services.als_dubbel_markeren(
            melding=services.melding_doen(gemeente=gemeente, categorie=categorie, wijk=wijk, tekst="Zelfde"),
            hoofdmelding=melding,
            door=medewerker,
            reden="Zelfde lamp",
        )
        services.notitie_toevoegen(melding=melding, door=medewerker, tekst=f"Notitie {i}")
        services.melding_toewijzen(
            melding=melding, door=medewerker, behandelaar=None if i % 2 else medewerker
        )
    with django_assert_num_queries(12):
        client.get(melding.get_absolute_url())


# --- the area page ------------------------------------------------------------------------------------
def test_gebiedspagina_toont_open_meldingen_zonder_persoonsgegevens(client, gemeente, categorie, wijk):
    services.melding_doen(
        gemeente=gemeente,
        categorie=categorie,
        wijk=wijk,
        tekst="Buurman Jan laat rommel liggen",
        straat="Kerkstraat 4",
        email="geheim@example.nl",
    )
    dicht = MeldingFactory(
        gemeente=gemeente,
        categorie=SubcategorieFactory(gemeente=gemeente, naam="Gesloten zaak"),
        wijk=wijk,
        status=S.AFGEHANDELD,
    )
    for url in (wijk.get_absolute_url(), wijk.kern.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Meldingen in" in html and "Lamp kapot" in html
        for verborgen in ("Buurman Jan", "Kerkstraat", "geheim@example.nl", dicht.categorie.naam):
            assert verborgen not in html
