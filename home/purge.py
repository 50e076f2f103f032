"""Which cached responses a change makes stale, wired to Wagtail's and Django's signals.

See ``home.pagecache`` for the cache itself. Other apps purge their own models through
:func:`purge_pages` (councils does for its public record and MdBs).
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from media.models import Consent, CustomImage, Video

from . import pagecache


def _page_ids_referencing(obj):
    page_type = ContentType.objects.get_for_model(Page)
    return set(ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
               .values_list("object_id", flat=True))


def _page_ids_referenced_by(page):
    page_type = ContentType.objects.get_for_model(Page)
    return set(ReferenceIndex.get_references_for_object(page).filter(to_content_type=page_type)
               .values_list("to_object_id", flat=True))


def _urls(pages):
    return {url for url in (p.get_url() for p in pages) if url}


def _translations(pages):
    keys = {p.translation_key for p in pages}
    return list(Page.objects.filter(translation_key__in=keys)) if keys else []


def affected(pages):
    """(trees, paths): the pages themselves in every language with their routes (trees), and the
    exact paths of every page that shows them: their ancestors, the pages they reference or are
    referenced by (a story and its council) and the listing pages of PAGE_CACHE_LISTING_TYPES
    (exact) and PAGE_CACHE_LISTING_TREES (with their routes: the press room's kit of every council)."""
    pages = _translations(pages)
    ids = set()
    for page in pages:
        ids |= {int(i) for i in _page_ids_referencing(page) | _page_ids_referenced_by(page)}
    related = _translations(Page.objects.filter(pk__in=ids)) if ids else []
    shown_on = set()
    for page in pages + related:
        shown_on |= _urls(page.get_ancestors().filter(depth__gt=1))
    return _urls(pages) | _urls(_of_types("PAGE_CACHE_LISTING_TREES")), (
        shown_on | _urls(related) | _urls(_of_types("PAGE_CACHE_LISTING_TYPES")))


def _of_types(setting):
    types = [ContentType.objects.get_by_natural_key(*label.lower().split("."))
             for label in getattr(settings, setting, ())]
    return Page.objects.filter(content_type__in=types) if types else Page.objects.none()


def purge_pages(pages, extra_paths=()):
    """Purge these pages and everything that shows them (after the transaction commits)."""
    pages = list(pages)

    def run():
        if any(p.show_in_menus for p in pages):  # the main menu is on every page
            pagecache.purge_all()
            return
        trees, paths = affected(pages)
        pagecache.purge_trees(trees | set(extra_paths))
        pagecache.purge_paths(paths)
        pagecache.purge_listings()

    transaction.on_commit(run)


def purge_referencing(obj):
    """An image, video or snippet changed: purge every page that shows it."""
    ids = _page_ids_referencing(obj)
    if ids:
        purge_pages(Page.objects.filter(pk__in=[int(i) for i in ids]))
    else:
        transaction.on_commit(pagecache.purge_listings)  # the API lists images too


def _on_publish_change(sender, instance, **kwargs):
    purge_pages([instance])


_paths_before_move = {}  # page pk -> URL paths it and its family had (post_page_move gets a new object)


def _before_move(sender, instance, **kwargs):
    # the old URLs (and the old parent's listing) must go before the tree changes
    trees, paths = affected([instance])
    _paths_before_move[instance.pk] = trees | paths


def _after_move(sender, instance, **kwargs):
    purge_pages([instance], extra_paths=_paths_before_move.pop(instance.pk, ()))


def _before_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        trees, paths = affected([instance])
        transaction.on_commit(lambda: (pagecache.purge_trees(trees), pagecache.purge_paths(paths),
                                       pagecache.purge_listings()))


def _on_media_change(sender, instance, **kwargs):
    # A consent decision must never be served stale, and the reference index follows the latest
    # draft rather than what is live: purge everything (consent changes are rare, a miss is cheap).
    transaction.on_commit(pagecache.purge_all)


def _on_setting_change(sender, instance, **kwargs):
    transaction.on_commit(pagecache.purge_all)


def connect():
    page_published.connect(_on_publish_change, dispatch_uid="pagecache_published")
    page_unpublished.connect(_on_publish_change, dispatch_uid="pagecache_unpublished")
    pre_page_move.connect(_before_move, dispatch_uid="pagecache_pre_move")
    post_page_move.connect(_after_move, dispatch_uid="pagecache_post_move")
    pre_delete.connect(_before_delete, dispatch_uid="pagecache_delete")
    for model in (CustomImage, Video):
        post_save.connect(_on_media_change, sender=model, dispatch_uid=f"pagecache_{model.__name__}_save")
        pre_delete.connect(_on_media_change, sender=model, dispatch_uid=f"pagecache_{model.__name__}_del")
    post_save.connect(_on_media_change, sender=Consent, dispatch_uid="pagecache_consent_save")
    post_delete.connect(_on_media_change, sender=Consent, dispatch_uid="pagecache_consent_delete")
    # only the site settings' own saves, not every save of every model (register imports included)
    for model in apps.get_models():
        if issubclass(model, BaseSiteSetting):
            post_save.connect(_on_setting_change, sender=model, dispatch_uid=f"pagecache_{model._meta.label}")
