"""The empty choice of a select reads "Kies …", not Django's "---------" (issue 18, item 9): one widget
template (templates/django/forms/widgets/select_option.html) for every form, crispy or plain."""

from crispy_forms.utils import render_crispy_form
from django import forms

from gebieden.models import Gemeente


class VoorbeeldForm(forms.Form):
    gemeente = forms.ModelChoiceField(label="Gemeente", queryset=Gemeente.objects.all())
    soort = forms.ChoiceField(label="Soort", choices=[("", "---------"), ("a", "A")])
    eigen = forms.ModelChoiceField(
        label="Eigen", queryset=Gemeente.objects.all(), empty_label="Alle gemeenten"
    )


def test_lege_keuze_heet_kies(db, gemeente):
    for html in (str(VoorbeeldForm()), render_crispy_form(VoorbeeldForm())):
        assert "---------" not in html
        assert html.count('<option value="" selected>Kies …</option>') == 2
        assert '<option value="" selected>Alle gemeenten</option>' in html
        assert ">Stichtse Vecht</option>" in html


def test_keuzes_van_een_modelveld_met_lege_keuze(db):
    from bewonersgroepen.models import Groep

    veld = Groep._meta.get_field("standpunt")
    assert veld.blank and veld.choices
    html = str(forms.modelform_factory(Groep, fields=["standpunt"])()["standpunt"])
    assert "---------" not in html
    assert ">Kies …</option>" in html
