from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The open data API at /api/v1/ (README, "Open data API"): the top layer beside portaal; it reads
    every app through that app's public selectors and writes nothing."""

    name = "api"
    verbose_name = "Open data API"
