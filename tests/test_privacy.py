"""AVG: every personal-data field is documented, a functional admin exports and anonymises one person, and
the nightly command anonymises members whose membership ended longer ago than the retention term."""

import datetime
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.privacy import ANONIEM_DOMEIN, VOORMALIG_LID, bronnen, persoon_anonimiseren
from bewonersgroepen.models import Groep, Lidmaatschap, Uitnodiging
from bewonersgroepen.services import lid_uitnodigen
from gebiedsagenda.models import Volger
from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory
from tests.factories import WACHTWOORD, UserFactory
from tests.rollen.factories import ProjectFactory

EIGEN_APPS = {
    "accounts",
    "gebieden",
    "rollen",
    "bewonersgroepen",
    "leefbaarheidsbudget",
    "gebiedsagenda",
    "meldingen",
    "raad",
    "participatie",
}
PERSOONLIJKE_NAMEN = {"telefoon", "iban", "aanmelder_naam", "ondertekenaar_naam", "indieners"}
NAAM_VAN_EEN_PERSOON = {
    "accounts.User",
    "bewonersgroepen.Uitnodiging",
    "rollen.Toewijzing",
    "participatie.Reactie",
}


def _persoonsvelden() -> list[str]:
    gebruiker = apps.get_model(settings.AUTH_USER_MODEL)
    velden = []
    for model in apps.get_models():
        if model._meta.app_label not in EIGEN_APPS or model.__name__.startswith("Historical"):
            continue
        for veld in model._meta.concrete_fields:
            if (
                isinstance(veld, models.EmailField | models.FileField)
                or (veld.is_relation and veld.related_model is gebruiker)
                or veld.name in PERSOONLIJKE_NAMEN
                or (veld.name == "naam" and model._meta.label in NAAM_VAN_EEN_PERSOON)
            ):
                velden.append(f"{model._meta.label}.{veld.name}")
    return velden


def test_elk_persoonsgegeven_staat_in_docs_privacy():
    tekst = (Path(settings.BASE_DIR) / "docs" / "privacy.md").read_text(encoding="utf-8")
    gedocumenteerd = set(re.findall(r"^\| `([\w.]+)` \|", tekst, re.M))
    velden = _persoonsvelden()
    assert "accounts.User.email" in velden and "gebiedsagenda.Volger.email" in velden
    ontbreekt = sorted(set(velden) - gedocumenteerd)
    assert not ontbreekt, f"Beschrijf in docs/privacy.md (doel, grondslag, bewaartermijn): {ontbreekt}"
    # Each row names purpose, legal basis and retention.
    for regel in re.findall(r"^\| `[\w.]+` \|.*$", tekst, re.M):
        cellen = [c.strip() for c in regel.strip("|").split("|")]
        assert len(cellen) == 4 and all(cellen), regel
        assert cellen[2] in ("(a)", "(c)", "(e)"), regel


def test_elke_app_met_persoonsgegevens_heeft_een_bron():
    sleutels = {b.key for b in bronnen()}
    apps_met_velden = {veld.split(".")[0] for veld in _persoonsvelden()} - {"gebieden"}
    assert apps_met_velden <= sleutels | {"accounts"}
    assert "account" in sleutels


# --- a member who left, with traces in several apps --------------------------------------------------


@pytest.fixture
def oud_lid(gemeente, wijk, medewerker):
    lid = UserFactory(
        groepslid=True,
        naam="Zwaantje Vertrokken",
        email="zwaantje@example.nl",
        telefoon="0612345678",
        gemeente=gemeente,  # that of the group she joined (a member belongs to one gemeente)
    )
    groep = GroepFactory(gemeente=gemeente, naam="Buurtcomité Zuid")
    LidmaatschapFactory(
        groep=groep, gebruiker=lid, van=datetime.date(2020, 1, 1), tot=datetime.date(2021, 6, 30)
    )
    lid_uitnodigen(groep=groep, email=lid.email, naam=lid.naam, door=medewerker)
    GroepFactory(gemeente=gemeente, aanmelder_naam=lid.naam, aanmelder_email=lid.email, aangemeld=True)
    Volger.objects.create(email=lid.email, wijk=wijk)
    Volger.objects.create(email=lid.email, project=ProjectFactory(gemeente=gemeente, naam="Plein Zuid"))
    AccessLog.objects.create(
        username=lid.email, ip_address="192.0.2.7", user_agent="Firefox", attempt_time=timezone.now()
    )
    TOTPDevice.objects.create(user=lid, name="Telefoon van Zwaantje Vertrokken", confirmed=True)
    return lid


