from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from gebieden.selectors import gemeenten_met_aantal_kernen


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
