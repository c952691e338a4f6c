"""The admin's "view on site" shortcut, limited to objects the user may view in the admin.

Django's ``/admin/r/<content_type_id>/<object_id>/`` redirects any staff user to any
object's ``get_absolute_url()`` without asking whether they may see that object. For a
share link that address is the signed preview itself, so an Editor could collect every
share link by counting ids. This replacement (routed before ``admin.site.urls``, under the
same path, so ``admin:view_on_site`` links keep working) answers only for models registered
in the admin, through that admin's own queryset and view permission; anything else is a
404, which does not even confirm that the object exists.
"""

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404


def view_on_site(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        model_admin = admin.site.get_model_admin(model)
    except (ContentType.DoesNotExist, NotRegistered, OverflowError, ValueError):
        raise Http404("Nothing to show here.") from None
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404("Nothing to show here.")
    return shortcut(request, content_type_id, object_id)
