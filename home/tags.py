"""Topics (django-taggit tags) in the page's language: tags are named in German and shared by every
language; a TagLabel gives a tag its name in another language (editable under Snippets)."""

from django.conf import settings

from .models import TagLabel


def labels_for(tags, language):
    """{tag id: label} for `tags` in `language`, in one query (none for the source language)."""
    tags = list(tags)
    if not tags or language == settings.LANGUAGE_CODE:
        return {}
    return dict(TagLabel.objects.filter(tag__in=[t.pk for t in tags], locale__language_code=language)
                .values_list("tag_id", "label"))


def localize_tags(tags, language):
    """The tags with a `label` attribute in `language` (the German name where none is given)."""
    tags = list(tags)
    labels = labels_for(tags, language)
    for tag in tags:
        tag.label = labels.get(tag.pk, tag.name)
    return tags


def tag_choices(tags, language):
    """(slug, label) choices for a filter, ordered by label."""
    return sorted(((t.slug, t.label) for t in localize_tags(tags, language)), key=lambda c: c[1].casefold())
