import pytest
from django.urls import reverse

from tests.factories import UserFactory

from .factories import LidmaatschapFactory, SamenwerkingsovereenkomstFactory


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_admin_paginas_van_alle_modellen(client, superuser, gemeente):
    overeenkomst = SamenwerkingsovereenkomstFactory(groep__gemeente=gemeente, actief=True)
    LidmaatschapFactory(groep=overeenkomst.groep)
    client.force_login(superuser)
    for model in (
        "groep",
        "groepstatusovergang",
        "lidmaatschap",
        "uitnodiging",
        "samenwerkingsovereenkomst",
        "overeenkomststatusovergang",
    ):
        assert client.get(reverse(f"admin:bewonersgroepen_{model}_changelist"), {"q": "x"}).status_code == 200
    assert (
        client.get(reverse("admin:bewonersgroepen_groep_change", args=[overeenkomst.groep.pk])).status_code
        == 200
    )
    response = client.get(
        reverse("admin:bewonersgroepen_samenwerkingsovereenkomst_change", args=[overeenkomst.pk])
    )
    assert response.status_code == 200
    assert client.get(reverse("admin:bewonersgroepen_groep_add")).status_code == 200
