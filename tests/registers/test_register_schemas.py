"""The JSON download and the API validate against the committed JSON Schema and against the
OpenAPI description drf-spectacular publishes; the two describe the same entry."""

import datetime
import json
from typing import Any

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from core.roles import Role
from registers import open_data, services
from rights_requests.models import ContactKind
from tests.register_helpers import published_entry, register_system, waira_completed
from tests.rights_helpers import contact

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((open_data.SCHEMAS / "register.schema.json").read_text())


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def against(document: dict[str, Any], definition: str) -> Draft202012Validator:
    """A validator for one definition inside `document` (its $defs or OpenAPI components)."""
    holders: dict[str, Any] = {
        key: document[key] for key in ("$defs", "components") if key in document
    }
    return validator({"$ref": definition, **holders})


@pytest.fixture
def register(commissioner, organisation, user_with_role):
    day = datetime.date(2025, 1, 6)
    with_everything = register_system(
        commissioner, organisation, first_use=day, supplier="Rota Systems Ltd"
    )
    waira_completed(with_everything, datetime.date(2024, 12, 1))
    entry, _ = published_entry(commissioner, with_everything, name_cy="RotaDoeth")
    services.register_entry_save(
        actor=commissioner,
        system=with_everything,
        name_cy="RotaDoeth",
        description_en="Changed.",
        description_cy="Newidiwyd.",
        purpose_en="p",
        purpose_cy="",
        data_types_en="d",
        data_types_cy="",
    )
    services.register_entry_publish(
        actor=commissioner,
        entry=entry,
        change_date=day,
        change_note_en="Changed.",
        change_note_cy="",
    )
    bare = register_system(commissioner, organisation, first_use=day, name="Bare")
    published_entry(commissioner, bare, description_cy="", purpose_cy="", data_types_cy="")
    contact(user_with_role(Role.ADMINISTRATOR), organisation, ContactKind.NOMINATED_CONTACT)
    return entry


def get_json(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return json.loads(content)


def test_the_committed_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(SCHEMA)


def test_the_json_download_matches_the_schema(client, register):
    document = get_json(client, reverse("register:json"))
    validator(SCHEMA).validate(document)
    assert len(document["entries"]) == 2


def test_the_api_matches_the_schema_and_the_openapi_description(client, register):
    openapi = get_json(client, reverse("register-api:schema"))
    assert openapi["openapi"].startswith("3.1")
    page = get_json(client, reverse("register-api:entry-list"))
    detail = get_json(client, reverse("register-api:entry-detail", args=[register.pk]))
    version = get_json(client, reverse("register-api:version-detail", args=[register.pk, 1]))
    for entry in [*page["results"], detail]:
        against(SCHEMA, "#/$defs/entry").validate(entry)
    components = {"components": openapi["components"]}
    against(components, "#/components/schemas/PaginatedRegisterEntryList").validate(page)
    against(components, "#/components/schemas/RegisterEntry").validate(detail)
    against(components, "#/components/schemas/Version").validate(version)


def test_the_schema_and_the_openapi_description_agree_on_the_fields(client, register):
    openapi = get_json(client, reverse("register-api:schema"))
    described = openapi["components"]["schemas"]["RegisterEntry"]
    assert set(described["properties"]) == set(SCHEMA["$defs"]["entry"]["properties"])
    assert set(described["required"]) == set(SCHEMA["$defs"]["entry"]["required"])


def test_the_schema_is_served_for_reuse(client):
    response = client.get(reverse("register:schema", args=["register.schema.json"]))
    assert json.loads(b"".join(response.streaming_content)) == SCHEMA
    assert client.get(reverse("register:schema", args=["settings.py"])).status_code == 404
