from functools import lru_cache

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from gebieden.menu import menu_items_voor

from . import adressen

_HUIDIG = mark_safe(' aria-current="page"')


@lru_cache(maxsize=512)
def _menu_html(links: tuple[tuple[str, str], ...], actief: tuple[bool, ...]) -> str:
    """The main menu's <li> items. Built here and not with a loop in base.html: on every page, that
    loop cost more than the rest of the header. The same few menus come back all day, hence the memory."""
    return format_html_join(
        "\n",
        '<li class="nav-item"><a class="nav-link{}" href="{}"{}>{}</a></li>',
        (
            (" active" if a else "", url, _HUIDIG if a else "", label)
            for (label, url), a in zip(links, actief, strict=True)
        ),
    )


def portaal(request):
    """The main menu, worked out once per request: registered page sections (`{% sectie %}`) render
    their own template with the request, which runs the context processors again."""
    html = getattr(request, "_portaal_hoofdmenu", None)
    if html is None:
        items = menu_items_voor(request)
        links = tuple(zip([i.label for i in items], adressen.urls([i.url_name for i in items]), strict=True))
        # The current item: the one whose address starts this page's the longest way (so on
        # /aanvragen/werkvoorraad/ the work queue, not also "Aanvragen"); the home page's "/" never is.
        passend = [url for _, url in links if url != "/" and request.path.startswith(url)]
        huidig = max(passend, key=len, default=None)
        actief = tuple(url == huidig for _, url in links)
        html = request._portaal_hoofdmenu = _menu_html(links, actief)
    return {"hoofdmenu": html}
