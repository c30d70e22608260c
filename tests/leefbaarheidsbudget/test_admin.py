from django.apps import apps
from django.contrib import admin


def test_elk_model_staat_in_het_beheer():
    """Issue 4 and 5: Django admin for all models (the pages themselves: tests/test_beheer_toegang.py)."""
    for app in ("bewonersgroepen", "leefbaarheidsbudget"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue  # django-simple-history: shown on each object's history page
            assert model in admin.site._registry, model
