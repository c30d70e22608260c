"""Public area pages: anyone may read areas; contacts, groups and money come from registered sections."""

from django.core.paginator import Paginator
from django.shortcuts import render

from weergave.cache import openbaar_gecached

from . import selectors
from .registry import gebied_secties

GEMEENTEN_PER_PAGINA = 20  # a national deployment holds every gemeente; one page holds a region's


def overzicht(request):
    pagina = Paginator(selectors.gemeenten_overzicht(), GEMEENTEN_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(request, "gebieden/overzicht.html", {"pagina": pagina})


@openbaar_gecached()
def gemeente(request, gemeente):
    obj = selectors.gemeente_detail(gemeente)
    return render(
        request, "gebieden/gemeente.html", {"gemeente": obj, "secties": gebied_secties(request, obj)}
    )


@openbaar_gecached()
def kern(request, gemeente, kern):
    obj = selectors.kern_detail(gemeente, kern)
    return render(
        request,
        "gebieden/kern.html",
        {"kern": obj, "inwoners": selectors.kern_inwoners(obj), "secties": gebied_secties(request, obj)},
    )


@openbaar_gecached()
def wijk(request, code):
    obj = selectors.wijk_detail(code)
    return render(request, "gebieden/wijk.html", {"wijk": obj, "secties": gebied_secties(request, obj)})


def zoeken(request):
    term = request.GET.get("q", "")[:100]
    kernen, wijken = selectors.zoek_gebieden(term)
    return render(request, "gebieden/zoeken.html", {"term": term, "kernen": kernen, "wijken": wijken})
