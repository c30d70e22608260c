"""Dutch formatting used on every page: money as € 1.234,56, dates as dd-mm-jjjj."""

import datetime

from django import template
from django.utils import timezone

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


@register.simple_tag(takes_context=True)
def sectie(context, rendered_section):
    """Render an area-page section registered by another app with its own context."""
    tpl = template.loader.get_template(rendered_section["template"])
    ctx = {"request": context.get("request"), "user": context.get("user"), **rendered_section["context"]}
    return tpl.render(ctx, context.get("request"))
