"""Which pages the public may see, as a subquery (shared by the listings of every public app)."""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from wagtail.models import PageViewRestriction


def without_view_restrictions(pages):
    """Like Wagtail's `.public()`, as a subquery instead of a separate query for all restrictions:
    a restriction on a page covers the page and everything below it."""
    restricted = PageViewRestriction.objects.annotate(
        target=ExpressionWrapper(OuterRef("path"), output_field=CharField())
    ).filter(target__startswith=F("page__path"))
    return pages.exclude(Exists(restricted))


class ParentFromRoute:
    """Page mixin: ``get_parent()`` without a query for a page served through home.routing, which
    has read the whole chain anyway and hands each page its parent as ``route_parent``."""

    def get_parent(self, update=False):
        known = getattr(self, "route_parent", None)
        if known is not None and not update:
            return known
        return super().get_parent(update=update)


class ViewRestrictionsInOneQuery(ParentFromRoute):
    """Page mixin: ``get_view_restrictions()`` (Wagtail asks it before serving every page) in no query
    when the page was routed by home.routing, else in one query instead of two (the ancestors, then their restrictions). Same rule as Wagtail's: the
    restrictions of the page and its ancestors, where an alias in the chain counts with its source
    page's restrictions, never its own."""

    def get_view_restrictions(self):
        if getattr(self, "route_has_no_view_restrictions", False):
            return PageViewRestriction.objects.none()  # home.routing found none on the way here
        if self.alias_of_id:
            return super().get_view_restrictions()
        step = self.steplen
        chain = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=chain, page__alias_of__isnull=True) | Q(page__aliases__path__in=chain)
        ).distinct()
