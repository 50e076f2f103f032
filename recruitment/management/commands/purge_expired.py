import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...models import ImportJob
from ...services import imports, retention
from ...services.cases import has_personal_data


class Command(BaseCommand):
    help = ("Scheduled purge (run daily from cron): delete the personal data of every council whose "
            "retention date has passed, and import uploads abandoned for more than a day.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="only list what would be deleted")

    def handle(self, *args, today, dry_run, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be YYYY-MM-DD, not {today!r}") from None
        cases = [case for case in retention.expired_cases(day) if has_personal_data(case)]
        people = 0
        for case in cases:
            if dry_run:
                self.stdout.write(f"Would purge '{case}' (retention date {case.retention_date.isoformat()}).")
                continue
            count, _files = retention.purge(case, reason="retention")
            people += count
            self.stdout.write(f"Purged '{case}' (retention date {case.retention_date.isoformat()}): "
                              f"{count} people.")
        cutoff = timezone.now() - datetime.timedelta(days=1)
        stale = list(ImportJob.objects.filter(created_at__lt=cutoff).exclude(status=ImportJob.DONE))
        if not dry_run:
            for job in stale:
                imports.discard_import(job)
        verb = "Would purge" if dry_run else "Purged"
        self.stdout.write(f"{verb} {len(cases)} councils ({people} people); "
                          f"{len(stale)} abandoned imports {'found' if dry_run else 'deleted'}.")
