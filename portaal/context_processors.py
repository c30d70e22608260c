from django.urls import reverse

from gebieden.menu import menu_indelen, menu_items


def portaal(request):
    """The main menu, worked out once per request: registered page sections (`{% sectie %}`) render
    their own template with the request, which runs the context processors again. `hoofdmenu` is the
    top row, `meermenu` what sits under "Meer" (gebieden.menu.menu_indelen)."""
    menu = getattr(request, "_portaal_hoofdmenu", None)
    if menu is None:
        boven, meer = menu_indelen(menu_items(request.user))
        items = [
            {"label": item.label, "url": reverse(item.url_name), "meer": item in meer}
            for item in boven + meer
        ]
        # The current item: the one whose address starts this page's the longest way (so on
        # /aanvragen/werkvoorraad/ the work queue, not also "Aanvragen"); the home page's "/" never is.
        passend = [
            item["url"] for item in items if item["url"] != "/" and request.path.startswith(item["url"])
        ]
        huidig = max(passend, key=len, default=None)
        for item in items:
            item["actief"] = item["url"] == huidig
        menu = {
            "hoofdmenu": [i for i in items if not i["meer"]],
            "meermenu": [i for i in items if i["meer"]],
        }
        menu["meer_actief"] = any(i["actief"] for i in menu["meermenu"])
        request._portaal_hoofdmenu = menu
    return menu
