from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.services import notifications_deliver, sweep_names, sweep_run


class Command(BaseCommand):
    help = "Run deadline sweeps now (all of them, or those named), then send waiting emails."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("names", nargs="*", help="Sweeps to run (default: all).")
        parser.add_argument(
            "--no-email", action="store_true", help="Leave the emails to the Celery worker."
        )

    def handle(self, *args: object, **options: object) -> None:
        names = options["names"] or sweep_names()
        assert isinstance(names, list)
        unknown = sorted(set(names) - set(sweep_names()))
        if unknown:
            raise CommandError(
                f"No sweep called {', '.join(unknown)}; the sweeps are {', '.join(sweep_names())}."
            )
        for name in names:
            run = sweep_run(name, triggered_by="command")
            self.stdout.write(
                f"{name}: {run.items_found} found, {run.notifications_created} notifications, "
                f"{run.failures_recorded} failures recorded, {run.queries} queries, "
                f"{run.duration_ms} ms"
            )
        if not options["no_email"]:
            self.stdout.write(f"emails sent: {notifications_deliver()}")
