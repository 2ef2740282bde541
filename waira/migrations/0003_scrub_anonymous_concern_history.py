"""The history of an anonymous concern never names the worker who raised it.

Before ConcernHistory, the row simple-history wrote when a worker raised an anonymous concern
took the signed-in worker as its `history_user`, so the admin's history showed "Changed by" them.
This clears it on every historical row of an anonymous concern where it names the concern's
raiser; a manager who answered keeps their name. Going back leaves the rows as they are: the
names are gone on purpose and must not come back.
"""

from typing import Any

from django.db import migrations
from django.db.models import Exists, OuterRef


def scrub(apps: Any, schema_editor: Any) -> None:
    Concern = apps.get_model("waira", "Concern")
    HistoricalConcern = apps.get_model("waira", "HistoricalConcern")
    names_the_raiser = Concern.objects.filter(
        pk=OuterRef("id"), anonymous=True, raised_by_id=OuterRef("history_user_id")
    )
    HistoricalConcern.objects.filter(Exists(names_the_raiser)).update(history_user=None)


class Migration(migrations.Migration):
    dependencies = [
        ("waira", "0002_completed_wairas_never_change"),
    ]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
