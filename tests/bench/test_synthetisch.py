"""`generate_data` at a tiny fraction of scale 1: it runs, keeps the models' rules, and is deterministic."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum

from accounts.models import User
from bench.synthetisch import LOGINS
from bewonersgroepen.models import Groep, Lidmaatschap
from gebieden.models import Buurt, Gebiedsgrens, Gemeente, Kern, Wijk
from leefbaarheidsbudget.constants import TOEGEKEND_STATUSSEN, Status
from leefbaarheidsbudget.models import Aanvraag, Budget, Kernplafond, Kostenpost, Statuswijziging
from leefbaarheidsbudget.werkstromen import AANVRAAG
from raad.models import Motie
from rollen.models import Toewijzing

PEILDATUM = date(2026, 11, 23)


def genereer(seed=7, scale=0.05):
    call_command("generate_data", scale=scale, seed=seed, peildatum=PEILDATUM, jobs=1, stdout=None)


def momentopname():
    """Everything that must repeat with the same seed (primary keys aside)."""
    return {
        "aantallen": [
            M.objects.count()
            for M in (Gemeente, Kern, Wijk, Buurt, User, Groep, Lidmaatschap, Toewijzing, Aanvraag)
            + (Kostenpost, Statuswijziging, Budget, Kernplafond, Motie)
        ],
        "aanvragen": list(
            Aanvraag.objects.order_by("aangemaakt_op", "titel", "gevraagd_bedrag").values_list(
                "titel", "status", "groep__naam", "gevraagd_bedrag", "toegekend_bedrag", "aangemaakt_op"
            )
        ),
        "budgetten": list(Budget.objects.order_by("jaar").values_list("jaar", "totaal", "vastgelegd")),
        "gebruikers": sorted(User.objects.values_list("email", "naam")),
        "wijken": sorted(Wijk.objects.values_list("code", "naam", "kern__naam")),
    }


class Terugdraaien(Exception):
    pass


@pytest.mark.django_db(transaction=False)
def test_zelfde_seed_zelfde_gegevens_andere_seed_andere():
    with pytest.raises(Terugdraaien), transaction.atomic():
        genereer(seed=7)
        eerste = momentopname()
        raise Terugdraaien
    with pytest.raises(Terugdraaien), transaction.atomic():
        genereer(seed=8)
        ander = momentopname()
        raise Terugdraaien
    genereer(seed=7)
    assert momentopname() == eerste
    assert eerste["aantallen"][8] > 50  # 5% of ~1,500 applications
    assert ander["aanvragen"] != eerste["aanvragen"]


@pytest.mark.django_db
def test_gegevens_houden_zich_aan_de_regels():
    genereer()
    gemeente = Gemeente.objects.get()
    assert gemeente.code.startswith("GM9")
    for model in (Wijk, Buurt, Toewijzing, Groep, Lidmaatschap, Budget, Kernplafond, Motie, Gebiedsgrens):
        for obj in model.objects.all():
            obj.full_clean()  # CBS codes, no overlapping assignments, ceilings, GeoJSON boundaries, ...
    # Every wijk and kern has a boundary, as after the CBS map's import: what the maps read.
    assert not Wijk.objects.filter(gebiedsgrens=None).exists()
    assert not Kern.objects.filter(gebiedsgrens=None).exclude(wijken=None).exists()
    for aanvraag in Aanvraag.objects.all():
        aanvraag.full_clean()
        assert aanvraag.gevraagd_bedrag == (
            aanvraag.kostenposten.aggregate(s=Sum("bedrag"))["s"]
            - aanvraag.eigen_bijdrage
            - aanvraag.cofinanciering
        )
        # The history follows the transition table, in time order, and ends in the current status.
        stappen = list(aanvraag.statuswijzigingen.order_by("op", "pk").values_list("van", "naar"))
        assert stappen[0] == ("", Status.CONCEPT)
        for (_, naar), (van, volgende) in zip(stappen, stappen[1:], strict=False):
            assert van == naar and AANVRAAG.overgang(van, volgende) is not None
        assert stappen[-1][1] == aanvraag.status
        if aanvraag.betaling_door_id:
            assert aanvraag.betaling_door_id != aanvraag.beslist_door_id  # four eyes
    # What budgets hold is exactly what the standing grants hold, and never more than the total.
    for budget in Budget.objects.all():
        vast = sum(
            (a.vastgesteld_bedrag if a.vastgesteld_bedrag is not None else a.toegekend_bedrag)
            for a in budget.aanvragen.filter(status__in=TOEGEKEND_STATUSSEN)
        )
        assert budget.vastgelegd == vast <= budget.totaal


@pytest.mark.django_db
def test_bekende_logins_per_soort(client, capsys):
    genereer()
    uit = capsys.readouterr().out
    for soort, email in LOGINS.items():
        assert email in uit
        assert client.login(username=email, password="Gebiedsportaal-demo-2026"), soort
    lid = User.objects.get(email=LOGINS["groepslid"])
    assert Aanvraag.objects.filter(groep__lidmaatschappen__gebruiker=lid).exists()
    assert User.objects.get(email=LOGINS["medewerker"]).behandelde_aanvragen.exists()


@pytest.mark.django_db
def test_tweede_keer_in_dezelfde_database_geweigerd():
    genereer()
    with pytest.raises(Exception, match="lege database"):
        genereer()


@pytest.mark.django_db
def test_meldingen_over_drie_jaar_in_elke_stand():
    """Issue 19, item 9: meldingen at scale (scale 1: 12,000; scale 100: 1.2 million), valid rows."""
    from collections import Counter

    from bench.synthetisch import MELDINGEN_JAREN, MELDINGEN_PER_JAAR
    from meldingen.constants import GESLOTEN, MeldingStatus
    from meldingen.models import Melding, Meldingstatuswijziging

    assert MELDINGEN_PER_JAAR * MELDINGEN_JAREN * 100 >= 1_000_000
    genereer()
    meldingen = list(Melding.objects.select_related("categorie", "wijk"))
    assert len(meldingen) == round(MELDINGEN_PER_JAAR * MELDINGEN_JAREN * 0.05)
    dagen = [m.gemeld_op.date() for m in meldingen]  # the last three years up to the reference date
    assert min(dagen) >= PEILDATUM.replace(year=2023) and max(dagen) <= PEILDATUM
    assert {2024, 2025, 2026} <= {d.year for d in dagen}
    standen = Counter(m.status for m in meldingen)
    assert set(standen) == set(MeldingStatus)  # every state, most of them handled
    assert standen[MeldingStatus.AFGEHANDELD] > len(meldingen) / 2
    assert len({m.categorie.hoofdcategorie_id for m in meldingen}) == 8
    assert sum(m.wijk_id is not None for m in meldingen) > len(meldingen) * 0.7
    for m in meldingen[:200]:
        m.full_clean()
    for m in meldingen:
        assert (m.gesloten_op is not None) == (m.status in GESLOTEN)
        assert m.gesloten_op is None or m.gesloten_op >= m.gemeld_op
        assert m.deadline > m.gemeld_op.date()
        assert m.wijk_id is None or m.kern_id == m.wijk.kern_id
        if m.tevredenheid is not None:
            assert m.status == MeldingStatus.AFGEHANDELD and 1 <= m.tevredenheid <= 5
    assert any(m.tevredenheid for m in meldingen)
    assert not Melding.objects.filter(hoofdmelding__hoofdmelding__isnull=False).exists()  # no chains
    assert Meldingstatuswijziging.objects.filter(naar=MeldingStatus.GEMELD).count() == len(meldingen)
