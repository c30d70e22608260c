from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    """Django 5.2's Dutch catalogue misses the new wording of this message, so we say it ourselves."""

    def get_error_message(self):
        return f"Dit wachtwoord is te kort. Gebruik minstens {self.min_length} tekens."

    def get_help_text(self):
        return f"Uw wachtwoord moet minstens {self.min_length} tekens hebben. Een korte zin werkt goed."
