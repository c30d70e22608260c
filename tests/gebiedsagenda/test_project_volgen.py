"""Following a project: double opt-in, one follow per address, a mail per project event, only to
confirmed followers; and the one rule for adding participation steps."""

import pytest
from django.core import mail
from django.urls import reverse

from gebiedsagenda import services
from gebiedsagenda.models import Volger
from participatie import services as participatie
from participatie.models import Participatieplan
from tests.rollen.factories import ProjectFactory

pytestmark = pytest.mark.django_db
BASIS = "https://portaal.example/"


@pytest.fixture
def plan(gemeente):
    project = ProjectFactory(gemeente=gemeente, naam="Stationsplein", slug="stationsplein")
    return Participatieplan.objects.create(
        project=project, vraag="Hoe?", wel_invloed="Groen.", status="gepubliceerd"
    )


def test_volgen_bevestigen_mail_per_gebeurtenis_en_afmelden(plan, django_capture_on_commit_callbacks):
    project = plan.project
    services.volgen_aanmelden(email="Bewoner@Example.nl", gebied=project, basis_url=BASIS)
    services.volgen_aanmelden(email="bewoner@example.nl", gebied=project, basis_url=BASIS)
    volger = Volger.objects.get()  # one follow per address per project (canonical address)
    assert volger.project == project and not volger.is_bevestigd
    assert services.project_volgers_informeren(project=project, onderwerp="x", tekst="", url="/") == 0
    services.volgen_bevestigen(token=volger.token)
    mail.outbox.clear()
    import datetime

    with django_capture_on_commit_callbacks(execute=True):
        participatie.stap_opslaan(
            plan=plan,
            datum=datetime.date(2026, 12, 1),
            wat="Inloopavond",
            met_wie="Buurt",
            niveau="raadplegen",
            uitgevoerd=False,
        )
    [bericht] = mail.outbox
    assert "Inloopavond" in bericht.subject and volger.token in bericht.body
    assert "List-Unsubscribe" in bericht.extra_headers
    assert services.volgen_afmelden(token=volger.token) == 1
    assert not Volger.objects.exists()


def test_volgformulier_op_projectpagina_en_volgen_view(client, plan):
    project = plan.project
    html = client.get(project.get_absolute_url()).content.decode()
    url = reverse("gebiedsagenda:volgen_project", args=[project.gemeente.slug, project.slug])
    assert "Volg dit project" in html and url in html
    antwoord = client.post(url, {"email": "inwoner@example.nl"})
    assert antwoord.status_code == 200 and Volger.objects.filter(project=project).count() == 1
    assert "inwoner@example.nl" not in client.get(project.get_absolute_url()).content.decode()
    assert client.post(url, {"email": "<script>@x"}).status_code == 200
    assert Volger.objects.count() == 1


def test_stap_toevoegen_van_rollen_stuurt_naar_het_plan(client, plan, medewerker):
    client.force_login(medewerker)
    project = plan.project
    antwoord = client.get(reverse("rollen:stap_toevoegen", args=[project.gemeente.slug, project.slug]))
    assert antwoord.status_code == 302
    assert antwoord.url == reverse(
        "participatie:stap_toevoegen", kwargs={"gemeente": project.gemeente.slug, "slug": project.slug}
    )
    assert not medewerker.has_perm("rollen.add_participatiestap", project)  # not the plan's owner
