from django.core.management.base import BaseCommand, CommandError

from ...services import panel
from ...services.audit import RecruitmentError
from ._common import case_by_slug


class Command(BaseCommand):
    help = "Recompute the council's panel lottery from the stored respondents, quotas and seed; exit 0 only if identical."

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, metavar="SLUG", help="slug of the German council page")

    def handle(self, *args, council, **options):
        case = case_by_slug(council)
        try:
            result = panel.verify(case)
        except RecruitmentError as exc:
            raise CommandError(str(exc)) from None
        if not result.ok:
            for difference in result.differences:
                self.stderr.write(difference)
            raise CommandError(f"The panel lottery differs from its recomputation ({len(result.differences)} "
                               "differences).")
        s = result.selection
        self.stdout.write(f"OK: panel No. {s.number} of {s.panel_count} reproduced ({s.respondent_count} "
                          f"respondents, result fingerprint {s.result_fingerprint}).")
