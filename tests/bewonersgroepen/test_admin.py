import datetime

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


def _admin_formulier(client, url) -> dict:
    from tests.permissietabel.formulieren import formulieren

    pagina = client.get(url)
    assert pagina.status_code == 200
    [formulier] = [f for f in formulieren(pagina.content.decode(), url) if f.action == url]
    return formulier.gegevens(aanvullen=False)


def test_beheer_houdt_ook_een_contactpersoon(client, superuser, gemeente):
    """The rule of the services holds in the admin: the inline on the group, the membership's own
    form, and deleting."""
    from bewonersgroepen.models import Lidmaatschap

    from .factories import GroepFactory

    groep = GroepFactory(gemeente=gemeente)
    contact = LidmaatschapFactory(groep=groep, contactpersoon=True)
    lid = LidmaatschapFactory(groep=groep)
    client.force_login(superuser)

    url = reverse("admin:bewonersgroepen_groep_change", args=[groep.pk])
    data = _admin_formulier(client, url)
    rij = next(k.split("-")[1] for k, v in data.items() if k.endswith("-id") and v == [str(contact.pk)])
    data.pop(f"lidmaatschappen-{rij}-is_contactpersoon")
    response = client.post(url, data)
    assert response.status_code == 200 and "ten minste één contactpersoon" in response.text
    data[f"lidmaatschappen-{rij}-is_contactpersoon"] = ["on"]
    data[f"lidmaatschappen-{rij}-DELETE"] = ["on"]
    assert "ten minste één contactpersoon" in client.post(url, data).text
    assert Lidmaatschap.objects.filter(pk=contact.pk, is_contactpersoon=True).exists()

    url = reverse("admin:bewonersgroepen_lidmaatschap_change", args=[contact.pk])
    data = _admin_formulier(client, url)
    data["tot"] = [datetime.date.today().isoformat()]
    response = client.post(url, data)
    assert response.status_code == 200 and "ten minste één contactpersoon" in response.text
    contact.refresh_from_db()
    assert contact.tot is None
    assert (
        client.get(reverse("admin:bewonersgroepen_lidmaatschap_delete", args=[contact.pk])).status_code == 403
    )
    assert client.get(reverse("admin:bewonersgroepen_lidmaatschap_delete", args=[lid.pk])).status_code == 200

    # With a second contact person the first may go.
    Lidmaatschap.objects.filter(pk=lid.pk).update(is_contactpersoon=True)
    response = client.post(url, data)
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.tot == datetime.date.today()


def test_actieve_overeenkomst_is_in_het_beheer_niet_te_wijzigen(client, superuser, gemeente):
    overeenkomst = SamenwerkingsovereenkomstFactory(groep__gemeente=gemeente, actief=True)
    client.force_login(superuser)
    url = reverse("admin:bewonersgroepen_samenwerkingsovereenkomst_change", args=[overeenkomst.pk])
    formulier = client.get(url).context["adminform"].form
    assert "jaarbijdrage" not in formulier.fields and "einddatum" not in formulier.fields
    concept = SamenwerkingsovereenkomstFactory(groep__gemeente=gemeente)
    url = reverse("admin:bewonersgroepen_samenwerkingsovereenkomst_change", args=[concept.pk])
    assert "jaarbijdrage" in client.get(url).context["adminform"].form.fields
