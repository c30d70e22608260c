import pytest

from tests.factories import UserFactory


@pytest.fixture
def collega(gemeente):
    return UserFactory(medewerker=True, gemeente=gemeente, naam="Cor Collega")
