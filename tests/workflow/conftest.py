import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import ArticleFactory


def _staff(django_user_model, username, group=None):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "a-long-password-1")
    user.is_staff = True
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def publisher_user(django_user_model):
    return _staff(django_user_model, "publisher", "Publishers")


@pytest.fixture
def publisher_client(client, publisher_user):
    client.force_login(publisher_user)
    return client


@pytest.fixture
def bare_staff_client(client, django_user_model):
    """Staff who can log in to the admin but hold no permissions at all."""
    client.force_login(_staff(django_user_model, "bare-staff"))
    return client


@pytest.fixture
def viewer_client(client, django_user_model):
    """Staff who may only look at articles."""
    user = _staff(django_user_model, "viewer")
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    return client


@pytest.fixture
def draft():
    return ArticleFactory(draft=True, title="A draft about tumour dormancy", slug="tumour-dormancy")
