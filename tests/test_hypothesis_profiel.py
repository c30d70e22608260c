"""The hypothesis profile (tests/conftest.py): short and repeatable by default, long on request."""

import os

from hypothesis import settings


def test_profiel_volgt_de_omgeving():
    gekozen = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
    assert settings.default.max_examples == gekozen.max_examples
    assert settings.default.derandomize == gekozen.derandomize


def test_ci_is_kort_en_herhaalbaar_nachtelijk_lang():
    ci, nachtelijk = settings.get_profile("ci"), settings.get_profile("nachtelijk")
    assert ci.derandomize and ci.database is None
    assert not nachtelijk.derandomize
    assert nachtelijk.max_examples >= 20 * ci.max_examples
