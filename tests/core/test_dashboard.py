"""What the dashboard shows each person."""

import datetime

import pytest
from django.urls import reverse

from registers import services as register_services
from tests.procurement_helpers import today
from tests.system_helpers import system_in_high_risk_use
from tests.waira_helpers import assessable_system

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_only_systems_in_use_today(client, commissioner, organisation):
    system_in_high_risk_use(
        commissioner, organisation, name="In use", first_use=datetime.date(2025, 1, 1)
    )
    ended = system_in_high_risk_use(
        commissioner, organisation, name="Ended", first_use=datetime.date(2024, 1, 1)
    )
    register_services.ai_system_update(
        actor=commissioner,
        system=ended,
        name=ended.name,
        supplier=ended.supplier,
        description=ended.description,
        value_chain=ended.value_chain,
        decision_categories=list(ended.decision_categories.all()),
        used_in_high_risk_decision_making=True,
        planned_start=ended.planned_start,
        first_use=ended.first_use,
        end_of_use=datetime.date(2025, 1, 1),
    )
    assessable_system(
        commissioner,
        organisation,
        name="Not yet",
        planned_start=today() + datetime.timedelta(days=10),
    )
    client.force_login(commissioner)
    panel = next(
        panel
        for panel in client.get(reverse("core:dashboard")).context["panels"]
        if "systems" in panel.context
    )
    assert [system.name for system in panel.context["systems"]] == ["In use"]
