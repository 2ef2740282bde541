"""Words for the events packs records."""

from django.utils.translation import gettext_lazy as _

from core.timeline import register_event_labels

register_event_labels(
    {
        "case_pack_requested": _("Assessment pack asked for"),
        "case_imported": _("Case imported"),
    }
)
