"""The werkstroom library itself: the guard refuses a wrong actor, a missing reason and a wrong source
status; a step writes its history row; a double step (stale object, or two transactions at once) is
made exactly once. Tried on the opgave, agreement and application workflows, which use the library."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction

from bewonersgroepen.constants import Overeenkomststatus
from bewonersgroepen.werkstromen import OVEREENKOMST
from gebiedsagenda.constants import OpgaveStatus as S
from gebiedsagenda.models import Opgave, OpgaveStatuswijziging
from gebiedsagenda.werkstromen import OPGAVE
from leefbaarheidsbudget.constants import Status
from leefbaarheidsbudget.models import Aanvraag
from leefbaarheidsbudget.werkstromen import AANVRAAG
from tests.bewonersgroepen.factories import SamenwerkingsovereenkomstFactory
from tests.factories import UserFactory
from tests.gebiedsagenda.factories import OpgaveFactory
from werkstroom import Overgang, Rol, Werkstroom, alle


@pytest.fixture
def opgave(kern):
    return OpgaveFactory(agenda__kern=kern)


@pytest.fixture
def elders(db):
    return UserFactory(medewerker=True, naam="Erik Elders")


@pytest.mark.django_db
def test_stap_wordt_gezet_met_historie(opgave, medewerker):
    OPGAVE.uitvoeren(obj=opgave, naar=S.IN_ONDERZOEK, door=medewerker, reden="  We zoeken het uit.  ")
    opgave.refresh_from_db()
    assert opgave.status == S.IN_ONDERZOEK
    rij = OpgaveStatuswijziging.objects.get(opgave=opgave)
    assert (rij.van, rij.naar, rij.door, rij.toelichting) == (
        S.SIGNALERING,
        S.IN_ONDERZOEK,
        medewerker,
        "We zoeken het uit.",
    )
    assert rij.op is not None and rij.kop == "Signalering → In onderzoek"


@pytest.mark.django_db
def test_verkeerde_actor_wordt_geweigerd(opgave, elders, groepslid):
    for wie in (elders, groepslid, None):
        assert not OPGAVE.mag(wie, opgave, S.IN_ONDERZOEK)
        assert OPGAVE.toegestane_overgangen(wie, opgave) == []
        with pytest.raises(PermissionDenied):
            OPGAVE.uitvoeren(obj=opgave, naar=S.IN_ONDERZOEK, door=wie)
    assert Opgave.objects.get(pk=opgave.pk).status == S.SIGNALERING
    assert not OpgaveStatuswijziging.objects.exists()


@pytest.mark.django_db
def test_ontbrekende_reden_wordt_geweigerd(kern, medewerker):
    opgave = OpgaveFactory(agenda__kern=kern, status=S.IN_ONDERZOEK)
    assert OPGAVE.mag(medewerker, opgave, S.SIGNALERING)  # the step is allowed: only the reason is missing
    for reden in ("", "   "):
        with pytest.raises(ValidationError) as fout:
            OPGAVE.uitvoeren(obj=opgave, naar=S.SIGNALERING, door=medewerker, reden=reden)
        assert fout.value.message_dict == {"toelichting": ["Leg uit waarom de opgave een stap terug gaat."]}
    assert Opgave.objects.get(pk=opgave.pk).status == S.IN_ONDERZOEK
    assert not OpgaveStatuswijziging.objects.exists()


@pytest.mark.django_db
def test_verkeerde_beginstatus_wordt_geweigerd(opgave, medewerker):
    assert not OPGAVE.mag(medewerker, opgave, S.GEREALISEERD)
    with pytest.raises(ValidationError) as fout:
        OPGAVE.uitvoeren(obj=opgave, naar=S.GEREALISEERD, door=medewerker)
    assert "naar" in fout.value.message_dict
    assert Opgave.objects.get(pk=opgave.pk).status == S.SIGNALERING
    assert not OpgaveStatuswijziging.objects.exists()


@pytest.mark.django_db
def test_toegestane_overgangen_volgen_de_tabel(kern, medewerker):
    opgave = OpgaveFactory(agenda__kern=kern, status=S.IN_UITVOERING)
    stappen = OPGAVE.toegestane_overgangen(medewerker, opgave)
    assert [(o.naar, o.reden_verplicht) for o in stappen] == [(S.GEREALISEERD, False), (S.IN_ONDERZOEK, True)]


@pytest.mark.django_db
def test_systeem_mag_alleen_zijn_eigen_stappen(medewerker):
    overeenkomst = SamenwerkingsovereenkomstFactory(actief=True)
    assert overeenkomst.status == Overeenkomststatus.ACTIEF
    assert OVEREENKOMST.mag(None, overeenkomst, Overeenkomststatus.VERLOPEN)
    assert not OVEREENKOMST.mag(None, overeenkomst, Overeenkomststatus.BEEINDIGD)
    with pytest.raises(PermissionDenied, match="Deze stap zet alleen een medewerker."):
        OVEREENKOMST.controleren(None, overeenkomst, Overeenkomststatus.BEEINDIGD, "Opgeheven")


@pytest.mark.django_db
def test_voorwaarde_van_een_stap(gemeente, medewerker):
    """Activating needs the signed PDF: the guard says no (and why) until it is there; a form may still
    offer the step (met_voorwaarde=False) so that the refusal can say what is missing."""
    overeenkomst = SamenwerkingsovereenkomstFactory(
        groep__gemeente=gemeente, status=Overeenkomststatus.TER_ONDERTEKENING
    )
    assert not overeenkomst.ondertekend_document
    assert not OVEREENKOMST.mag(medewerker, overeenkomst, Overeenkomststatus.ACTIEF)
    assert OVEREENKOMST.mag(medewerker, overeenkomst, Overeenkomststatus.ACTIEF, met_voorwaarde=False)
    with pytest.raises(ValidationError, match="Voeg eerst de ondertekende overeenkomst"):
        OVEREENKOMST.controleren(medewerker, overeenkomst, Overeenkomststatus.ACTIEF)
    overeenkomst.ondertekend_document.name = "overeenkomst.pdf"
    assert OVEREENKOMST.mag(medewerker, overeenkomst, Overeenkomststatus.ACTIEF)
    # The application's own condition: settling straight after payment only for a direct grant.
    overgang = AANVRAAG.overgang(Status.UITBETAALD, Status.VASTGESTELD)
    assert overgang.voorwaarde(Aanvraag(direct_vastgesteld=True))
    assert not overgang.voorwaarde(Aanvraag(direct_vastgesteld=False))


@pytest.mark.django_db
def test_verouderd_object_zet_de_stap_niet_twee_keer(opgave, medewerker):
    """A double click: both requests loaded the opgave before the first step. The step re-reads the row
    under its lock, so the second sees the new status and is refused."""
    verouderd = Opgave.objects.get(pk=opgave.pk)
    OPGAVE.uitvoeren(obj=opgave, naar=S.IN_ONDERZOEK, door=medewerker)
    with pytest.raises(ValidationError):
        OPGAVE.uitvoeren(obj=verouderd, naar=S.IN_ONDERZOEK, door=medewerker)
    assert OpgaveStatuswijziging.objects.filter(opgave=opgave).count() == 1


@pytest.mark.django_db(transaction=True)
def test_overgaan_alleen_in_een_transactie(opgave, medewerker):
    with pytest.raises(RuntimeError):
        OPGAVE.overgaan(obj=opgave, naar=S.IN_ONDERZOEK, door=medewerker)
    with transaction.atomic():
        OPGAVE.overgaan(obj=opgave, naar=S.IN_ONDERZOEK, door=medewerker)
    assert opgave.status == S.IN_ONDERZOEK


def test_een_tabel_met_fouten_wordt_niet_aangenomen():
    aantal = len(alle())
    staf = {"staf": Rol("staf", lambda door, obj: True)}
    basis = dict(
        naam="proef", model="gebiedsagenda.Opgave", statussen=S, historie="x.Y", historie_object="opgave"
    )
    with pytest.raises(ValueError, match="twee keer"):
        Werkstroom(**basis, rollen=staf, overgangen=[Overgang(S.SIGNALERING, S.IN_ONDERZOEK, "staf")] * 2)
    with pytest.raises(ValueError, match="onbekende rol"):
        Werkstroom(**basis, rollen=staf, overgangen=[Overgang(S.SIGNALERING, S.IN_ONDERZOEK, "raad")])
    with pytest.raises(ValueError, match="onbekende status"):
        Werkstroom(**basis, rollen=staf, overgangen=[Overgang(S.SIGNALERING, "weg", "staf")])
    with pytest.raises(ValueError, match="al een werkstroom"):
        Werkstroom(**basis, rollen=staf, overgangen=[Overgang(S.SIGNALERING, S.IN_ONDERZOEK, "staf")])
    with pytest.raises(ValueError, match="uitleg"):
        Overgang(S.SIGNALERING, S.IN_ONDERZOEK, "staf", voorwaarde=lambda obj: True)
    assert len(alle()) == aantal  # nothing half-registered


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Gelijktijdige transacties vragen PostgreSQL; SQLite vergrendelt de hele database.",
)
def test_gelijktijdig_wint_precies_een(kern, medewerker):
    """Two people make the same step at the same moment: select_for_update makes the second wait, read
    the new status and be refused. Exactly one history row."""
    opgave = OpgaveFactory(agenda__kern=kern)
    start = threading.Barrier(2)
    uitkomsten = []

    def stap():
        try:
            start.wait()
            OPGAVE.uitvoeren(obj=opgave, naar=S.IN_ONDERZOEK, door=medewerker)
            uitkomsten.append("gezet")
        except ValidationError:
            uitkomsten.append("geweigerd")
        finally:
            connections.close_all()

    draden = [threading.Thread(target=stap) for _ in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    assert sorted(uitkomsten) == ["geweigerd", "gezet"]
    assert OpgaveStatuswijziging.objects.filter(opgave=opgave).count() == 1
    assert Opgave.objects.get(pk=opgave.pk).status == S.IN_ONDERZOEK
