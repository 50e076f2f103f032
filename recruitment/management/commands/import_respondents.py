from django.core.management.base import BaseCommand, CommandError

from ...services import panel
from ...services.audit import RecruitmentError
from ._common import case_by_slug


class Command(BaseCommand):
    help = ("Two-stage selection: import the volunteers (CSV with a column id and one column per feature; "
            "optional column household) into the council's case, replacing earlier ones until they are frozen.")

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, metavar="SLUG", help="slug of the German council page")
        parser.add_argument("file", metavar="FILE.csv")

    def handle(self, *args, council, file, **options):
        case = case_by_slug(council, create=True)
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {file}: {type(exc).__name__}; nothing changed.") from None
        try:
            count = panel.import_respondents(case, text)
        except RecruitmentError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Imported {count} respondents.")
