from django.urls import reverse

from gebieden.menu import menu_items_voor


def portaal(request):
    items = []
    for item in menu_items_voor(request):
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "actief": request.path.startswith(url) and url != "/"})
    return {"hoofdmenu": items}
