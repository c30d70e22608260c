"""The Django admin (left out of docs/permissions.md) as the seven kinds of user of the permission table.

Every URL pattern of the admin is taken from the resolver (so a new model, a custom admin view or an app
index cannot escape) and requested, with an object of the permission-table world where it takes one: every
registered model gets at least one object (`ALLE_MODELLEN`, checked). Only functional admins (is_staff) get
in; everyone else is sent to the admin's log-in page. For a functional admin no admin page answers 500,
and each model page answers 200 exactly when the model admin's permissions allow it (else 403): the list
(with a search, which exercises search_fields), add, change, history and delete pages.
"""

import datetime
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.permissietabel.objecten import SOORTEN, bouw_wereld

# The pages of a ModelAdmin, by URL name ("<app>_<model>_<page>"); simple_history adds one version's page.
MODELPAGINA = re.compile(r"_(?P<pagina>changelist|add|change|simple_history|history|delete)$")


def _admin_resolver() -> URLResolver:
    return next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "admin")


def admin_patronen() -> list[tuple[str, str, type | None]]:
    """(name or route, full route, model or None) of every URL pattern in the admin."""
    wortel = _admin_resolver()
    prefix = str(wortel.pattern)
    patronen = []
    for patroon in wortel.url_patterns:
        if isinstance(patroon, URLResolver):  # one ModelAdmin's URLs under "<app_label>/<model_name>/"
            app_label, model_name = str(patroon.pattern).strip("/").split("/")
            model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
            for onder in patroon.url_patterns:
                route = prefix + str(patroon.pattern) + str(onder.pattern)
                patronen.append((onder.name or route, route, model))
        elif isinstance(patroon, URLPattern):
            patronen.append((patroon.name or str(patroon.pattern), prefix + str(patroon.pattern), None))
    return patronen


def _elk_model_een_object(wereld) -> None:
    """Objects for the registered models the permission-table world has none of."""
    from accounts import services as accounts_services
    from bewonersgroepen.constants import Groepstatus
    from bewonersgroepen.models import Groepstatusovergang, Overeenkomststatusovergang
    from gebieden.models import Gebiedsprofiel, Postcodegebied
    from leefbaarheidsbudget.models import Statuswijziging
    from rollen.services import participatiestap_toevoegen, toewijzing_beeindigen
    from tests.bewonersgroepen.factories import LidmaatschapFactory
    from tests.factories import UserFactory
    from tests.leefbaarheidsbudget.factories import KernplafondFactory
    from tests.raad.factories import ThemaFactory, VoortgangsupdateFactory
    from tests.rollen.factories import RouteringsregelFactory

    medewerker = wereld.medewerker
    # Not one of the seven users: a confirmed device would make that user owe the second step.
    # A member of a group in gemeente X, and so of gemeente X: the functional admin of X sees the devices
    # (the admin is per gemeente, tests/test_beheer_per_gemeente.py).
    met_app = UserFactory(groepslid=True, gemeente=wereld.gemeente_x)
    LidmaatschapFactory(groep=wereld.objecten["groep_a"], gebruiker=met_app)
    accounts_services.tweestaps_app_voorbereiden(user=met_app)
    accounts_services.reservecodes_aanmaken(user=met_app)
    nu = timezone.now()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        velden = {
            "username": met_app.email,
            "ip_address": "192.0.2.1",
            "user_agent": "Firefox",
            "attempt_time": nu,
        }
        if model is AccessAttempt:
            velden |= {"failures_since_start": 1, "get_data": "", "post_data": "", "http_accept": "*/*"}
        elif model is AccessFailureLog:
            velden |= {"locked_out": False}
        model.objects.create(path_info="/account/inloggen/", **velden)
    buurt = wereld.objecten["buurt_x"]  # no new buurt: a code from the sequence could be one of the world's
    Gebiedsprofiel.objects.create(buurt=buurt, jaar=2024, inwoners=100)
    Postcodegebied.objects.create(postcode="3621", buurt=buurt, gemeente=wereld.gemeente_x, bron="tabel")
    participatiestap_toevoegen(
        project=wereld.objecten["project_x"], datum=datetime.date(2024, 3, 1), wat="Avond", met_wie="Buurt"
    )
    toewijzing_beeindigen(
        toewijzing=wereld.objecten["toewijzing_x"],
        tot=datetime.date(2024, 12, 31),
        opvolger=UserFactory(medewerker=True, gemeente=wereld.gemeente_x),
    )
    RouteringsregelFactory(gemeente=wereld.gemeente_x)
    Groepstatusovergang.objects.create(
        groep=wereld.objecten["groep_a"], naar=Groepstatus.ACTIEF, door=medewerker
    )
    Overeenkomststatusovergang.objects.create(
        overeenkomst=wereld.objecten["overeenkomst_a"], naar="actief", door=medewerker
    )
    KernplafondFactory(budget=wereld.objecten["budget_x"], kern=wereld.kern_x)
    Statuswijziging.objects.create(aanvraag=wereld.objecten["aanvraag_open"], naar="in_behandeling")
    ThemaFactory()
    VoortgangsupdateFactory(motie=wereld.objecten["motie_x"], auteur=medewerker)
    # Rows made by a data migration have no version in the audit trail yet: save them once.
    for model in admin.site._registry:
        object_ = model._default_manager.order_by("pk").first()
        if hasattr(model, "history") and object_ is not None and not object_.history.exists():
            object_.save()


