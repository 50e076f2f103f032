from django.core.management.base import BaseCommand, CommandError
from django.utils.timezone import localtime

from ...services import draw
from ...services.audit import RecruitmentError
from ._common import case_by_slug


class Command(BaseCommand):
    help = "Recompute the council's draw from the stored pool, cohorts and seed; exit 0 only if identical."

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, metavar="SLUG", help="slug of the German council page")

    def handle(self, *args, council, **options):
        case = case_by_slug(council)
        try:
            result = draw.verify(case)
        except RecruitmentError as exc:
            raise CommandError(str(exc)) from None
        if not result.ok:
            for difference in result.differences:
                self.stderr.write(difference)
            raise CommandError(f"The draw differs from its recomputation ({len(result.differences)} differences).")
        drawn = localtime(result.draw.drawn_at).isoformat(timespec="seconds")
        self.stdout.write(f"OK: draw of {drawn} reproduced ({result.draw.pool_size} people, "
                          f"result fingerprint {result.draw.result_fingerprint}).")
