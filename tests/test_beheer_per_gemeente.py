"""The Django admin per gemeente (gebieden.beheerbereik): a functional admin sees only their own gemeente.

Two gemeenten, A and B, each with one row of every main model. The functional admin of A finds A's row and
not B's in each list, gets the admin's "does not exist" redirect (never the data) for B's change, delete
and history pages, cannot choose B's kern, group or user in a form, and the autocomplete offers only A's
rows; a superuser sees both. A last test walks the admin's registry, so a new ModelAdmin or inline of a
model of a gemeente cannot escape the scope.
"""

import datetime
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from gebieden.beheerbereik import GemeenteAdminMixin
from gebieden.models import Gebiedsprofiel, Gemeente
from tests.bewonersgroepen.factories import (
    GroepFactory,
    LidmaatschapFactory,
    SamenwerkingsovereenkomstFactory,
)
from tests.factories import BuurtFactory, GemeenteFactory, KernFactory, UserFactory, WijkFactory
from tests.gebiedsagenda.factories import AgendaFactory, OpgaveFactory, VolgerFactory
from tests.leefbaarheidsbudget.factories import (
    AanvraagFactory,
    BudgetFactory,
    KernplafondFactory,
    RegelingFactory,
)
from tests.raad.factories import MotieFactory, VoortgangsupdateFactory
from tests.rollen.factories import ProjectFactory, RouteringsregelFactory, ToewijzingFactory

# Models without a gemeente: one list for the whole deployment, deliberately not scoped.
GLOBAAL = {"rollen.Rolbeschrijving", "raad.Thema", "gebiedsagenda.Thema"}
# The project's own apps, as INSTALLED_APPS lists them (each has its apps.py here).
EIGEN_APPS = {app for app in settings.INSTALLED_APPS if (Path(settings.BASE_DIR) / app / "apps.py").exists()}


def _wereld(gemeente) -> dict:
    """One row of every main model in `gemeente`, by "app.Model"."""
    kern = KernFactory(gemeente=gemeente, naam=f"Kern van {gemeente.naam}")
    wijk = WijkFactory(kern=kern, gemeente=gemeente, naam=f"Wijk van {gemeente.naam}")
    medewerker = UserFactory(medewerker=True, gemeente=gemeente)
    groep = GroepFactory(gemeente=gemeente, kernen=[kern])
    lid = LidmaatschapFactory(groep=groep)  # a resident: the gemeente of their group
    project = ProjectFactory(gemeente=gemeente, kernen=[kern])
    budget = BudgetFactory(gemeente=gemeente)
    motie = MotieFactory(gemeente=gemeente)
    agenda = AgendaFactory(kern=kern)
    opgave = OpgaveFactory(agenda=agenda)
    from gebiedsagenda.models import Nieuwsbericht, Reactie

    return {
        "gebieden.Gemeente": gemeente,
        "gebieden.Kern": kern,
        "gebieden.Wijk": wijk,
        "gebieden.Buurt": BuurtFactory(wijk=wijk),
        "gebieden.Gebiedsprofiel": Gebiedsprofiel.objects.create(gemeente=gemeente, jaar=2024, inwoners=9),
        "accounts.User": medewerker,
        "accounts.User lid": lid.gebruiker,
        "rollen.Project": project,
        "rollen.Toewijzing": ToewijzingFactory(kern=kern, medewerker=medewerker),
        "rollen.Routeringsregel": RouteringsregelFactory(gemeente=gemeente),
        "bewonersgroepen.Groep": groep,
        "bewonersgroepen.Lidmaatschap": lid,
        "bewonersgroepen.Samenwerkingsovereenkomst": SamenwerkingsovereenkomstFactory(
            groep=GroepFactory(gemeente=gemeente, bewonersgroep=True, kernen=[kern])
        ),
        "leefbaarheidsbudget.Regeling": RegelingFactory(gemeente=gemeente),
        "leefbaarheidsbudget.Budget": budget,
        "leefbaarheidsbudget.Kernplafond": KernplafondFactory(budget=budget, kern=kern),
        "leefbaarheidsbudget.Aanvraag": AanvraagFactory(groep=groep, kern=kern),
        "raad.Motie": motie,
        "raad.Voortgangsupdate": VoortgangsupdateFactory(motie=motie, auteur=medewerker),
        "gebiedsagenda.Gebiedsagenda": agenda,
        "gebiedsagenda.Opgave": opgave,
        "gebiedsagenda.Reactie": Reactie.objects.create(
            opgave=opgave, groep=groep, tekst="Eens.", auteur=lid.gebruiker
        ),
        "gebiedsagenda.Nieuwsbericht": Nieuwsbericht.objects.create(
            gemeente=gemeente, titel=f"Nieuws {gemeente.code}", tekst="Tekst.", auteur=medewerker
        ),
        "gebiedsagenda.Volger": VolgerFactory(kern=kern),
    }


