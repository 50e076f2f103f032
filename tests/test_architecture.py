"""The house's import directions, read from the source with `ast` (next to the wall test in
tests/recruitment/test_wall.py, which guards the private app).

    media  ←  home  ←  councils  ←  stories          recruitment (private) reads the public apps
    (nothing)   (media)   (home, media)   (councils, home, media)   no public app imports it
                            ↖ network (councils, home, media; the citizens' network, never recruitment)
                            ↖ events (home, councils, media: JSON-LD and iCal helpers; nothing imports it)

A lower app never imports a higher one, at module level or inside a function: councils shows the
stories about a council through the stories app's own template tag ({% council_stories %}), and
every page's Open Graph tags come from home.templatetags.site_tags.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_APPS = {"home", "councils", "stories", "media", "recruitment", "network", "events"}

#: app -> project apps it must never import (anywhere in its package, migrations included)
FORBIDDEN = {
    "media": {"home", "councils", "stories", "recruitment", "network", "events"},
    "home": {"councils", "stories", "recruitment", "network", "events"},
    "councils": {"stories", "recruitment", "network", "events"},
    "stories": {"recruitment", "network", "events"},
    # the citizens' network is public: it never reads the private side (alumni sign up through its
    # public form, which the response page links to), nor the stories
    "network": {"recruitment", "stories", "events"},
    "events": {"stories", "recruitment", "network"},
}


def project_imports(app):
    """(file:line, imported project app) for every absolute import of another project app in `app`."""
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue  # relative imports stay inside the app
            for module in modules:
                top = module.split(".")[0]
                if top in PROJECT_APPS and top != app:
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", top))
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_imports_point_only_downwards(app):
    offenders = [(where, target) for where, target in project_imports(app) if target in FORBIDDEN[app]]
    assert offenders == []


def test_the_scanner_sees_the_imports_that_are_allowed():
    """Guards the test itself: the allowed directions are really found, so an empty list above means
    something (stories reads councils at module level, councils reads home)."""
    assert ("stories/listing.py", "councils") in {(w.split(":")[0], t) for w, t in project_imports("stories")}
    assert "home" in {target for _where, target in project_imports("councils")}
    assert "media" in {target for _where, target in project_imports("home")}
    assert "councils" in {target for _where, target in project_imports("network")}
    assert "councils" in {target for _where, target in project_imports("events")}
