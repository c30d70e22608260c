"""Every workflow in the project is declared with the werkstroom library: each model with a status
field has a declared Werkstroom or is listed, with its reason, in werkstroom.NIET_OMGEZET; each history
model inherits werkstroom.models.Historie and belongs to a workflow; each table matches its model."""

from django.apps import apps

from werkstroom import NIET_OMGEZET, alle, voor_model
from werkstroom.models import Historie

EIGEN_APPS = {
    "gebieden",
    "accounts",
    "rollen",
    "bewonersgroepen",
    "leefbaarheidsbudget",
    "gebiedsagenda",
    "raad",
}


def _label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def _eigen_modellen():
    for model in apps.get_models():
        if model._meta.app_label in EIGEN_APPS | {"berichten"} and not model.__name__.startswith(
            "Historical"
        ):
            yield model


def test_elk_model_met_een_status_heeft_een_werkstroom_of_staat_op_de_lijst():
    zonder = []
    for model in _eigen_modellen():
        veld = next((v for v in model._meta.concrete_fields if v.name == "status" and v.choices), None)
        if veld is not None and voor_model(_label(model)) is None and _label(model) not in NIET_OMGEZET:
            zonder.append(_label(model))
    assert not zonder, f"Een status zonder werkstroom (declareer hem in <app>/werkstromen.py): {zonder}"


def test_de_lijst_niet_omgezet_is_actueel():
    for label in NIET_OMGEZET:
        assert apps.get_model(label) is not None
        assert voor_model(label) is None, f"{label} heeft een werkstroom: haal hem van de lijst"


def test_de_vier_werkstromen_van_het_issue_zijn_gedeclareerd():
    assert {w.model for w in alle()} >= {
        "leefbaarheidsbudget.Aanvraag",
        "bewonersgroepen.Groep",
        "bewonersgroepen.Samenwerkingsovereenkomst",
        "gebiedsagenda.Opgave",
    }


def test_elke_tabel_past_bij_zijn_model_en_historie():
    for werkstroom in alle():
        model = apps.get_model(werkstroom.model)
        veld = model._meta.get_field(werkstroom.statusveld)
        assert {w for w, _ in veld.choices} == set(werkstroom.statussen.values), werkstroom.naam
        historie = werkstroom.historie_model()
        assert issubclass(historie, Historie), f"{historie.__name__} erft niet van werkstroom.models.Historie"
        assert historie._meta.get_field(werkstroom.historie_object).related_model is model
        # Every status is reachable or a start: a table without holes.
        bereikt = {o.naar for o in werkstroom.overgangen} | {o.van for o in werkstroom.overgangen}
        assert bereikt <= set(werkstroom.statussen.values)


def test_elk_historiemodel_hoort_bij_een_werkstroom():
    van_werkstromen = {w.historie_model() for w in alle()}
    for model in apps.get_models():
        if issubclass(model, Historie):
            assert model in van_werkstromen, (
                f"{_label(model)} erft Historie maar geen werkstroom schrijft het"
            )
    # ... and no history model of the old shape is left beside them (van/naar/door/op on its own).
    for model in _eigen_modellen():
        namen = {v.name for v in model._meta.concrete_fields}
        if {"van", "naar", "door", "op"} <= namen:
            assert issubclass(model, Historie), f"{_label(model)} is een historie buiten werkstroom om"