def _actie(client, actie: str, *users):
    return client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": actie, helpers.ACTION_CHECKBOX_NAME: [u.pk for u in users]},
    )


def test_beheerder_exporteert_alles_over_een_persoon_als_json(client, beheerder, oud_lid):
    client.force_login(beheerder)
    response = _actie(client, "persoonsgegevens_exporteren", oud_lid)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert f"persoonsgegevens-{oud_lid.pk}.json" in response["Content-Disposition"]
    export = json.loads(response.content)
    gegevens = export["gegevens"]
    assert set(gegevens) == {b.key for b in bronnen()}
    assert gegevens["account"]["e-mailadres"] == "zwaantje@example.nl"
    assert gegevens["account"]["telefoon"] == "0612345678"
    [lidmaatschap] = gegevens["bewonersgroepen"]["lidmaatschappen"]
    assert lidmaatschap["groep"] == "Buurtcomité Zuid" and lidmaatschap["lid_tot"] == "2021-06-30"
    assert gegevens["bewonersgroepen"]["uitnodigingen"][0]["e-mailadres"] == "zwaantje@example.nl"
    assert gegevens["bewonersgroepen"]["aangemelde_groepen"][0]["naam_aanmelder"] == "Zwaantje Vertrokken"
    assert gegevens["gebiedsagenda"]["gevolgde_gebieden"][0]["email"] == "zwaantje@example.nl"
    assert "Plein Zuid" in json.dumps(gegevens["gebiedsagenda"]["gevolgde_gebieden"])  # a followed project
    assert gegevens["inloggen"]["accesslog"][0]["ip_address"] == "192.0.2.7"
    assert gegevens["inloggen"]["tweestapsapparaten"][0]["bevestigd"] is True
    assert "key" not in json.dumps(gegevens["inloggen"])  # never the secret


def test_export_van_de_wereld_bevat_teksten_en_aanvragen(client, db):
    from tests.permissietabel.objecten import bouw_wereld

    wereld = bouw_wereld()
    client.force_login(wereld.gebruikers["beheerder"])
    gegevens = json.loads(_actie(client, "persoonsgegevens_exporteren", wereld.lid_a).content)["gegevens"]
    assert gegevens["gebiedsagenda"]["reacties"][0]["tekst"] == "Eens."
    assert gegevens["gebiedsagenda"]["nieuwsberichten"][0]["titel"] == "Buurtfeest"
    assert gegevens["bewonersgroepen"]["lidmaatschappen"][0]["groep"] == "Groep A"
    [voorstel] = gegevens["bewonersgroepen"]["betaalgegevens_voorgesteld_of_afgehandeld"]
    assert (voorstel["groep"], voorstel["iban"]) == ("Groep A", "NL91ABNA0417164300")
    medewerker = json.loads(_actie(client, "persoonsgegevens_exporteren", wereld.medewerker).content)
    assert medewerker["gegevens"]["account"]["naam"] == "Medewerker X"


def test_alleen_functioneel_beheer_exporteert(client, medewerker, oud_lid):
    client.force_login(medewerker)
    response = _actie(client, "persoonsgegevens_exporteren", oud_lid)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def _waar_staat(tekst: str) -> list[str]:
    """Every model (history tables included) with a text field that still contains `tekst`."""
    gevonden = []
    for model in apps.get_models():
        if model._meta.app_label == "sessions":
            continue
        tekstvelden = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        voorwaarde = models.Q()
        for naam in tekstvelden:
            voorwaarde |= models.Q(**{f"{naam}__icontains": tekst})
        if tekstvelden and model._base_manager.filter(voorwaarde).exists():
            gevonden.append(model._meta.label)
    return gevonden


