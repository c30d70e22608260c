"""Reporting, routing (rules, date, gap), the workflow (steps and who may), notes and (re)assigning."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from meldingen import services
from meldingen.constants import MeldingStatus as S
from meldingen.constants import NotitieSoort, soort_werk_van
from meldingen.models import Melding, Meldingstatuswijziging, Notitie
from meldingen.selectors import behandelaar_voor, wijk_bij_punt
from meldingen.werkstromen import MELDING
from rollen.constants import Rol
from tests.factories import GemeenteFactory, UserFactory, WijkFactory
from tests.rollen.factories import RouteringsregelFactory, ToewijzingFactory

from .factories import CategorieFactory, SubcategorieFactory

VANDAAG = timezone.localdate()


@pytest.fixture
def categorie(gemeente):
    hoofd = CategorieFactory(gemeente=gemeente, naam="Verlichting", slug="verlichting", afhandeltermijn=5)
    return SubcategorieFactory(gemeente=gemeente, hoofdcategorie=hoofd, naam="Lamp kapot", slug="lamp-kapot")


@pytest.fixture
def overlast(gemeente):
    hoofd = CategorieFactory(gemeente=gemeente, naam="Overlast", slug="overlast", afhandeltermijn=3)
    return SubcategorieFactory(gemeente=gemeente, hoofdcategorie=hoofd, naam="Geluid", slug="geluid")


@pytest.fixture
def beheerder_wijk(wijk):
    return ToewijzingFactory(
        beheerder_wijk=True, wijk=wijk, van=VANDAAG - datetime.timedelta(days=30)
    ).medewerker


def doen(gemeente, categorie, wijk=None, **kwargs):
    kwargs.setdefault("tekst", "De lamp doet het niet.")
    return services.melding_doen(gemeente=gemeente, categorie=categorie, wijk=wijk, **kwargs)


# --- reporting --------------------------------------------------------------------------------------
def test_melding_krijgt_nummer_sleutel_termijn_en_eerste_stap(gemeente, wijk, categorie):
    op = timezone.make_aware(datetime.datetime(2026, 4, 2, 10))  # Thursday before Easter
    melding = doen(gemeente, categorie, wijk, op=op)
    assert melding.referentie == "M-2026-000001"
    assert doen(gemeente, categorie, wijk, op=op).referentie == "M-2026-000002"
    assert len(melding.token) >= 32 and melding.referentie not in melding.token
    # 5 working days: Tue 7, Wed 8, Thu 9, Fri 10, Mon 13 (Good Friday and Easter Monday skipped)
    assert melding.deadline == datetime.date(2026, 4, 13)
    assert melding.kern == wijk.kern and melding.status == S.GEMELD
    [stap] = melding.statuswijzigingen.all()
    assert (stap.van, stap.naar, stap.door) == ("", S.GEMELD, None)


def test_nummers_tellen_per_jaar(gemeente, wijk, categorie):
    doen(gemeente, categorie, wijk, op=timezone.make_aware(datetime.datetime(2025, 12, 31, 12)))
    nieuw = doen(gemeente, categorie, wijk, op=timezone.make_aware(datetime.datetime(2026, 1, 2, 12)))
    assert nieuw.referentie == "M-2026-000001"


def test_ontvangstbevestiging_alleen_met_emailadres(
    gemeente, wijk, categorie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        doen(gemeente, categorie, wijk)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        melding = doen(gemeente, categorie, wijk, email="bewoner@example.nl")
    [bericht] = mail.outbox
    assert bericht.to == ["bewoner@example.nl"] and melding.referentie in bericht.subject
    assert melding.get_status_url() in bericht.body


def test_zonder_plaats_geen_melding(gemeente, categorie):
    with pytest.raises(ValidationError):
        doen(gemeente, categorie)
    assert not Melding.objects.exists()


def test_categorie_van_een_andere_gemeente_geweigerd(gemeente, wijk):
    elders = SubcategorieFactory(gemeente=GemeenteFactory())
    with pytest.raises(ValidationError):
        doen(gemeente, elders, wijk)


def _jpeg_met_exif() -> SimpleUploadedFile:
    beeld = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    uit = io.BytesIO()
    beeld.save(uit, format="JPEG", exif=exif)
    return SimpleUploadedFile("IMG_0001.jpg", uit.getvalue(), content_type="image/jpeg")


def test_fotos_zonder_exif_en_hoogstens_drie(gemeente, wijk, categorie, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    melding = doen(gemeente, categorie, wijk, fotos=[_jpeg_met_exif()])
    [foto] = melding.fotos.all()
    with foto.bestand.open("rb") as f:
        data = f.read()
    assert b"Telefoonmerk" not in data and not Image.open(io.BytesIO(data)).getexif()
    assert "IMG_0001" not in foto.bestand.name
    with pytest.raises(ValidationError):
        doen(gemeente, categorie, wijk, fotos=[_jpeg_met_exif() for _ in range(4)])
    nep = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 geen foto", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        doen(gemeente, categorie, wijk, fotos=[nep])
    assert Melding.objects.count() == 1


def test_wijk_volgt_uit_het_punt(gemeente, kern, categorie):
    vierkant = {
        "type": "Polygon",
        "coordinates": [[[5.0, 52.1], [5.1, 52.1], [5.1, 52.2], [5.0, 52.2], [5.0, 52.1]]],
    }
    wijk = WijkFactory(gemeente=gemeente, kern=kern, code="WK190405", grens=vierkant)
    WijkFactory(gemeente=gemeente, kern=kern, code="WK190406", grens=None)
    assert wijk_bij_punt(gemeente, 52.15, 5.05) == wijk
    assert wijk_bij_punt(gemeente, 52.25, 5.05) is None
    melding = doen(gemeente, categorie, lat="52.150000", lon="5.050000")
    assert melding.wijk == wijk and melding.kern == kern


# --- routing ----------------------------------------------------------------------------------------
def test_naar_de_beheerder_van_de_wijk(gemeente, wijk, categorie, beheerder_wijk):
    assert doen(gemeente, categorie, wijk).behandelaar == beheerder_wijk


def test_de_beheerder_van_die_dag(gemeente, wijk, categorie):
    vorige = ToewijzingFactory(
        beheerder_wijk=True,
        wijk=wijk,
        van=VANDAAG - datetime.timedelta(days=60),
        tot=VANDAAG - datetime.timedelta(days=11),
    ).medewerker
    nieuwe = ToewijzingFactory(
        beheerder_wijk=True, wijk=wijk, van=VANDAAG - datetime.timedelta(days=10)
    ).medewerker
    assert (
        behandelaar_voor(categorie=categorie, wijk=wijk, op=VANDAAG - datetime.timedelta(days=20)) == vorige
    )
    assert behandelaar_voor(categorie=categorie, wijk=wijk, op=VANDAAG) == nieuwe
    gemeld = timezone.now() - datetime.timedelta(days=20)
    assert doen(gemeente, categorie, wijk, op=gemeld).behandelaar == vorige


def test_beheerder_van_de_hele_kern(gemeente, wijk, categorie):
    kernbeheerder = ToewijzingFactory(rol=Rol.BEHEERDER, kern=wijk.kern).medewerker
    assert doen(gemeente, categorie, wijk).behandelaar == kernbeheerder


def test_gat_gaat_naar_de_wachtrij_niet_naar_de_adviseur(gemeente, wijk, categorie):
    ToewijzingFactory(rol=Rol.ADVISEUR, kern=wijk.kern)  # rollen's fallback for other work
    melding = doen(gemeente, categorie, wijk)
    assert melding.behandelaar is None
    # Only a kern (no wijk) and no rule: the queue too.
    assert doen(gemeente, categorie, kern=wijk.kern).behandelaar is None


def test_regel_per_categorie_wint(gemeente, wijk, categorie, overlast, beheerder_wijk):
    collega = UserFactory(medewerker=True, gemeente=gemeente, naam="Hans Handhaving")
    RouteringsregelFactory(
        gemeente=gemeente, soort_werk=soort_werk_van("overlast"), rol="", medewerker=collega
    )
    assert doen(gemeente, overlast, wijk).behandelaar == collega
    assert doen(gemeente, categorie, wijk).behandelaar == beheerder_wijk  # other categories: the beheerder


def test_algemene_regel_voor_meldingen(gemeente, wijk, categorie, beheerder_wijk):
    collega = UserFactory(medewerker=True, gemeente=gemeente)
    RouteringsregelFactory(gemeente=gemeente, soort_werk="melding", wijk=wijk, rol="", medewerker=collega)
    assert doen(gemeente, categorie, wijk).behandelaar == collega
    collega.is_active = False
    collega.save()
    assert doen(gemeente, categorie, wijk).behandelaar == beheerder_wijk  # an inactive colleague is skipped


# --- the workflow -----------------------------------------------------------------------------------
@pytest.fixture
def melding(gemeente, wijk, categorie):
    return doen(gemeente, categorie, wijk, email="bewoner@example.nl")


def test_de_hele_weg_met_wie_wanneer_en_tekst(melding, medewerker, django_capture_on_commit_callbacks):
    services.melding_overgaan(melding=melding, naar=S.IN_BEHANDELING, door=medewerker)
    melding.refresh_from_db()
    assert melding.behandelaar == medewerker  # taking it in handling from the queue makes it yours
    services.melding_overgaan(
        melding=melding, naar=S.WACHT_OP_DERDEN, door=medewerker, tekst="Wacht op Stedin."
    )
    services.melding_overgaan(melding=melding, naar=S.IN_BEHANDELING, door=medewerker)
    with django_capture_on_commit_callbacks(execute=True):
        services.melding_overgaan(
            melding=melding,
            naar=S.AFGEHANDELD,
            door=medewerker,
            tekst="De lamp is vervangen.",
            melder_informeren=True,
        )
    melding.refresh_from_db()
    assert melding.status == S.AFGEHANDELD and melding.gesloten_op is not None
    stappen = list(
        melding.statuswijzigingen.values_list("van", "naar", "door", "toelichting", "melder_geinformeerd")
    )
    assert stappen[1:] == [
        (S.GEMELD, S.IN_BEHANDELING, medewerker.pk, "", False),
        (S.IN_BEHANDELING, S.WACHT_OP_DERDEN, medewerker.pk, "Wacht op Stedin.", False),
        (S.WACHT_OP_DERDEN, S.IN_BEHANDELING, medewerker.pk, "", False),
        (S.IN_BEHANDELING, S.AFGEHANDELD, medewerker.pk, "De lamp is vervangen.", True),
    ]
    [bericht] = mail.outbox
    assert bericht.to == ["bewoner@example.nl"] and "De lamp is vervangen." in bericht.body
    assert Notitie.objects.get().soort == NotitieSoort.AAN_MELDER


def test_heropenen_met_reden_geeft_een_nieuwe_termijn(melding, medewerker):
    services.melding_overgaan(melding=melding, naar=S.AFGEHANDELD, door=medewerker, tekst="Klaar.")
    with pytest.raises(ValidationError):
        services.melding_overgaan(melding=melding, naar=S.HEROPEND, door=medewerker)
    Melding.objects.filter(pk=melding.pk).update(deadline=VANDAAG - datetime.timedelta(days=30))
    services.melding_overgaan(melding=melding, naar=S.HEROPEND, door=medewerker, tekst="Lamp is weer stuk.")
    melding.refresh_from_db()
    assert melding.status == S.HEROPEND and melding.gesloten_op is None and melding.deadline > VANDAAG


@pytest.mark.parametrize("naar", [S.AFGEHANDELD, S.GEANNULEERD, S.WACHT_OP_DERDEN, S.DOORGEZET])
def test_stappen_die_een_tekst_vragen(melding, medewerker, naar):
    with pytest.raises(ValidationError):
        services.melding_overgaan(melding=melding, naar=naar, door=medewerker, tekst="  ")
    assert Melding.objects.get().status == S.GEMELD


def test_geen_stap_die_niet_in_de_tabel_staat(melding, medewerker):
    with pytest.raises(ValidationError):
        services.melding_overgaan(melding=melding, naar=S.HEROPEND, door=medewerker, tekst="x")
    with pytest.raises(ValidationError):
        services.melding_overgaan(melding=melding, naar=S.GEMELD, door=medewerker, tekst="x")


def test_wie_mag(melding, medewerker, beheerder, groepslid, raadslid):
    elders = UserFactory(medewerker=True, gemeente=GemeenteFactory(code="GM0736", slug="drv"))
    for persoon in (groepslid, raadslid, elders, None):
        assert not MELDING.mag(persoon, melding, S.IN_BEHANDELING)
        with pytest.raises(PermissionDenied):
            services.melding_overgaan(melding=melding, naar=S.IN_BEHANDELING, door=persoon)
    assert MELDING.mag(medewerker, melding, S.IN_BEHANDELING)
    assert MELDING.mag(beheerder, melding, S.IN_BEHANDELING)  # the functional admin of the gemeente
    assert Meldingstatuswijziging.objects.count() == 1


def test_melder_informeren_zonder_tekst_of_adres(gemeente, wijk, categorie, medewerker):
    melding = doen(gemeente, categorie, wijk)
    with pytest.raises(ValidationError):
        services.melding_overgaan(
            melding=melding, naar=S.IN_BEHANDELING, door=medewerker, melder_informeren=True
        )
    services.melding_overgaan(
        melding=melding, naar=S.IN_BEHANDELING, door=medewerker, tekst="Opgepakt.", melder_informeren=True
    )
    assert not melding.statuswijzigingen.last().melder_geinformeerd  # no address: nobody to inform


# --- notes and assigning -----------------------------------------------------------------------------
def test_interne_notitie_en_bericht_aan_melder(
    melding, medewerker, groepslid, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.notitie_toevoegen(melding=melding, door=medewerker, tekst="Intern: bel Stedin.")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.notitie_toevoegen(
            melding=melding, door=medewerker, tekst="Wij komen morgen.", aan_melder=True
        )
    assert [m.to for m in mail.outbox] == [["bewoner@example.nl"]]
    assert list(melding.notities.values_list("soort", flat=True)) == [
        NotitieSoort.INTERN,
        NotitieSoort.AAN_MELDER,
    ]
    with pytest.raises(PermissionDenied):
        services.notitie_toevoegen(melding=melding, door=groepslid, tekst="Hallo")


def test_overnemen_en_toewijzen(melding, medewerker, gemeente, django_capture_on_commit_callbacks):
    collega = UserFactory(medewerker=True, gemeente=gemeente, naam="Cas Collega")
    services.melding_toewijzen(melding=melding, door=medewerker, behandelaar=medewerker)
    with django_capture_on_commit_callbacks(execute=True):
        services.melding_toewijzen(melding=melding, door=medewerker, behandelaar=collega)
    melding.refresh_from_db()
    assert melding.behandelaar == collega
    assert [m.to for m in mail.outbox] == [[collega.email]]
    teksten = list(melding.statuswijzigingen.values_list("toelichting", flat=True))
    assert teksten[-2:] == ["Overgenomen door Mila Medewerker.", "Toegewezen aan Cas Collega."]
    elders = UserFactory(medewerker=True, gemeente=GemeenteFactory(code="GM0736", slug="drv"))
    with pytest.raises(ValidationError):
        services.melding_toewijzen(melding=melding, door=medewerker, behandelaar=elders)
    with pytest.raises(PermissionDenied):
        services.melding_toewijzen(melding=melding, door=elders, behandelaar=elders)


def test_overdracht_verplaatst_open_meldingen_in_het_gebied(melding, medewerker, gemeente):
    opvolger = UserFactory(medewerker=True, gemeente=gemeente)
    Melding.objects.update(behandelaar=medewerker)
    services.melding_overgaan(
        melding=doen(gemeente, melding.categorie, melding.wijk),
        naar=S.AFGEHANDELD,
        door=medewerker,
        tekst="x",
    )
    Melding.objects.update(behandelaar=medewerker)
    assert services.meldingen_overdragen(van=medewerker, naar=opvolger, gebied=melding.wijk) == 1
    assert Melding.objects.filter(behandelaar=opvolger).get() == melding
