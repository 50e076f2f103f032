from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import purge_due


class Command(BaseCommand):
    help = "Delete registrants' data of events that ended EVENTS_PURGE_DAYS (setting) days ago or earlier."

    def handle(self, *args, **options):
        count = purge_due()
        self.stdout.write(f"{count} registrations deleted (events older than {settings.EVENTS_PURGE_DAYS} days).")
