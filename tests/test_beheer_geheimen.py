"""No admin filters on a secret (gebieden.beheerbereik.GeheimeVeldenWeigeren, issue 15).

Django allows a list filter on any field of the model itself, so `?key__startswith=…` on the TOTP devices
told a functional admin, one character at a time, what the secret of someone's authenticator app is. Every
admin on the portal's admin site (Django's, django-otp's and django-axes' included) now refuses a lookup
that reads a secret field, also through relations, for superusers too: the list answers 400. A walk over the
registry proves it for every secret reachable from every admin; concrete requests show it on the pages.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts import services
from gebieden.beheerbereik import GeheimeVeldenWeigeren, raakt_geheim
from tests.factories import UserFactory

# Secrets the walk must reach (so it cannot pass by finding nothing): (model, lookup path).
BEKENDE_GEHEIMEN = {
    ("otp_totp.TOTPDevice", "key"),
    ("otp_totp.TOTPDevice", "user__password"),
    ("otp_static.StaticDevice", "token_set__token"),
    ("accounts.User", "password"),
    ("bewonersgroepen.Lidmaatschap", "gebruiker__password"),
    ("bewonersgroepen.Uitnodiging", "token_hash"),
    ("gebiedsagenda.Volger", "token"),
    ("axes.AccessLog", "session_hash"),
}


def _geheime_paden(model, diepte: int = 2, voor: str = ""):
    """Every lookup path from `model` to a secret field, through at most `diepte` relations."""
    for veld in model._meta.get_fields():
        pad = f"{voor}{veld.name}"
        if not veld.is_relation:
            if raakt_geheim(model, veld.name):
                yield pad
        elif diepte and veld.related_model is not None:
            yield from _geheime_paden(veld.related_model, diepte - 1, f"{pad}__")


def _verzoek(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_geen_enkel_beheer_filtert_op_een_geheim():
    request = _verzoek(UserFactory(is_staff=True, is_superuser=True))
    gevonden, toegestaan = set(), []
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, GeheimeVeldenWeigeren), model._meta.label
        for pad in _geheime_paden(model):
            gevonden.add((model._meta.label, pad))
            for lookup in (pad, f"{pad}__startswith", f"{pad}__regex"):
                if model_admin.lookup_allowed(lookup, "a", request):
                    toegestaan.append(f"{model._meta.label}: {lookup}")
    assert not toegestaan, "\n".join(toegestaan)
    assert gevonden >= BEKENDE_GEHEIMEN


def test_wat_als_geheim_geldt():
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User

    assert raakt_geheim(TOTPDevice, "key__startswith")
    assert raakt_geheim(TOTPDevice, "user__password__startswith")
    assert raakt_geheim(StaticDevice, "token_set__token__in")
    assert raakt_geheim(Session, "pk__startswith")  # the session key is the primary key
    assert not raakt_geheim(TOTPDevice, "confirmed__exact")
    assert not raakt_geheim(StaticDevice, "token_set__isnull")  # a relation named "token_set" is no secret
    assert not raakt_geheim(User, "gemeente__naam__icontains")
    assert not raakt_geheim(User, "groups__name")


def test_geen_beheer_zoekt_sorteert_of_toont_een_geheim(rf):
    """The search box, the sortable columns and the side-bar filters stay off secrets as well."""
    fout = []
    for model, model_admin in admin.site._registry.items():
        request = rf.get("/")
        request.user = UserFactory.build(is_superuser=True)
        velden = [v.lstrip("^=@") for v in model_admin.get_search_fields(request)]
        velden += [v.lstrip("-") for v in model_admin.get_ordering(request) or () if isinstance(v, str)]
        velden += [v for v in model_admin.list_display if isinstance(v, str)]
        velden += [v[0] if isinstance(v, tuple) else v for v in model_admin.list_filter]
        fout += [f"{model._meta.label}: {v}" for v in velden if isinstance(v, str) and raakt_geheim(model, v)]
    assert not fout, "\n".join(fout)


@pytest.fixture
def beheer(client, beheerder):
    client.force_login(beheerder)
    return client


@pytest.fixture
def superbeheer(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_het_geheim_van_een_authenticator_app_is_niet_af_te_leiden(beheer, beheerder, gemeente):
    collega = UserFactory(medewerker=True, gemeente=gemeente)
    apparaat = services.tweestaps_app_voorbereiden(user=collega)
    url = reverse("admin:otp_totp_totpdevice_changelist")
    assert beheer.get(url, {"confirmed__exact": "0"}).status_code == 200  # ordinary filters still work
    assert beheer.get(url, {"key__startswith": apparaat.key[0]}).status_code == 400
    assert beheer.get(url, {"key": apparaat.key}).status_code == 400


@pytest.mark.parametrize(
    ("url", "lookup"),
    [
        ("admin:otp_totp_totpdevice_changelist", "key__startswith"),
        ("admin:gebiedsagenda_volger_changelist", "token__startswith"),
        ("admin:bewonersgroepen_uitnodiging_changelist", "token_hash__startswith"),
        ("admin:axes_accesslog_changelist", "session_hash__startswith"),
    ],
)
def test_ook_een_superbeheerder_filtert_niet_op_een_geheim(superbeheer, url, lookup):
    assert superbeheer.get(reverse(url)).status_code == 200
    assert superbeheer.get(reverse(url), {lookup: "a"}).status_code == 400
