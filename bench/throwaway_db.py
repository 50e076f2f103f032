"""A throw-away database for the recruitment benches: Django set up, migrated, dropped afterwards.

A SQLite file in a temporary folder (which also takes media and private uploads), or
``test_<name>`` on the PostgreSQL server DATABASE_URL points to, created and dropped like the
test suite does.
"""

import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path


@contextlib.contextmanager
def throwaway_database():
    """Yields the temporary folder; the database is migrated on entry and dropped on exit."""
    tmp = Path(tempfile.mkdtemp(prefix="wkr-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["VAR_DIR"] = str(tmp)
    os.environ["RECRUITMENT_TASKS"] = "immediate"

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor == "sqlite":  # a file, not the in-memory database tests use
        connection.settings_dict["TEST"]["NAME"] = str(tmp / "bench.sqlite3")
    setup_test_environment()
    t0 = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}), migrated in "
          f"{time.perf_counter() - t0:.0f} s")
    try:
        yield tmp
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(tmp, ignore_errors=True)