@pytest.fixture
def a(gemeente):
    return _wereld(gemeente)


@pytest.fixture
def b(db):
    return _wereld(GemeenteFactory(code="GM0736", naam="De Ronde Venen", slug="de-ronde-venen"))


@pytest.fixture
def beheer_a(client, beheerder):
    client.force_login(beheerder)
    return client


@pytest.fixture
def superbeheer(db):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True, naam="Super Beheer"))
    return client


def _admin_url(object_, pagina: str, *args) -> str:
    opts = object_._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{pagina}", args=args)


MODELLEN = [
    "gebieden.Gemeente",
    "gebieden.Kern",
    "gebieden.Wijk",
    "gebieden.Buurt",
    "gebieden.Gebiedsprofiel",
    "accounts.User",
    "accounts.User lid",
    "rollen.Project",
    "rollen.Toewijzing",
    "rollen.Routeringsregel",
    "bewonersgroepen.Groep",
    "bewonersgroepen.Lidmaatschap",
    "bewonersgroepen.Samenwerkingsovereenkomst",
    "leefbaarheidsbudget.Regeling",
    "leefbaarheidsbudget.Budget",
    "leefbaarheidsbudget.Kernplafond",
    "leefbaarheidsbudget.Aanvraag",
    "raad.Motie",
    "raad.Voortgangsupdate",
    "gebiedsagenda.Gebiedsagenda",
    "gebiedsagenda.Opgave",
    "gebiedsagenda.Nieuwsbericht",
    "gebiedsagenda.Volger",
]


def _in_lijst(client, object_) -> set[int]:
    response = client.get(_admin_url(object_, "changelist"))
    assert response.status_code == 200
    return {rij.pk for rij in response.context["cl"].result_list}


@pytest.mark.parametrize("label", MODELLEN)
def test_de_lijst_toont_alleen_de_eigen_gemeente(beheer_a, superbeheer, a, b, label):
    gezien = _in_lijst(beheer_a, a[label])
    assert a[label].pk in gezien and b[label].pk not in gezien
    assert {a[label].pk, b[label].pk} <= _in_lijst(superbeheer, a[label])


@pytest.mark.parametrize("label", MODELLEN)
def test_een_object_van_een_andere_gemeente_bestaat_niet(beheer_a, a, b, label):
    assert beheer_a.get(_admin_url(a[label], "change", a[label].pk)).status_code == 200
    for pagina in ("change", "delete"):
        response = beheer_a.get(_admin_url(b[label], pagina, b[label].pk))
        # The admin's own answer to an unknown pk: back to the index with "does not exist" (or 403 for
        # a model the admin may not delete at all: the delete view asks that first).
        antwoord = (response.status_code, response.get("Location"))
        assert antwoord in {(302, reverse("admin:index")), (403, None)}, pagina
    assert beheer_a.get(_admin_url(b[label], "history", b[label].pk)).status_code == 404
    if isinstance(admin.site._registry[type(b[label])], SimpleHistoryAdmin):  # and one version
        versie = b[label].history.order_by("history_id").last().history_id
        url = _admin_url(b[label], "simple_history", b[label].pk, versie)
        assert beheer_a.get(url).status_code == 404
        eigen = a[label].history.order_by("history_id").last().history_id
        assert beheer_a.get(_admin_url(a[label], "simple_history", a[label].pk, eigen)).status_code == 200