def test_anonimiseren_houdt_de_gegevens_consistent(client, beheerder, oud_lid):
    assert _waar_staat("zwaantje@example.nl")  # the check below can fail
    lidmaatschappen = Lidmaatschap.objects.filter(gebruiker=oud_lid).count()
    client.force_login(beheerder)
    # The admin's change log names the person too: the export is logged, and so is a change to the invitation.
    assert _actie(client, "persoonsgegevens_exporteren", oud_lid).status_code == 200
    LogEntry.objects.log_actions(
        beheerder.pk,
        Uitnodiging.objects.filter(email=oud_lid.email),
        CHANGE,
        change_message="Naam verbeterd.",
    )
    assert LogEntry.objects.filter(object_repr__contains="Zwaantje Vertrokken").count() == 2
    response = _actie(client, "anonimiseren", oud_lid)
    assert response.status_code == 302

    oud_lid.refresh_from_db()
    assert oud_lid.naam == VOORMALIG_LID
    assert oud_lid.email.endswith("@" + ANONIEM_DOMEIN) and oud_lid.telefoon == ""
    assert not oud_lid.is_active and not oud_lid.has_usable_password()
    assert not oud_lid.groups.exists()
    # Records stay and point to the anonymised person.
    assert Lidmaatschap.objects.filter(gebruiker=oud_lid).count() == lidmaatschappen == 1
    assert (
        Uitnodiging.objects.get(gebruiker__isnull=True, groep__naam="Buurtcomité Zuid").naam == VOORMALIG_LID
    )
    groep = Groep.objects.get(aanmelder_naam=VOORMALIG_LID)
    assert groep.aanmelder_email == ""
    assert groep.history.latest().history_user == beheerder
    assert not Volger.objects.exists()
    assert not AccessLog.objects.exists() and not TOTPDevice.objects.exists()
    # Nothing anywhere still holds the address or the name, not even the history tables.
    assert _waar_staat("zwaantje@example.nl") == []
    assert _waar_staat("Zwaantje Vertrokken") == []
    assert not client.login(username="zwaantje@example.nl", password=WACHTWOORD)
    # The change log keeps every entry (who did what), now without the person.
    assert LogEntry.objects.filter(object_id=str(oud_lid.pk), object_repr=VOORMALIG_LID).count() >= 2


def test_anonimiseren_haalt_de_naam_uit_de_wijzigingsberichten_van_het_beheer(db, beheerder):
    zoe = UserFactory(groepslid=True, naam="Zoë Brontë", email="zoe@example.nl")
    ander = UserFactory(groepslid=True, naam="Zoë Brontëlaan")  # another person, a longer name
    groep = GroepFactory(naam="Buurtcomité Zuid")
    # As the admin logs a group saved with its members inline: their names inside the JSON message.
    LogEntry.objects.log_actions(
        beheerder.pk,
        [groep],
        CHANGE,
        change_message=[
            {"added": {"name": "lidmaatschap", "object": f"{zoe} (lid, {groep})"}},
            {"added": {"name": "lidmaatschap", "object": f"{ander} (lid, {groep})"}},
            {"added": {"name": "uitnodiging", "object": f"{zoe.naam} <{zoe.email}> voor {groep}"}},
        ],
    )
    assert "Zo\\u00eb Bront\\u00eb (lid" in LogEntry.objects.get().change_message  # stored escaped

    persoon_anonimiseren(user=zoe, door=beheerder)
    entry = LogEntry.objects.get()
    berichten = [b["added"]["object"] for b in json.loads(entry.change_message)]
    assert berichten == [
        f"{VOORMALIG_LID} (lid, Buurtcomité Zuid)",
        "Zoë Brontëlaan (lid, Buurtcomité Zuid)",
        f"{VOORMALIG_LID} <voormalig-lid-{zoe.pk}@{ANONIEM_DOMEIN}> voor Buurtcomité Zuid",
    ]
    assert _waar_staat("zoe@example.nl") == []


