from django.conf import settings

from articles.models.pages import FOOTER_PAGES


def site(request):
    """Site-wide names and the footer's links for the templates; makes no database queries."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        "charity_name": settings.CHARITY_NAME,
        "charity_number": settings.CHARITY_NUMBER,
        "footer_pages": FOOTER_PAGES,
    }
