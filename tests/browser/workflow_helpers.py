"""Helpers for the workflow browser tests, kept beside them so they do not clash with conftest.py."""

import importlib

from django.contrib.auth.models import Group, Permission

PASSWORD = "a-long-password-for-browsers-1"


def ensure_workflow_groups():
    """Transactional tests flush the tables, and with them the groups the migrations made."""
    editors_migration = importlib.import_module("articles.migrations.0002_editors_group")
    publishers_migration = importlib.import_module("articles.migrations.0004_workflow_publishers_group")
    editor_codenames = [
        f"{action}_{model}" for model in editors_migration.CONTENT_MODELS for action in editors_migration.ACTIONS
    ]
    content = Permission.objects.filter(content_type__app_label="articles")
    editors, _ = Group.objects.get_or_create(name=editors_migration.EDITORS)
    editors.permissions.set(content.filter(codename__in=editor_codenames))
    publishers, _ = Group.objects.get_or_create(name=publishers_migration.PUBLISHERS)
    publishers.permissions.set(content.filter(codename__in=editor_codenames + publishers_migration.PUBLISHER_ONLY))


def make_staff(django_user_model, username, group):
    ensure_workflow_groups()
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD, is_staff=True)
    user.first_name = username.capitalize()
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in_page(browser, live_server, user):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page
