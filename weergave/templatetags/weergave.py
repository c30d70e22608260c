"""Used on every page: Dutch formatting (money as € 1.234,56, dates as dd-mm-jjjj), the scroll box
around data tables, and the options of simple selects."""

import datetime
import re

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from invoer import format_euro

register = template.Library()


@register.filter
def euro(bedrag) -> str:
    return format_euro(bedrag)


@register.filter
def datum(waarde) -> str:
    """dd-mm-jjjj; a moment (stored in UTC) is shown as the day it was here (TIME_ZONE)."""
    if not waarde:
        return "–"
    if isinstance(waarde, datetime.datetime) and timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)  # the day it is here, not in UTC
    return waarde.strftime("%d-%m-%Y")


@register.filter
def getal(waarde) -> str:
    """An integer with a dot as thousands separator (65.878), or a dash when unknown."""
    if waarde is None or waarde == "":
        return "–"
    return f"{int(waarde):,}".replace(",", ".")


@register.filter
def werkt_in(houder) -> str:
    """Where a group, project or partner works: its kernen, then its wijken ("Breukelen, Kockengen, Zuilen").
    Reads the prefetched `kernen` and `wijken` once each."""
    return ", ".join([k.naam for k in houder.kernen.all()] + [w.naam for w in houder.wijken.all()])


@register.simple_tag
def opties(keuzes, gekozen) -> str:
    """The <option>s of a select: {% opties jaren jaar %} or {% opties fasen fase %}.

    `keuzes` holds (value, label) pairs, or plain values that are their own label; the option whose
    value reads the same as `gekozen` is selected (the browser sends values as text). A template loop
    costs some hundred function calls per option, and selects sit on pages that are read often.
    """
    gekozen = "" if gekozen is None else str(gekozen)
    paren = (k if isinstance(k, (tuple, list)) else (k, k) for k in keuzes)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((waarde, _GEKOZEN if str(waarde) == gekozen else "", label) for waarde, label in paren),
    )


_GEKOZEN = mark_safe(" selected")


@register.simple_tag(takes_context=True)
def sectie(context, rendered_section):
    """Render an area-page section registered by another app with its own context."""
    tpl = template.loader.get_template(rendered_section["template"])
    ctx = {"request": context.get("request"), "user": context.get("user"), **rendered_section["context"]}
    return tpl.render(ctx, context.get("request"))


_CAPTION = re.compile(r"<caption(?=[\s>])([^>]*)>")


class _ScrolltabelNode(template.Node):
    def __init__(self, delen, nodelist):
        self.delen, self.nodelist = delen, nodelist

    def render(self, context):
        tabel_id = "tabel-" + "-".join(slugify(str(deel.resolve(context))) for deel in self.delen)
        inhoud = self.nodelist.render(context)
        captions = _CAPTION.findall(inhoud)
        if inhoud.count("<table") != 1 or len(captions) != 1 or re.search(r"\bid=", captions[0]):
            raise template.TemplateSyntaxError(
                f"{{% scrolltabel %}} ({tabel_id}) omvat precies één <table> met één <caption> zonder id"
            )
        inhoud = _CAPTION.sub(lambda m: format_html('<caption id="{}"{}>', tabel_id, mark_safe(m[1])), inhoud)
        return format_html(
            '<div class="tabel-scroll" role="region" aria-labelledby="{}" tabindex="0">{}</div>',
            tabel_id,
            mark_safe(inhoud),
        )


@register.tag
def scrolltabel(parser, token):
    """{% scrolltabel "leden" %}<table>…<caption>…</caption>…</table>{% endscrolltabel %}

    Every data table sits in this box (WCAG 1.4.10 Reflow): on a phone a wide table scrolls sideways
    inside it (.tabel-scroll in portaal.css), not the whole page. The box is a region named by the
    table's caption and is focusable, so keyboard users can scroll it with the arrow keys. The tag gives
    the caption its id, tabel-<parts joined by ->: pass parts that make it unique on the page, e.g.
    {% scrolltabel "opgaven" agenda.pk %} in a loop. One table with one caption, or the page fails.
    """
    delen = [parser.compile_filter(deel) for deel in token.split_contents()[1:]]
    if not delen:
        raise template.TemplateSyntaxError(
            '{% scrolltabel %} heeft een naam nodig: {% scrolltabel "leden" %}'
        )
    nodelist = parser.parse(("endscrolltabel",))
    parser.delete_first_token()
    return _ScrolltabelNode(delen, nodelist)
