from django.core.management.base import BaseCommand, CommandError
from django.utils.timezone import localtime

from ...services import draw
from ...services.audit import RecruitmentError
from ._common import case_by_slug


class Command(BaseCommand):
    help = "Void the council's active draw (the reason is logged); a new draw is possible afterwards."

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, metavar="SLUG", help="slug of the German council page")
        parser.add_argument("--reason", required=True, metavar="TEXT")

    def handle(self, *args, council, reason, **options):
        case = case_by_slug(council)
        try:
            the_draw = draw.void(case, reason)
        except RecruitmentError as exc:
            raise CommandError(str(exc)) from None
        drawn = localtime(the_draw.drawn_at).isoformat(timespec="seconds")
        self.stdout.write(f"Voided the draw of {drawn} "
                          f"(result fingerprint {the_draw.result_fingerprint}).")