@pytest.mark.parametrize(
    "label", [m for m in MODELLEN if hasattr(apps.get_model(m.split()[0]), "get_absolute_url")]
)
def test_bekijken_op_de_site_alleen_voor_de_eigen_gemeente(beheer_a, superbeheer, a, b, label):
    """The admin's "view on site" link (/beheer/r/<content type>/<pk>/) of another gemeente's object is 404."""

    def url(object_):
        return reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(object_).pk, object_.pk])

    assert beheer_a.get(url(a[label])).status_code == 302
    assert beheer_a.get(url(b[label])).status_code == 404
    assert superbeheer.get(url(b[label])).status_code == 302


def test_bekijken_op_de_site_zonder_geldig_inhoudstype_bestaat_niet(beheer_a, a):
    for pad in ("r/x/1/", "r/999999/1/", f"r/{ContentType.objects.get_for_model(a['gebieden.Kern']).pk}/x/"):
        assert beheer_a.get(f"/beheer/{pad}").status_code == 404


def test_de_geschiedenis_van_een_verwijderd_object_alleen_voor_een_superbeheerder(
    beheer_a, superbeheer, a, b
):
    motie = b["raad.Motie"]
    url = _admin_url(motie, "history", motie.pk)
    motie.delete()
    assert beheer_a.get(url).status_code == 404
    assert superbeheer.get(url).status_code == 200


# (app, model, field of the form that autocompletes, label of the related rows)
AUTOCOMPLETE = [
    ("gebieden", "kern", "gemeente", "gebieden.Gemeente"),
    ("gebieden", "wijk", "kern", "gebieden.Kern"),
    ("gebieden", "buurt", "wijk", "gebieden.Wijk"),
    ("bewonersgroepen", "lidmaatschap", "groep", "bewonersgroepen.Groep"),
    ("bewonersgroepen", "lidmaatschap", "gebruiker", "accounts.User lid"),
    ("rollen", "toewijzing", "medewerker", "accounts.User"),
    ("rollen", "toewijzing", "project", "rollen.Project"),
    ("leefbaarheidsbudget", "kernplafond", "budget", "leefbaarheidsbudget.Budget"),
    ("raad", "voortgangsupdate", "motie", "raad.Motie"),
    ("gebiedsagenda", "opgave", "agenda", "gebiedsagenda.Gebiedsagenda"),
]


def _autocomplete(client, app_label, model_name, field_name) -> set[str]:
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code == 200
    return {r["id"] for r in json.loads(response.content)["results"]}


@pytest.mark.parametrize(("app_label", "model_name", "field_name", "label"), AUTOCOMPLETE)
def test_autocomplete_biedt_alleen_de_eigen_gemeente(
    beheer_a, superbeheer, a, b, app_label, model_name, field_name, label
):
    gevonden = _autocomplete(beheer_a, app_label, model_name, field_name)
    assert str(a[label].pk) in gevonden and str(b[label].pk) not in gevonden
    assert {str(a[label].pk), str(b[label].pk)} <= _autocomplete(
        superbeheer, app_label, model_name, field_name
    )


# (label of the row whose form is posted, field, label of the other gemeente's choice)
KEUZES = [
    ("gebieden.Kern", "gemeente", "gebieden.Gemeente"),
    ("gebieden.Wijk", "kern", "gebieden.Kern"),
    ("bewonersgroepen.Groep", "kernen", "gebieden.Kern"),
    ("bewonersgroepen.Lidmaatschap", "groep", "bewonersgroepen.Groep"),
    ("bewonersgroepen.Lidmaatschap", "gebruiker", "accounts.User lid"),
    ("rollen.Toewijzing", "medewerker", "accounts.User"),
    ("rollen.Project", "wijken", "gebieden.Wijk"),
    ("leefbaarheidsbudget.Kernplafond", "kern", "gebieden.Kern"),
    ("raad.Motie", "kernen", "gebieden.Kern"),
    ("gebiedsagenda.Opgave", "agenda", "gebiedsagenda.Gebiedsagenda"),
    ("gebiedsagenda.Nieuwsbericht", "wijken", "gebieden.Wijk"),
]


