"""Consent-aware image tags: the only way our public templates render images.

    {% public_picture image format-{avif,webp,jpeg} width-{480,800} sizes="…" loading="lazy" %}
    {% public_image image fill-1200x630 use="social" as og %}
    {% if item.image|public %} … {% endif %}        {# or |public:"press" #}

The tags take exactly the arguments of Wagtail's `picture` / `image` tags plus an optional
`use="website|press|social"` (default "website"). For an image that may not be shown for that use
(media.consent) they render nothing and set an `as` variable to None; in Wagtail's preview they
render a visible note instead, so editors see why an image is missing. tests/media checks that no
public template calls Wagtail's image tags directly.
"""

from django import template
from django.template.base import Token
from django.template.loader import render_to_string
from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image_parser

from .. import consent as rule

register = template.Library()


def is_public(image, use="website"):
    return bool(image) and hasattr(image, "is_public") and image.is_public(rule.check_use(use))


@register.filter(name="public")
def public_filter(image, use="website"):
    """The image if it may be shown for `use`, else None."""
    return image if is_public(image, use) else None


class PublicImageNode(template.Node):
    def __init__(self, inner, use):
        self.inner = inner
        self.use = use

    def render(self, context):
        try:
            image = self.inner.image_expr.resolve(context)
        except template.VariableDoesNotExist:
            image = None
        use = self.use.resolve(context) if self.use is not None else "website"
        if image and not is_public(image, use):
            if self.inner.output_var_name:
                context[self.inner.output_var_name] = None
            request = context.get("request")
            if request is not None and getattr(request, "is_preview", False):
                return render_to_string("media/consent_hidden.html")
            return ""
        return self.inner.render(context)


def _public_tag(wagtail_tag_name):
    def parse(parser, token):
        tag_name, *bits = token.split_contents()
        use = None
        rest = []
        for bit in bits:
            if bit.startswith("use="):
                use = parser.compile_filter(bit[len("use="):])
            else:
                rest.append(bit)
        inner_token = Token(token.token_type, " ".join([wagtail_tag_name, *rest]), token.position,
                            token.lineno)
        return PublicImageNode(wagtail_image_parser(parser, inner_token), use)

    return parse


register.tag("public_picture", _public_tag("picture"))
register.tag("public_image", _public_tag("image"))
register.tag("public_srcset_image", _public_tag("srcset_image"))
