"""``{% picture %}``: an uploaded image as ``<picture>`` with its renditions (``articles.content.renditions``).

Computed from the image's name and stored size alone: no query, no storage request. The
image's intrinsic size gives ``width`` and ``height`` (so the page does not jump while it
loads) unless the caller shows it at a fixed size. ``priority`` marks the page's main image
(``fetchpriority="high"``, loaded at once); every other image loads lazily.
"""

from django import template

from articles.content import renditions

register = template.Library()

WIDTHS = {"wide": renditions.WIDE, "card": renditions.CARD, "photo": renditions.PHOTO}


@register.inclusion_tag("includes/picture.html")
def picture(
    image, width, height, alt, sizes, kind="wide", priority=False, css_class="", shown_width=None, shown_height=None
):
    name = image.name if image else ""
    found = renditions.responsive(name, width, height, WIDTHS[kind], url=image.storage.url) if name else None
    return {
        "image": found,
        "src": image.url if name and found is None else "",
        "alt": alt,
        "sizes": sizes,
        "priority": priority,
        "css_class": css_class,
        "width": shown_width or width,
        "height": shown_height or height,
    }
