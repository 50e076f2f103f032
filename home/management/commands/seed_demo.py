import importlib

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from home.models import HomePage


class Command(BaseCommand):
    help = (
        "Build the demo site on an empty database. A site that already has content is left alone "
        "(editors' changes survive) unless --reset is given. Refuses to run with DEBUG off."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true",
            help="rebuild the demo content even though the site has content (overwrites changes to demo pages)",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo refuses to run with DEBUG off (demo users have the password 'demo').")
        if HomePage.objects.exists() and not options["reset"]:
            self.stdout.write("The site already has content: demo left as it is (seed_demo --reset rebuilds it).")
            return
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
        self.stdout.write(self.style.SUCCESS("Demo site built."))
        self.stdout.write("Demo users (password 'demo'): admin, redaktion, mdb-team, regionalmanagement, veranstaltungsteam")
