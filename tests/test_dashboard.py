"""What the dashboard shows each person."""

import datetime

import pytest
from django.urls import reverse

from registers import services as register_services
from tests.procurement_helpers import today

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_only_systems_in_use_today(client, commissioner, organisation):
    for name, first_use, end_of_use in [
        ("In use", datetime.date(2025, 1, 1), None),
        ("Ended", datetime.date(2024, 1, 1), datetime.date(2025, 1, 1)),
        ("Not yet", today() + datetime.timedelta(days=10), None),
    ]:
        register_services.ai_system_create(
            actor=commissioner,
            organisation=organisation,
            name=name,
            used_in_high_risk_decision_making=True,
            first_use=first_use,
            end_of_use=end_of_use,
        )
    client.force_login(commissioner)
    panel = next(
        panel
        for panel in client.get(reverse("core:dashboard")).context["panels"]
        if "systems" in panel.context
    )
    assert [system.name for system in panel.context["systems"]] == ["In use"]
