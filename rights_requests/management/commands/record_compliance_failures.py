from django.core.management.base import BaseCommand

from rights_requests.services import compliance_failures_record


class Command(BaseCommand):
    help = "Record a compliance failure (s.19(5)) for every open request past its due date."

    def handle(self, *args, **options) -> None:
        recorded = compliance_failures_record()
        self.stdout.write(f"{recorded} compliance failure(s) recorded.")
