from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ...models import ImportJob
from ...services import imports
from ...services.audit import RecruitmentError
from ._common import case_by_slug

SHOWN = 20


class _Refused(Exception):
    pass


class Command(BaseCommand):
    help = ("Import a register extract (CSV in UTF-8, UTF-8 with BOM or Windows-1252/ISO-8859-1, separated "
            "by ';', ',' or tab; or XLSX) into a council's pool. All or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, metavar="SLUG", help="slug of the German council page")
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--replace", action="store_true", help="replace an existing pool (not a frozen one)")
        parser.add_argument("--header-line", type=int, help="line of the header row (default: detected)")

    def handle(self, *args, council, file, replace, header_line, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        data = path.read_bytes()
        try:
            with transaction.atomic():
                case = case_by_slug(council, create=True)
                imports.check_can_import(case, replace)
                job = ImportJob.objects.create(case=case, source="command", replace=replace,
                                               header_line=header_line)
                outcome = imports.run_import(job, data=data)
                if not outcome.ok:
                    raise _Refused(outcome)
        except RecruitmentError as exc:
            raise CommandError(str(exc)) from None
        except _Refused as refused:
            outcome = refused.args[0]
            if job.mixed_lines:
                self.stderr.write(_mixed_warning(job.mixed_lines))
            for error in outcome.errors[:SHOWN]:
                self.stderr.write(error["message"])
            for duplicate in outcome.duplicates[:SHOWN]:
                self.stderr.write(f"Line {duplicate['line']}: duplicate of line {duplicate['first_line']}.")
            raise CommandError(f"Nothing imported: {outcome.error_count} errors, "
                               f"{outcome.duplicate_count} duplicates.") from None
        except CommandError:
            raise
        except Exception as exc:  # a database error's message might quote a value: name the type only
            raise CommandError(f"Import failed ({type(exc).__name__}); nothing imported.") from None
        if job.mixed_lines:
            self.stderr.write(_mixed_warning(job.mixed_lines))
        case.refresh_from_db()
        replaced = f" (replaced {outcome.replaced})" if outcome.replaced else ""
        self.stdout.write(f"Imported {outcome.imported} people into '{council}'{replaced}; "
                          f"ages on {case.ages_on.isoformat()}; format {job.file_format}.")


def _mixed_warning(lines):
    shown = ", ".join(str(n) for n in lines[:SHOWN])
    more = f" and {len(lines) - SHOWN} more" if len(lines) > SHOWN else ""
    return f"Warning: line(s) {shown}{more}: characters in Windows-1252 instead of UTF-8 - please check."
