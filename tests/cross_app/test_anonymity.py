"""An anonymous concern is anonymous on every surface Llais has.

A worker with a name, username and email found nowhere else raises a concern with a marker text
through the page, as a real worker would (so simple-history's request middleware is in play),
with logging captured at DEBUG and the tasks it queues run; a manager answers it. Then every
place a concern can appear is read as the people who may read it: the history rows, the timeline
events and the timeline on the WAIRA page, the logs, the emails, the staff PDF pack, the pages
of a commissioner, a union representative and an oversight member, and the Django admin as a
superuser. None may link the concern to its author, and none may show its time to the minute.
"""

from __future__ import annotations

import ast
import datetime
import io
import json
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from pypdf import PdfReader

from core import legal_time
from core.models import Notification, TimelineEvent, User
from core.roles import Role
from core.services import notifications_deliver
from packs import services as pack_services
from packs.case_export import case_export
from procurement import services as procurement_services
from tests import ROOT
from tests.factories import member
from tests.module_worlds import rolled_back_at_the_end
from tests.procurement_helpers import new_case
from tests.waira_helpers import answer_everything, assessable_system, fellow_workers, share
from waira import services as waira_services
from waira.models import Concern, Waira

pytestmark = pytest.mark.django_db

MARKER_TEXT = "Marker concern 7Q2X: the night rota leaves no break after a late visit."
DAY = datetime.date(2026, 10, 14)
RAISED = datetime.datetime.combine(DAY, datetime.time(14, 37, 51), tzinfo=legal_time.UK)
ANSWERED = datetime.datetime.combine(DAY, datetime.time(16, 48, 9), tzinfo=legal_time.UK)
# The times of the concern to the minute, as any page or PDF would print them.
TIMES = ("14:37", "16:48", "13:37", "15:48")  # UK time, and UTC (14 October is in BST)


@dataclass
class World:
    waira: Waira
    concern: Concern
    author: User
    people: dict[str, User]
    logs: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    notifications_made: int = 0

    @property
    def author_marks(self) -> list[str]:
        """What would name the author: their name, username, email and the admin link to them."""
        return [
            self.author.first_name,
            self.author.last_name,
            self.author.username,
            self.author.email,
            reverse("admin:core_user_change", args=[self.author.pk]),
        ]


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.getMessage()} {record.args!r}")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with rolled_back_at_the_end(django_db_blocker), django_db_blocker.unblock():
        yield build_world()


def build_world() -> World:
    from tests.factories import example_organisation

    organisation = example_organisation()
    people: dict[str, User] = {
        role: member(role, organisation)
        for role in (Role.COMMISSIONER, Role.UNION_REPRESENTATIVE, Role.OVERSIGHT_MEMBER)
    }
    people["superuser"] = User.objects.create_superuser("root-admin", "root@example.org", "x")
    author = member(
        Role.WORKER,
        organisation,
        username="zq-marker-7731",
        first_name="Zephyrine",
        last_name="Quillfeather",
        email="zq.marker7731@example.org",
    )
    commissioner = people[Role.COMMISSIONER]
    case = new_case(commissioner, organisation, people[Role.UNION_REPRESENTATIVE])
    with time_machine.travel(RAISED - datetime.timedelta(hours=5), tick=False):
        system = assessable_system(commissioner, organisation, name="RotaWise")
        procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
        waira = waira_services.waira_create(actor=commissioner, system=system)
        answer_everything(commissioner, waira)
        share(commissioner, waira, [author, *fellow_workers(organisation, 4)])

    world = World(waira=waira, concern=None, author=author, people=people)  # type: ignore[arg-type]
    handler = Captured()
    root = logging.getLogger()
    loggers = [root, *(logging.getLogger(name) for name in logging.root.manager.loggerDict)]
    levels = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    root.addHandler(handler)
    notifications_deliver()  # the emails of the sharing go first: only the concern's are walked
    mail.outbox = []
    notifications_before = Notification.objects.count()
    try:
        # Proof that a DEBUG line from the app would be caught.
        logging.getLogger("waira").debug("capture is live")
        with TestCase.captureOnCommitCallbacks(execute=True):
            worker_client = Client()
            worker_client.force_login(author)
            with time_machine.travel(RAISED, tick=False):
                response = worker_client.post(
                    reverse("waira:consultation_detail", args=[waira.pk]),
                    {"text": MARKER_TEXT, "anonymous": "on"},
                )
            assert response.status_code == 302
        concern = Concern.objects.get(text=MARKER_TEXT)
        with TestCase.captureOnCommitCallbacks(execute=True):
            manager = Client()
            manager.force_login(commissioner)
            with time_machine.travel(ANSWERED, tick=False):
                response = manager.post(
                    reverse("waira:concern_respond", args=[waira.pk, concern.pk]),
                    {"response": "Breaks after late visits are now protected."},
                )
            assert response.status_code == 302
    finally:
        root.removeHandler(handler)
        for logger, level in levels:
            logger.setLevel(level)
    world.concern = concern
    world.logs = handler.lines
    world.emails = [f"{m.subject}\n{m.body}\n{m.to}" for m in mail.outbox]
    world.notifications_made = Notification.objects.count() - notifications_before
    assert concern.anonymous and concern.raised_by_id == author.pk
    return world


