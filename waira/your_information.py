"""The concerns a person raised (their anonymous ones too: it is their own data) and the WAIRA
consultations they were part of, for "Your information"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.extensions import PersonalDataSection, register_personal_data
from core.models import User
from core.your_information import rows_of
from waira.models import Concern, WairaConsultee


@register_personal_data(40)
def concerns(user: User) -> PersonalDataSection:
    labels = {
        "id": _("Concern number"),
        "waira__system__name": _("AI system"),
        "waira__version": _("WAIRA version"),
        "anonymous": _("Anonymous to managers"),
        "text": _("Your concern"),
        "raised_at": _("Raised at"),
        "response": _("The employer's answer"),
        "responded_at": _("Answered at"),
    }
    return PersonalDataSection(
        "concerns",
        _("Concerns you raised"),
        labels,
        rows_of(Concern.objects.filter(raised_by=user).order_by("raised_at").values(*labels)),
    )


@register_personal_data(50)
def consultations(user: User) -> PersonalDataSection:
    labels = {
        "waira__system__name": _("AI system"),
        "waira__version": _("WAIRA version"),
        "waira__state": _("State"),
        "added_at": _("Added to the consultation"),
    }
    return PersonalDataSection(
        "consultations",
        _("Consultations you were part of"),
        labels,
        rows_of(WairaConsultee.objects.filter(worker=user).order_by("added_at").values(*labels)),
    )
