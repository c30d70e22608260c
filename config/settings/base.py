"""Settings shared by every environment; values come from the environment via django-environ."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

# Local default only; production.py insists on a real key from the environment.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-development-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "gebieden.apps.BeheerConfig",  # django.contrib.admin with the portal's admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's widget templates for FORM_RENDERER = TemplatesSetting
    "crispy_forms",
    "crispy_bootstrap5",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "simple_history",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",  # the open data API (api/)
    "drf_spectacular",  # its OpenAPI 3 document
    # Library (no apps.py, no app imports): outgoing mail, the job queue and the schedule (bin/worker).
    "berichten",
    # Library (no apps.py, no models): private uploads; installed for its commands bestanden_opruimen and
    # bestanden_controleren, which find every file field through the app registry, not by importing apps.
    "bestanden",
    # Shared library with a table of its own (rate-limit counters); like bestanden and invoer it
    # imports no app, so it has no place in the layers below (no apps.py).
    "limiet",
    # Library with a table of its own too: the one-time keys of create forms (invoer.eenmalig).
    "invoer",
    # Library (no apps.py, no app imports): the one workflow mechanism; installed for its shared
    # history template (its abstract history model needs no table).
    "werkstroom",
    # Own apps, in dependency order: each may import only the ones above it.
    "gebieden",
    "accounts",
    "rollen",
    "bewonersgroepen",
    "leefbaarheidsbudget",
    "gebiedsagenda",
    "meldingen",
    "participatie",
    "raad",
    # The open data API at /api/v1/: reads every app above through its public selectors. Below portaal
    # (the site's own pages, the top, which alone may reach bench/), which it does not need.
    "api",
    "portaal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /api/ only: the API-Version header, CORS for GET and every error as application/problem+json.
    "api.middleware.ApiMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session is read: NUL and other control characters refused or taken out (invoer.stuurtekens).
    "invoer.stuurtekens.StuurtekensMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessieDuurMiddleware",
    "accounts.middleware.TweeStapsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portaal.context_processors.portaal",
            ],
            "builtins": ["weergave.templatetags.weergave", "invoer.templatetags.eenmalig"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Keep database connections open between requests (a new PostgreSQL connection per request costs
# several milliseconds); the health check replaces a connection that died in the meantime.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt for an account that django-axes has locked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, loading the user's kinds in the same query as the user.
    "accounts.backends.Gebruikersbackend",
    # Single sign-on (OpenID Connect): answers only the provider's callback, and only when configured.
    "accounts.oidc.Gemeenteaccountbackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portaal:mijn_werk"
LOGOUT_REDIRECT_URL = "portaal:home"

# NCSC advice: long passphrases beat complexity rules; refuse common passwords (also with digits added).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "accounts.validators.VeelgebruiktWachtwoordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env("LANGUAGE_CODE", default="nl")
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = env("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
# Dutch for what Django's admin and the libraries (django-axes, django-tasks-db) leave in English.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
NODE_MODULES = BASE_DIR / "node_modules"
# Only the built distribution folders of the npm packages are served, never the whole node_modules.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Lets the development server and tests serve static files without collectstatic.
WHITENOISE_USE_FINDERS = True

# Uploaded documents (agreements, attachments) are personal data: kept outside the web root and
# only served through views that ask the permission policy.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
MEDIA_URL = None
# Where those uploads live: STORAGES["prive"] (bestanden.prive_opslag). On local disk under
# PRIVATE_MEDIA_ROOT by default; in S3-compatible object storage (django-storages) when
# AWS_STORAGE_BUCKET_NAME is set, e.g. for more than one server. The bucket stays private: files are
# still streamed by the portal after the permission check, never handed out as a bucket URL.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    PRIVE_OPSLAG = {
        "BACKEND": "bestanden.opslag.PriveObjectOpslag",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty: AWS itself; else e.g. https://s3.eu-central-1.example.nl (MinIO, a Dutch provider).
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            # Empty: boto3 finds them itself (instance role, ~/.aws, AWS_* in the environment).
            "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env("AWS_LOCATION", default=""),
            "default_acl": None,  # the bucket's own (private) policy; never public-read
            "file_overwrite": False,  # random names; a clash gets another name, never a replacement
            "querystring_auth": True,
        },
    }
else:
    PRIVE_OPSLAG = {"BACKEND": "bestanden.opslag.PriveOpslag"}
STORAGES["prive"] = PRIVE_OPSLAG

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Every mail goes through the queue (berichten.mail) and is sent by the worker (bin/worker), never in a
# request; the worker waits at most this many seconds for the mail server (connect, and each reply).
EMAIL_TIMEOUT = min(env.int("EMAIL_TIMEOUT", default=10), 10)
# Background jobs (django-tasks) in the database, in the same transaction as the change that causes them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A message the mail server keeps refusing is retried with backoff this long, then marked failed.
BERICHTEN_OPGEVEN_NA_UUR = env.int("BERICHTEN_OPGEVEN_NA_UUR", default=48)
# A message still "being sent" this long after its attempt started belongs to a worker that died: it is
# queued again (same Message-ID). Far above the longest attempt (EMAIL_TIMEOUT per SMTP step).
BERICHTEN_ONDERBROKEN_NA_SECONDEN = env.int("BERICHTEN_ONDERBROKEN_NA_SECONDEN", default=600)
# Sent messages (they hold personal data and links) and finished jobs are removed after this many days.
BERICHTEN_BEWAREN_DAGEN = env.int("BERICHTEN_BEWAREN_DAGEN", default=30)
# What bin/worker runs on schedule (local time; berichten.wachtrij.laatste_moment), instead of a crontab.
# The same commands as cron lines: docs/operations.md.
WACHTRIJ_PLANNING = [
    {
        "naam": "overeenkomsten afsluiten",
        "opdracht": ["herinner_overeenkomsten", "--alleen-afsluiten"],
        "wanneer": "dagelijks 00:05",
    },
    {
        "naam": "overeenkomsten herinneren",
        "opdracht": ["herinner_overeenkomsten"],
        "wanneer": "maandag 07:00",
    },
    {
        "naam": "jaarbijdragen vastleggen",
        "opdracht": ["jaarbijdragen_vastleggen"],
        "wanneer": "dagelijks 06:45",
    },
    {
        "naam": "verantwoording vragen en herinneren",
        "opdracht": ["herinner_verantwoording"],
        "wanneer": "dagelijks 07:15",
    },
    {"naam": "gebiedsnieuws", "opdracht": ["gebiedsnieuws_versturen"], "wanneer": "maandag 07:00"},
    {"naam": "AVG-bewaartermijn leden", "opdracht": ["anonimiseer_oud_leden"], "wanneer": "dagelijks 01:30"},
    {
        "naam": "raadplegingen sluiten en onbevestigde reacties opruimen",
        "opdracht": ["raadplegingen_bijwerken"],
        "wanneer": "dagelijks 00:10",
    },
    {
        "naam": "AVG-bewaartermijn melders",
        "opdracht": ["meldingen_contact_opruimen"],
        "wanneer": "dagelijks 01:45",
    },
    {
        "naam": "inloglogboek opschonen",
        "opdracht": ["axes_reset_logs", "--age", "90"],
        "wanneer": "maandelijks 1 02:00",
    },
    {
        "naam": "verzonden berichten opschonen",
        "opdracht": ["berichten_opschonen"],
        "wanneer": "dagelijks 02:30",
    },
    {
        "naam": "bestanden zonder rij opruimen",
        "opdracht": ["bestanden_opruimen"],
        "wanneer": "dagelijks 03:15",
    },
    {
        "naam": "onbevestigde aanmeldingen opruimen",
        "opdracht": ["onbevestigd_opruimen"],
        "wanneer": "elk uur :15",
    },
]
# Absolute address of the portal, for links in e-mails sent without a request (cron, on commit).
PORTAAL_URL = env("PORTAAL_URL", default="http://localhost:8000")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Gebiedsportaal <noreply@gebiedsportaal.example>")

# Public forms that send mail (group registration, following an area, password reset): at most this many
# sends per hour per IP address (IPv6: per /64) and per e-mail address (limiet). The IP address is
# REMOTE_ADDR; behind a reverse proxy, CLIENT_IP_HEADER names the header it sets (e.g. X-Forwarded-For;
# its last address is used). Leave it empty without such a proxy: a client can send any header.
LIMIET_PER_IP_PER_UUR = env.int("LIMIET_PER_IP_PER_UUR", default=20)
LIMIET_PER_EMAIL_PER_UUR = env.int("LIMIET_PER_EMAIL_PER_UUR", default=3)
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="")

# AVG: members are anonymised this many days after their last membership ended (anonimiseer_oud_leden).
AVG_BEWAARTERMIJN_LEDEN_DAGEN = env.int("AVG_BEWAARTERMIJN_LEDEN_DAGEN", default=730)

# REDIS_URL (e.g. redis://127.0.0.1:6379/0): Django's own Redis cache, shared by every worker process,
# for the council figures (RAAD_CIJFERS_CACHE_SECONDEN) and the public pages as visitors without a login
# see them (OPENBAAR_CACHE_SECONDEN, weergave/cache.py). Without it each process has its own memory
# cache, which only means each process builds the figures once itself. Sessions and users are read from
# the database on every request either way, so a log-out or a blocked account counts everywhere at once.
# Redis is never needed for a page (config/cache.py): at most 0.5 s per try, and while it is down or
# frozen every cache call is a miss, with one warning in the log and no new try for 10 s.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.VeiligeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="gebiedsportaal"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Readiness check /gereed/ (portaal.gereed): each check (database, cache, file storage, task queue) gets
# this many seconds; the queue fails when a job has been due for longer than this many minutes.
GEREED_TIME_OUT = env.float("GEREED_TIME_OUT", default=2.0)
GEREED_WACHTRIJ_MAX_MINUTEN = env.int("GEREED_WACHTRIJ_MAX_MINUTEN", default=15)

# How long the council dashboard and the public figures are served from the cache (seconds; 0: off).
RAAD_CIJFERS_CACHE_SECONDEN = env.int("RAAD_CIJFERS_CACHE_SECONDEN", default=300)
# The area pages, the contact lookup and the open figures, for visitors without a login: at most this old
# (weergave/cache.py; 0 off). Logged-in users always get them fresh.
OPENBAAR_CACHE_SECONDEN = env.int("OPENBAAR_CACHE_SECONDEN", default=60)

# Form widgets are rendered with the project's templates (and "django.forms" for Django's own), so that
# templates/django/forms/widgets/ can change one of them for every form: the empty choice reads "Kies …".
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MAP_TILE_URL = env(
    "MAP_TILE_URL",
    default="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)

# Log-in protection (BIO, NCSC, OWASP ASVS 2): lockout after repeated failures, a second step for
# staff and admins, sessions that end after 30 minutes idle and 12 hours at most.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
# Per account (the e-mail address): rotating IP addresses, cookies or user agents does not reset it
# (tests/accounts/test_inlogbeveiliging.py), which is the bypass axes.W006 warns about; so W006 is
# silenced below. Not per IP address: behind the municipality's proxy or an office NAT everyone shares
# one address, and five typos by colleagues would lock out everyone. What a per-account lock cannot stop,
# one password tried against many accounts, is met by the password rules (12+ characters, common ones
# refused), the second step for staff and admins, and a per-IP rate limit at the proxy (operations.md).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "accounts.inloggen.axes_gebruikersnaam"
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False

# Two-step login (TOTP app, with one-time backup codes): required for medewerkers, functional admins
# and everyone with access to the admin; optional for other users ("Mijn account").
OTP_VERPLICHT_VOOR_MEDEWERKERS = env.bool("OTP_VERPLICHT_VOOR_MEDEWERKERS", default=True)
OTP_TOTP_ISSUER = "Gebiedsportaal"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a TOTP secret or its QR code

# Single sign-on for staff with OpenID Connect (accounts/oidc.py, docs/operations.md). Off while
# OIDC_RP_CLIENT_ID is empty: then nothing about it shows and only the local log-in exists. The
# provider's endpoints come from its discovery document (OIDC_OP_ISSUER or OIDC_OP_DISCOVERY_URL),
# read on first use; an endpoint set here explicitly wins.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", default="")
OIDC_OP_DISCOVERY_URL = env("OIDC_OP_DISCOVERY_URL", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT = env("OIDC_OP_LOGOUT_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = env.bool("OIDC_USE_PKCE", default=True)
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the provider's log-out (RP-initiated logout)
LOGIN_REDIRECT_URL_FAILURE = "login"
# Who gets in: the claim (a list or one value) and the values in it that make someone Medewerker or
# functional admin; without either value the log-in is refused and no account is made.
OIDC_ROLLEN_CLAIM = env("OIDC_ROLLEN_CLAIM", default="groups")
OIDC_ROL_MEDEWERKER = env("OIDC_ROL_MEDEWERKER", default="")
OIDC_ROL_BEHEERDER = env("OIDC_ROL_BEHEERDER", default="")
# The gemeente (CBS code, GM....) of the accounts: fixed, or read from a claim that holds the code.
OIDC_GEMEENTE = env("OIDC_GEMEENTE", default="")
OIDC_GEMEENTE_CLAIM = env("OIDC_GEMEENTE_CLAIM", default="")
# The provider's multi-factor authentication counts as the second step when `amr` holds one of these
# values (RFC 8176) or `acr` is one of OIDC_MFA_ACR; otherwise the local TOTP step still applies.
OIDC_MFA_AMR = env.list("OIDC_MFA_AMR", default=["mfa", "otp", "hwk", "swk", "sms"])
OIDC_MFA_ACR = env.list("OIDC_MFA_ACR", default=[])

# Idle time-out: accounts.middleware.SessieDuurMiddleware renews the 30 minutes (cookie and database)
# at most once a minute, instead of SESSION_SAVE_EVERY_REQUEST's write on every request.
SESSION_COOKIE_AGE = 30 * 60
SESSIE_MAXIMALE_DUUR = timedelta(hours=12)  # since log-in, however active
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Strict Content Security Policy (NCSC/OWASP): only our own scripts, styles and fonts, no inline code
# at all, so templates must never contain <script> without src, <style> or style="..." (see
# tests/portaal/test_beveiliging.py, which scans every template). Images may also come from the map
# tile server and be data: URIs (Bootstrap's CSS draws its icons with them).
_tile = urlsplit(MAP_TILE_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", f"{_tile.scheme}://{_tile.netloc}"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Single sign-on: log-out is a form post that our server redirects to the provider's end_session_endpoint,
# and browsers hold such a redirect to form-action too; so the provider's origin may be a form's target.
# Its origin is taken from the issuer, the discovery URL and an explicit log-out endpoint (set that one
# when the provider logs out on another host than its issuer).
if OIDC_RP_CLIENT_ID:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += sorted(
        {
            f"{deel.scheme}://{deel.netloc}"
            for deel in map(urlsplit, (OIDC_OP_ISSUER, OIDC_OP_DISCOVERY_URL, OIDC_OP_LOGOUT_ENDPOINT))
            if deel.scheme in ("https", "http") and deel.netloc
        }
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No reset or invitation token in any log line (config/logboek.py): on the handler for everything it
    # writes, and on the loggers that name paths for any other handler.
    "filters": {"geen_tokens": {"()": "config.logboek.GeenTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["geen_tokens"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # Every log-in, failed log-in, lockout and log-out (accounts/inloggen.py).
        "gebiedsportaal.inloggen": {"level": "INFO"},
        "gebiedsportaal.berichten": {"level": "INFO"},
        "django.request": {"filters": ["geen_tokens"]},
        "django.security": {"filters": ["geen_tokens"]},
    },
}

# The admin shows every version (audit trail) but restores none: statuses and amounts move only through the
# services, which guard each transition and record it (gebieden.beheerbereik.GeschiedenisAdmin refuses the POST as well).
SIMPLE_HISTORY_REVERT_DISABLED = True
# Meldingen: the reporter's e-mail address, phone and account link are removed this many days after a
# melding was closed (meldingen_contact_opruimen, daily in WACHTRIJ_PLANNING; see docs/privacy.md).
MELDINGEN_CONTACT_BEWAREN_DAGEN = env.int("MELDINGEN_CONTACT_BEWAREN_DAGEN", default=90)
# A resident's response to a consultation round that is not confirmed by the mailed link within this many
# days is deleted (raadplegingen_bijwerken, daily in WACHTRIJ_PLANNING; see docs/privacy.md).
RAADPLEGING_ONBEVESTIGD_BEWAREN_DAGEN = env.int("RAADPLEGING_ONBEVESTIGD_BEWAREN_DAGEN", default=7)

# The open data API (api/, README "Open data API"): read-only, anonymous, JSON only. No session or other
# authentication: the API shows only what the open pages show, to everyone alike.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.paginering.Paginering",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["api.limiet.AnoniemeLimiet"],
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.fouten.probleem_handler",
    "DATETIME_FORMAT": "iso-8601",
}
# Requests per minute per IP address (IPv6: per /64) for every API user (the API knows no accounts).
# Counted in Django's cache (CACHES): shared by every process with REDIS_URL, else per process.
API_LIMIET_PER_MINUUT = env.int("API_LIMIET_PER_MINUUT", default=60)
SPECTACULAR_SETTINGS = {
    "TITLE": "Gebiedsportaal open data API",
    "DESCRIPTION": (
        "Openbare gegevens van het Gebiedsportaal: gebieden, contactpersonen, bewonersgroepen, "
        "gebiedsagenda, nieuws, budgetcijfers, meldingen en projecten. Alleen lezen, zonder account. "
        "Volgens de API Design Rules van Logius."
    ),
    "VERSION": "1.0.0",
    "CONTACT": {
        "name": env("API_CONTACT_NAAM", default="Functioneel beheer Gebiedsportaal"),
        "email": env("API_CONTACT_EMAIL", default="gebiedsportaal@gemeente.example"),
        "url": env("API_CONTACT_URL", default=PORTAAL_URL.rstrip("/") + "/api/v1/documentatie"),
    },
    "LICENSE": {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"},
    "SERVERS": [{"url": "/api/v1"}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.kopteksten_en_fouten",
    ],
}
