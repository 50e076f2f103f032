import importlib

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings


class Command(BaseCommand):
    help = "Build or refresh the demo site (idempotent). Refuses to run with DEBUG off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo refuses to run with DEBUG off (demo users have the password 'demo').")
        # Each app contributes its part through an optional `demo` module, in INSTALLED_APPS
        # order; found by name so that no public app has to import the private one.
        # Seeded translations change slugs on creation; they need no redirects.
        # No outer transaction: deferred on-commit work in wagtail-localize then saves a stale
        # copy of the translated home page and breaks its child count. Each step is idempotent.
        with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False):
            for app_config in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app_config.name}.demo":
                        raise
                    continue
                if hasattr(module, "seed"):
                    module.seed(self.stdout)
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo site ready at http://127.0.0.1:8000/ (admin: /admin/)."))
        self.stdout.write("Demo users (password 'demo'): admin, redaktion, mdb-team, regionalmanagement")
