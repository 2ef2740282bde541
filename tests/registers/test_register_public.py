"""The public register: no sign-in, filters and search, Welsh, and never anything unpublished or
personal, in any page, download, API answer or feed."""

import csv
import datetime
import io
import json

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse

from core.clock import uk_today
from core.roles import Role
from registers import services
from rights_requests.models import ContactKind
from tests.register_helpers import (
    entry_for,
    entry_text,
    published_entry,
    register_system,
    waira_completed,
)
from tests.registers.test_register_entries import update
from tests.rights_helpers import contact

pytestmark = pytest.mark.django_db

PUBLISHED_MARK = "PUBLISHED-PURPOSE-7731"
SECRETS = {
    "draft": "DRAFT-SECRET-4410",
    "unpublished edit": "UNPUBLISHED-EDIT-5521",
    "value chain": "VALUE-CHAIN-SECRET-6632",
    "system description": "SYSTEM-DESCRIPTION-SECRET-7743",
    "staff email": "ceri.secret@example.org",
    "staff name": "Ceridwen-Secretname",
    "staff username": "ceri-secret-login",
    "contact's training evidence": "TRAINING-EVIDENCE-SECRET-8854",
    "contact's authority evidence": "AUTHORITY-EVIDENCE-SECRET-9965",
}
PUBLISHED_CONTACT_EMAIL = "rights@example-council.org"
# Published in the ATRS download only (2.1.4.3), frozen with the version (docs/adr/0023).
PUBLISHED_VALUE_CHAIN = "Built and hosted by Rota Systems Ltd; configured by the council."


@pytest.fixture
def register(organisation, other_organisation, user_with_role):
    commissioner = user_with_role(
        Role.COMMISSIONER,
        username=SECRETS["staff username"],
        email=SECRETS["staff email"],
        first_name=SECRETS["staff name"],
    )
    first_use = datetime.date(2025, 1, 6)
    rota = register_system(
        commissioner,
        organisation,
        first_use=first_use,
        name="RotaWise",
        supplier="Rota Systems Ltd",
        value_chain=PUBLISHED_VALUE_CHAIN,
        description=SECRETS["system description"],
        categories=("allocation-of-work", "pay"),
    )
    rota_entry, _version = published_entry(
        commissioner, rota, purpose_en=PUBLISHED_MARK, name_cy="RotaDoeth"
    )
    waira_completed(rota, datetime.date(2024, 12, 1))
    # The value chain changed later, not published: not even the ATRS download shows it.
    update(commissioner, rota, value_chain=SECRETS["value chain"])
    # A later edit, saved but not published.
    services.register_entry_save(
        actor=commissioner,
        system=rota,
        **entry_text(purpose_en=PUBLISHED_MARK, data_types_en=SECRETS["unpublished edit"]),
    )
    # A draft nobody has published.
    draft = register_system(
        commissioner, organisation, first_use=first_use, name="HireBot DRAFT-SECRET-4410"
    )
    services.register_entry_save(
        actor=commissioner, system=draft, **entry_text(description_en=SECRETS["draft"])
    )
    # The published contacts (s.17(9), s.18(4)); their evidence of competence is not published.
    administrator = user_with_role(Role.ADMINISTRATOR)
    contact(
        administrator,
        organisation,
        ContactKind.NOMINATED_CONTACT,
        name="Nia Explains",
        email=PUBLISHED_CONTACT_EMAIL,
    )
    contact(
        administrator,
        organisation,
        ContactKind.COMPETENT_AGENT,
        name="Huw Reconsiders",
        training_evidence=SECRETS["contact's training evidence"],
        authority_evidence=SECRETS["contact's authority evidence"],
    )
    # Another organisation's published entry, for the filters.
    other_commissioner = user_with_role(Role.COMMISSIONER, organisation=other_organisation)
    screen = register_system(
        other_commissioner,
        other_organisation,
        first_use=first_use,
        name="ScreenSure",
        supplier="Sift Analytics Ltd",
        categories=("recruitment",),
    )
    # Reviewed a month ago: within its 12 months.
    waira_completed(screen, uk_today() - datetime.timedelta(days=30))
    screen_entry, _ = published_entry(
        other_commissioner,
        screen,
        description_en="Ranks job applications.",
        description_cy="Mae'n rhestru ceisiadau am swyddi.",
    )
    return {
        "rota": rota_entry,
        "screen": screen_entry,
        "draft": entry_for(draft),
        "commissioner": commissioner,
    }


def body(response: HttpResponse | StreamingHttpResponse) -> str:
    """The whole body, streamed or not (a streamed one's getvalue joins its chunks)."""
    return response.getvalue().decode()


def public_urls(register) -> dict[str, str]:
    rota = register["rota"]
    return {
        "list": reverse("register:list"),
        "search": reverse("register:list") + "?q=rota",
        "entry": reverse("register:entry", args=[rota.pk]),
        "version": reverse("register:version", args=[rota.pk, 1]),
        "csv": reverse("register:csv"),
        "json": reverse("register:json"),
        "atrs": reverse("register:atrs"),
        "feed": reverse("register:feed"),
        "api list": reverse("register-api:entry-list"),
        "api entry": reverse("register-api:entry-detail", args=[rota.pk]),
        "api version": reverse("register-api:version-detail", args=[rota.pk, 1]),
    }


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(
    "fmt",
    [
        "list",
        "search",
        "entry",
        "version",
        "csv",
        "json",
        "atrs",
        "feed",
        "api list",
        "api entry",
        "api version",
    ],
)
def test_nothing_unpublished_or_personal_in_any_format(client, register, fmt, language):
    client.cookies["django_language"] = language
    response = client.get(public_urls(register)[fmt])
    assert response.status_code == 200
    text = body(response)
    # The published entry is there (by its Welsh name on Welsh pages), so the check means something.
    assert "RotaWise" in text or (language == "cy" and "RotaDoeth" in text)
    for what, secret in SECRETS.items():
        assert secret not in text, f"{fmt} shows the {what}"
    # The value chain as published is in the ATRS download (2.1.4.3) and nowhere else.
    assert (PUBLISHED_VALUE_CHAIN in text) == (fmt == "atrs")


