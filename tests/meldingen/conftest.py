"""What the meldingen tests share: a category (Verlichting, with its subcategory Lamp kapot) and two wijken
of Breukelen side by side with their boundaries (WEST, OOST in .factories)."""

import pytest

from tests.factories import WijkFactory

from .factories import OOST, WEST, CategorieFactory, SubcategorieFactory


@pytest.fixture
def categorie(gemeente):
    hoofd = CategorieFactory(gemeente=gemeente, naam="Verlichting", slug="verlichting")
    return SubcategorieFactory(gemeente=gemeente, hoofdcategorie=hoofd, naam="Lamp kapot", slug="lamp-kapot")


@pytest.fixture
def west(gemeente, kern):
    return WijkFactory(gemeente=gemeente, kern=kern, code="WK190411", naam="Breukelen-West", grens=WEST)


@pytest.fixture
def oost(gemeente, kern):
    return WijkFactory(gemeente=gemeente, kern=kern, code="WK190412", naam="Breukelen-Oost", grens=OOST)
