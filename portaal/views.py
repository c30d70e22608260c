from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from gebieden.selectors import gemeenten_met_aantal_kernen

from . import gereed as gereedheid


def home(request):
    return render(request, "portaal/home.html", {"gemeenten": gemeenten_met_aantal_kernen()})


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