def links_to_author(text: str, world: World) -> list[str]:
    return [mark for mark in world.author_marks if mark.lower() in text.lower()]


def times_in(text: str) -> list[str]:
    return [time for time in TIMES if time in text]


# --- The records ---------------------------------------------------------------------------


def test_no_history_row_names_the_author(world):
    history = Concern.history.model
    assert "raised_by_id" not in {f.attname for f in history._meta.concrete_fields}
    users = set(
        history.objects.filter(id=world.concern.pk).values_list("history_user_id", flat=True)
    )
    assert users == {None, world.people[Role.COMMISSIONER].pk}


def test_no_timeline_event_names_the_author(world):
    events = TimelineEvent.objects.filter(object_id=world.waira.pk)
    assert not events.filter(actor=world.author).exists()
    raised = events.get(kind="concern_raised")
    assert raised.actor is None and set(raised.data) == {"concern"}
    for event in events:
        assert links_to_author(f"{event.reason} {event.data}", world) == []


def test_the_logs_name_nobody(world):
    assert "capture is live" in " ".join(world.logs)
    assert [line for line in world.logs if links_to_author(line, world)] == []


def test_the_commissioner_is_told_of_the_concern_and_not_who_raised_it(world):
    """The case's commissioner is told a concern was raised (one notification, one email):
    neither names its author, quotes it or gives its time to the minute."""
    commissioner = world.people[Role.COMMISSIONER]
    told = Notification.objects.filter(kind="concern_raised")
    assert world.notifications_made == 1
    assert list(told.values_list("recipient", flat=True)) == [commissioner.pk]
    assert len(world.emails) == 1 and commissioner.email in world.emails[0]
    for email in world.emails:
        assert links_to_author(email, world) == [] and MARKER_TEXT not in email
        assert times_in(email) == []


# --- What people read -----------------------------------------------------------------------


def pages_for(world: World) -> dict[str, list[str]]:
    waira, system = world.waira, world.waira.system
    pages = [
        reverse("waira:waira_detail", args=[waira.pk]),
        reverse("waira:waira_list"),
        reverse("core:dashboard"),
    ]
    system_page = reverse("registers:system_detail", args=[system.pk])  # and its timeline
    return {
        Role.COMMISSIONER: [
            *pages,
            system_page,
            reverse("waira:concern_respond", args=[waira.pk, world.concern.pk]),
            # The notification of the concern, and where it lands.
            reverse("core:notification_list"),
        ],
        Role.UNION_REPRESENTATIVE: pages,
        Role.OVERSIGHT_MEMBER: [*pages, system_page],
    }


@pytest.mark.parametrize(
    "role", [Role.COMMISSIONER, Role.UNION_REPRESENTATIVE, Role.OVERSIGHT_MEMBER]
)
def test_the_pages_staff_and_representatives_read_do_not_name_the_author(world, role):
    client = Client()
    client.force_login(world.people[role])
    for url in pages_for(world)[role]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert links_to_author(page, world) == [], url
        assert times_in(page) == [], url
    detail = client.get(reverse("waira:waira_detail", args=[world.waira.pk])).content.decode()
    assert MARKER_TEXT in detail and "Anonymous worker" in detail  # the concern is there


