"""Every model is in the admin with its history; only superusers enter it; it moves no case's
stage and changes no domain record; nothing is reverted from history."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from core.admin import HistoryWithoutRevertAdmin
from core.roles import Role
from procurement import services
from procurement.models import EngagementApproach
from procurement.stages import Stage
from registers import services as register_services
from tests.procurement_helpers import new_case, today

pytestmark = pytest.mark.django_db

APPS = ("core", "procurement", "registers", "rights_requests", "accountability")
# simple-history's tables are read through each model's own history page.
NOT_REGISTERED_ON_PURPOSE = {"historical"}


def project_models():
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            name = model._meta.model_name
            assert name is not None
            if not any(part in name for part in NOT_REGISTERED_ON_PURPOSE):
                yield model


@pytest.mark.parametrize("model", list(project_models()), ids=lambda model: model._meta.label)
def test_every_model_has_an_admin_list(admin_client, model):
    assert admin.site.is_registered(model)
    opts = model._meta
    response = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200


def test_a_case_has_its_history_in_the_admin_and_no_stage_input(
    admin_client, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    change = admin_client.get(reverse("admin:procurement_procurementcase_change", args=[case.pk]))
    assert change.status_code == 200
    assert 'name="stage"' not in change.content.decode()
    history = admin_client.get(reverse("admin:procurement_procurementcase_history", args=[case.pk]))
    assert history.status_code == 200


def test_posting_a_stage_through_the_admin_changes_nothing(
    admin_client, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    url = reverse("admin:procurement_procurementcase_change", args=[case.pk])
    admin_client.post(url, {"title": case.title, "summary": case.summary, "stage": "closed"})
    case.refresh_from_db()
    assert case.stage == Stage.PLANNING


# --- Only the platform's operators enter, and even they change no domain record --------------

DOMAIN_APPS = ("procurement", "registers", "waira", "rights_requests")
CORE_DOMAIN_MODELS = {"timelineevent", "notification", "sweeprun"}


def domain_model_admins():
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if opts.app_label in DOMAIN_APPS or (
            opts.app_label == "core" and opts.model_name in CORE_DOMAIN_MODELS
        ):
            yield model_admin


@pytest.mark.parametrize(
    "model_admin", list(domain_model_admins()), ids=lambda ma: ma.model._meta.label
)
def test_no_domain_record_is_added_changed_or_deleted_in_the_admin(rf, admin_user, model_admin):
    """Writes go through the services, which check who may and record the timeline: in the
    admin even a superuser only reads (and the inlines too)."""
    request = rf.get("/admin/")
    request.user = admin_user
    for holder in [model_admin, *model_admin.get_inline_instances(request)]:
        assert not holder.has_add_permission(request, None), holder
        assert not holder.has_change_permission(request, None), holder
        assert not holder.has_delete_permission(request, None), holder
    assert model_admin.has_view_permission(request, None)


@pytest.mark.parametrize("flags", [{}, {"is_staff": True}])
def test_an_organisation_administrator_with_staff_status_cannot_enter_the_admin(
    client, user_with_role, commissioner, organisation, flags
):
    administrator = user_with_role(Role.ADMINISTRATOR, **flags)
    case = new_case(commissioner, organisation)
    client.force_login(administrator)
    for url in (
        reverse("admin:index"),
        reverse("admin:core_user_changelist"),
        reverse("admin:procurement_procurementcase_change", args=[case.pk]),
        reverse("admin:rights_requests_rightsrequest_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]
    login_page = client.get(reverse("admin:login")).content.decode()
    assert "Rostering" not in login_page and "Site administration" not in login_page


def test_evidence_is_neither_edited_nor_deleted_in_the_admin(
    admin_client, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    activity = services.engagement_record(
        actor=commissioner,
        case=case,
        approach=EngagementApproach.objects.get(key="worker-survey"),
        held_on=today(),
        worker_groups="Care workers",
        worker_count=30,
        issues_raised="Travel time between visits.",
    )
    change = reverse("admin:procurement_engagementactivity_change", args=[activity.pk])
    response = admin_client.post(change, {"issues_raised": "Nothing.", "worker_count": "3"})
    assert response.status_code == 403
    delete = reverse("admin:procurement_engagementactivity_delete", args=[activity.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    activity.refresh_from_db()
    assert activity.issues_raised == "Travel time between visits."
    assert activity.worker_count == 30


def test_a_system_is_not_marked_in_high_risk_use_through_the_admin(
    admin_client, commissioner, organisation
):
    system = register_services.ai_system_create(
        actor=commissioner, organisation=organisation, name="RotaWise"
    )
    url = reverse("admin:registers_aisystem_change", args=[system.pk])
    response = admin_client.post(
        url,
        {
            "name": "RotaWise",
            "organisation": organisation.pk,
            "used_in_high_risk_decision_making": "on",
        },
    )
    assert response.status_code == 403
    assert admin_client.get(reverse("admin:registers_aisystem_add")).status_code == 403
    system.refresh_from_db()
    assert not system.used_in_high_risk_decision_making


def test_history_is_never_reverted(admin_client, commissioner, organisation):
    """simple-history's revert POST asks only for the view permission: refused everywhere."""
    assert settings.SIMPLE_HISTORY_REVERT_DISABLED
    system = register_services.ai_system_create(
        actor=commissioner, organisation=organisation, name="RotaWise"
    )
    register_services.ai_system_update(
        actor=commissioner,
        system=system,
        name="RotaWise 2",
        supplier="",
        description="",
        value_chain="",
        decision_categories=[],
        used_in_high_risk_decision_making=False,
        planned_start=None,
        first_use=None,
        end_of_use=None,
    )
    first = system.history.earliest()
    url = reverse("admin:registers_aisystem_simple_history", args=[system.pk, first.history_id])
    response = admin_client.post(url, {"name": "RotaWise", "organisation": organisation.pk})
    assert response.status_code == 403
    system.refresh_from_db()
    assert system.name == "RotaWise 2"
    # A person's record too, though operators may edit it.
    user_url = reverse(
        "admin:core_user_simple_history",
        args=[commissioner.pk, commissioner.history.earliest().history_id],
    )
    assert admin_client.post(user_url, {"username": "renamed"}).status_code == 403


def test_every_history_admin_refuses_a_revert():
    history_admins = [
        ma for ma in admin.site._registry.values() if isinstance(ma, SimpleHistoryAdmin)
    ]
    assert history_admins
    assert all(isinstance(ma, HistoryWithoutRevertAdmin) for ma in history_admins), [
        type(ma).__name__ for ma in history_admins if not isinstance(ma, HistoryWithoutRevertAdmin)
    ]
