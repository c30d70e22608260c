"""`{% formuliersleutel %}`: the hidden one-time key of a create form (`invoer.eenmalig`), a builtin tag."""

from django import template
from django.utils.html import format_html

from invoer.eenmalig import VELD, nieuwe_sleutel

register = template.Library()


@register.simple_tag
def formuliersleutel() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', VELD, nieuwe_sleutel())
