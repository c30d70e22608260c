from django.urls import reverse

from gebieden.menu import menu_items_voor


def portaal(request):
    """The main menu, worked out once per request: registered page sections (`{% sectie %}`) render
    their own template with the request, which runs the context processors again."""
    items = getattr(request, "_portaal_hoofdmenu", None)
    if items is None:
        items = []
        for item in menu_items_voor(request):
            url = reverse(item.url_name)
            items.append(
                {"label": item.label, "url": url, "actief": request.path.startswith(url) and url != "/"}
            )
        request._portaal_hoofdmenu = items
    return {"hoofdmenu": items}