def _formulier(request, object_, veld, waarde):
    """The admin's change form of `object_` as posted with `veld` set to `waarde` (the rest unchanged)."""
    from django.forms.models import model_to_dict

    model_admin = admin.site._registry[type(object_)]
    formulier = model_admin.get_form(request, object_, change=True)
    data = {k: v for k, v in model_to_dict(object_).items() if v is not None}
    data = {k: [x.pk for x in v] if isinstance(v, list) else v for k, v in data.items()}
    data[veld] = waarde
    return formulier(data=data, instance=object_)


@pytest.mark.parametrize(("label", "veld", "keuze"), KEUZES)
def test_een_keuze_uit_een_andere_gemeente_wordt_geweigerd(beheerder, a, b, label, veld, keuze):
    request = RequestFactory().post("/")
    request.user = beheerder
    veldtype = type(a[label])._meta.get_field(veld)
    andere = [b[keuze].pk] if veldtype.many_to_many else b[keuze].pk
    eigen = [a[keuze].pk] if veldtype.many_to_many else a[keuze].pk
    formulier = _formulier(request, a[label], veld, andere)
    assert not formulier.is_valid() and veld in formulier.errors
    assert "geldige keuze" in str(formulier.errors[veld])
    keuzes = formulier.fields[veld].queryset
    assert keuzes.filter(pk=a[keuze].pk).exists() and not keuzes.filter(pk=b[keuze].pk).exists()
    assert veld not in _formulier(request, a[label], veld, eigen).errors


def test_een_kern_van_een_andere_gemeente_opslaan_wordt_geweigerd(beheer_a, a, b):
    """The same through the admin's own page: the form comes back with the error, nothing is saved."""
    response = beheer_a.post(
        reverse("admin:gebieden_kern_add"),
        {"naam": "Vinkeveen", "slug": "vinkeveen", "gemeente": b["gebieden.Gemeente"].pk, "inwoners": ""},
    )
    assert response.status_code == 200 and "gemeente" in response.context["adminform"].form.errors
    assert not b["gebieden.Gemeente"].kernen.filter(naam="Vinkeveen").exists()


def test_de_filters_noemen_alleen_de_eigen_gemeente(beheer_a, a, b):
    pagina = beheer_a.get(reverse("admin:gebieden_kern_changelist")).text
    assert a["gebieden.Gemeente"].naam in pagina and b["gebieden.Gemeente"].naam not in pagina
    pagina = beheer_a.get(reverse("admin:bewonersgroepen_groep_changelist")).text
    assert b["gebieden.Kern"].naam not in pagina


def test_een_beheerder_zonder_gemeente_ziet_niets(client, a):
    client.force_login(UserFactory(beheerder=True, gemeente=None))
    assert _in_lijst(client, a["gebieden.Kern"]) == set()
    assert _in_lijst(client, a["accounts.User"]) == set()
    assert _autocomplete(client, "gebieden", "wijk", "kern") == set()


def test_een_nieuwe_gebruiker_krijgt_de_gemeente_van_de_beheerder(beheer_a, beheerder, a):
    from accounts.models import User

    response = beheer_a.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nieuw@example.nl",
            "naam": "Nieuwe Collega",
            "password1": "Een-lang-wachtwoord-9",
            "password2": "Een-lang-wachtwoord-9",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    nieuw = User.objects.get(email="nieuw@example.nl")
    assert nieuw.gemeente == beheerder.gemeente
    assert beheer_a.get(_admin_url(nieuw, "change", nieuw.pk)).status_code == 200