def _url(route: str, model, object_) -> str:
    """The route with its arguments filled in (an object of `model`, or a content type and object)."""
    pad = route
    if object_ is not None:
        pad = re.sub(r"<(?:(?:path|int|str):)?(?:object_id|pk|id)>", str(object_.pk), pad)
        if "/^([^/]+)/history/([^/]+)/$" in pad:  # simple_history: one version of the object
            versie = object_.history.order_by("history_id").last().history_id
            pad = pad.replace("^([^/]+)/history/([^/]+)/$", f"{object_.pk}/history/{versie}/")
    if "<path:content_type_id>" in pad:
        from gebieden.models import Kern

        kern = Kern.objects.order_by("pk").first()
        pad = pad.replace("<path:content_type_id>", str(ContentType.objects.get_for_model(Kern).pk))
        pad = pad.replace("<path:object_id>", str(kern.pk))
    assert not set("<>()^$[]") & set(pad), f"onbekend argument in {route}: vul het in in _url"
    return "/" + pad


def _aanvragen(wereld) -> list[tuple[str, str, type | None, str]]:
    """(pattern, route, model, url) for every admin URL pattern; the app index once per app."""
    aanvragen = []
    for naam, route, model in admin_patronen():
        if naam == "app_list":
            for app_label in sorted({m._meta.app_label for m in admin.site._registry}):
                aanvragen.append((naam, route, None, reverse("admin:app_list", args=[app_label])))
        elif route.endswith("(?P<url>.*)$"):  # the final catch-all: any unknown address
            aanvragen.append((naam, route, None, "/" + route.split("(?P")[0] + "bestaat-niet/"))
        else:
            object_ = model._default_manager.order_by("pk").first() if model else None
            url = _url(route, model, object_)
            if MODELPAGINA.search(naam or "") and MODELPAGINA.search(naam)["pagina"] == "changelist":
                url += "?q=test"
            aanvragen.append((naam, route, model, url))
    return aanvragen


def _verwacht_voor_beheerder(naam: str, model, beheerder) -> int | None:
    """200 or 403 for a model page, from the model admin's own permission methods; None: any non-500."""
    gevonden = MODELPAGINA.search(naam or "")
    if model is None or not gevonden:
        return None
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = beheerder
    object_ = model._default_manager.order_by("pk").first()
    pagina = gevonden["pagina"]
    if pagina == "changelist":
        mag = model_admin.has_view_or_change_permission(request)
    elif pagina == "add":
        mag = model_admin.has_add_permission(request)
    elif pagina == "delete":
        mag = model_admin.has_delete_permission(request, object_)
    else:
        mag = model_admin.has_view_or_change_permission(request, object_)
    return 200 if mag else 403


