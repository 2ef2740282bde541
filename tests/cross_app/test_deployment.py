"""The production compose file parses, and names the parts DESIGN.md promises."""

import os
import shutil
import subprocess
import sys

import pytest

from tests import ROOT

ENVIRONMENT = {
    **os.environ,
    "DJANGO_SECRET_KEY": "compose-check",
    "DJANGO_ALLOWED_HOSTS": "llais.example.org",
    "POSTGRES_PASSWORD": "compose-check",
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


def test_docker_compose_refuses_to_start_without_a_secret_key(compose):
    environment = {key: value for key, value in ENVIRONMENT.items() if key != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [*compose, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


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