def test_de_lijst_van_gebruikers_herhaalt_niemand(beheer_a, a):
    """A member of two groups of the gemeente appears once (the membership path is a subquery)."""
    lid = a["accounts.User lid"]
    LidmaatschapFactory(gebruiker=lid, groep=GroepFactory(gemeente=a["gebieden.Gemeente"]))
    response = beheer_a.get(reverse("admin:accounts_user_changelist"))
    rijen = [u.pk for u in response.context["cl"].result_list]
    assert rijen.count(lid.pk) == 1


def test_een_oud_lidmaatschap_hier_geeft_geen_macht_over_een_beheerder_elders(beheer_a, a, b):
    """A user belongs to one gemeente, explicitly: an admin of gemeente B who once was a member of a group in
    A stays out of reach of A's admins (not opened, no new password, not deleted, no history, no devices)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import services
    from tests.factories import WACHTWOORD

    beheerder_b = UserFactory(beheerder=True, gemeente=b["gebieden.Gemeente"])
    LidmaatschapFactory(
        gebruiker=beheerder_b, groep=a["bewonersgroepen.Groep"], tot=datetime.date(2024, 6, 1)
    )
    apparaat = services.tweestaps_app_voorbereiden(user=beheerder_b)
    assert beheerder_b.pk not in _in_lijst(beheer_a, beheerder_b)
    for pagina in ("change", "delete"):
        response = beheer_a.get(_admin_url(beheerder_b, pagina, beheerder_b.pk))
        assert (response.status_code, response.get("Location")) == (302, reverse("admin:index")), pagina
    assert beheer_a.get(_admin_url(beheerder_b, "history", beheerder_b.pk)).status_code == 404
    url = reverse("admin:auth_user_password_change", args=[beheerder_b.pk])
    nieuw = "Overgenomen-door-A-2024"
    response = beheer_a.post(url, {"password1": nieuw, "password2": nieuw, "usable_password": "true"})
    assert response.status_code == 404
    beheerder_b.refresh_from_db()
    assert beheerder_b.check_password(WACHTWOORD)
    assert apparaat.pk not in _in_lijst(beheer_a, apparaat)
    assert TOTPDevice.objects.filter(pk=apparaat.pk).exists()


def test_de_lijst_vraagt_niet_meer_per_rij(beheer_a, a, django_assert_max_num_queries):
    for _ in range(5):
        ToewijzingFactory(kern=a["gebieden.Kern"], van=datetime.date(2024, 2, 1))
    with django_assert_max_num_queries(12):
        assert beheer_a.get(reverse("admin:rollen_toewijzing_changelist")).status_code == 200


# --- No admin escapes ---------------------------------------------------------------------------------


def _hoort_bij_gemeente(model, diepte: int = 4) -> bool:
    """Does `model` reach gebieden.Gemeente through its own foreign keys (it belongs to a gemeente)?"""
    if model is Gemeente:
        return True
    if diepte == 0:
        return False
    return any(
        _hoort_bij_gemeente(veld.related_model, diepte - 1)
        for veld in model._meta.get_fields()
        if (veld.many_to_one or veld.one_to_one) and veld.concrete and veld.related_model is not model
    )


def _onbeschermd(registry) -> tuple[list[str], set[str]]:
    """(admins and inlines of a model of a gemeente without the scope, labels of the unscoped models)."""
    fout, globaal = [], set()
    for model, model_admin in registry.items():
        if model._meta.app_label not in EIGEN_APPS:
            continue
        klassen = [(type(model_admin), model)] + [(inline, inline.model) for inline in model_admin.inlines]
        for klasse, klasse_model in klassen:
            if not _hoort_bij_gemeente(klasse_model):
                globaal.add(klasse_model._meta.label)
            elif not issubclass(klasse, GemeenteAdminMixin):
                fout.append(f"{klasse.__name__} ({klasse_model._meta.label}): mix GemeenteAdminMixin in")
            else:
                for pad in klasse.gemeente_paden():  # every declared path ends at the gemeente
                    if (
                        pad != "pk"
                        and get_fields_from_path(klasse_model, pad)[-1].related_model is not Gemeente
                    ):
                        fout.append(f"{klasse.__name__}.gemeente_pad {pad!r} eindigt niet bij de gemeente")
    return fout, globaal


def test_elk_beheer_van_een_model_met_een_gemeente_is_per_gemeente():
    fout, globaal = _onbeschermd(admin.site._registry)
    assert not fout, "\n".join(fout)
    # What is not scoped is deliberately one list for the deployment (say so in its admin, then here).
    assert globaal == GLOBAAL


def test_de_controle_vindt_een_beheer_zonder_bereik():
    from bewonersgroepen.models import Groep, Lidmaatschap
    from raad.models import Thema

    class LidInline(admin.TabularInline):
        model = Lidmaatschap

    class GroepZonderBereik(admin.ModelAdmin):
        inlines = [LidInline]

    class GroepVerkeerdPad(GemeenteAdminMixin, admin.ModelAdmin):
        gemeente_pad = "kernen"

    site = admin.AdminSite(name="proef")
    fout, globaal = _onbeschermd(
        {Groep: GroepZonderBereik(Groep, site), Thema: admin.ModelAdmin(Thema, site)}
    )
    assert len(fout) == 2 and globaal == {"raad.Thema"}
    fout, _ = _onbeschermd({Groep: GroepVerkeerdPad(Groep, site)})
    assert fout == ["GroepVerkeerdPad.gemeente_pad 'kernen' eindigt niet bij de gemeente"]


def test_wachtwoord_en_tweestapsapparaten_van_een_andere_gemeente_bestaan_niet(beheer_a, a, b):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import services

    gebruiker_b = b["accounts.User"]
    assert beheer_a.get(reverse("admin:auth_user_password_change", args=[gebruiker_b.pk])).status_code == 404
    for gebruiker in (a["accounts.User lid"], gebruiker_b):
        services.tweestaps_app_voorbereiden(user=gebruiker)
        services.reservecodes_aanmaken(user=gebruiker)
    for model in (TOTPDevice, StaticDevice):
        eigen, ander = (model.objects.get(user=u) for u in (a["accounts.User lid"], gebruiker_b))
        assert _in_lijst(beheer_a, eigen) == {eigen.pk}
        response = beheer_a.get(_admin_url(ander, "change", ander.pk))
        assert response.status_code == 302 and response["Location"] == reverse("admin:index")


def test_alleen_een_superbeheerder_voegt_een_gemeente_toe_of_verwijdert_er_een(beheer_a, superbeheer, a):
    gemeente = a["gebieden.Gemeente"]
    assert beheer_a.get(reverse("admin:gebieden_gemeente_add")).status_code == 403
    assert beheer_a.get(_admin_url(gemeente, "delete", gemeente.pk)).status_code == 403
    assert superbeheer.get(reverse("admin:gebieden_gemeente_add")).status_code == 200


def test_inlogregistraties_alleen_van_gebruikers_in_beeld(beheer_a, superbeheer, a, b):
    """django-axes names only the address typed; a functional admin sees the attempts and log-ins of
    their own gemeente's users, not of another gemeente or unknown addresses."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import timezone

    eigen, ander = a["accounts.User lid"].email, b["accounts.User"].email
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        velden = {"failures_since_start": 1} if model is AccessAttempt else {}
        if model is AccessFailureLog:
            velden["attempt_time"] = timezone.now()
        rijen = [
            model.objects.create(username=adres, ip_address="127.0.0.1", user_agent="test", **velden)
            for adres in (eigen, ander, "onbekend@example.nl")
        ]
        assert _in_lijst(beheer_a, rijen[0]) == {rijen[0].pk}
        assert _in_lijst(superbeheer, rijen[0]) == {r.pk for r in rijen}
        response = beheer_a.get(_admin_url(rijen[1], "change", rijen[1].pk))
        assert response.status_code == 302 and response["Location"] == reverse("admin:index")
