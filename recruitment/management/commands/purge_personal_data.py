from django.core.management.base import BaseCommand

from ...services import retention
from ._common import case_by_slug


class Command(BaseCommand):
    help = ("Delete the council's personal register data (pool, ranked lists, uploaded files); keep the "
            "cohorts, the draw protocol and the public aggregates.")

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, metavar="SLUG", help="slug of the German council page")

    def handle(self, *args, council, **options):
        case = case_by_slug(council)
        count, files = retention.purge(case, reason="command")
        self.stdout.write(f"Deleted the personal data of '{council}': {count} people, {files} files. "
                          "Protocol and aggregates kept.")
