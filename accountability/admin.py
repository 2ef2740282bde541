"""Failures in the admin: to read, never to write. The sweep opens them and the services record
steps, letters and ACAS dates, each on the failure's timeline."""

from django.contrib import admin

from accountability.models import ChaserLetter, Failure, StepTaken
from core.admin import HistoryWithoutRevertAdmin, ReadOnlyAdminMixin


@admin.register(Failure)
class FailureAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Failure]):
    list_display = [
        "obligation",
        "organisation",
        "system",
        "request",
        "failure_date_protective",
        "limitation_safe",
    ]
    list_filter = ["obligation", "basis"]


@admin.register(StepTaken)
class StepTakenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[StepTaken]):
    list_display = ["failure", "taken_on", "recorded_by"]


@admin.register(ChaserLetter)
class ChaserLetterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[ChaserLetter]):
    list_display = ["failure", "dated", "language", "written_by"]
