"""The production compose file parses, and names the parts DESIGN.md promises."""

import os
import runpy
import shutil
import subprocess
import sys
from typing import Any

import pytest
import yaml

from tests import ROOT

ENVIRONMENT = {
    **os.environ,
    "DJANGO_SECRET_KEY": "compose-check",
    "DJANGO_ALLOWED_HOSTS": "llais.example.org",
    "POSTGRES_PASSWORD": "compose-check",
    "LLAIS_DOMAIN": "llais.example.org",
}


def compose_command() -> list[str] | None:
    """`docker compose` where the plugin is installed, else the standalone `docker-compose`."""
    if shutil.which("docker"):
        probe = subprocess.run(
            ["docker", "compose", "version"], capture_output=True, text=True, check=False
        )
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


@pytest.fixture
def compose():
    command = compose_command()
    if command is None:
        pytest.skip("No docker compose client on this machine")
    return command


def test_docker_compose_config_parses(compose):
    result = subprocess.run(
        [*compose, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_docker_compose_has_every_part_configured_from_the_environment(compose):
    result = subprocess.run(
        [*compose, "-f", str(ROOT / "docker-compose.yml"), "config"],
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        check=True,
    )
    text = result.stdout
    for service in ("postgres:", "redis:", "web:", "worker:", "beat:"):
        assert service in text
    assert text.count("config.settings.production") == 3
    assert "gunicorn config.wsgi:application" in text


@pytest.mark.parametrize("required", ["DJANGO_SECRET_KEY", "LLAIS_DOMAIN"])
def test_docker_compose_refuses_to_start_without_a_required_setting(compose, required):
    environment = {key: value for key, value in ENVIRONMENT.items() if key != required}
    result = subprocess.run(
        [*compose, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert required in result.stderr


def test_the_production_settings_refuse_to_load_without_a_secret(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "DATABASE_URL"}
    }
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    """The services as compose resolves them (anchors merged, variables filled in), once."""
    compose = compose_command()
    if compose is None:
        pytest.skip("No docker compose client on this machine")
    result = subprocess.run(
        [*compose, "-f", str(ROOT / "docker-compose.yml"), "config"],
        env=ENVIRONMENT,
        capture_output=True,
        text=True,
        check=True,
    )
    services: dict[str, Any] = yaml.safe_load(result.stdout)["services"]
    return services


def published_ports(service: dict[str, Any]) -> set[int]:
    """Host ports, whether compose writes them short ("443:443") or long ({published: 443})."""
    ports = set()
    for port in service.get("ports", []):
        if isinstance(port, dict):
            ports.add(int(port["published"]))
        else:
            ports.add(int(str(port).rsplit("/", 1)[0].split(":")[-2]))
    return ports


def behind_proxy(service: dict[str, Any]) -> bool:
    value = str(service.get("environment", {}).get("LLAIS_BEHIND_PROXY", ""))
    return value.strip().lower() in {"1", "true", "yes", "on"}


def test_only_the_proxy_publishes_a_port_and_only_the_web_service_trusts_it(services):
    """Django believes X-Forwarded-Proto only where the proxy is the one way in: the proxy is the
    only service with a port on the host, and the web service (which it forwards to) is the only
    one told it is behind it."""
    assert published_ports(services["proxy"]) >= {80, 443}
    assert {name for name, service in services.items() if published_ports(service)} == {"proxy"}
    assert {name for name, service in services.items() if behind_proxy(service)} == {"web"}
    assert services["proxy"]["depends_on"].keys() == {"web"}


def test_the_proxy_forwards_to_the_web_service_and_trusts_no_client_headers(services):
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    mounts = [str(volume) for volume in services["proxy"]["volumes"]]
    assert any("deploy/Caddyfile:/etc/caddy/Caddyfile" in mount for mount in mounts)
    assert "reverse_proxy web:8000" in caddyfile
    # With no trusted_proxies, Caddy replaces a client's X-Forwarded-Proto with its own.
    directives = [line.split("#")[0] for line in caddyfile.splitlines()]
    assert not any("trusted_proxies" in line for line in directives)


def production_settings(monkeypatch, **environment: str) -> dict[str, Any]:
    """The production settings module's values, loaded afresh with this environment."""
    monkeypatch.setenv("DJANGO_SECRET_KEY", "settings-check")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///:memory:")
    monkeypatch.delenv("LLAIS_BEHIND_PROXY", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("config.settings.production")


def test_without_the_proxy_flag_the_forwarded_proto_header_is_not_trusted(monkeypatch):
    assert production_settings(monkeypatch)["SECURE_PROXY_SSL_HEADER"] is None
    flag_off = production_settings(monkeypatch, LLAIS_BEHIND_PROXY="false")
    assert flag_off["SECURE_PROXY_SSL_HEADER"] is None
    # The rate limits count the connecting address: a client's own X-Forwarded-For is not believed.
    assert "RATELIMIT_IP_META_KEY" not in flag_off


def test_behind_the_proxy_the_forwarded_proto_header_is_trusted(monkeypatch):
    settings = production_settings(monkeypatch, LLAIS_BEHIND_PROXY="true")
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    # Every request comes from the proxy: the limits count the client address Caddy forwards.
    assert settings["RATELIMIT_IP_META_KEY"] == "HTTP_X_FORWARDED_FOR"


def test_production_is_https_only(monkeypatch):
    settings = production_settings(monkeypatch)
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] >= 31536000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is True