def test_anonieme_adressen_zijn_uniek(db):
    a, b = UserFactory(groepslid=True), UserFactory(groepslid=True)
    persoon_anonimiseren(user=a)
    persoon_anonimiseren(user=b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.email != b.email and a.naam == b.naam == VOORMALIG_LID


def test_actief_lid_wordt_niet_geanonimiseerd_en_er_verandert_niets(client, beheerder, oud_lid):
    LidmaatschapFactory(gebruiker=oud_lid)  # a current membership elsewhere
    with pytest.raises(ValidationError):
        persoon_anonimiseren(user=oud_lid)
    client.force_login(beheerder)
    response = _actie(client, "anonimiseren", oud_lid)
    assert response.status_code == 302
    oud_lid.refresh_from_db()
    assert oud_lid.naam == "Zwaantje Vertrokken" and oud_lid.is_active
    assert Volger.objects.filter(email="zwaantje@example.nl").exists()
    assert Groep.objects.filter(aanmelder_email="zwaantje@example.nl").exists()


# --- the nightly command -------------------------------------------------------------------------------


def _lid_tot(dagen_geleden: int, **soort) -> User:
    lid = UserFactory(**(soort or {"groepslid": True}))
    tot = timezone.localdate() - datetime.timedelta(days=dagen_geleden)
    LidmaatschapFactory(gebruiker=lid, van=tot - datetime.timedelta(days=365), tot=tot)
    return lid


def _draai(*args) -> str:
    uit = StringIO()
    call_command("anonimiseer_oud_leden", *args, stdout=uit, stderr=StringIO())
    return uit.getvalue()


def test_commando_anonimiseert_alleen_oud_leden_na_de_bewaartermijn(db, settings):
    settings.AVG_BEWAARTERMIJN_LEDEN_DAGEN = 730
    lang_geleden = _lid_tot(800)
    kort_geleden = _lid_tot(100)
    weer_lid = _lid_tot(800)
    LidmaatschapFactory(gebruiker=weer_lid)  # joined another group since
    medewerker_ook_lid = _lid_tot(800, medewerker=True)
    nog_lid = LidmaatschapFactory().gebruiker

    assert "1 oud-lid" in _draai("--proef")
    lang_geleden.refresh_from_db()
    assert lang_geleden.is_active  # --proef changes nothing

    uitvoer = _draai()
    assert "1 oud-lid" in uitvoer
    for user in (lang_geleden, kort_geleden, weer_lid, medewerker_ook_lid, nog_lid):
        user.refresh_from_db()
    assert lang_geleden.naam == VOORMALIG_LID and not lang_geleden.is_active
    assert all(
        u.naam != VOORMALIG_LID and u.is_active for u in (kort_geleden, weer_lid, medewerker_ook_lid, nog_lid)
    )
    assert "0 oud-lid" in _draai()  # idempotent

    settings.AVG_BEWAARTERMIJN_LEDEN_DAGEN = 50
    _draai()
    kort_geleden.refresh_from_db()
    assert kort_geleden.naam == VOORMALIG_LID


def test_commando_ruimt_verlopen_uitnodigingen_op(db, medewerker, settings):
    settings.AVG_BEWAARTERMIJN_LEDEN_DAGEN = 30
    groep = GroepFactory(gemeente=medewerker.gemeente)
    oud, _ = lid_uitnodigen(groep=groep, email="oud@example.nl", naam="Oud", door=medewerker)
    nieuw, _ = lid_uitnodigen(groep=groep, email="nieuw@example.nl", naam="Nieuw", door=medewerker)
    Uitnodiging.objects.filter(pk=oud.pk).update(verloopt_op=timezone.now() - datetime.timedelta(days=40))
    _draai()
    assert list(Uitnodiging.objects.values_list("email", flat=True)) == ["nieuw@example.nl"]


def test_reacties_op_raadplegingen_in_de_export_en_geanonimiseerd(db, oud_lid):
    """A resident's response: exported, and after anonymising without name or address (answers stay)."""
    from participatie.models import Reactie
    from tests.participatie.factories import ParticipatieplanFactory, raadpleging_maken

    plan = ParticipatieplanFactory(gepubliceerd=True)
    ronde = raadpleging_maken(plan, None)
    reactie = Reactie.objects.create(
        raadpleging=ronde,
        soort="inwoner",
        email=oud_lid.email,
        naam=oud_lid.naam,
        toestemming_publiceren=True,
        toestemming_naam=True,
    )
    from accounts.privacy import persoonsgegevens_exporteren

    export = persoonsgegevens_exporteren(user=oud_lid)
    assert json.dumps(export, default=str).count(oud_lid.email) >= 1
    assert "reacties_op_raadplegingen" in json.dumps(export, default=str)
    persoon_anonimiseren(user=oud_lid)
    reactie.refresh_from_db()
    assert (
        reactie.naam == "" and not reactie.toestemming_naam and reactie.email.endswith(f"@{ANONIEM_DOMEIN}")
    )
