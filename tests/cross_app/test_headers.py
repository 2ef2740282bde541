"""Strict response headers: a Content-Security-Policy without inline script on every page, the
other security headers, and a production configuration that `check --deploy` passes.

The browser side (no page breaks the policy) is tests/browser/test_csp.py."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from core.roles import Role
from tests import ROOT
from tests.procurement_helpers import new_case, today
from tests.register_helpers import published_entry, register_system
from tests.waira_helpers import assessable_system
from waira import services as waira_services

# Markup the policy refuses: an inline <script> (one without src), an inline event handler, a
# style attribute or a <style> element.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
INLINE = {
    "inline script": INLINE_SCRIPT,
    "event handler": EVENT_HANDLER,
    "style attribute": STYLE_ATTRIBUTE,
    "style element": STYLE_ELEMENT,
}


def policy(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def inline_markup(html: str) -> list[str]:
    return [
        f"{kind}: {match.group(0)[:80]}"
        for kind, pattern in INLINE.items()
        for match in pattern.finditer(html)
    ]


TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.DOTALL)


def page_templates() -> list[Path]:
    """Every template a browser is sent. The PDF templates (templates/pdf/, */templates/*/pdf/)
    are printed by WeasyPrint on the server and reach the browser only as a PDF, so their <style>
    is no page's inline style."""
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(
        path
        for folder in folders
        for path in folder.rglob("*.html")
        if "pdf" not in path.relative_to(folder).parts
    )


def test_no_template_has_inline_script_handlers_or_styles():
    templates = page_templates()
    assert any(path.name == "base.html" for path in templates)
    found = {
        str(path.relative_to(ROOT)): inline
        for path in templates
        # A tag's own text (`{% if style == 'link' %}`) is not markup: each tag becomes an X.
        if (inline := inline_markup(TEMPLATE_TAG.sub("X", path.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_patterns_find_what_the_policy_refuses():
    assert inline_markup("<script>initAll()</script>") != []
    assert inline_markup('<button onclick="go()">Go</button>') != []
    assert inline_markup('<p style="color: red">') != []
    assert inline_markup("<style>p {}</style>") != []
    assert inline_markup('<script type="module" src="/static/js/llais.js"></script>') == []
    assert inline_markup('<a class="x" data-style="y" href="/on=">') == []


@pytest.mark.django_db
def test_every_page_sends_a_policy_without_inline_script(user_with_role, organisation):
    commissioner = user_with_role(Role.COMMISSIONER, username="ceri")
    rep = user_with_role(Role.UNION_REPRESENTATIVE, username="dafydd")
    superuser = user_with_role(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    case = new_case(commissioner, organisation, rep)
    public_system = register_system(commissioner, organisation, first_use=today(), name="HireWise")
    entry, _version = published_entry(commissioner, public_system)
    waira = waira_services.waira_create(
        actor=commissioner, system=assessable_system(commissioner, organisation)
    )
    anonymous, signed_in, admin = Client(), Client(), Client()
    signed_in.force_login(commissioner)
    admin.force_login(superuser)
    responses = {
        "home": anonymous.get("/"),
        "sign in": anonymous.get(reverse("login")),
        "register": anonymous.get(reverse("register:list")),
        "register entry": anonymous.get(reverse("register:entry", args=[entry.pk])),
        "not found": anonymous.get("/a-page-that-does-not-exist/"),
        "dashboard": signed_in.get(reverse("core:dashboard")),
        "case": signed_in.get(reverse("procurement:case_detail", args=[case.pk])),
        "waira": signed_in.get(reverse("waira:waira_detail", args=[waira.pk])),
        "form with errors": signed_in.post(reverse("procurement:case_create"), {}),
        "admin": admin.get(reverse("admin:index")),
        "admin change form": admin.get(reverse("admin:core_user_change", args=[superuser.pk])),
    }
    for name, response in responses.items():
        assert response.status_code in {200, 404}, name
        assert response["Content-Type"].startswith("text/html"), name
        directives = policy(response["Content-Security-Policy"])
        assert directives["script-src"] == ["'self'"], name
        assert directives["style-src"] == ["'self'"], name
        assert directives["default-src"] == ["'self'"], name
        assert directives["object-src"] == ["'none'"], name
        assert directives["frame-ancestors"] == ["'none'"], name
        assert directives["base-uri"] == ["'self'"], name
        assert directives["form-action"] == ["'self'"], name
        assert not {"'unsafe-inline'", "'unsafe-eval'"} & {
            source for sources in directives.values() for source in sources
        }, name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
        assert inline_markup(response.content.decode()) == [], name
    assert b"govuk-error-summary" in responses["form with errors"].content


def production_environment(**extra: str) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "LLAIS_BEHIND_PROXY"))
    }
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),  # a throwaway, as `make lint` uses
        "DJANGO_ALLOWED_HOSTS": "llais.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
        **extra,
    }


def test_the_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
