"""The oversight function in the admin: to read, never to write (the services record each change
on the organisation's timeline). An incident's reporter is never shown: an anonymous report must
stay anonymous here too."""

from django.contrib import admin

from core.admin import HistoryWithoutRevertAdmin, ReadOnlyAdminMixin
from oversight.models import (
    Decision,
    GovernanceMember,
    Incident,
    Lesson,
    Meeting,
    OutcomeSignalSettings,
    OversightReview,
    OversightReviewAnswer,
    Signal,
)


@admin.register(GovernanceMember)
class GovernanceMemberAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[GovernanceMember]):
    list_display = ["name", "role", "organisation", "joined_on", "left_on"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Meeting]):
    list_display = ["title", "held_on", "organisation"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Decision]):
    list_display = ["kind", "meeting", "due_on", "status"]


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Incident]):
    list_display = ["kind", "system", "reported_on", "status"]
    exclude = ["reported_by"]


@admin.register(OutcomeSignalSettings)
class OutcomeSignalSettingsAdmin(
    ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[OutcomeSignalSettings]
):
    list_display = ["organisation", "window_days", "updated_at"]


@admin.register(Signal)
class SignalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Signal]):
    list_display = ["system", "figure", "value", "threshold", "raised_on", "cleared_on"]


@admin.register(Lesson)
class LessonAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Lesson]):
    list_display = ["title", "organisation", "stage", "risk_level", "shareable"]


@admin.register(OversightReview)
class OversightReviewAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[OversightReview]):
    list_display = ["case", "number", "due_on", "state", "closing"]


@admin.register(OversightReviewAnswer)
class OversightReviewAnswerAdmin(
    ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[OversightReviewAnswer]
):
    list_display = ["review", "prompt", "updated_at"]
