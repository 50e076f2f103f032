from django.core.management.base import BaseCommand, CommandError

from ...logic.panel import DEFAULT_PANELS
from ...logic.panel_solver import METHODS
from ...services import panel
from ...services.audit import RecruitmentError
from ._common import case_by_slug


class Command(BaseCommand):
    help = ("Two-stage selection: freeze the volunteers, compute the fair distribution over quota-feasible "
            "panels, round it to N equally likely panels and draw one with the seed.")

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, metavar="SLUG", help="slug of the German council page")
        parser.add_argument("--quotas", required=True, metavar="QUOTAS.csv", help="feature,value,min,max")
        parser.add_argument("--seed", required=True, metavar="TEXT", help="the seed, exactly as announced")
        parser.add_argument("--seed-source", default="manage.py select_panel", metavar="TEXT")
        parser.add_argument("--panels", type=int, default=DEFAULT_PANELS, metavar="N")
        parser.add_argument("--method", choices=METHODS, default="leximin")
        parser.add_argument("--out", metavar="PANEL.csv", help="write the drawn panel's ids")
        parser.add_argument("--list-out", metavar="PANELS.csv", help="write the list of all N panels")

    def handle(self, *args, council, quotas, seed, seed_source, panels, method, out, list_out, **options):
        case = case_by_slug(council)
        try:
            with open(quotas, encoding="utf-8-sig", newline="") as handle:
                quota_text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {quotas}: {type(exc).__name__}; nothing changed.") from None
        try:
            selection = panel.select(case, quota_text, seed, seed_source, panels=panels, method=method)
        except RecruitmentError as exc:
            raise CommandError(str(exc)) from None
        result = selection.result
        for path, text in ((out, panel.panel_csv(selection) if out else None),
                           (list_out, panel.panel_list_csv(selection) if list_out else None)):
            if path:
                with open(path, "w", encoding="utf-8", newline="") as handle:
                    handle.write(text)
        self.stdout.write(f"Respondents: {selection.respondent_count}, seats: {selection.seats}, method: {method}")
        self.stdout.write(f"Minimum selection probability: {float(result.min_probability):.4f} "
                          f"({selection.min_probability})")
        if not result.complete:
            self.stdout.write(f"Leximin stopped at a solver limit after {result.levels} levels; the maximin "
                              "minimum and the probabilities fixed so far hold.")
        self.stdout.write(f"Distinct panels: {selection.distinct_panels} of {selection.panel_count}")
        self.stdout.write(f"Drawn panel: No. {selection.number}")
        self.stdout.write(f"Result fingerprint: {selection.result_fingerprint}")
