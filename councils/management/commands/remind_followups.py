"""Daily cron job: remind MdB teams and the editors of follow-ups due in two weeks or overdue.

    python manage.py remind_followups            # send (each reminder once; see councils/reminders.py)
    python manage.py remind_followups --dry-run  # show what would be sent, send and record nothing
"""

from django.core.management.base import BaseCommand

from councils import reminders


class Command(BaseCommand):
    help = "E-mail MdB teams and editors about follow-ups due within 14 days or overdue (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="show the reminders, send nothing")

    def handle(self, *args, dry_run=False, **options):
        due = reminders.due_reminders()
        sent = skipped = 0
        for reminder in due:
            council = reminder.council
            line = (f"{reminder.kind}: {council.title} (page {council.pk}, due {reminder.due:%Y-%m-%d}), "
                    f"{len(reminder.open_recommendations)} recommendation(s) without status, "
                    f"{len(reminder.recipients)} recipient(s)")
            if dry_run:
                self.stdout.write(f"would send {line}: {', '.join(reminder.recipients) or '-'}")
            elif reminders.send(reminder):
                sent += 1
                self.stdout.write(f"sent {line}")
            else:
                skipped += 1
                self.stdout.write(f"skipped {line} (no recipients or already sent)")
        if dry_run:
            self.stdout.write(f"remind_followups (dry run): {len(due)} reminder(s) would be sent.")
        else:
            self.stdout.write(f"remind_followups: {sent} reminder(s) sent, {skipped} skipped.")
