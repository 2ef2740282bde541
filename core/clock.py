"""Today, as the law counts it: the Europe/London calendar date of now.

The one place a view, a service, a task or a test asks what day it is. Built on
`legal_time.uk_date(timezone.now())` so `time_machine` moves it; `legal_time` stays pure.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from core import legal_time


def uk_today() -> date:
    return legal_time.uk_date(timezone.now())
