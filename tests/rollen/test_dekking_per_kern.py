"""`dekking_per_kern` counts in the database what `dekking` finds row by row (the council dashboard's
figure 'Gebieden zonder vaste contactpersoon'): same answers, two queries whatever the size."""

import datetime
import random
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rollen.constants import Rol
from rollen.models import Toewijzing
from rollen.selectors import dekking, dekking_per_kern
from tests.factories import KernFactory, UserFactory, WijkFactory

OP = datetime.date(2025, 6, 1)
DAG = datetime.timedelta(days=1)


def _uit_dekking(gemeente, op):
    """The same counts, taken from the list of gaps of `dekking` (the reference)."""
    stand = dekking(gemeente, op=op)
    tellingen = {}

    def kern_van(gat):
        return gat.gebied.pk if gat.gebied.niveau == "kern" else gat.gebied.kern_id

    for gat in stand.nu:
        sleutel = "zonder_adviseur" if gat.rol == Rol.ADVISEUR else "zonder_beheerder"
        tellingen.setdefault(kern_van(gat), Counter())[sleutel] += 1
    for gat in stand.binnenkort:
        tellingen.setdefault(kern_van(gat), Counter())["binnenkort"] += 1
    return tellingen


def _gelijk(db_telling, referentie, kernen):
    sleutels = ("zonder_adviseur", "zonder_beheerder", "binnenkort")
    for kern_id in {*db_telling, *referentie, *(k.pk for k in kernen)}:
        verwacht = {k: referentie.get(kern_id, Counter())[k] for k in sleutels}
        assert db_telling.get(kern_id, dict.fromkeys(sleutels, 0)) == verwacht, kern_id


def _toewijzen(persoon, gemeente, rol, van, tot, kern=None, wijk=None):
    Toewijzing.objects.create(
        rol=rol, medewerker=persoon, gemeente=gemeente, kern=kern, wijk=wijk, van=van, tot=tot
    )


def test_aansluitende_toewijzingen_geven_geen_gat(gemeente):
    persoon = UserFactory(medewerker=True, gemeente=gemeente)
    aansluitend = KernFactory(gemeente=gemeente, naam="A")  # successor starts the day after: no gap
    _toewijzen(persoon, gemeente, Rol.ADVISEUR, OP - 10 * DAG, OP + 5 * DAG, kern=aansluitend)
    _toewijzen(persoon, gemeente, Rol.ADVISEUR, OP + 6 * DAG, None, kern=aansluitend)
    met_gat = KernFactory(gemeente=gemeente, naam="B")  # successor starts two days later: a gap to come
    _toewijzen(persoon, gemeente, Rol.ADVISEUR, OP - 10 * DAG, OP + 5 * DAG, kern=met_gat)
    _toewijzen(persoon, gemeente, Rol.ADVISEUR, OP + 7 * DAG, None, kern=met_gat)
    laat = KernFactory(gemeente=gemeente, naam="C")  # ends after the 90 days looked ahead: nothing yet
    _toewijzen(persoon, gemeente, Rol.ADVISEUR, OP - 10 * DAG, OP + 90 * DAG, kern=laat)
    geen = KernFactory(gemeente=gemeente, naam="D")  # nobody today, someone next week: a gap today
    _toewijzen(persoon, gemeente, Rol.ADVISEUR, OP + 7 * DAG, None, kern=geen)
    wijk = WijkFactory(kern=aansluitend, gemeente=gemeente)  # covered by a Beheerder of the whole kern
    _toewijzen(persoon, gemeente, Rol.BEHEERDER, OP - DAG, OP + 3 * DAG, kern=aansluitend)
    _toewijzen(persoon, gemeente, Rol.BEHEERDER, OP + 4 * DAG, None, wijk=wijk)  # then by its own
    for kern in (met_gat, laat, geen):
        _toewijzen(persoon, gemeente, Rol.BEHEERDER, OP - DAG, None, kern=kern)  # kernen without wijken

    telling = dekking_per_kern(gemeente, op=OP)
    assert telling == {
        aansluitend.pk: {"zonder_adviseur": 0, "zonder_beheerder": 0, "binnenkort": 0},
        met_gat.pk: {"zonder_adviseur": 0, "zonder_beheerder": 0, "binnenkort": 1},
        laat.pk: {"zonder_adviseur": 0, "zonder_beheerder": 0, "binnenkort": 0},
        geen.pk: {"zonder_adviseur": 1, "zonder_beheerder": 0, "binnenkort": 0},
    }
    _gelijk(telling, _uit_dekking(gemeente, OP), [aansluitend, met_gat, laat, geen])


@pytest.mark.parametrize("zaad", range(8))
def test_zelfde_uitkomst_als_dekking_in_willekeurige_werelden(gemeente, zaad):
    toeval = random.Random(zaad)
    persoon = UserFactory(medewerker=True, gemeente=gemeente)
    kernen = [KernFactory(gemeente=gemeente) for _ in range(4)]
    wijken = [WijkFactory(kern=toeval.choice(kernen + [None]), gemeente=gemeente) for _ in range(6)]

    def periode():
        van = OP + toeval.randint(-40, 60) * DAG
        return van, None if toeval.random() < 0.2 else van + toeval.randint(0, 80) * DAG

    for _ in range(30):
        rol = toeval.choice([Rol.ADVISEUR, Rol.BEHEERDER])
        if rol == Rol.BEHEERDER and toeval.random() < 0.6:
            _toewijzen(persoon, gemeente, rol, *periode(), wijk=toeval.choice(wijken))
        else:
            _toewijzen(persoon, gemeente, rol, *periode(), kern=toeval.choice(kernen))
    for op in (OP, OP + 20 * DAG):
        _gelijk(dekking_per_kern(gemeente, op=op), _uit_dekking(gemeente, op), kernen)


def test_twee_queries_wat_de_omvang_ook_is(gemeente):
    persoon = UserFactory(medewerker=True, gemeente=gemeente)

    def vul(aantal):
        for _ in range(aantal):
            kern = KernFactory(gemeente=gemeente)
            wijk = WijkFactory(kern=kern, gemeente=gemeente)
            _toewijzen(persoon, gemeente, Rol.ADVISEUR, OP - DAG, OP + 10 * DAG, kern=kern)
            _toewijzen(persoon, gemeente, Rol.BEHEERDER, OP - DAG, None, wijk=wijk)
        with CaptureQueriesContext(connection) as queries:
            dekking_per_kern(gemeente, op=OP)
        return len(queries)

    assert vul(2) == vul(10) == 2
