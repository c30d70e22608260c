from django.shortcuts import render

from gebieden.selectors import gemeenten_overzicht


def home(request):
    return render(request, "portaal/home.html", {"gemeenten": gemeenten_overzicht()})


def toegankelijkheid(request):
    return render(request, "portaal/toegankelijkheid.html")


def privacy(request):
    return render(request, "portaal/privacy.html")
