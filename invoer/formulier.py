"""A service's ValidationError onto the form the user filled in: each message next to the field it
names, the rest on top of the form. One helper for every app's views (issue 17, item 3)."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
