"""Fuzzing as tests: no input answers 500, on PostgreSQL.

1. schemathesis drives the register API from the OpenAPI description it publishes: every answer
   is no 500 and conforms (status code, content type, body schema).
2. hypothesis sends hostile values (NUL, huge and negative numbers, other scripts' digits, very
   long and unusual text) to every GET parameter of every page, the parameters found by reading
   which ones the view asks its QueryDict for, and to every field of every form, as a person of a
   role the page lets in.

`make test` runs a small derandomized budget (LLAIS_FUZZ_EXAMPLES, default 2 per page and 5 per
API operation); `make bench` runs bench/fuzz.py with a larger one and prints the inputs tried and
the 500s (LLAIS_FUZZ_REPORT names the file the counts are written to).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.http import QueryDict, StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.cross_app.test_permission_matrix import MATRIX, NONSENSE, ROLES, build_world
from tests.module_worlds import rolled_back_at_the_end

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("LLAIS_FUZZ_EXAMPLES", "2"))
API_EXAMPLES = int(os.environ.get("LLAIS_FUZZ_API_EXAMPLES", str(max(5, EXAMPLES))))
REPORT = os.environ.get("LLAIS_FUZZ_REPORT", "")
TALLY: Counter[str] = Counter()

# PDFs take a second each to print and read no parameter: the bench walks them too.
SLOW = re.compile(r"pdf")
WALKED = sorted(
    name
    for name in MATRIX
    if name not in {"logout", "set_language"} and (REPORT or not SLOW.search(name))
)

HOSTILE = [
    "\x00",
    "a\x00b",
    "²",
    "\u0661\u0662",  # Arabic-Indic digits: str.isdigit() says yes, int() says no
    "9" * 30,
    str(2**63),
    str(-(2**63) - 1),
    str(2**31),
    "-1",
    "0",
    "x" * 20_000,
    "ŵŷ" * 500,
    "' OR 1=1 --",
    "\u202e\ufeff",
    "\U0001f4a5",
    "%00",
    "\r\n",
    " ",
    "1e309",
    "NaN",
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=6),
)
HOSTILE_FILES = [
    ("results.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100),
    ("notes.txt", b"\xff\xfe\x00\x00"),
    ("\x00.csv", b"=cmd|' /C calc'!A0"),
    ("empty.pdf", b""),
]
fuzz_settings = settings(
    max_examples=EXAMPLES,
    derandomize=not REPORT,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _record(kind: str, url_name: str, status: int) -> None:
    TALLY[f"{kind} inputs"] += 1
    if status >= 500:
        TALLY[f"{kind} 500s"] += 1
        TALLY[f"500 at {url_name}"] += 1


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as out:
            out.write(json.dumps(dict(TALLY)) + "\n")


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """The permission matrix's world, and what each of its pages reads (`_surface`)."""
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            people, kwargs, organisation = build_world()
            found = _surface(people, kwargs)
        yield people, kwargs, organisation, found


@contextmanager
def rolled_back() -> Iterator[None]:
    """One example's writes are undone, so every example meets the same world."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _allowed_role(url_name: str) -> str:
    """A role the row lets in (anonymous for public pages), else the first signed-in role."""
    _method, expected = MATRIX[url_name]
    for role in ["anonymous", *ROLES[1:]]:
        if expected.get(role) in {200, 302} and not (role == "anonymous" and expected[role] == 302):
            return role
    return "commissioner"


def _client(people: dict[str, Any], role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(people[role])
    return client


@contextmanager
def parameters_read() -> Iterator[set[str]]:
    """The query parameters a view asks for while it answers (QueryDict reads, DRF's too)."""
    seen: set[str] = set()
    originals = {
        name: getattr(QueryDict, name) for name in ("get", "__getitem__", "getlist", "__contains__")
    }

    def recording(name: str) -> Any:
        def read(self: QueryDict, key: str, *args: Any, **kwargs: Any) -> Any:
            if not self._mutable:  # request.GET and request.POST are immutable
                seen.add(key)
            return originals[name](self, key, *args, **kwargs)

        return read

    for name in originals:
        setattr(QueryDict, name, recording(name))
    try:
        yield seen
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.S | re.I)
FIELD = re.compile(r"<(input|textarea|select)\b([^>]*)>", re.I)


