"""Open work for rollen's workload page and hand-over."""

from rollen.registry import open_werk_providers
from tests.factories import KernFactory, UserFactory

from .factories import GroepFactory, SamenwerkingsovereenkomstFactory


def provider(key):
    return next(p for p in open_werk_providers() if p.key == key)


def test_open_werk_tellen_en_overdragen(gemeente, kern, medewerker):
    opvolger = UserFactory(medewerker=True, gemeente=gemeente)
    elders = KernFactory(gemeente=gemeente)
    aanmelding = GroepFactory(gemeente=gemeente, kernen=[kern], aangemeld=True, behandelaar=medewerker)
    aanmelding_elders = GroepFactory(
        gemeente=gemeente, kernen=[elders], aangemeld=True, behandelaar=medewerker
    )
    GroepFactory(gemeente=gemeente, kernen=[kern], behandelaar=medewerker)  # active, no open work
    bewonersgroep = GroepFactory(gemeente=gemeente, kernen=[kern], bewonersgroep=True, behandelaar=medewerker)
    SamenwerkingsovereenkomstFactory(groep=bewonersgroep, actief=True)
    SamenwerkingsovereenkomstFactory(groep=bewonersgroep)

    aanmeldingen = provider("groepaanmeldingen")
    overeenkomsten = provider("samenwerkingsovereenkomsten")
    assert aanmeldingen.count_for(medewerker) == 2
    assert aanmeldingen.counts([medewerker, opvolger]) == {medewerker.pk: 2}
    assert (
        overeenkomsten.counts([medewerker]) == {medewerker.pk: 2}
        and overeenkomsten.count_for(medewerker) == 2
    )
    assert set(aanmeldingen.items_for(medewerker)) == {aanmelding, aanmelding_elders}

    assert aanmeldingen.transfer(van=medewerker, naar=opvolger, gebied=kern, toewijzing=None) == 1
    assert overeenkomsten.transfer(van=medewerker, naar=opvolger, gebied=kern, toewijzing=None) == 2
    aanmelding.refresh_from_db(), aanmelding_elders.refresh_from_db(), bewonersgroep.refresh_from_db()
    assert aanmelding.behandelaar == opvolger and bewonersgroep.behandelaar == opvolger
    assert aanmelding_elders.behandelaar == medewerker  # another kern stays
