from meldingen.constants import MeldingStatus as S
from meldingen.models import Doorzetting, Melding


def test_demo_heeft_meldingen_in_elke_status_en_doorzettingen(demo):
    meldingen = Melding.objects.filter(gemeente__code="GM1904")
    assert meldingen.count() >= 20
    assert set(meldingen.values_list("status", flat=True)) >= {
        S.GEMELD,
        S.IN_BEHANDELING,
        S.WACHT_OP_DERDEN,
        S.DOORGEZET,
        S.AFGEHANDELD,
        S.GEANNULEERD,
    }
    vragen = Doorzetting.objects.filter(melding__gemeente__code="GM1904")
    assert vragen.filter(beantwoord_op=None).exists() and vragen.exclude(beantwoord_op=None).exists()
    # Every doorgezet melding has its open question (the workflow allows no other way).
    for melding in meldingen.filter(status=S.DOORGEZET):
        assert melding.doorzettingen.filter(beantwoord_op=None).exists(), melding
    assert meldingen.exclude(openbare_toelichting="").exists()
    assert "kees.verhoef@stichtsevecht.demo" in demo
