import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...services import letters
from ...services.audit import RecruitmentError
from ._common import case_by_slug


def _check_writable(path, directory=False):
    """Refuse before any code is issued: the PDF could not be saved there."""
    if directory:
        target = path if path.exists() else path.parent
        if path.exists() and not path.is_dir():
            raise CommandError(f"{path} is not a directory; nothing changed.")
    else:
        if path.is_dir():
            raise CommandError(f"{path} is a directory, not a file name; nothing changed.")
        target = path.parent
    if not target.is_dir() or not os.access(target, os.W_OK | os.X_OK):
        raise CommandError(f"Cannot write to {target}; nothing changed.")
    if not directory and path.exists() and not os.access(path, os.W_OK):
        raise CommandError(f"Cannot overwrite {path}; nothing changed.")


def _stage(directory, data):
    """Write bytes to a temporary file in ``directory`` (renamed into place later)."""
    handle, name = tempfile.mkstemp(dir=directory, prefix=".letters-", suffix=".pdf.tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    return Path(name)


class Command(BaseCommand):
    help = ("Make all pending invitation letters of the council as one PDF (or, with --reminders, the "
            "reminder letters for invitees who have not answered). Issues the response codes and marks "
            "the letters as made only once the PDF is written.")

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, metavar="SLUG",
                            help="slug of the German council page")
        parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the batch PDF")
        parser.add_argument("--reminders", action="store_true",
                            help="reminder letters for invitees who had a letter but have not answered")
        parser.add_argument("--split", metavar="DIR",
                            help="also write one PDF per invitee into DIR (brief-<cohort>-<place>.pdf)")

    def handle(self, *args, council, out, reminders, split, **options):
        case = case_by_slug(council)
        out = Path(out).expanduser().absolute()
        split_dir = Path(split).expanduser().absolute() if split else None
        _check_writable(out)
        if split_dir:
            _check_writable(split_dir, directory=True)
        staged = []

        def deliver(result):
            # Runs inside the recording transaction: if anything here fails, no code is stored.
            # Everything is written to temporary files first, then renamed (the batch PDF last).
            moves = []
            if split_dir:
                split_dir.mkdir(exist_ok=True)
                for name, data in result.files:
                    staged.append(_stage(split_dir, data))
                    moves.append((staged[-1], split_dir / name))
            staged.append(_stage(out.parent, result.pdf))
            moves.append((staged[-1], out))
            for temporary, final in moves:
                os.replace(temporary, final)

        try:
            result = letters.make_letters(case, reminders=reminders, split=bool(split_dir), deliver=deliver)
        except RecruitmentError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"Could not write the PDF ({exc.strerror or type(exc).__name__}); "
                               "nothing changed.") from None
        finally:
            for temporary in staged:
                temporary.unlink(missing_ok=True)
        kind = "reminder letters" if reminders else "invitation letters"
        self.stdout.write(f"{result.count} {kind} ({result.pages} pages) written to {out}")
        if split_dir:
            self.stdout.write(f"{len(result.files)} single letters written to {split_dir}")
