"""Every crispy form ties its errors to the fields (WCAG 1.3.1, 3.3.1), whatever the widget."""

import re

from django import forms
from django.template import Context, Template


class AlleSoortenVelden(forms.Form):
    tekst = forms.CharField(label="Tekst", help_text="Een hulptekst")
    keuze = forms.ChoiceField(label="Keuze", choices=[("a", "A"), ("b", "B")])
    rondje = forms.ChoiceField(label="Rondje", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    vinkjes = forms.MultipleChoiceField(
        label="Vinkjes", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    akkoord = forms.BooleanField(label="Akkoord")
    bestand = forms.FileField(label="Bestand")
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea)
    bedrag = forms.DecimalField(label="Bedrag", min_value=0)
    datum = forms.DateField(label="Datum")

    def clean(self):
        raise forms.ValidationError("Er klopt iets niet aan het hele formulier.")


def render(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def beschreven_door(html, veldnaam):
    """The ids in aria-describedby of the element (field or fieldset) that carries the field's errors."""
    for tag in re.findall(r"<(?:input|select|textarea|fieldset)\b[^>]*>", html):
        van_dit_veld = f'name="{veldnaam}"' in tag or f'aria-describedby="id_{veldnaam}_' in tag
        if van_dit_veld and (match := re.search(r'aria-describedby="([^"]+)"', tag)):
            return match.group(1).split()
    return []


def test_elk_veld_met_een_fout_verwijst_naar_zijn_foutmelding():
    form = AlleSoortenVelden(data={"keuze": "x", "bedrag": "-5", "datum": "31-02-2026"})
    assert not form.is_valid()
    html = render(form)
    for naam, fouten in form.errors.items():
        if naam == "__all__":
            continue
        ids = beschreven_door(html, naam)
        assert f"id_{naam}_error" in ids, f"veld {naam} verwijst niet naar zijn fout: {ids}"
        melding = re.search(rf'id="id_{naam}_error"[^>]*>(.*?)</div>', html, re.S)
        assert melding and fouten[0] in melding.group(1).replace("&#x27;", "'"), naam
    for veld in ("tekst", "keuze", "akkoord", "bestand", "toelichting", "bedrag", "datum"):
        assert re.search(rf'<[^>]*name="{veld}"[^>]*aria-invalid="true"', html), veld
    assert "id_tekst_helptext" in beschreven_door(html, "tekst")


def test_fout_over_het_hele_formulier_wordt_voorgelezen_en_kan_focus_krijgen():
    html = render(AlleSoortenVelden(data={"tekst": "x"}))
    assert 'class="alert alert-block alert-danger portaal-formfout" role="alert" tabindex="-1"' in html
    assert "Er klopt iets niet aan het hele formulier." in html


def test_geldig_veld_is_niet_als_fout_gemarkeerd():
    form = AlleSoortenVelden(data={"tekst": "goed"})
    form.is_valid()
    html = render(form)
    tekstveld = re.search(r'<input[^>]*name="tekst"[^>]*>', html).group(0)
    assert "aria-invalid" not in tekstveld
    assert 'aria-describedby="id_tekst_helptext"' in tekstveld
