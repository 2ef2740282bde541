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
    # The deadline sweeps (core.services.sweep_run), just after midnight UK time, so a due date
    # that ended at midnight is a failure by morning. Each sweep is idempotent: a second beat
    # started by mistake, or a rerun, sends nothing twice.
    **{
        f"sweep-{name}": {
            "task": "core.tasks.run_sweep",
            "schedule": crontab(hour=0, minute=minute),
            "args": [name],
        }
        for name, minute in (
            ("rights_requests", 5),
            ("waira", 15),
            ("registers", 25),
            # The supplier's contract obligations (procurement/contracts/sweeps.py).
            ("procurement", 20),
            # After the duty apps' sweeps: their missed clocks become failures.
            ("accountability", 30),
            # The governance body's actions (oversight/sweeps.py).
            ("oversight", 40),
            # docs/retention.md: personal data past its retention date.
            ("retention", 35),
        )
    },
    # The outbox: emails a sweep queued but a killed worker never sent.
    # The daily email of those who chose one instead of an email per notification (ADR 0011).
    "send-notification-digests": {
        "task": "core.tasks.send_notification_digests",
        "schedule": crontab(hour=7, minute=30),
    },
    "deliver-notifications": {
        "task": "core.tasks.deliver_notifications",
        "schedule": crontab(minute="*/10"),
    },
}
