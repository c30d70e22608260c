"""Consultation rounds in the permission table: a concept, an open and a closed round of the plan of
tests/permissietabel/participatie.py (whose Omgevingsmanager is the table's medewerker); groep_a (lid A)
is invited to the open round, so lid A may respond on its behalf."""

from participatie import raadplegingen as rs
from participatie.models import Participatieplan
from tests.participatie.factories import antwoorden, raadpleging_maken

from .objecten import url_kwargs, wereld_bouwer


@wereld_bouwer
def raadplegingen(wereld):
    from tests.permissietabel.participatie import participatie

    if "participatie_project" not in wereld.objecten:
        participatie(wereld)
    plan = Participatieplan.objects.get(project=wereld.objecten["participatie_project"])
    om = wereld.medewerker
    stap = wereld.objecten["participatie_stap"]
    partner = wereld.objecten["participatie_partner"]
    groep = wereld.objecten["groep_a"]
    wereld.objecten["ronde_concept"] = raadpleging_maken(plan, om, stap=stap)
    open_ = raadpleging_maken(plan, om, stap=stap, groepen=[groep], ketenpartners=[partner], openen=True)
    wereld.objecten["ronde_open"] = open_
    wereld.objecten["ronde_inwoner"] = rs.reactie_inwoner_indienen(
        raadpleging=open_,
        email="inwoner@example.nl",
        antwoorden=antwoorden(open_),
        publiceren=True,
        toon_naam=False,
    )
    dicht = raadpleging_maken(plan, om, stap=stap, groepen=[groep], openen=True)
    rs.reactie_groep_opslaan(
        raadpleging=dicht,
        door=wereld.lid_a,
        groep=groep,
        antwoorden=antwoorden(dicht),
        publiceren=True,
        naam=True,
    )
    rs.raadpleging_sluiten(raadpleging=dicht, door=om)
    rs.thema_opslaan(
        raadpleging=dicht, door=om, titel="Groen", wat_gehoord="Meer bomen.", afweging="overgenomen"
    )
    wereld.objecten["ronde_dicht"] = dicht


def _project(wereld):
    project = wereld.objecten["participatie_project"]
    return {"gemeente": project.gemeente.slug, "slug": project.slug}


url_kwargs("participatie:raadpleging_toevoegen", "participatie:participatieverslag")(_project)


@url_kwargs("participatie:raadpleging_wijzigen", "participatie:vraag_toevoegen")
def _concept(wereld):
    return {"pk": wereld.objecten["ronde_concept"].pk}


@url_kwargs("participatie:vraag_verwijderen")
def _vraag(wereld):
    ronde = wereld.objecten["ronde_concept"]
    return {"pk": ronde.pk, "vraag": ronde.vragen.first().pk}


@url_kwargs(
    "participatie:raadpleging",
    "participatie:raadpleging_status",
    "participatie:thema_opslaan",
    "participatie:reacties_indelen",
    "participatie:reacties_csv",
    "participatie:reacties_xlsx",
)
def _dicht(wereld):
    return {"pk": wereld.objecten["ronde_dicht"].pk}


@url_kwargs("participatie:raadpleging_openbaar")
def _openbaar(wereld):
    return {"pk": wereld.objecten["ronde_open"].pk}


@url_kwargs("participatie:reageren_groep")
def _groep(wereld):
    return {"pk": wereld.objecten["ronde_open"].pk, "groep": wereld.objecten["groep_a"].pk}


@url_kwargs("participatie:reageren_partner")
def _partner(wereld):
    return {"token": wereld.objecten["ronde_open"].uitnodigingen.get().token}


@url_kwargs("participatie:reactie_inwoner", "participatie:reactie_bevestigen")
def _inwoner(wereld):
    return {"token": wereld.objecten["ronde_inwoner"].token}
