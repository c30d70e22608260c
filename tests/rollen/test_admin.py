import datetime

import pytest
from django.urls import reverse

from rollen.constants import Rol
from rollen.models import Rolbeschrijving, Toewijzing
from rollen.services import toewijzing_aanmaken
from tests.factories import UserFactory

from .factories import ParticipatiestapFactory, ProjectFactory, RouteringsregelFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model", ["rolbeschrijving", "project", "participatiestap", "toewijzing", "overdracht", "routeringsregel"]
)
def test_beheerlijsten_en_zoeken(admin_client, kern, medewerker, model):
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=datetime.date(2024, 1, 1))
    ParticipatiestapFactory(project=ProjectFactory(gemeente=kern.gemeente))
    RouteringsregelFactory(gemeente=kern.gemeente)
    url = reverse(f"admin:rollen_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "Breukelen"}).status_code == 200


def test_rollen_vast_in_code_beschrijving_aanpasbaar(admin_client, db):
    assert admin_client.get(reverse("admin:rollen_rolbeschrijving_add")).status_code == 403
    rb = Rolbeschrijving.objects.get(rol=Rol.BEHEERDER)
    url = reverse("admin:rollen_rolbeschrijving_change", args=[rb.pk])
    assert admin_client.post(url, {"beschrijving": "Nieuw"}).status_code == 302
    rb.refresh_from_db()
    assert rb.beschrijving == "Nieuw" and rb.history.first().history_type == "~"


def test_overlap_ook_in_beheer_geweigerd(admin_client, kern, medewerker):
    toewijzing_aanmaken(rol=Rol.ADVISEUR, kern=kern, medewerker=medewerker, van=datetime.date(2024, 1, 1))
    andere = UserFactory(medewerker=True, gemeente=kern.gemeente)
    response = admin_client.post(
        reverse("admin:rollen_toewijzing_add"),
        {"rol": Rol.ADVISEUR, "medewerker": andere.pk, "kern": kern.pk, "van": "2024-06-01"},
    )
    assert response.status_code == 200 and "overlapt met Mila Medewerker" in response.text
    assert Toewijzing.objects.count() == 1
