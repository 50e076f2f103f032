from django.core.management.base import BaseCommand

from events.services import send_reminders


class Command(BaseCommand):
    help = "Remind confirmed and waiting registrants of events that start within --hours (default 24); once each."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args, **options):
        count = send_reminders(hours=options["hours"])
        self.stdout.write(f"{count} reminders sent.")
