"""Helpers for the workflow browser tests: named staff users, each in their own browser context."""

from tests.browser.admin_editor import log_in
from tests.conftest import make_staff


def named_staff(django_user_model, username, group):
    """A staff member whose first name shows in conflict messages ("Alice saved this article…")."""
    user = make_staff(django_user_model, username, group)
    user.first_name = username.capitalize()
    user.save()
    return user


def logged_in_page(new_context, user):
    page = new_context().new_page()
    log_in(page, user)
    return page
