"""Which cached responses a change makes stale, wired to Wagtail's and Django's signals.

See ``home.pagecache`` for the cache itself. Other apps purge their own models through
:func:`purge_pages` (councils does for its public record and MdBs).
"""

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


def affected_paths(pages):
    """URL paths of the pages, in every language, with their ancestors and the pages they reference
    or are referenced by (one step: a story and its council, a council and its follow-up's story)."""
    pages = list(pages)
    ids = {p.pk for p in pages}
    for page in pages:
        ids |= {int(i) for i in _page_ids_referencing(page) | _page_ids_referenced_by(page)}
    keys = Page.objects.filter(pk__in=ids).values_list("translation_key", flat=True)
    family = list(Page.objects.filter(translation_key__in=set(keys)))
    paths = set()
    for page in family:
        for each in [page, *page.get_ancestors().filter(depth__gt=1)]:
            url = each.get_url()
            if url:
                paths.add(url)
    return paths


def purge_pages(pages, extra_paths=()):
    """Purge these pages and everything that shows them (after the transaction commits)."""
    pages = list(pages)

    def run():
        pagecache.purge_paths(affected_paths(pages) | set(extra_paths))
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
    _paths_before_move[instance.pk] = affected_paths([instance])


def _after_move(sender, instance, **kwargs):
    purge_pages([instance], extra_paths=_paths_before_move.pop(instance.pk, ()))


def _before_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        paths = affected_paths([instance])
        transaction.on_commit(lambda: (pagecache.purge_paths(paths), pagecache.purge_listings()))


def _on_media_change(sender, instance, **kwargs):
    # A consent decision must never be served stale, and the reference index follows the latest
    # draft rather than what is live: purge everything (consent changes are rare, a miss is cheap).
    transaction.on_commit(pagecache.purge_all)


def _on_setting_change(sender, instance, **kwargs):
    if isinstance(instance, BaseSiteSetting):
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
    post_save.connect(_on_setting_change, dispatch_uid="pagecache_settings")
