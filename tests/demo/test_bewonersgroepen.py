from django.urls import reverse

from bewonersgroepen.constants import Groepsoort, Overeenkomststatus
from bewonersgroepen.models import Groep, Lidmaatschap, Samenwerkingsovereenkomst
from bewonersgroepen.selectors import verlopende_overeenkomsten


def test_demo_groepen_leden_en_overeenkomsten(client, demo):
    # Running it again changes no row: tests/demo/test_portaal.py

    assert set(Groep.objects.values_list("soort", flat=True)) == set(Groepsoort.values)
    assert Groep.objects.values("kernen").distinct().count() >= 8
    assert set(Samenwerkingsovereenkomst.objects.values_list("status", flat=True)) == set(
        Overeenkomststatus.values
    )
    for overeenkomst in Samenwerkingsovereenkomst.objects.exclude(status=Overeenkomststatus.CONCEPT):
        with overeenkomst.ondertekend_document.open("rb") as f:
            assert f.read(5) == b"%PDF-"
    assert verlopende_overeenkomsten().exists()
    verlengd = Samenwerkingsovereenkomst.objects.get(vorige__isnull=False)
    assert (verlengd.versie, verlengd.vorige.versie, verlengd.groep) == (2, 1, verlengd.vorige.groep)
    assert verlengd.startdatum > verlengd.vorige.einddatum
    for groep in Groep.objects.all():  # every group has members and keeps a contact person
        assert Lidmaatschap.objects.filter(groep=groep, is_contactpersoon=True).exists(), groep

    lidmaatschap = Lidmaatschap.objects.get(gebruiker__email="lid@demo.gebiedsportaal.nl")
    assert lidmaatschap.is_contactpersoon and lidmaatschap.groep.soort == Groepsoort.ACTIVITEITENCOMMISSIE
    assert client.login(username="lid@demo.gebiedsportaal.nl", password="Gebiedsportaal-demo-2026")
    assert lidmaatschap.groep.naam in client.get(reverse("bewonersgroepen:mijn_groep")).text
    assert client.get(lidmaatschap.groep.get_absolute_url()).status_code == 200
