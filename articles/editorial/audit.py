"""Writes the audit log (``articles.models.AuditEntry``); nothing else creates entries.

Editorial actions are recorded by ``articles.editorial.changes`` inside the same transaction
as the change itself, so an entry exists exactly when the change does. Sign-ins are recorded
from Django's own authentication signals, the one documented way to hear of them.
"""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.contenttypes.models import ContentType

from articles.models import AuditAction, AuditEntry


def actor_name(user):
    if user is None:
        return "System"
    return user.get_full_name() or user.get_username()


def record(actor, action, obj=None, *, from_state="", to_state="", detail=""):
    entry = AuditEntry(
        actor_id=actor.pk if actor is not None else None,
        actor_name=actor_name(actor)[:150],
        action=action,
        from_state=str(from_state)[:60],
        to_state=str(to_state)[:60],
        detail=detail,
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        entry.object_id = str(obj.pk)
        entry.object_repr = str(obj)[:250]
    entry.save()
    return entry


def _staff_signed_in(sender, request, user, **kwargs):
    if user.is_staff:
        record(user, AuditAction.LOGIN, user)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``; keep only the name tried.
    username = str(credentials.get("username", ""))[:150]
    record(None, AuditAction.LOGIN_FAILED, detail=f"Username tried: {username}")


def connect():
    user_logged_in.connect(_staff_signed_in, dispatch_uid="audit-staff-login")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit-login-failed")
