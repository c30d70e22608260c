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


def test_groep_toegevoegd_in_het_beheer_begint_haar_statusgeschiedenis(client, gemeente, kern):
    """A functional admin adds a group in the admin: it starts as aangemeld, and the history says who
    added it (through the service, not a bare save)."""
    from bewonersgroepen.constants import Groepstatus
    from bewonersgroepen.models import Groep

    beheerder = UserFactory(beheerder=True, gemeente=gemeente)
    client.force_login(beheerder)
    url = reverse("admin:bewonersgroepen_groep_add")
    data = _admin_formulier(client, url)
    data |= {
        "soort": ["activiteitencommissie"],
        "naam": ["Straatfeest Kerkweg"],
        "slug": ["straatfeest-kerkweg"],
        "gemeente": [str(gemeente.pk)],
        "kernen": [str(kern.pk)],
        "email": ["feest@example.nl"],
        "status": ["actief"],  # not a field of the form: ignored
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    groep = Groep.objects.get(naam="Straatfeest Kerkweg")
    assert groep.status == Groepstatus.AANGEMELD
    [rij] = groep.statusovergangen.all()
    assert (rij.van, rij.naar, rij.door) == ("", Groepstatus.AANGEMELD, beheerder)
    assert rij.toelichting == "Toegevoegd in het beheer."

    # Changing the group there leaves its status (and so its history) alone; the page shows the way to
    # the status form of the group's own page.
    url = reverse("admin:bewonersgroepen_groep_change", args=[groep.pk])
    pagina = client.get(url)
    assert "status" not in pagina.context["adminform"].form.fields
    assert f'href="{groep.get_absolute_url()}#status-kop"' in pagina.text
    data = _admin_formulier(client, url) | {
        "naam": ["Straatfeest Kerkweg en Dorpsstraat"],
        "status": ["actief"],
    }
    assert client.post(url, data).status_code == 302
    groep.refresh_from_db()
    assert groep.naam == "Straatfeest Kerkweg en Dorpsstraat"
    assert groep.status == Groepstatus.AANGEMELD and groep.statusovergangen.count() == 1


def test_beheer_zet_geen_oude_versie_terug(client, superuser, gemeente):
    """The history page shows an older version but does not restore it, not even for a superuser: a
    status moves only through the service, with its row in the history."""
    from bewonersgroepen import services
    from bewonersgroepen.constants import Groepstatus

    from .factories import GroepFactory

    groep = GroepFactory(gemeente=gemeente, status=Groepstatus.AANGEMELD)
    eerste = groep.history.order_by("history_id").first()
    services.groep_status_wijzigen(groep=groep, naar=Groepstatus.ACTIEF, door=superuser)
    client.force_login(superuser)
    url = reverse("admin:bewonersgroepen_groep_simple_history", args=[groep.pk, eerste.history_id])
    response = client.get(url)
    assert response.status_code == 200 and response.context["revert_disabled"] is True
    data = _admin_formulier(client, url)
    assert client.post(url, data).status_code == 403
    groep.refresh_from_db()
    assert groep.status == Groepstatus.ACTIEF
    assert list(groep.statusovergangen.values_list("naar", flat=True)).count(Groepstatus.ACTIEF) == 1


def test_beheerder_voegt_geen_groep_toe_in_een_andere_gemeente(client, gemeente, kern):
    from bewonersgroepen.models import Groep

    beheerder = UserFactory(beheerder=True)  # of another gemeente
    client.force_login(beheerder)
    url = reverse("admin:bewonersgroepen_groep_add")
    data = _admin_formulier(client, url) | {
        "soort": ["activiteitencommissie"],
        "naam": ["Elders"],
        "slug": ["elders"],
        "gemeente": [str(gemeente.pk)],
        "kernen": [str(kern.pk)],
        "email": ["elders@example.nl"],
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "gemeente" in response.context["adminform"].form.errors
    assert not Groep.objects.filter(naam="Elders").exists()


def test_beheer_houdt_de_kernen_van_een_groep_in_haar_gemeente(client, superuser, gemeente, kern):
    """Also a superuser (who sees every gemeente) cannot give a group a kern of another gemeente: the
    same rule as on the pages."""
    from bewonersgroepen.models import Groep
    from tests.factories import KernFactory

    elders = KernFactory(naam="Elderskern")
    client.force_login(superuser)
    url = reverse("admin:bewonersgroepen_groep_add")
    data = _admin_formulier(client, url) | {
        "soort": ["activiteitencommissie"],
        "naam": ["Grensgeval"],
        "slug": ["grensgeval"],
        "gemeente": [str(gemeente.pk)],
        "kernen": [str(kern.pk), str(elders.pk)],
        "email": ["grens@example.nl"],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    fouten = response.context["adminform"].form.errors
    assert fouten["kernen"] == [f"Elderskern ligt niet in de gemeente {gemeente.naam}."]
    assert not Groep.objects.filter(naam="Grensgeval").exists()
