"""Programmatic translation through wagtail-localize, so seeded translations behave like
translations made in the editor (synced, editable in wagtail-localize's translation UI)."""

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource


def translate(instance, language_code, strings, publish=True):
    """Create or refresh the translation of `instance` into `language_code`.

    `strings` maps source segments (German text as wagtail-localize segments it) to their
    translation; segments without an entry fall back to the source text.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    for entry in po:
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
    translation.import_po(po)
    translation.save_target(publish=publish)
    return instance.get_translation(locale)


def child_page(model, parent, slug, **fields):
    """The child of `parent` with this slug: created, or updated in memory (the caller saves/publishes).

    Used by the demo seeders, which must be idempotent.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    return page
