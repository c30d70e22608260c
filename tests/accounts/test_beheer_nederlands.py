"""The admin speaks Dutch: Django's admin texts that its nl catalogue lacks, django-axes, django-otp and
django-tasks-db get their Dutch from locale/nl (LOCALE_PATHS) and accounts.apps (issue 18, item 9)."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

ENGELS = [
    "Access attempts",
    "Access failures",
    "Access logs",
    "TOTP devices",
    "Static devices",
    "Otp_Totp",
    "Otp_Static",
    "Task Results",
    "Tasks Database Backend",
    "Model name",
    "Add link",
    "Change or view list link",
    "After you’ve created a user",
    "Attempt Time",
    "Identity",
    "Timestamps",
    "Throttling",
    "The user that this device belongs to",
    "Is this device ready for use?",
    "Search by",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
]


def zichtbare_tekst(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def superbeheerder(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.mark.parametrize(
    ("pagina", "nederlands"),
    [
        ("admin:index", ["Inlogbeveiliging", "Inlogpogingen", "Authenticator-apps", "Sets reservecodes"]),
        ("admin:accounts_user_add", ["Na het aanmaken van de gebruiker"]),
        ("admin:auth_group_add", ["Accounts | gebruiker | gebruiker toevoegen", "| inlogpoging bekijken"]),
        ("admin:otp_totp_totpdevice_add", ["Wie", "Tijdstippen", "De gebruiker van wie de app"]),
        ("admin:otp_static_staticdevice_add", ["Reservecodes", "Is de app klaar voor gebruik?"]),
        ("admin:otp_totp_totpdevice_changelist", ["Zoek op de naam of het e-mailadres van de gebruiker."]),
        ("admin:axes_accessattempt_changelist", ["0 inlogpogingen", "Tijdstip poging", "Geblokkeerd"]),
        ("admin:axes_accesslog_changelist", ["0 inlogregistraties", "Tijdstip afmelden"]),
        ("admin:django_tasks_database_dbtaskresult_changelist", ["Takenwachtrij", "Taken"]),
    ],
)
def test_beheer_in_het_nederlands(client, superbeheerder, pagina, nederlands):
    client.force_login(superbeheerder)
    response = client.get(reverse(pagina))
    assert response.status_code == 200
    tekst = zichtbare_tekst(response)
    for woorden in nederlands:
        assert woorden in tekst
    for woorden in ENGELS:
        assert woorden not in tekst, f"Engels in {pagina}: {woorden!r}"


def _po_vertalingen(pad: Path) -> dict[str, str]:
    vertalingen, msgid = {}, None
    for regel in pad.read_text(encoding="utf-8").splitlines():
        if regel.startswith("msgid "):
            msgid = regel[len('msgid "') : -1]
        elif regel.startswith("msgstr ") and msgid:
            vertalingen[msgid.replace('\\"', '"')] = regel[len('msgstr "') : -1].replace('\\"', '"')
    return vertalingen


def test_gecompileerde_vertalingen_zijn_bij():
    """The committed .mo holds every translation of the .po (after a change: msgfmt, see the .po's head)."""
    map_ = Path(settings.LOCALE_PATHS[0]) / "nl" / "LC_MESSAGES"
    with open(map_ / "django.mo", "rb") as mo:
        catalogus = gettext.GNUTranslations(mo)._catalog
    po = _po_vertalingen(map_ / "django.po")
    assert len(po) > 50
    for msgid, msgstr in po.items():
        assert catalogus.get(msgid) == msgstr, msgid


def test_migraties_zien_de_namen_van_de_bibliotheek():
    """The Dutch names are for show only: the migration state keeps the library's own texts."""
    from django.apps import apps
    from django.db.migrations.state import ModelState
    from django.utils import translation

    with translation.override(None):
        state = ModelState.from_model(apps.get_model("otp_totp", "TOTPDevice"))
        velden = dict(state.fields)
        assert state.options["verbose_name"] == "TOTP device"
        assert str(velden["user"].help_text) == "The user that this device belongs to."
        assert velden["user"].deconstruct()[3].get("verbose_name") is None


def test_apparaten_zoeken_op_naam_en_email(client, superbeheerder):
    from tests.accounts.test_inlogbeveiliging import app_instellen

    app_instellen(UserFactory(naam="Wanda Zoekbaar", email="wanda@example.nl", is_staff=True))
    client.force_login(superbeheerder)
    lijst = reverse("admin:otp_totp_totpdevice_changelist")
    assert "Wanda Zoekbaar" in client.get(lijst, {"q": "zoekbaar"}).text
    assert "Wanda Zoekbaar" in client.get(lijst, {"q": "wanda@"}).text
    assert "Wanda Zoekbaar" not in client.get(lijst, {"q": "iemand anders"}).text


def test_geen_app_vertaalt_djangos_eigen_teksten_anders():
    """An installed app's catalogue is searched before Django's own: when one translates Django's English
    differently (Django REST framework: "Dit veld is vereist."), every form would change its wording.
    locale/nl keeps Django's Dutch for each such text."""
    from django.apps import apps
    from django.utils import translation

    django_nl = Path(__import__("django").__file__).parent / "conf/locale/nl/LC_MESSAGES/django.mo"
    django_catalogus = gettext.GNUTranslations(django_nl.open("rb"))._catalog
    anders = set()
    for app in apps.get_app_configs():
        mo = Path(app.path) / "locale/nl/LC_MESSAGES/django.mo"
        if not mo.exists() or app.name == "django":
            continue
        for tekst, vertaling in gettext.GNUTranslations(mo.open("rb"))._catalog.items():
            if isinstance(tekst, str) and tekst and django_catalogus.get(tekst, vertaling) != vertaling:
                anders.add(tekst)
    with translation.override("nl"):
        fout = {t: translation.gettext(t) for t in anders if translation.gettext(t) != django_catalogus[t]}
    assert not fout
    assert "This field is required." in anders or not anders  # the case that made this test
