from django.core.management.base import BaseCommand, CommandError
from django.utils.timezone import localtime

from ...services import draw
from ...services.audit import RecruitmentError
from ._common import case_by_slug


class Command(BaseCommand):
    help = ("Freeze the council's pool and draw every cohort's ranked list. Refused if the council is "
            "already drawn (void that draw first).")

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, metavar="SLUG", help="slug of the German council page")
        parser.add_argument("--seed", required=True, metavar="TEXT", help="the seed, exactly as announced")
        parser.add_argument("--seed-source", default="manage.py draw", metavar="TEXT",
                            help="where the seed comes from, e.g. 'public dice roll on 2026-03-03'")

    def handle(self, *args, council, seed, seed_source, **options):
        case = case_by_slug(council)
        try:
            the_draw = draw.draw(case, seed, seed_source)
        except RecruitmentError as exc:
            raise CommandError(str(exc)) from None
        except Exception as exc:  # e.g. a concurrent draw hitting the one-active-draw constraint
            raise CommandError(f"Draw failed ({type(exc).__name__}); nothing changed.") from None
        frozen = localtime(the_draw.frozen_at).isoformat(timespec="seconds")
        self.stdout.write(f"Pool: {the_draw.pool_size} people, frozen {frozen}")
        for cohort in the_draw.cohorts.all():
            note = "  (fewer people than seats)" if cohort.pool_size < cohort.seats else ""
            self.stdout.write(f"Cohort {cohort.label}: {cohort.pool_size} eligible, {cohort.seats} seats{note}")
        self.stdout.write(f"Algorithm: {the_draw.algorithm}")
        self.stdout.write(f"Pool fingerprint: {the_draw.pool_fingerprint}")
        self.stdout.write(f"Result fingerprint: {the_draw.result_fingerprint}")
