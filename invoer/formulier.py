"""Forms, one way each for every app (issue 17, item 3): a service's ValidationError onto the form the user
filled in (each message next to the field it names, the rest on top of the form), and the filter form
above a list."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def zoekveld(label: str = "Zoeken", help_text: str = "") -> forms.CharField:
    """The search box of a filter form: optional, at most 100 characters, `type="search"`."""
    return forms.CharField(
        label=label, required=False, max_length=100, help_text=help_text, widget=forms.SearchInput
    )


class _Keuzelijst(forms.models.ModelChoiceIterator):
    """A filter's options (a few dozen kernen, wijken or categories) from one plain query, kept for the
    page. Django's own iterator reads them through a server-side cursor, on PostgreSQL three round trips
    (DECLARE, FETCH, CLOSE) and a result the server keeps until the cursor is closed; that is meant for
    long lists, which a select is not."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class Filterformulier(forms.Form):
    """A GET form above a list (search, kind, status, area, ...), rendered by templates/_filterformulier.html:
    `{% include "_filterformulier.html" with naam="Groepen filteren" wissen=request.path %}`. Its widgets get
    Bootstrap's classes here and, when a value was refused, `is-invalid` and a link to the message (the
    template writes it with the id `<field id>_error`), so the template stays one plain loop."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            if isinstance(veld, forms.ModelChoiceField):
                # Also for a queryset a subclass sets after this: the field asks `iterator` each time.
                veld.iterator = _Keuzelijst
                veld.widget.choices = veld.choices
            if isinstance(veld.widget, forms.HiddenInput):
                continue
            if isinstance(veld.widget, forms.CheckboxInput):
                klasse = "form-check-input"
            elif isinstance(veld.widget, forms.Select):
                klasse = "form-select"
            else:
                klasse = "form-control"
            veld.widget.attrs["class"] = klasse

    def gekozen(self) -> dict:
        """The filters to apply: every valid field's value. A refused value is told at its field and
        filters nothing, while the others still do; an unbound form (no query string) filters nothing."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def full_clean(self):
        super().full_clean()
        for naam in self.errors:
            if naam not in self.fields:
                continue
            veld = self[naam]
            attrs = self.fields[naam].widget.attrs
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
            # Set here, Django no longer adds the help text's id itself: both are named.
            uitleg = [f"{veld.auto_id}_helptext"] if veld.help_text else []
            attrs["aria-describedby"] = " ".join([*uitleg, f"{veld.auto_id}_error"])


def fout_op_formulier(form, fout: ValidationError, extra: dict | None = None) -> None:
    """`extra`: {name: list} for messages about things that are not fields of `form` (e.g. a formset
    of cost lines on the same page); they are appended to that list.

    A field that refused its input itself (an amount "abc": one of the field's own error_messages) keeps
    that one message: the service saw no value there, so what it says about the field would be a second
    message for one mistake (issue 18, item 9)."""
    berichten = fout.message_dict if hasattr(fout, "error_dict") else {NON_FIELD_ERRORS: fout.messages}
    onleesbaar = {
        veld
        for veld, fouten in (form.errors.as_data() if form.is_bound else {}).items()
        if veld in form.fields and any(f.code in form.fields[veld].error_messages for f in fouten)
    }
    for veld, teksten in berichten.items():
        for tekst in teksten:
            if veld in form.fields:
                if veld not in onleesbaar:
                    form.add_error(veld, tekst)
            elif extra is not None and veld in extra:
                extra[veld].append(tekst)
            else:
                form.add_error(None, tekst)
