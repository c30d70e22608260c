import pytest

from gebiedsagenda import services
from tests.factories import KernFactory, UserFactory, WijkFactory


@pytest.fixture
def wijk2(kern):
    """A second wijk of the same kern."""
    return WijkFactory(kern=kern, gemeente=kern.gemeente, code="WK190409", naam="Wijk 09 Nieuwer Ter Aa")


@pytest.fixture
def andere_kern(gemeente):
    return KernFactory(gemeente=gemeente, naam="Loenen aan de Vecht", slug="loenen-aan-de-vecht")


@pytest.fixture
def medewerker_elders(db):
    return UserFactory(medewerker=True, naam="Erik Elders")


@pytest.fixture
def publiceer(medewerker):
    def _publiceer(titel="Bericht", kernen=(), wijken=(), door=None):
        return services.nieuws_publiceren(
            door=door or medewerker, titel=titel, tekst=f"Tekst van {titel}.", kernen=kernen, wijken=wijken
        )

    return _publiceer


@pytest.fixture
def groep(gemeente, kern, groepslid):
    """Dorpsraad Breukelen, with `groepslid` as its member."""
    from tests.bewonersgroepen.factories import GroepFactory, LidmaatschapFactory

    groep = GroepFactory(gemeente=gemeente, kernen=[kern], naam="Dorpsraad Breukelen", bewonersgroep=True)
    LidmaatschapFactory(groep=groep, gebruiker=groepslid)
    return groep
