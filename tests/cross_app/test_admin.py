"""Every model is in the admin with its history, and the admin cannot move a case's stage."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from procurement.stages import Stage
from tests.procurement_helpers import new_case

pytestmark = pytest.mark.django_db

APPS = ("core", "procurement", "registers", "rights_requests")
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
