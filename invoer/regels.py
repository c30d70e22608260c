"""`CheckConstraint`: Django's, checked against only the fields its condition names.

`Model.full_clean()` (every service calls it, so a broken rule gets a Dutch message next to the field)
checks each CheckConstraint with a `SELECT 1 WHERE <condition>` that carries *every* field of the row as
a value. Building that query for a model of 40 fields cost more than the rest of a save: 37% of
`load_demo`. This one passes only the fields the condition names; where it cannot tell which (a condition
made of other expressions), it passes them all, as Django does. The rule, the query and the message are
Django's own; in the database and in migrations it is a plain `models.CheckConstraint`.
"""

from django.core.exceptions import FieldError, ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q


class CheckConstraint(models.CheckConstraint):
    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        alle = instance._get_field_expression_map(meta=model._meta, exclude=exclude)
        conditie = Q(self.condition)
        genoemd = conditie.referenced_base_fields
        against = {naam: waarde for naam, waarde in alle.items() if naam in genoemd}
        try:
            geldig = conditie.check(against, using=using)
        except FieldError:
            # A name the condition uses that is not a field of its own (or is excluded): Django's own
            # answer, with every field, decides (it skips the check when that fails too).
            try:
                geldig = conditie.check(alle, using=using)
            except FieldError:
                return
        if not geldig:
            raise ValidationError(self.get_violation_error_message(), code=self.violation_error_code)

    def deconstruct(self):
        # Migrations keep Django's class: the database sees no difference.
        path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs
