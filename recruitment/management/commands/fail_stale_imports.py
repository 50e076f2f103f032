from django.core.management.base import BaseCommand

from ...services import imports


class Command(BaseCommand):
    help = ("Mark register imports whose worker died as failed (run every few minutes from cron): a running "
            "import whose heartbeat is older than RECRUITMENT_IMPORT_STALE_SECONDS. Their pools are unchanged; "
            "a manager can restart or discard them.")

    def handle(self, *args, **options):
        count = imports.fail_stale_imports()
        self.stdout.write(f"{count} stale import(s) marked as failed.")