@pytest.mark.parametrize(
    "role", [Role.COMMISSIONER, Role.UNION_REPRESENTATIVE, Role.OVERSIGHT_MEMBER]
)
def test_the_pdf_pack_does_not_name_the_author_or_the_minute(world, role):
    client = Client()
    client.force_login(world.people[role])
    response = client.get(reverse("waira:waira_pdf", args=[world.waira.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Marker concern 7Q2X" in text
    assert links_to_author(text, world) == []
    assert times_in(text) == []


@pytest.mark.parametrize(
    "role", [Role.COMMISSIONER, Role.UNION_REPRESENTATIVE, Role.OVERSIGHT_MEMBER]
)
def test_the_case_pack_and_its_bundle_do_not_name_the_author_or_the_minute(world, role):
    """The case assessment pack (packs) prints the WAIRA's consultation record, and its evidence
    bundle carries the WAIRA's PDF and the timeline as JSON: each read as its reader may."""
    case = world.waira.system.procurement_cases.get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        pack = pack_services.case_pack_request(actor=world.people[role], case=case, language="en")
    pack.refresh_from_db()
    with pack.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Marker concern 7Q2X" in text
    assert links_to_author(text, world) == []
    assert times_in(text) == []
    with pack.bundle.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as bundle:
        for name in bundle.namelist():
            data = bundle.read(name)
            if name.endswith(".pdf"):
                pages = PdfReader(io.BytesIO(data)).pages
                data = " ".join(page.extract_text() for page in pages).encode()
            body = re.sub(r"\s+", " ", data.decode("utf-8", errors="replace"))
            assert links_to_author(body, world) == [], name
            assert times_in(body) == [], name
            assert str(world.author.pk) not in re.findall(r'"actor": (\d+)', body), name


def test_the_case_export_does_not_name_the_author_or_the_minute(world):
    """The case as JSON (packs, docs/case-export.md) carries the consultation record; it is
    imported by case_import, which writes an anonymous concern with nobody behind it."""
    case = world.waira.system.procurement_cases.get()
    body = json.dumps(case_export(case), ensure_ascii=False)
    assert "Marker concern 7Q2X" in body
    assert links_to_author(body, world) == []
    assert times_in(body) == []


def admin_pages(world: World) -> list[str]:
    concern = world.concern
    history = Concern.history.model.objects.filter(id=concern.pk)
    return [
        reverse("admin:waira_concern_changelist"),
        reverse("admin:waira_concern_change", args=[concern.pk]),
        reverse("admin:waira_concern_history", args=[concern.pk]),
        *(
            reverse("admin:waira_concern_simple_history", args=[concern.pk, row.history_id])
            for row in history
        ),
    ]


def test_the_admin_concern_pages_do_not_name_the_author_or_the_minute(world):
    client = Client()
    client.force_login(world.people["superuser"])
    for url in admin_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert links_to_author(page, world) == [], url
        assert times_in(page) == [], url
    history = client.get(admin_pages(world)[2]).content.decode()
    assert "14 October 2026" in history


def test_the_admin_timeline_does_not_name_the_author(world):
    client = Client()
    client.force_login(world.people["superuser"])
    page = client.get(
        reverse("admin:core_timelineevent_changelist") + "?kind=concern_raised"
    ).content.decode()
    assert "concern_raised" in page
    assert links_to_author(page, world) == []


# --- Every surface is in this module --------------------------------------------------------

# The modules outside the waira app that may read concerns. A new export, API, email or page
# that reads them must be added to this module's walk before it goes here.
READ_CONCERNS_ELSEWHERE: set[str] = {
    # test_the_case_export_does_not_name_the_author_or_the_minute
    "packs/case_export.py",
    "packs/case_import.py",
}


def modules_reading_concerns() -> set[str]:
    found = set()
    for folder in (
        "core",
        "registers",
        "rights_requests",
        "procurement",
        "accountability",
        "oversight",
        "packs",
        "config",
    ):
        for path in Path(ROOT, folder).rglob("*.py"):
            source = path.read_text("utf-8")
            tree = ast.parse(source)
            names = {
                node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
                for node in ast.walk(tree)
                if isinstance(node, ast.Attribute | ast.Name)
            }
            if {"Concern", "concerns", "HistoricalConcern"} & names:
                found.add(str(path.relative_to(ROOT)))
    return found


def test_no_other_app_reads_concerns_behind_this_walk():
    assert modules_reading_concerns() == READ_CONCERNS_ELSEWHERE


def test_your_information_shows_the_concern_to_its_author_alone(world):
    """A person's own information includes their anonymous concerns (it is their data); nobody
    else's does, in the page or the download."""
    for person in [world.author, *world.people.values()]:
        client = Client()
        client.force_login(person)
        for name in ("core:your_information", "core:your_information_download"):
            body = client.get(reverse(name)).content.decode()
            assert (MARKER_TEXT in body) == (person == world.author), (person, name)


def test_every_waira_module_that_shows_concerns_is_walked():
    """The waira modules that read concerns, and the surface of this module that covers each."""
    covered: dict[str, Any] = {
        "waira/admin.py": test_the_admin_concern_pages_do_not_name_the_author_or_the_minute,
        "waira/forms.py": None,  # the worker's own form
        "waira/models.py": test_no_history_row_names_the_author,
        "waira/pdf.py": test_the_pdf_pack_does_not_name_the_author_or_the_minute,
        # It removes the author and writes an event naming nobody
        # (tests/waira/test_concern_retention.py).
        "waira/retention.py": None,
        "waira/selectors.py": test_the_pages_staff_and_representatives_read_do_not_name_the_author,
        "waira/services.py": test_no_timeline_event_names_the_author,
        "waira/timeline.py": test_the_pages_staff_and_representatives_read_do_not_name_the_author,
        "waira/views.py": test_the_pages_staff_and_representatives_read_do_not_name_the_author,
        "waira/your_information.py": test_your_information_shows_the_concern_to_its_author_alone,
    }
    reading = set()
    for path in Path(ROOT, "waira").glob("*.py"):
        if re.search(r"\bConcern\b|\.concerns\b", path.read_text("utf-8")):
            reading.add(str(path.relative_to(ROOT)))
    assert reading <= set(covered), reading - set(covered)
