import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("llais")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule lives in code, beside the app that runs it.
app.conf.beat_schedule = {
    "clear-expired-sessions": {
        "task": "core.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    # Just after midnight UK time, so a due date that ended at midnight is a failure by morning.
    "record-compliance-failures": {
        "task": "rights_requests.tasks.record_compliance_failures",
        "schedule": crontab(hour=0, minute=5),
    },
}
