"""Issue 19 items 5 and 8: the closing mail asks "tevreden?" and carries a one-click request to reopen
(a GET only shows what will happen, a POST asks), staff accept or refuse; staff publish photos and a
public text; the reporter's contact details go a set time after closing; the hand-over writes history;
"doorgezet" only with a tracked question."""

import datetime
import io

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from meldingen import selectors, services
from meldingen.constants import MeldingStatus as S
from meldingen.forms import OvergangForm
from meldingen.models import Melding, Meldingstatuswijziging
from meldingen.werkstromen import MELDING
from tests.factories import GemeenteFactory, UserFactory
from tests.rollen.factories import ToewijzingFactory

from .factories import SubcategorieFactory


def _jpeg() -> SimpleUploadedFile:
    uit = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(uit, format="JPEG")
    return SimpleUploadedFile("foto.jpg", uit.getvalue(), content_type="image/jpeg")


@pytest.fixture
def melding(gemeente, wijk, medewerker):
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk, medewerker=medewerker)
    categorie = SubcategorieFactory(gemeente=gemeente, naam="Lamp brandt niet")
    return services.melding_doen(
        gemeente=gemeente,
        categorie=categorie,
        wijk=wijk,
        tekst="Lamp bij nummer 3 is kapot",
        email="melder@example.nl",
        telefoon="0612345678",
    )


def _afhandelen(melding, door, informeren=True, capture=None):
    return services.melding_overgaan(
        melding=melding,
        naar=S.AFGEHANDELD,
        door=door,
        tekst="De lamp is vervangen.",
        melder_informeren=informeren,
    )


@pytest.fixture
def afgehandeld(melding, medewerker):
    return _afhandelen(melding, medewerker)