def _form_fields(html: str) -> dict[str, str]:
    """Each field's name in the page's POST forms, with its input type."""
    fields: dict[str, str] = {}
    for form in FORM.findall(html):
        for tag, attributes in FIELD.findall(form):
            name = re.search(r'name="([^"]+)"', attributes)
            kind = re.search(r'type="([^"]+)"', attributes)
            if name and name.group(1) not in {"csrfmiddlewaretoken", "language", "next"}:
                fields[name.group(1)] = kind.group(1) if kind else tag.lower()
    return fields


def _surface(
    people: dict[str, Any], kwargs: dict[str, Any]
) -> dict[str, tuple[str, set[str], dict[str, str]]]:
    """Each walked URL name: its role, the GET parameters its view reads, its form's fields.

    Each page is fetched once, in a transaction rolled back after it."""
    found: dict[str, tuple[str, set[str], dict[str, str]]] = {}
    for url_name in WALKED:
        role = _allowed_role(url_name)
        method, _expected = MATRIX[url_name]
        if method != "GET":
            found[url_name] = (role, set(), dict.fromkeys(NONSENSE, "text"))
            continue
        url = reverse(url_name, kwargs=kwargs.get(url_name, {}))
        with rolled_back(), parameters_read() as seen:
            response = _client(people, role).get(url)
        assert response.status_code < 500, url_name
        html = response.content.decode(errors="replace") if not response.streaming else ""
        found[url_name] = (role, seen | {"page"}, _form_fields(html))
    return found


@pytest.mark.parametrize("url_name", WALKED)
def test_no_get_parameter_answers_500(built_world, url_name):
    people, kwargs, _organisation, surface = built_world
    role, parameters, _fields = surface[url_name]
    if MATRIX[url_name][0] != "GET":
        pytest.skip("an action: no page to GET")
    url = reverse(url_name, kwargs=kwargs.get(url_name, {}))
    client = _client(people, role)

    @fuzz_settings
    @given(st.fixed_dictionaries({name: hostile_text for name in sorted(parameters)}))
    def hostile_query(query: dict[str, str]) -> None:
        with rolled_back():
            response = client.get(url, query)
            status = response.status_code
            if isinstance(response, StreamingHttpResponse):
                b"".join(response.streaming_content)  # a stream that fails part-way fails here
        _record("GET parameter", url_name, status)
        assert status < 500, (url_name, role, query)

    hostile_query()


@pytest.mark.parametrize("url_name", WALKED)
def test_no_form_field_answers_500(built_world, url_name):
    people, kwargs, _organisation, surface = built_world
    role, _parameters, fields = surface[url_name]
    if not fields:
        pytest.skip("no form on this page")
    url = reverse(url_name, kwargs=kwargs.get(url_name, {}))
    client = _client(people, role)
    values = {
        name: st.sampled_from(HOSTILE_FILES).map(lambda f: SimpleUploadedFile(*f))
        if kind == "file"
        else st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))
        for name, kind in sorted(fields.items())
    }

    @fuzz_settings
    @given(st.fixed_dictionaries(values))
    def hostile_form(data: dict[str, Any]) -> None:
        with rolled_back():
            status = client.post(url, data).status_code
        _record("form field", url_name, status)
        assert status < 500, (url_name, role, {k: str(v)[:80] for k, v in data.items()})

    hostile_form()


# --- The API, from its own OpenAPI description (schemathesis) ------------------------------------


@contextmanager
def kept_connection() -> Iterator[None]:
    """Django's WSGI handler closes the database connection after each request; the test client
    stops it doing so (the test's transaction lives on it), and so does this for schemathesis."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _api_description() -> dict[str, Any]:
    """The description /register/api/openapi.json publishes (the same generator, no request)."""
    generator = SchemaGenerator()
    return dict(generator.get_schema(request=None, public=True))


api = schemathesis.openapi.from_dict(_api_description())
api.app = get_wsgi_application()
# Inputs the description allows (a path id that is not a number never reaches the API: Django's
# URL resolver answers it with the site's HTML 404).
api.config.generation.update(modes=[schemathesis.GenerationMode.POSITIVE])


@api.parametrize()
@settings(
    max_examples=API_EXAMPLES,
    derandomize=not REPORT,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_description_and_never_answers_500(built_world, case):
    with rolled_back(), kept_connection():
        response = case.call(headers={"Host": "localhost"})
    _record("API request", case.operation.path, response.status_code)
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )


def test_the_fuzzed_description_is_the_published_one(client):
    published = client.get(reverse("register-api:schema")).json()
    assert published == json.loads(json.dumps(_api_description(), default=str))
