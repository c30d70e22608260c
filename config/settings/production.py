"""Production settings: no defaults for secrets, HTTPS everywhere, hashed static files."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# A real mail server, no default: the development default prints every mail, reset links included, to the
# log. `check --deploy` also refuses a console, file or memory backend set on purpose (portaal/checks.py).
vars().update(env.email_url("EMAIL_URL"))

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The load balancer's probes may ask over plain HTTP inside the network: liveness and readiness answer
# there instead of redirecting to HTTPS (neither shows anything but "ok" and the names of parts).
SECURE_REDIRECT_EXEMPT = [r"^gezond/$", r"^gereed/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

STORAGES = {
    **STORAGES,  # noqa: F405 — "prive": the uploads, on disk or in object storage (base.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