def test_a_draft_entry_is_not_found(client, register):
    assert client.get(reverse("register:entry", args=[register["draft"].pk])).status_code == 404
    api = reverse("register-api:entry-detail", args=[register["draft"].pk])
    assert client.get(api).status_code == 404


def names_listed(client, query: str = "") -> set[str]:
    text = body(client.get(reverse("register:list") + query))
    return {name for name in ("RotaWise", "ScreenSure") if f">{name}<" in text}


def test_filters_and_search(client, register, other_organisation):
    assert names_listed(client) == {"RotaWise", "ScreenSure"}
    assert names_listed(client, f"?organisation={other_organisation.slug}") == {"ScreenSure"}
    assert names_listed(client, "?category=pay") == {"RotaWise"}
    assert names_listed(client, "?category=recruitment") == {"ScreenSure"}
    assert names_listed(client, "?q=ceisiadau") == {"ScreenSure"}  # Welsh text is searched
    assert names_listed(client, "?q=rota+systems") == {"RotaWise"}  # the supplier too
    assert names_listed(client, "?q=" + SECRETS["unpublished edit"]) == set()
    assert names_listed(client, "?status=ended") == set()
    assert names_listed(client, "?status=in-use") == {"RotaWise", "ScreenSure"}


def test_review_overdue_badge(client, register):
    """RotaWise's WAIRA was completed on 1 December 2024, so its review was due 1 December 2025;
    ScreenSure's was reviewed a month ago."""
    assert names_listed(client, "?status=review-overdue") == {"RotaWise"}
    page = body(client.get(reverse("register:entry", args=[register["rota"].pk])))
    assert "Review overdue" in page
    assert "1 December 2025" in page


def test_the_welsh_page_shows_welsh_and_marks_english(client, register):
    client.cookies["django_language"] = "cy"
    page = body(client.get(reverse("register:entry", args=[register["screen"].pk])))
    assert "Mae&#x27;n rhestru ceisiadau am swyddi." in page
    rota = body(client.get(reverse("register:entry", args=[register["rota"].pk])))
    assert "RotaDoeth" in rota
    assert f'lang="en">{PUBLISHED_MARK}<' not in rota  # Welsh purpose was written
    assert 'lang="cy"' in rota


def test_the_language_switch_keeps_the_public_page(client, register):
    page = reverse("register:entry", args=[register["rota"].pk])
    response = client.post(reverse("set_language"), {"language": "cy", "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    assert 'lang="cy"' in body(client.get(page))


def test_earlier_versions_can_be_read(client, register):
    rota = register["rota"]
    version_two = services.register_entry_publish(
        actor=register["commissioner"],
        entry=rota,
        change_date=datetime.date(2025, 6, 2),
        change_note_en="Now also uses stated availability.",
        change_note_cy="Mae hefyd yn defnyddio argaeledd a nodwyd.",
    )
    current = body(client.get(reverse("register:entry", args=[rota.pk])))
    assert SECRETS["unpublished edit"] in current  # now published
    assert "Now also uses stated availability." in current
    assert "2 June 2025" in current
    first = body(client.get(reverse("register:version", args=[rota.pk, 1])))
    assert SECRETS["unpublished edit"] not in first
    assert "It is not the current entry" in first
    assert version_two.number == 2


def test_the_csv_streams_and_reads_back(client, register):
    response = client.get(reverse("register:csv"))
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert {row["name_en"] for row in rows} == {"RotaWise", "ScreenSure"}
    rota = next(row for row in rows if row["name_en"] == "RotaWise")
    assert rota["decision_categories"] == "pay;allocation-of-work"
    assert rota["waira_completed_on"] == "2024-12-01"
    assert rota["waira_next_review_due"] == "2025-12-01"
    assert rota["name_cy"] == "RotaDoeth"


def test_the_feed_lists_each_published_version(client, register):
    response = client.get(reverse("register:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = body(response)
    assert feed.count("<entry>") == 2
    assert reverse("register:version", args=[register["rota"].pk, 1]) in feed


def test_the_json_download_is_one_document(client, register):
    document = json.loads(body(client.get(reverse("register:json"))))
    assert {entry["name_en"] for entry in document["entries"]} == {"RotaWise", "ScreenSure"}


def test_the_api_is_read_only(client, register):
    url = reverse("register-api:entry-list")
    assert client.post(url, {}).status_code in {403, 405}
    assert client.delete(
        reverse("register-api:entry-detail", args=[register["rota"].pk])
    ).status_code in {403, 405}


@pytest.mark.parametrize(
    "fmt", ["entry", "version", "csv", "json", "atrs", "api list", "api entry"]
)
def test_the_published_contacts_are_given(client, register, fmt):
    text = body(client.get(public_urls(register)[fmt]))
    assert PUBLISHED_CONTACT_EMAIL in text
    if fmt not in {"atrs"}:
        assert "Huw Reconsiders" in text
