"""Demo content for the site furniture: home page, standard pages, settings, users.

Every text is a (German, English) pair; the English side goes through wagtail-localize.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Page, Site

from . import demo_pages
from .models import HomePage, ImportantPages, OrganisationSettings, StandardPage
from .translation import translate

DEMO_PASSWORD = "demo"

HOME = {
    "title": ("Wahlkreisrat", "Constituency Council"),
    "slug": ("start", "home"),
    "intro": (
        "Zwischen jedem Menschen in diesem Land und jeder Entscheidung im Bundestag steht genau eine Person: Sie!",
        "Between every person in this country and every decision in the Bundestag stands exactly one person: you!",
    ),
    "body": [
        ("heading", "Was ist ein Wahlkreisrat?", "What is a constituency council?"),
        ("text",
         "Ein Wahlkreisrat ist ein eintägiger Workshop: rund 35 per Los ausgewählte Menschen aus einem "
         "Wahlkreis beraten ein bundespolitisches Thema mit ihrer oder ihrem direkt gewählten Abgeordneten.",
         "A constituency council is a one-day workshop: about 35 residents of a constituency, drawn by lot, "
         "discuss a federal topic with their directly elected member of the Bundestag."),
        ("heading", "Wie funktioniert das Losen?", "How does the draw work?"),
        ("text",
         "Aus dem Melderegister werden Menschen in Alterskohorten ausgelost und angeschrieben. Wer nicht "
         "antwortet, bekommt einen persönlichen Besuch. Bei Absagen wird aus derselben Kohorte nachgelost.",
         "Residents are drawn by lot from the population register in age groups and receive a letter. Those "
         "who do not answer get a personal visit. When someone declines, the next person from the same age "
         "group is invited."),
        ("heading", "Was passiert mit den Ergebnissen?", "What happens to the results?"),
        ("text",
         "Die Empfehlungen werden veröffentlicht. Spätestens zwei Monate danach berichtet die oder der "
         "Abgeordnete, was daraus geworden ist – Empfehlung für Empfehlung.",
         "The recommendations are published. At most two months later, the member of the Bundestag reports "
         "what became of them, recommendation by recommendation."),
    ],
}

STANDARD_PAGES = [
    {
        "key": "about",
        "title": ("Über uns", "About us"),
        "slug": ("ueber-uns", "about-us"),
        "show_in_menus": True,
        "intro": ("Wir sind ein überparteilicher Verein für zufallsbasierte Bürgerbeteiligung.",
                  "We are a non-partisan association for citizen participation by lot."),
        "body": [
            ("text",
             "Wir organisieren, moderieren und evaluieren Wahlkreisräte und erzählen ihre Geschichten. "
             "Diese Website ist eine Demo mit erfundenen Inhalten.",
             "We organise, moderate and evaluate constituency councils and tell their stories. "
             "This website is a demo with invented content."),
        ],
    },
    {
        "key": "imprint",
        "title": ("Impressum", "Imprint"),
        "slug": ("impressum", "imprint"),
        "intro": ("Angaben gemäß § 5 DDG.", "Information according to § 5 DDG (German Digital Services Act)."),
        "body": [
            ("text", "Wahlkreisrat-Demo e. V., Musterstraße 1, 10115 Berlin",
             "Wahlkreisrat-Demo e. V., Musterstraße 1, 10115 Berlin, Germany"),
            ("text", "Vertreten durch den Vorstand. Registergericht: Amtsgericht Demo, VR 00000.",
             "Represented by the board. Register court: Amtsgericht Demo, VR 00000."),
        ],
    },
    {
        "key": "privacy",
        "title": ("Datenschutz", "Privacy"),
        "slug": ("datenschutz", "privacy"),
        "intro": ("Wie wir mit Daten umgehen.", "How we handle data."),
        "body": [
            ("text",
             "Diese Website setzt keine Tracking-Werkzeuge ein und lädt keine Inhalte von Dritten. "
             "Externe Videos werden erst nach Ihrem Klick geladen.",
             "This website uses no tracking tools and loads no content from third parties. "
             "External videos load only after you click."),
            ("text",
             "Daten aus dem Melderegister nutzen wir nur für die Einladung zum Wahlkreisrat und löschen sie "
             "danach. Öffentlich sind nur zusammengefasste Zahlen.",
             "We use data from the population register only to invite people to the council and delete it "
             "afterwards. Only aggregate figures are published."),
        ],
    },
    {
        "key": "accessibility",
        "title": ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
        "slug": ("barrierefreiheit", "accessibility"),
        "intro": ("Wir wollen, dass alle Menschen diese Website nutzen können.",
                  "We want everyone to be able to use this website."),
        "body": [
            ("heading", "Stand der Vereinbarkeit", "Compliance status"),
            ("text",
             "Diese Website soll die Anforderungen der BITV 2.0 und der WCAG 2.1 auf Stufe AA erfüllen. "
             "Sie wird automatisiert und manuell geprüft.",
             "This website aims to meet BITV 2.0 and WCAG 2.1 level AA. It is tested automatically and by hand."),
            ("contact", "Feedback und Kontakt", "Feedback and contact"),
            ("heading", "Durchsetzungsverfahren", "Enforcement procedure"),
            ("text",
             "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die "
             "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz wenden.",
             "If you do not receive a satisfactory answer to your feedback, you can contact the arbitration "
             "board under the Disability Equality Act."),
        ],
    },
]

CONTACT = {
    "de": ("Bitte melden Sie uns Barrieren. Wir antworten innerhalb von zwei Wochen.", "Redaktion Barrierefreiheit"),
    "en": ("Please tell us about barriers. We answer within two weeks.", "Accessibility team"),
}


def _body(items):
    """Build StreamField data and the German→English segment map from (kind, de, en) items."""
    blocks, strings = [], {}
    for kind, de, en in items:
        strings[de] = en
        if kind == "heading":
            blocks.append(("heading_block", {"heading_text": de, "size": "h2"}))
        elif kind == "text":
            blocks.append(("paragraph_block", f"<p>{de}</p>"))
        elif kind == "contact":
            text, name = CONTACT["de"]
            strings[text], strings[name] = CONTACT["en"]
            blocks.append(("contact_block", {
                "heading": de, "name": name, "email": "barrierefreiheit@wahlkreisrat.example",
                "phone": "+49 30 0000000", "text": text,
            }))
    return blocks, strings


def _strings(spec):
    strings = {de: en for field in ("title", "slug", "intro") if field in spec for de, en in [spec[field]]}
    return strings


def _upsert(page_class, parent, spec, **extra):
    de_locale = Locale.objects.get(language_code="de")
    body, body_strings = _body(spec.get("body", []))
    fields = {"title": spec["title"][0], "intro": spec["intro"][0], "body": body, **extra}
    page = page_class.objects.filter(locale=de_locale, slug=spec["slug"][0]).first()
    if page is None:
        page = page_class(slug=spec["slug"][0], locale=de_locale, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    if page_class is HomePage:  # rich-text intro: segments are the paragraph's inner text
        body_strings[HOME["intro"][0]] = HOME["intro"][1]
    translate(page, "en", {**_strings(spec), **body_strings})
    return page


def seed_home():
    root = Page.get_first_root_node()
    # Wagtail's welcome page from the initial migration is not part of our site (and holds
    # the slug "home" the English home page wants).
    for stale in Page.objects.filter(depth=2).not_type(HomePage):
        stale.delete()
    spec = dict(HOME)
    spec["intro"] = (f"<p>{HOME['intro'][0]}</p>", HOME["intro"][1])
    home = _upsert(HomePage, root, spec)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    site.hostname, site.port, site.site_name = "localhost", 80, "Wahlkreisrat"
    site.save()
    return home, site


def seed_settings(site, pages):
    org = OrganisationSettings.for_site(site)
    org.name = "Wahlkreisrat-Demo e. V."
    org.address = "Musterstraße 1\n10115 Berlin"
    org.email = "kontakt@wahlkreisrat.example"
    org.phone = "+49 30 0000000"
    org.mastodon_url = "https://social.example/@wahlkreisrat"
    org.save()
    important = ImportantPages.for_site(site)
    for key, page in pages.items():
        setattr(important, key, page)
    important.save()


def seed_users(home):
    User = get_user_model()
    editors, _ = Group.objects.get_or_create(name="Redaktion")
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "wagtail_localize"],
            codename__in=["access_admin", "submit_translation"],
        )
    )
    root = Page.get_first_root_node()
    for codename in ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]:
        GroupPagePermission.objects.get_or_create(
            group=editors, page=root, permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename)
        )
    accounts = [
        ("admin", "Admin", "Demo", None, True),
        ("redaktion", "Rita", "Redaktion", editors, False),
        ("mdb-team", "Max", "Team", Group.objects.get_or_create(name="MdB-Team (Demo)")[0], False),
        ("regionalmanagement", "Regina", "Regional",
         Group.objects.get_or_create(name="Regionalmanagement (Demo)")[0], False),
    ]
    for username, first, last, group, superuser in accounts:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@wahlkreisrat.example"
        user.is_staff = user.is_superuser = superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
        if group:
            user.groups.add(group)


def seed(stdout):
    home, site = seed_home()
    pages = {}
    for spec in STANDARD_PAGES:
        pages[spec["key"]] = _upsert(StandardPage, home, spec, show_in_menus=spec.get("show_in_menus", False))
    count = len(pages)
    pages.update(demo_pages.seed(home))  # Leichte Sprache, information for drawn residents, open data
    seed_settings(site, pages)
    seed_users(home)
    stdout.write(f"Home page, {count} standard pages, Leichte Sprache, information for drawn residents and "
                 "open data in German and English, settings and users.")
