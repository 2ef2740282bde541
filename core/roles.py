from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMISSIONER = "commissioner", _("Commissioner")
    PROCUREMENT_OFFICER = "procurement_officer", _("Procurement officer")
    UNION_REPRESENTATIVE = "union_representative", _("Union representative")
    WORKER = "worker", _("Worker")
    NOMINATED_CONTACT = "nominated_contact", _("Nominated contact")
    COMPETENT_AGENT = "competent_agent", _("Competent agent")
    OVERSIGHT_MEMBER = "oversight_member", _("Oversight member")
    ADMINISTRATOR = "administrator", _("Administrator")


# Whoever holds one of these roles anywhere must verify a second factor after their password: they
# see workers' rights requests, oversee high-risk systems or run an organisation's account.
SECOND_FACTOR_ROLES = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.OVERSIGHT_MEMBER,
        Role.NOMINATED_CONTACT,
        Role.COMPETENT_AGENT,
    }
)
