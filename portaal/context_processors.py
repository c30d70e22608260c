from django.urls import reverse

from gebieden.menu import menu_items


def portaal(request):
    """The main menu, worked out once per request: registered page sections (`{% sectie %}`) render
    their own template with the request, which runs the context processors again."""
    items = getattr(request, "_portaal_hoofdmenu", None)
    if items is None:
        items = [{"label": item.label, "url": reverse(item.url_name)} for item in menu_items(request.user)]
        # The current item: the one whose address starts this page's the longest way (so on
        # /aanvragen/werkvoorraad/ the work queue, not also "Aanvragen"); the home page's "/" never is.
        passend = [
            item["url"] for item in items if item["url"] != "/" and request.path.startswith(item["url"])
        ]
        huidig = max(passend, key=len, default=None)
        for item in items:
            item["actief"] = item["url"] == huidig
        request._portaal_hoofdmenu = items
    return {"hoofdmenu": items}
