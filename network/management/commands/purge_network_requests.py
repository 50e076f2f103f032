from django.conf import settings
from django.core.management.base import BaseCommand

from network.services.retention import purge_due


class Command(BaseCommand):
    help = ("Delete the applicant's name and e-mail from micro-project applications decided NETWORK_PURGE_DAYS "
            "(setting) days ago or earlier, and dock-on requests that old. Audit-logged with counts.")

    def handle(self, *args, **options):
        applications, requests = purge_due()
        self.stdout.write(f"{applications} applications anonymised, {requests} dock-on requests deleted "
                          f"(older than {settings.NETWORK_PURGE_DAYS} days).")