# --- the closing mail ---------------------------------------------------------------------------------
def test_afsluitmail_met_tekst_cijfer_en_heropenlink(melding, medewerker, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        melding = _afhandelen(melding, medewerker)
    [bericht] = mail.outbox
    assert bericht.to == ["melder@example.nl"]
    assert bericht.subject == f"Uw melding {melding.referentie} is afgehandeld"
    assert "De lamp is vervangen." in bericht.body
    assert "Bent u tevreden?" in bericht.body and "1 tot en met 5" in bericht.body
    assert melding.get_status_url() + "#reactie-kop" in bericht.body
    assert melding.get_heropenen_url() in bericht.body
    assert melding.feedback_tot.strftime("%d-%m-%Y") in bericht.body
    assert melding.statuswijzigingen.last().melder_geinformeerd


def test_zonder_informeren_geen_afsluitmail(melding, medewerker, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _afhandelen(melding, medewerker, informeren=False)
    assert mail.outbox == []


# --- the one-click request to reopen ---------------------------------------------------------------
def test_get_toont_alleen_een_bevestiging(afgehandeld, client):
    response = client.get(afgehandeld.get_heropenen_url())
    assert response.status_code == 200
    assert "Ja, vraag om heropenen" in response.content.decode()
    afgehandeld.refresh_from_db()
    assert afgehandeld.heropenverzoek_op is None
    assert not afgehandeld.statuswijzigingen.filter(gebeurtenis="Verzoek om heropenen").exists()


def test_post_vraagt_om_heropenen_een_keer(
    afgehandeld, medewerker, client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(afgehandeld.get_heropenen_url())
    assert response.status_code == 302 and response.url == afgehandeld.get_status_url()
    afgehandeld.refresh_from_db()
    assert afgehandeld.heropenverzoek_op is not None and afgehandeld.status == S.AFGEHANDELD
    stap = afgehandeld.statuswijzigingen.last()
    assert (stap.gebeurtenis, stap.door) == ("Verzoek om heropenen", None)
    assert [m.to for m in mail.outbox] == [[medewerker.email]]
    # Once: a second POST changes nothing and says so.
    tweede = client.post(afgehandeld.get_heropenen_url())
    assert tweede.status_code == 400 and "niet (meer)" in tweede.content.decode()
    assert afgehandeld.statuswijzigingen.filter(gebeurtenis="Verzoek om heropenen").count() == 1


def test_token_onbekend_geeft_404(client, afgehandeld):
    assert client.get(reverse("meldingen:heropenen", args=["verzonnen"])).status_code == 404
    assert client.post(reverse("meldingen:heropenen", args=[afgehandeld.referentie])).status_code == 404


def test_heropenen_na_veertien_dagen_niet_meer(afgehandeld, client):
    Melding.objects.filter(pk=afgehandeld.pk).update(gesloten_op=timezone.now() - datetime.timedelta(days=15))
    afgehandeld.refresh_from_db()
    assert not afgehandeld.heropenen_aanvragen_mogelijk()
    with pytest.raises(ValidationError):
        services.heropenen_aanvragen(melding=afgehandeld)
    response = client.post(afgehandeld.get_heropenen_url())
    assert response.status_code == 400
    afgehandeld.refresh_from_db()
    assert afgehandeld.heropenverzoek_op is None


def test_niet_bij_open_melding_of_dubbel(melding, medewerker, gemeente, wijk):
    assert not melding.heropenen_aanvragen_mogelijk()
    with pytest.raises(ValidationError):
        services.heropenen_aanvragen(melding=melding)
    dubbel = services.melding_doen(
        gemeente=gemeente, categorie=melding.categorie, wijk=wijk, tekst="Zelfde lamp", email="b@example.nl"
    )
    dubbel = services.als_dubbel_markeren(
        melding=dubbel, hoofdmelding=melding, door=medewerker, reden="Zelfde"
    )
    assert dubbel.status == S.AFGEHANDELD and not dubbel.heropenen_aanvragen_mogelijk()


def test_staf_heropent_na_verzoek(afgehandeld, medewerker, client, django_capture_on_commit_callbacks):
    services.heropenen_aanvragen(melding=afgehandeld)
    client.force_login(medewerker)
    pagina = client.get(reverse("meldingen:verzoek_afwijzen", args=[afgehandeld.referentie]))
    assert pagina.status_code == 200 and "Heropenen en melder informeren" in pagina.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meldingen:verzoek_honoreren", args=[afgehandeld.referentie]),
            {"bericht": "We komen nog een keer kijken."},
        )
    assert response.status_code == 302
    afgehandeld.refresh_from_db()
    assert afgehandeld.status == S.HEROPEND and afgehandeld.heropenverzoek_op is None
    stap = afgehandeld.statuswijzigingen.last()
    assert (stap.van, stap.naar, stap.door, stap.melder_geinformeerd) == (
        S.AFGEHANDELD,
        S.HEROPEND,
        medewerker,
        True,
    )
    [bericht] = mail.outbox
    assert bericht.to == ["melder@example.nl"] and "We komen nog een keer kijken." in bericht.body


def test_honoreren_vraagt_een_tekst_en_een_verzoek(afgehandeld, medewerker, client):
    client.force_login(medewerker)
    url = reverse("meldingen:verzoek_honoreren", args=[afgehandeld.referentie])
    assert client.post(url, {"bericht": "x"}).status_code == 302  # no request: back to the melding
    afgehandeld.refresh_from_db()
    assert afgehandeld.status == S.AFGEHANDELD
    services.heropenen_aanvragen(melding=afgehandeld)
    assert client.post(url, {"bericht": "  "}).status_code == 400
    afgehandeld.refresh_from_db()
    assert afgehandeld.status == S.AFGEHANDELD


def test_afwijzen_daarna_geen_nieuw_verzoek_tot_de_volgende_afsluiting(afgehandeld, medewerker):
    services.heropenen_aanvragen(melding=afgehandeld)
    services.heropenverzoek_afwijzen(melding=afgehandeld, door=medewerker, tekst="De lamp brandt weer.")
    afgehandeld.refresh_from_db()
    assert afgehandeld.heropenverzoek_afgewezen_op is not None
    assert not afgehandeld.heropenen_aanvragen_mogelijk()
    services.melding_overgaan(melding=afgehandeld, naar=S.HEROPEND, door=medewerker, tekst="Toch kapot.")
    weer = _afhandelen(afgehandeld, medewerker)
    assert weer.heropenen_aanvragen_mogelijk()


def test_alleen_staf_van_de_gemeente_beoordeelt(afgehandeld, groepslid):
    services.heropenen_aanvragen(melding=afgehandeld)
    elders = UserFactory(medewerker=True, gemeente=GemeenteFactory(code="GM0736", slug="drv"))
    for persoon in (groepslid, elders):
        with pytest.raises(PermissionDenied):
            services.heropenverzoek_honoreren(melding=afgehandeld, door=persoon, tekst="x")


# --- publishing photos and a public text -----------------------------------------------------------
@pytest.fixture
def met_foto(gemeente, wijk, medewerker, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk, medewerker=medewerker)
    categorie = SubcategorieFactory(gemeente=gemeente)
    return services.melding_doen(
        gemeente=gemeente, categorie=categorie, wijk=wijk, tekst="Bank kapot", fotos=[_jpeg(), _jpeg()]
    )


def test_foto_privé_tot_staf_hem_publiceert(met_foto, medewerker, client):
    eerste, tweede = met_foto.fotos.all()
    assert client.get(eerste.get_openbare_url()).status_code == 404
    assert selectors.openbare_fotos(met_foto) == []
    assert eerste.get_openbare_url() not in client.get(met_foto.get_status_url()).content.decode()

    client.force_login(medewerker)
    url = reverse("meldingen:foto_publiceren", args=[met_foto.referentie, eerste.pk])
    assert client.get(url).status_code == 405  # a GET changes nothing
    assert client.post(url, {"publiceren": "1"}).status_code == 302
    eerste.refresh_from_db()
    assert eerste.is_openbaar and eerste.gepubliceerd_door == medewerker
    stap = met_foto.statuswijzigingen.last()
    assert (stap.gebeurtenis, stap.door) == ("Foto gepubliceerd", medewerker)
    client.logout()
    response = client.get(eerste.get_openbare_url())
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client.get(tweede.get_openbare_url()).status_code == 404
    status = client.get(met_foto.get_status_url()).content.decode()
    assert eerste.get_openbare_url() in status and tweede.get_openbare_url() not in status
    assert selectors.openbare_fotos(met_foto) == [eerste]

    client.force_login(medewerker)
    client.post(url, {"publiceren": "0"})
    eerste.refresh_from_db()
    assert not eerste.is_openbaar
    assert met_foto.statuswijzigingen.last().gebeurtenis == "Foto niet meer openbaar"
    client.logout()
    assert client.get(eerste.get_openbare_url()).status_code == 404


def test_publiceren_wie_mag(met_foto, groepslid, client):
    foto = met_foto.fotos.first()
    url = reverse("meldingen:foto_publiceren", args=[met_foto.referentie, foto.pk])
    tekst_url = reverse("meldingen:openbare_toelichting", args=[met_foto.referentie])
    assert client.post(url).status_code == 302  # anonymous: to the login page
    client.force_login(groepslid)
    assert client.post(url).status_code == 403
    assert client.post(tekst_url, {"openbare_toelichting": "x"}).status_code == 403
    elders = UserFactory(medewerker=True, gemeente=GemeenteFactory(code="GM0736", slug="drv"))
    client.force_login(elders)
    assert client.post(url).status_code == 404
    assert client.post(tekst_url, {"openbare_toelichting": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.foto_publiceren(foto=foto, door=elders)
    foto.refresh_from_db()
    met_foto.refresh_from_db()
    assert not foto.is_openbaar and met_foto.openbare_toelichting == ""


def test_openbare_toelichting(melding, medewerker, client):
    status_url = melding.get_status_url()
    assert "Toelichting van de gemeente" not in client.get(status_url).content.decode()
    client.force_login(medewerker)
    url = reverse("meldingen:openbare_toelichting", args=[melding.referentie])
    assert client.post(url, {"openbare_toelichting": "De lamp wordt donderdag vervangen."}).status_code == 302
    melding.refresh_from_db()
    assert selectors.openbare_toelichting(melding) == "De lamp wordt donderdag vervangen."
    assert melding.statuswijzigingen.last().gebeurtenis == "Openbare toelichting gepubliceerd"
    client.logout()
    html = client.get(status_url).content.decode()
    assert "De lamp wordt donderdag vervangen." in html
    assert "Lamp bij nummer 3" not in html and "melder@example.nl" not in html
    client.force_login(medewerker)
    client.post(url, {"openbare_toelichting": ""})
    melding.refresh_from_db()
    assert melding.openbare_toelichting == ""
    assert melding.statuswijzigingen.last().gebeurtenis == "Openbare toelichting weggehaald"
    assert client.post(url, {"openbare_toelichting": "x" * 2001}).status_code == 400


def test_openbare_fotos_per_melding_een_query(met_foto, medewerker, django_assert_num_queries):
    for foto in met_foto.fotos.all():
        services.foto_publiceren(foto=foto, door=medewerker)
    with django_assert_num_queries(1):
        per_melding = selectors.openbare_fotos_per_melding([met_foto.pk, 999999])
    assert [len(v) for v in per_melding.values()] == [2]


# --- retention of the reporter's contact details ---------------------------------------------------
def test_contactgegevens_weg_na_de_bewaartermijn(gemeente, wijk, medewerker, settings):
    settings.MELDINGEN_CONTACT_BEWAREN_DAGEN = 90
    ToewijzingFactory(beheerder_wijk=True, wijk=wijk, medewerker=medewerker)
    categorie = SubcategorieFactory(gemeente=gemeente)
    lid = UserFactory()

    def gemeld(**kwargs):
        return services.melding_doen(
            gemeente=gemeente,
            categorie=categorie,
            wijk=wijk,
            tekst="x",
            email="m@example.nl",
            telefoon="0612345678",
            **kwargs,
        )

    oud, recent, open_, met_account = gemeld(), gemeld(), gemeld(), gemeld(door=lid)
    hoofd_open, dubbel = gemeld(), gemeld()
    for m in (oud, recent, met_account):
        _afhandelen(m, medewerker, informeren=False)
    services.als_dubbel_markeren(melding=dubbel, hoofdmelding=hoofd_open, door=medewerker, reden="zelfde")
    # The command counts whole local days: noon keeps "91 days ago" on the same side of the boundary at
    # any time of day (at 23:30 in December, now minus 91 days is already the next day in summer time).
    middag = datetime.datetime.combine(
        timezone.localdate(), datetime.time(12), tzinfo=timezone.get_current_timezone()
    )
    Melding.objects.filter(pk__in=[oud.pk, met_account.pk, dubbel.pk]).update(
        gesloten_op=middag - datetime.timedelta(days=91)
    )
    Melding.objects.filter(pk=recent.pk).update(gesloten_op=middag - datetime.timedelta(days=89))

    uit = io.StringIO()
    call_command("meldingen_contact_opruimen", "--proef", stdout=uit)
    assert "2 melding(en)" in uit.getvalue()
    assert Melding.objects.filter(email="").count() == 0

    call_command("meldingen_contact_opruimen", stdout=io.StringIO())
    leeg = set(Melding.objects.filter(email="", telefoon="", melder=None).values_list("pk", flat=True))
    assert leeg == {oud.pk, met_account.pk}
    assert Melding.objects.get(pk=recent.pk).email == "m@example.nl"
    assert Melding.objects.get(pk=open_.pk).telefoon == "0612345678"
    assert Melding.objects.get(pk=dubbel.pk).email == "m@example.nl"  # hears when its main report closes
    stap = Meldingstatuswijziging.objects.filter(melding=oud).last()
    assert stap.gebeurtenis == "Contactgegevens verwijderd" and "m@example.nl" not in stap.toelichting
    # Again: nothing left to do, no second history row.
    call_command("meldingen_contact_opruimen", stdout=io.StringIO())
    assert (
        Meldingstatuswijziging.objects.filter(melding=oud, gebeurtenis="Contactgegevens verwijderd").count()
        == 1
    )


def test_de_werker_plant_de_bewaartermijn():
    opdrachten = [item["opdracht"][0] for item in django_settings.WACHTRIJ_PLANNING]
    assert "meldingen_contact_opruimen" in opdrachten
    assert django_settings.MELDINGEN_CONTACT_BEWAREN_DAGEN == 90


# --- loose ends ----------------------------------------------------------------------------------------
def test_overdracht_schrijft_behandelaar_gewijzigd(melding, medewerker, gemeente):
    opvolger = UserFactory(medewerker=True, gemeente=gemeente, naam="Opvolger")
    assert services.meldingen_overdragen(van=medewerker, naar=opvolger, gebied=melding.wijk) == 1
    melding.refresh_from_db()
    assert melding.behandelaar == opvolger
    stap = melding.statuswijzigingen.last()
    assert (stap.gebeurtenis, stap.van, stap.naar) == (
        "Behandelaar gewijzigd",
        melding.status,
        melding.status,
    )
    assert "Opvolger" in stap.toelichting and stap.kop == "Behandelaar gewijzigd"
    services.melding_toewijzen(melding=melding, door=opvolger, behandelaar=medewerker)
    assert melding.statuswijzigingen.last().gebeurtenis == "Behandelaar gewijzigd"


def test_doorgezet_alleen_met_een_vraag(melding, medewerker):
    assert not MELDING.mag(medewerker, melding, S.DOORGEZET)
    form = OvergangForm(melding=melding, door=medewerker)
    assert S.DOORGEZET not in dict(form.fields["naar"].choices)
    with pytest.raises(ValidationError):
        services.melding_overgaan(melding=melding, naar=S.DOORGEZET, door=medewerker, tekst="Naar Stedin")
    melding.refresh_from_db()
    assert melding.status == S.GEMELD
    vraag = services.doorzetten(melding=melding, door=medewerker, aan="Stedin", vraag="Wanneer?")
    melding.refresh_from_db()
    assert melding.status == S.DOORGEZET and melding.statuswijzigingen.last().op == vraag.gesteld_op
    services.melding_overgaan(melding=melding, naar=S.IN_BEHANDELING, door=medewerker)
    assert MELDING.mag(medewerker, Melding.objects.get(pk=melding.pk), S.DOORGEZET)  # the question is open
    services.doorzetting_beantwoorden(doorzetting=vraag, door=medewerker, antwoord="Volgende week.")
    assert not MELDING.mag(medewerker, Melding.objects.get(pk=melding.pk), S.DOORGEZET)


def test_openbare_wijkpagina_toont_alleen_wat_staf_publiceerde(met_foto, medewerker, client):
    eerste, tweede = met_foto.fotos.all()
    url = reverse("meldingen:wijk", args=[met_foto.wijk.code])
    html = client.get(url).content.decode()
    assert "Bank kapot" not in html and eerste.get_openbare_url() not in html
    services.foto_publiceren(foto=eerste, door=medewerker)
    services.openbare_toelichting_wijzigen(
        melding=met_foto, door=medewerker, tekst="De bank wordt vervangen."
    )
    html = client.get(url).content.decode()
    assert "De bank wordt vervangen." in html and eerste.get_openbare_url() in html
    assert tweede.get_openbare_url() not in html
    assert "Bank kapot" not in html  # the reporter's own text stays private
