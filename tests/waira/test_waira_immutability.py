"""A completed WAIRA cannot be edited through any view, form, admin, service or query."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.roles import Role
from tests.waira_helpers import answer_everything, assessable_system, discuss_and_conclude, share
from waira import services
from waira.models import (
    AdverseAspect,
    Concern,
    Waira,
    WairaComment,
    WairaSnapshot,
    WairaStatuteRisk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(commissioner, organisation, user_with_role):
    """A completed WAIRA with a row in every related table: a risk, a concern answered, an
    adverse aspect, a comment and snapshots."""
    worker = user_with_role(Role.WORKER)
    system = assessable_system(commissioner, organisation)
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    share(commissioner, waira, [worker])
    concern = services.concern_raise(actor=worker, waira=waira, text="Breaks?", anonymous=False)
    services.concern_respond(actor=commissioner, concern=concern, response="Protected.")
    services.waira_comment(actor=commissioner, waira=waira, text="Ready.")
    discuss_and_conclude(commissioner, waira)
    return services.waira_complete(actor=commissioner, waira=waira)


def test_no_service_changes_a_completed_waira(commissioner, completed):
    before = Waira.objects.get(pk=completed.pk).purpose
    with pytest.raises(Exception) as refused:
        services.waira_update(
            actor=commissioner,
            waira=completed,
            texts={"purpose": "Rewritten."},
            statute_risks={},
            not_reasonably_practicable={},
        )
    assert type(refused.value).__name__ in {"PermissionDenied", "ValidationError"}
    assert Waira.objects.get(pk=completed.pk).purpose == before


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("waira:waira_edit", {"purpose": "Rewritten."}),
        ("waira:waira_share", {"audience": "All.", "method": "Email."}),
        ("waira:waira_conclude", {}),
        ("waira:waira_reopen", {"reason": "Change it."}),
        ("waira:waira_complete", {"confirm": "on"}),
        ("waira:waira_comment", {"text": "Late comment."}),
        ("waira:adverse_aspect_create", {"aspect": "A."}),
    ],
)
@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.ADMINISTRATOR])
def test_no_view_changes_a_completed_waira(client, completed, user_with_role, url_name, data, role):
    person = user_with_role(role, is_staff=True, is_superuser=True)
    client.force_login(person)
    content = Waira.objects.get(pk=completed.pk).content_sha256
    response = client.post(reverse(url_name, args=[completed.pk]), data)
    assert response.status_code == 403
    assert Waira.objects.get(pk=completed.pk).content_sha256 == content
    assert Waira.objects.get(pk=completed.pk).purpose != "Rewritten."


def test_the_admin_shows_a_completed_waira_read_only(client, completed, user_with_role):
    admin = user_with_role(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:waira_waira_change", args=[completed.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"purpose": "Rewritten.", "state": "draft"})
    assert response.status_code == 403
    delete = reverse("admin:waira_waira_delete", args=[completed.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Waira.objects.get(pk=completed.pk).state == "completed"


@pytest.mark.parametrize(
    "change",
    [
        lambda w: Waira.objects.filter(pk=w.pk).update(purpose="Rewritten."),
        lambda w: Waira.objects.filter(pk=w.pk).update(state="draft"),
        lambda w: Waira.objects.filter(pk=w.pk).delete(),
        lambda w: WairaStatuteRisk.objects.filter(waira=w).update(measures="None."),
        lambda w: WairaStatuteRisk.objects.create(waira=w, statute="hswa2"),
        lambda w: Concern.objects.filter(waira=w).update(response="Changed."),
        lambda w: AdverseAspect.objects.filter(waira=w).delete(),
        lambda w: WairaComment.objects.create(waira=w, author=w.created_by, text="Late."),
        lambda w: WairaComment.objects.filter(waira=w).update(text="Edited."),
        lambda w: WairaSnapshot.objects.filter(waira=w).update(sha256="0" * 64),
    ],
    ids=[
        "update-answer",
        "update-state",
        "delete",
        "update-risk",
        "add-risk",
        "update-concern",
        "delete-aspect",
        "add-comment",
        "edit-comment",
        "update-snapshot",
    ],
)
def test_the_database_refuses_any_change_to_a_completed_waira(completed, change):
    with pytest.raises(IntegrityError), transaction.atomic():
        change(completed)
    assert Waira.objects.get(pk=completed.pk).state == "completed"


def test_a_shared_snapshot_never_changes_even_before_completion(
    commissioner, organisation, user_with_role
):
    system = assessable_system(commissioner, organisation)
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    share(commissioner, waira, [user_with_role(Role.WORKER)])
    with pytest.raises(IntegrityError), transaction.atomic():
        WairaSnapshot.objects.filter(waira=waira).update(content={})
    with pytest.raises(IntegrityError), transaction.atomic():
        WairaSnapshot.objects.filter(waira=waira).delete()
