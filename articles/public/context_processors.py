from django.conf import settings


def site(request):
    """Site-wide names for the templates; makes no database queries."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        "charity_name": settings.CHARITY_NAME,
    }
