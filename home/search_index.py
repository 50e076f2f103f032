"""Keeps the search index in step with what is published.

Wagtail indexes a page from its post_save signal, which fires before modelcluster saves the page's
child relations (tags, recommendations, follow-up statuses); with the immediate task backend the
index then holds the previous tags. Indexing the page again once it is published (all relations
saved) makes a story or council findable by a tag added in the same edit.
"""

from wagtail.search import index
from wagtail.signals import page_published


def reindex_published_page(sender, instance, **kwargs):
    index.insert_or_update_object(instance)


def connect():
    page_published.connect(reindex_published_page, dispatch_uid="home.reindex_published_page")
