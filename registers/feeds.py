"""The Atom feed of register changes: one item per published version, newest first (s.16(5))."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registers.models import EntryStatus, RegisterEntryVersion

FEED_LENGTH = 50


class RegisterChangesFeed(Feed[RegisterEntryVersion, None]):
    feed_type = Atom1Feed
    title = _("Changes to the register of AI systems used in decisions about workers")
    subtitle = _("Each new or changed entry in the public register, newest first.")
    link = reverse_lazy("register:list")

    def items(self) -> QuerySet[RegisterEntryVersion]:
        return (
            RegisterEntryVersion.objects.filter(entry__published_version__isnull=False)
            .select_related("entry__system__organisation")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, version: RegisterEntryVersion) -> str:
        return gettext("%(name)s (%(organisation)s): version %(number)s") % {
            "name": version.name,
            "organisation": version.entry.system.organisation.name,
            "number": version.number,
        }

    def item_description(self, version: RegisterEntryVersion) -> str:
        if version.change_note:
            return version.change_note
        if version.status == EntryStatus.RETIRED:
            return gettext("Use ended.")
        return gettext("First entry in the register.") if version.number == 1 else ""

    def item_link(self, version: RegisterEntryVersion) -> str:
        return reverse("register:version", args=[version.entry_id, version.number])

    def item_pubdate(self, version: RegisterEntryVersion) -> datetime:
        return version.published_at

    def item_updateddate(self, version: RegisterEntryVersion) -> datetime:
        return version.published_at
