"""The WAIRA PDF: every answered field, the SHA-256 on the cover, tagged for screen readers
(PDF/UA-1), Welsh letters kept; workers consulted get the version shared with them."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, PdfObject, StreamObject

from core.pdf import content_sha256
from core.roles import Role
from tests.waira_helpers import (
    answer_everything,
    assessable_system,
    complete_waira,
    discuss_and_conclude,
    share,
)
from waira import selectors, services

pytestmark = pytest.mark.django_db

WELSH = "Gweithwyr â chŵn a ŷd: ymgynghoriad ôl-weithredol"


def text_of(reader: PdfReader, pages: slice = slice(None)) -> str:
    """The text of the pages, with whitespace collapsed (lines wrap wherever they fall)."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages[pages]))


def dictionary(value: PdfObject | None) -> DictionaryObject:
    """A PDF dictionary (pypdf types every value it reads as a plain PdfObject)."""
    assert isinstance(value, DictionaryObject)
    return value


def text(value: PdfObject) -> str:
    """A PDF text string (a str to Python, typed as a plain PdfObject by pypdf)."""
    assert isinstance(value, str)
    return value


def squash(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


@pytest.fixture
def worker(user_with_role):
    return user_with_role(Role.WORKER)


@pytest.fixture
def completed(commissioner, organisation, worker):
    system = assessable_system(commissioner, organisation, name="RotaWise Cymru")
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    services.waira_update(
        actor=commissioner,
        waira=waira,
        texts={"purpose": WELSH},
        statute_risks={},
        not_reasonably_practicable={},
    )
    share(commissioner, waira, [worker])
    discuss_and_conclude(commissioner, waira)
    return services.waira_complete(actor=commissioner, waira=waira)


def download(client, person, url_name, waira) -> PdfReader:
    client.force_login(person)
    response = client.get(reverse(url_name, args=[waira.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def test_the_pdf_holds_every_answer_and_the_sha256_on_its_cover(client, commissioner, completed):
    reader = download(client, commissioner, "waira:waira_pdf", completed)
    text = text_of(reader)
    content = selectors.current_content(completed)
    for key, answer in content["answers"].items():
        if answer and key != "c":  # (c) is a date, printed in words
            assert squash(answer) in text, key
    cover = text_of(reader, slice(0, 1))
    assert completed.content_sha256 in cover.replace(" ", "")
    assert completed.content_sha256 == selectors.completed_snapshot(completed).sha256


def test_the_pdf_is_tagged_pdf_ua_with_a_title_and_language(client, commissioner, completed):
    reader = download(client, commissioner, "waira:waira_pdf", completed)
    root = dictionary(reader.trailer["/Root"])
    assert bool(dictionary(root["/MarkInfo"])["/Marked"])
    assert "/StructTreeRoot" in root
    assert text(root["/Lang"]) == "en"
    stream = root["/Metadata"].get_object()
    assert isinstance(stream, StreamObject)
    metadata = stream.get_data().decode()
    assert "pdfuaid:part" in metadata
    assert reader.metadata is not None
    assert reader.metadata.title == f"WAIRA 1: {completed.system.name}"


def test_welsh_letters_survive_into_the_pdf(client, commissioner, completed):
    reader = download(client, commissioner, "waira:waira_pdf", completed)
    assert WELSH in text_of(reader)


def test_the_pdf_prints_in_welsh_for_a_welsh_reader(client, commissioner, completed):
    client.force_login(commissioner)
    client.post(reverse("set_language"), {"language": "cy", "next": "/"})
    response = client.get(reverse("waira:waira_pdf", args=[completed.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    assert text(dictionary(reader.trailer["/Root"])["/Lang"]) == "cy"


def test_a_worker_consulted_downloads_the_version_shared_with_them(
    client, commissioner, organisation, worker
):
    system = assessable_system(commissioner, organisation)
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    share(commissioner, waira, [worker])
    services.waira_update(
        actor=commissioner,
        waira=waira,
        texts={"purpose": "A purpose written after sharing."},
        statute_risks={},
        not_reasonably_practicable={},
    )
    reader = download(client, worker, "waira:consultation_pdf", waira)
    text = text_of(reader)
    shared = selectors.latest_shared_snapshot(waira)
    assert shared is not None
    assert squash(shared.content["answers"]["e.purpose"]) in text
    assert "A purpose written after sharing." not in text
    assert shared.sha256 in text_of(reader, slice(0, 1)).replace(" ", "")


def test_a_draft_pdf_says_it_is_not_final_and_stamps_its_content(
    client, commissioner, organisation
):
    system = assessable_system(commissioner, organisation)
    waira = services.waira_create(actor=commissioner, system=system)
    text = text_of(download(client, commissioner, "waira:waira_pdf", waira), slice(0, 1))
    assert "not final" in text
    assert content_sha256(selectors.current_content(waira)) in text.replace(" ", "")


def test_the_pdf_of_a_further_waira_shows_what_changed(client, commissioner, organisation):
    system = assessable_system(commissioner, organisation)
    complete_waira(commissioner, system)
    further = services.waira_create(actor=commissioner, system=system)
    services.waira_update(
        actor=commissioner,
        waira=further,
        texts={"purpose": "Now also weekend cover."},
        statute_risks={},
        not_reasonably_practicable={},
    )
    text = text_of(download(client, commissioner, "waira:waira_pdf", further))
    assert "What changed since the previous WAIRA" in text
    assert "Now also weekend cover." in text
