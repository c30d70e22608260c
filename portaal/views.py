import rules
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from gebieden.selectors import gemeenten_met_aantal_kernen

from . import gereed as gereedheid
from . import mijn_werk as werk


def home(request):
    return render(request, "portaal/home.html", {"gemeenten": gemeenten_met_aantal_kernen()})


@login_required
def mijn_werk(request):
    """The start page after log-in: per kind of user what waits for them (portaal.mijn_werk). A user of
    several kinds sees each part; a raadslid (and nothing else) goes to the council dashboard."""
    user = request.user
    pagina = request.GET.get("pagina")
    lid = rules.has_perm("leefbaarheidsbudget.aanvraag_doen", user)
    staf = rules.has_perm("leefbaarheidsbudget.werkvoorraad_zien", user)
    beheer = user.is_functioneel_beheerder and rules.has_perm("rollen.view_dekking", user)
    if not (lid or staf or beheer) and rules.has_perm("raad.view_dashboard", user):
        return redirect("raad:dashboard")
    return render(
        request,
        "portaal/mijn_werk.html",
        {
            "lidwerk": werk.lidwerk(user, pagina=pagina) if lid else None,
            "stafwerk": werk.stafwerk(user, pagina=pagina) if staf else None,
            "beheerwerk": werk.beheerwerk(user) if beheer else None,
            "is_beheerder": beheer,
        },
    )


@require_safe
def favicon(request):
    """Browsers ask /favicon.ico whatever the page links to: send them to the SVG icon (static/)."""
    return redirect(static("favicon.svg"))


def toegankelijkheid(request):
    return render(request, "portaal/toegankelijkheid.html")


def privacy(request):
    return render(request, "portaal/privacy.html")


@never_cache
def gezond(request):
    """Liveness check for operations (and the load test's ceiling): answers without the database."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
def gereed(request):
    """Readiness check for the load balancer (portaal.gereed): 200 when database, cache (Redis, if
    configured), file storage and task queue work, 503 naming what does not. Names and "ok" only."""
    uitkomst = gereedheid.controleren()
    mislukt = sorted(naam for naam, werkt in uitkomst.items() if not werkt)
    return JsonResponse(
        {
            "gereed": not mislukt,
            "controles": {naam: "ok" if werkt else "mislukt" for naam, werkt in sorted(uitkomst.items())},
            "mislukt": mislukt,
        },
        status=503 if mislukt else 200,
    )
