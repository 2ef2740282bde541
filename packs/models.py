"""Assessment packs and evidence bundles, kept once made (docs/adr/0014-...).

A `Pack` is one version of one document: a case's assessment pack or a WAIRA's pack. It is
asked for, queued, built by a Celery task that records each step as it finishes (the progress
page reads them), and kept with its file and the SHA-256 of its canonical content. Asking
again makes the next version; a pack is never changed once built.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Organisation
from procurement.models import ProcurementCase
from waira.models import Waira


def pack_path(pack: Pack, filename: str) -> str:
    return f"packs/{pack.organisation_id}/{filename}"


class Pack(models.Model):
    class Kind(models.TextChoices):
        CASE = "case", _("Case assessment pack")
        WAIRA = "waira", _("WAIRA pack")

    class Scope(models.TextChoices):
        FULL = "full", _("Full pack")
        REPRESENTATIVE = "representative", _("What the union representative may see")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Could not be made")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    case = models.ForeignKey(
        ProcurementCase, on_delete=models.CASCADE, null=True, blank=True, related_name="packs"
    )
    waira = models.ForeignKey(
        Waira, on_delete=models.CASCADE, null=True, blank=True, related_name="packs"
    )
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    scope = models.CharField(_("made for"), max_length=16, choices=Scope.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    # The keys of the steps finished so far, in the order they finished.
    steps_done = models.JSONField(default=list, blank=True)
    steps_total = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    finished_at = models.DateTimeField(_("made"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True)
    file = models.FileField(_("PDF"), upload_to=pack_path, blank=True)
    file_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    bundle = models.FileField(_("evidence bundle"), upload_to=pack_path, blank=True)
    bundle_sha256 = models.CharField(_("SHA-256 of the bundle"), max_length=64, blank=True)
    # The bundle's manifest.json: the verification page finds a bundle Llais issued by it.
    manifest_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pack")
        verbose_name_plural = _("packs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="case", case__isnull=False, waira__isnull=True)
                | models.Q(kind="waira", waira__isnull=False, case__isnull=True),
                name="pack_has_one_subject",
            ),
            models.UniqueConstraint(
                fields=["case", "version"],
                condition=models.Q(kind="case"),
                name="pack_case_version_unique",
            ),
            models.UniqueConstraint(
                fields=["waira", "version"],
                condition=models.Q(kind="waira"),
                name="pack_waira_version_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}"

    @property
    def subject(self) -> ProcurementCase | Waira:
        subject = self.case if self.kind == self.Kind.CASE else self.waira
        assert subject is not None
        return subject

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class CaseImport(models.Model):
    """A case brought in from another Llais installation's export (docs/case-export.md).

    The imported records keep their original dates; this row says they were imported, by whom
    and from which document. A person named in the document who is not a member of this
    organisation is never given an account: the record that needed a person holds the importer,
    and `attributions` keeps who it really was, by name and email, so the case exports again
    as it came in."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    case = models.OneToOneField(ProcurementCase, on_delete=models.CASCADE, related_name="+")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    schema = models.CharField(_("format"), max_length=200)
    document_sha256 = models.CharField(_("SHA-256 of the document"), max_length=64)
    # [{"model": "app.model", "pk": 12, "field": "recorded_by", "person": {"email", "name"}}]
    attributions = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("imported case")
        verbose_name_plural = _("imported cases")

    def __str__(self) -> str:
        return f"{self.case} ({self.imported_at:%Y-%m-%d})"
