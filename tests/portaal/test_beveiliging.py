"""Security headers and the strict Content Security Policy (issue 9, item 3).

The CSP forbids inline code, so no template of the project may contain a <script> without src, a
<style> block, a style="..." attribute, an on...= event handler or a javascript: URL. The scan below
walks every template folder, so a new template is checked the moment it is added.
"""

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

BASE_DIR = Path(settings.BASE_DIR)
NIET_VAN_ONS = {"node_modules", ".venv", "staticfiles", "private-media", ".git", "test-results"}

TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
EVENT_ATTRIBUUT = re.compile(r"(?:^|\s)on[a-z]+\s*=", re.I)
STYLE_ATTRIBUUT = re.compile(r"(?:^|\s)style\s*=", re.I)
GEEN_CODE_TYPES = ('type="application/json"', 'type="application/ld+json"')


def inline_code_problemen(html: str) -> list[str]:
    """Everything in a template or page that a strict CSP (no 'unsafe-inline') would block."""
    problemen = []
    for match in TAG.finditer(html):
        naam, attributen = match.group(1).lower(), match.group(2)
        regel = html.count("\n", 0, match.start()) + 1
        if naam == "style":
            problemen.append(f"regel {regel}: <style>-blok")
        if (
            naam == "script"
            and "src=" not in attributen
            and not any(t in attributen for t in GEEN_CODE_TYPES)
        ):
            problemen.append(f"regel {regel}: <script> zonder src")
        if STYLE_ATTRIBUUT.search(attributen):
            problemen.append(f"regel {regel}: style-attribuut in <{naam}>")
        if EVENT_ATTRIBUUT.search(attributen):
            problemen.append(f"regel {regel}: event-handler-attribuut in <{naam}>")
        if "javascript:" in attributen.lower():
            problemen.append(f"regel {regel}: javascript:-URL in <{naam}>")
    return problemen


def project_templates() -> list[Path]:
    gevonden = []
    for map_ in BASE_DIR.rglob("templates"):
        if not map_.is_dir() or NIET_VAN_ONS & set(map_.relative_to(BASE_DIR).parts):
            continue
        gevonden += [p for p in map_.rglob("*") if p.suffix in {".html", ".txt", ".xml"}]
    return sorted(gevonden)


def test_scan_vindt_alle_soorten_inline_code():
    fout = (
        '<style>p{}</style>\n<script>alert(1)</script>\n<p style="color:red">x</p>\n'
        '<button onclick="x()">x</button>\n<a href="javascript:void(0)">x</a>'
    )
    assert len(inline_code_problemen(fout)) == 5
    goed = (
        '<script src="/static/js/portaal.js"></script><script type="application/json" id="d">{}</script>'
        '<p class="onder" data-style="x">{% if a %}x{% endif %}</p>'
    )
    assert inline_code_problemen(goed) == []


def test_scan_ziet_de_templates_van_alle_apps():
    namen = {str(p.relative_to(BASE_DIR)) for p in project_templates()}
    assert "templates/base.html" in namen
    assert "gebieden/templates/gebieden/wijk.html" in namen
    assert "portaal/templates/portaal/home.html" in namen


# The one base template of the HTML part of mails (berichten.opmaak): no browser page, so no CSP; mail
# programs need its <style> block. Scripts, handlers and javascript: URLs stay forbidden there too.
MAILOPMAAK = "berichten/templates/berichten/mail.html"


@pytest.mark.parametrize("template", project_templates(), ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_geen_inline_code_in_templates(template):
    problemen = inline_code_problemen(template.read_text(encoding="utf-8"))
    if str(template.relative_to(BASE_DIR)) == MAILOPMAAK:
        problemen = [p for p in problemen if not p.endswith("<style>-blok")]
    assert not problemen, f"{template.relative_to(BASE_DIR)} breekt de CSP:\n" + "\n".join(problemen)


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("portaal:home"),
        lambda: reverse("gebieden:overzicht"),
        lambda: reverse("gebieden:zoeken") + "?q=breuk",
        lambda: reverse("login"),
        lambda: reverse("password_reset"),
        lambda: "/bestaat-niet/",
    ],
)
def test_gerenderde_paginas_bevatten_geen_inline_code(client, wijk, url):
    response = client.get(url())
    assert response.status_code in (200, 404)
    assert inline_code_problemen(response.content.decode()) == []


def test_gerenderd_formulier_met_fouten_bevat_geen_inline_code(client, db):
    response = client.post(reverse("login"), {"username": "geen-adres", "password": ""})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert inline_code_problemen(response.text) == []