def test_elk_model_in_het_beheer_heeft_een_object_in_de_wereld(db):
    wereld = bouw_wereld()
    _elk_model_een_object(wereld)
    leeg = [m._meta.label for m in admin.site._registry if not m._default_manager.exists()]
    assert not leeg, f"Maak in _elk_model_een_object een object voor: {leeg}"


@pytest.mark.parametrize("volgende", [1, 99])
def test_de_wereld_hangt_niet_af_van_de_tests_ervoor(db, volgende):
    """A factory's sequence runs on through the whole test process: a code from BuurtFactory's sequence
    depends on how many buurten earlier tests made. The buurten of this world have fixed codes, so it
    builds whichever tests ran before (a sequence at 1 or 99 met the fixed BU19040201)."""
    from tests.factories import BuurtFactory

    BuurtFactory.reset_sequence(volgende)
    wereld = bouw_wereld()
    _elk_model_een_object(wereld)


def test_alle_beheerpaginas_alleen_voor_functioneel_beheer_en_niets_geeft_500(client, db):
    wereld = bouw_wereld()
    _elk_model_een_object(wereld)
    beheerder = wereld.gebruikers["beheerder"]
    inlogpagina = reverse("admin:login")
    aanvragen = _aanvragen(wereld)
    # Every pattern of the admin is requested, including those of every registered model.
    assert {route for _, route, _, _ in aanvragen} == {route for _, route, _ in admin_patronen()}
    assert len({m for _, _, m, _ in aanvragen if m}) == len(admin.site._registry)
    fouten = []
    for soort in SOORTEN:
        client.logout()
        gebruiker = wereld.gebruikers[soort]
        if gebruiker is not None:
            client.force_login(gebruiker)
        for naam, _route, model, url in aanvragen:
            try:
                response = client.get(url)
            except Exception as fout:  # the test client re-raises what would be a 500
                fouten.append(f"{url} als {soort}: {fout!r}")
                continue
            waar = f" → {response['Location']}" if response.status_code in (301, 302) else ""
            if response.status_code >= 500:
                fouten.append(f"{url} als {soort}: {response.status_code}")
            elif soort != "beheerder":
                if naam == "login":
                    continue  # the admin's log-in page itself (it says this account has no access)
                if naam == "logout":  # the admin sends who is not in it to its index, which asks to log in
                    goed = response.status_code == 302 and response["Location"] == reverse("admin:index")
                else:
                    goed = response.status_code == 302 and response["Location"].startswith(inlogpagina)
                if not goed:
                    fouten.append(f"{url} als {soort}: {response.status_code}{waar}, geen doorverwijzing")
            else:
                verwacht = _verwacht_voor_beheerder(naam, model, beheerder)
                if verwacht is not None and response.status_code != verwacht:
                    fouten.append(
                        f"{url} als beheerder: verwacht {verwacht}, kreeg {response.status_code}{waar}"
                    )
    assert not fouten, "\n".join(fouten)


def test_beheer_toont_nooit_het_geheim_van_een_authenticator_app(client, db):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import services

    wereld = bouw_wereld()
    apparaat = services.tweestaps_app_voorbereiden(user=wereld.lid_a)
    client.force_login(wereld.gebruikers["beheerder"])
    for naam in ("config", "qrcode"):
        response = client.get(reverse(f"admin:otp_totp_totpdevice_{naam}", args=[apparaat.pk]))
        assert response.status_code == 403, naam
    pagina = client.get(reverse("admin:otp_totp_totpdevice_change", args=[apparaat.pk]))
    assert pagina.status_code == 200
    assert TOTPDevice.objects.get(pk=apparaat.pk).key not in pagina.text
