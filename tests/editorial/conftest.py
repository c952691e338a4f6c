import pytest
from django.contrib.auth.models import Permission

from tests.conftest import make_staff
from tests.factories import ArticleFactory


@pytest.fixture
def bare_staff_client(client, django_user_model):
    """Staff who can log in to the admin but hold no permissions at all."""
    client.force_login(make_staff(django_user_model, "bare-staff"))
    return client


@pytest.fixture
def viewer_client(client, django_user_model):
    """Staff who may only look at articles."""
    user = make_staff(django_user_model, "viewer")
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    return client


@pytest.fixture
def draft():
    return ArticleFactory(draft=True, title="A draft about tumour dormancy", slug="tumour-dormancy")