def csp_directieven(response) -> dict[str, list[str]]:
    directieven = {}
    for deel in response["Content-Security-Policy"].split(";"):
        naam, *waarden = deel.split()
        directieven[naam] = waarden
    return directieven


def test_strikte_content_security_policy(client, db):
    response = client.get(reverse("portaal:home"))
    csp = csp_directieven(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert set(csp["img-src"]) == {"'self'", "data:", "https://service.pdok.nl"}


def test_kaarttegels_van_de_ingestelde_server_mogen_in_img_src(monkeypatch):
    monkeypatch.setenv("MAP_TILE_URL", "https://tegels.example.org/{z}/{x}/{y}.png")
    import config.settings.base as base

    try:
        herladen = importlib.reload(base)
        assert "https://tegels.example.org" in herladen.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    finally:
        monkeypatch.delenv("MAP_TILE_URL")
        importlib.reload(base)


def test_beveiligingsheaders(client, db):
    response = client.get(reverse("portaal:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response  # only production sets HSTS


def test_productie_stuurt_hsts_en_veilige_cookies(client, db, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "test-" + "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "gebiedsportaal.example,testserver")
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://portaal@smtp.gebiedsportaal.example:587")
    productie = importlib.import_module("config.settings.production")
    assert productie.SESSION_COOKIE_SECURE and productie.CSRF_COOKIE_SECURE
    assert productie.SESSION_COOKIE_HTTPONLY
    with override_settings(
        SECURE_HSTS_SECONDS=productie.SECURE_HSTS_SECONDS,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=productie.SECURE_HSTS_INCLUDE_SUBDOMAINS,
        SECURE_HSTS_PRELOAD=productie.SECURE_HSTS_PRELOAD,
        SECURE_SSL_REDIRECT=productie.SECURE_SSL_REDIRECT,
    ):
        assert client.get(reverse("portaal:home")).status_code == 301  # http → https
        response = client.get(reverse("portaal:home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def _productie_instellingen(monkeypatch) -> dict:
    """Every cookie and transport setting of config/settings/production.py, to apply in a test."""
    monkeypatch.setenv("SECRET_KEY", "test-" + "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "gebiedsportaal.example,testserver")
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://portaal@smtp.gebiedsportaal.example:587")
    productie = importlib.import_module("config.settings.production")
    return {
        naam: getattr(productie, naam)
        for naam in dir(productie)
        if naam.startswith(("SECURE_", "SESSION_", "CSRF_")) and naam != "SECURE_PROXY_SSL_HEADER"
    }


def test_productie_cookies_zijn_secure_httponly_en_samesite(client, medewerker, monkeypatch):
    from tests.factories import WACHTWOORD

    with override_settings(**_productie_instellingen(monkeypatch)):
        formulier = client.get(reverse("login"), secure=True)
        csrf = formulier.cookies["csrftoken"]
        response = client.post(
            reverse("login"),
            {"username": medewerker.email, "password": WACHTWOORD},
            secure=True,
        )
    assert response.status_code == 302
    sessie = response.cookies["sessionid"]
    for cookie in (sessie, csrf):
        assert cookie["secure"] is True, cookie.key
        assert cookie["httponly"] is True, cookie.key
        assert cookie["samesite"] == "Lax", cookie.key
    assert sessie["max-age"] == 30 * 60  # gone from the browser after 30 minutes without a request
    assert "Strict-Transport-Security" in response


def _check_deploy(**omgeving) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "deploy-check-" + "k" * 50,
            "ALLOWED_HOSTS": "gebiedsportaal.example",
            "DATABASE_URL": "sqlite:///:memory:",
            **omgeving,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_met_productie_instellingen_is_schoon():
    resultaat = _check_deploy(EMAIL_URL="smtp+tls://portaal@smtp.gebiedsportaal.example:587")
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr


def test_productie_weigert_mail_naar_log_bestand_of_geheugen():
    """A console backend writes every mail, reset links included, to the server's log."""
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    assert "EMAIL_URL" in _check_deploy().stderr  # no default in production
    for backend in ("console", "filebased", "locmem", "dummy"):
        instelling = override_settings(EMAIL_BACKEND=f"django.core.mail.backends.{backend}.EmailBackend")
        with instelling, pytest.raises(SystemCheckError, match="portaal.E001"):
            call_command("check", deploy=True, tags=["security"])
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend"):
        call_command("check", deploy=True, tags=["security"], fail_level="ERROR")
