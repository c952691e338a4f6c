"""``{% picture %}``: an uploaded image as ``<picture>`` with its renditions (``articles.content.renditions``).

Computed from the image's name and stored size alone: no query, no storage request. The
image's intrinsic size gives ``width`` and ``height`` (so the page does not jump while it
loads) unless the caller shows it at a fixed size (``shown_width``/``shown_height``).
``priority`` marks a page's main image (``fetchpriority="high"``, fetched at once); every
other image loads lazily. An image whose size is unknown is shown as it is, lazily.
"""

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html

from articles.content import renditions

register = template.Library()

WIDTHS = {"wide": renditions.WIDE, "card": renditions.CARD, "photo": renditions.PHOTO}
PRIORITY = {"fetchpriority": "high"}
LAZY = {"loading": "lazy", "decoding": "async"}


@register.simple_tag
def picture(
    image, width, height, alt, sizes, kind="wide", priority=False, css_class="", shown_width=None, shown_height=None
):
    if not image:
        return ""
    attributes = {"class": css_class} if css_class else {}
    attributes["alt"] = alt
    if (shown_width or width) and (shown_height or height):
        attributes.update(width=shown_width or width, height=shown_height or height)
    attributes.update(PRIORITY if priority else LAZY)
    found = renditions.responsive(image.name, width, height, WIDTHS[kind], url=image.storage.url)
    if found is None:
        return format_html("<img{}>", flatatt({"src": image.url, **attributes}))
    return renditions.picture_html(found, sizes, attributes)
