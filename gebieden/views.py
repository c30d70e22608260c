"""Public area pages: anyone may read areas; contacts, groups and money come from registered sections."""

from django.shortcuts import render

from . import selectors
from .registry import area_sections


def overzicht(request):
    return render(request, "gebieden/overzicht.html", {"gemeenten": selectors.gemeenten_overzicht()})


def gemeente(request, gemeente):
    obj = selectors.gemeente_detail(gemeente)
    return render(
        request, "gebieden/gemeente.html", {"gemeente": obj, "secties": area_sections(request, obj)}
    )


def kern(request, gemeente, kern):
    obj = selectors.kern_detail(gemeente, kern)
    return render(
        request,
        "gebieden/kern.html",
        {"kern": obj, "inwoners": selectors.kern_inwoners(obj), "secties": area_sections(request, obj)},
    )


def wijk(request, code):
    obj = selectors.wijk_detail(code)
    return render(request, "gebieden/wijk.html", {"wijk": obj, "secties": area_sections(request, obj)})


def zoeken(request):
    term = request.GET.get("q", "")[:100]
    kernen, wijken = selectors.zoek_gebieden(term)
    return render(request, "gebieden/zoeken.html", {"term": term, "kernen": kernen, "wijken": wijken})
