"""Forms for an organisation's administrators: they parse input; core.services.organisation
decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKFormMixin
from core.models import Organisation
from core.roles import Role
from core.services import ORGANISATION_SETTINGS_FIELDS


class OrganisationSettingsForm(GovUKFormMixin, forms.ModelForm[Organisation]):
    """The settings an organisation's administrators may change: the fields are the service's
    list, so a new setting is one line there."""

    class Meta:
        model = Organisation
        fields = ORGANISATION_SETTINGS_FIELDS
        labels = {
            "name_en": _("Name in English"),
            "name_cy": _("Name in Welsh"),
            "subject_to_welsh_language_standards": _(
                "The organisation is subject to the Welsh Language Standards"
            ),
        }


class MemberAddForm(GovUKFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("If they already have an account with this address, that account is used."),
        max_length=254,
    )
    first_name = forms.CharField(
        label=_("First name (for a new account)"), max_length=150, required=False
    )
    last_name = forms.CharField(
        label=_("Last name (for a new account)"), max_length=150, required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    job_title = forms.CharField(label=_("Job title (optional)"), max_length=200, required=False)


class MemberRolesForm(GovUKFormMixin, forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        help_text=_("Untick every role to take the person out of the organisation."),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ConfirmForm(GovUKFormMixin, forms.Form):
    """A page whose only question is the button: the service checks everything."""
