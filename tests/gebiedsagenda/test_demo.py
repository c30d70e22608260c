import pytest
from django.core.management import call_command

from gebieden.models import Gebiedsprofiel, Kern
from gebiedsagenda.constants import NieuwsStatus
from gebiedsagenda.models import Nieuwsbericht, Opgave


@pytest.mark.django_db
def test_demo_geeft_elke_kern_van_stichtse_vecht_een_agenda(capsys):
    call_command("load_demo")
    kernen = Kern.objects.filter(gemeente__code="GM1904")
    assert kernen.count() == 12
    for kern in kernen:
        assert 2 <= kern.gebiedsagenda.opgaven.count() <= 3, kern
        assert kern.gebiedsagenda.toekomstbeeld
    assert Nieuwsbericht.objects.filter(status=NieuwsStatus.GEPUBLICEERD).count() >= 5
    # Profile figures for the wijken (and the gemeente) from the demo file's CBS numbers.
    profiel = Gebiedsprofiel.objects.get(wijk__code="WK190402", jaar=2024)
    assert (profiel.woningvoorraad, profiel.mannen, profiel.vrouwen) == (5440, 5215, 5465)
    assert Gebiedsprofiel.objects.filter(wijk__gemeente__code="GM1904").count() == 12
    tellingen = (Opgave.objects.count(), Nieuwsbericht.objects.count(), Gebiedsprofiel.objects.count())
    call_command("load_demo")
    assert (
        Opgave.objects.count(),
        Nieuwsbericht.objects.count(),
        Gebiedsprofiel.objects.count(),
    ) == tellingen
