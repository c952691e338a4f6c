"""Measuring donations must not track readers: no cookie, and nothing personal stored."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from articles.models import DonationClickCount
from tests.factories import ArticleFactory, DonationLinkFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PERSONAL_FIELD_WORDS = ("ip", "address", "agent", "fingerprint", "cookie", "referer", "referrer", "session")
# The one exception: failed sign-ins to the admin (django-axes) keep the address and browser they
# came from, because the lockout counts by address. Readers never sign in; axes deletes the records
# older than the lockout period at each sign-in (articles/accounts/throttling.py).
SIGN_IN_THROTTLING_APP = "axes"


def project_models():
    return [model for model in apps.get_models() if model._meta.app_label != SIGN_IN_THROTTLING_APP]


@pytest.mark.django_db
def test_click_endpoint_sets_no_cookie(client):
    link = DonationLinkFactory()
    ArticleFactory(slug="neutrophils")
    response = client.get(reverse("articles:donate", args=[link.pk]) + "?from=neutrophils", HTTP_USER_AGENT=BROWSER)
    assert response.cookies == {}


@pytest.mark.django_db
def test_click_endpoint_does_not_vary_on_cookie(client):
    link = DonationLinkFactory()
    response = client.get(reverse("articles:donate", args=[link.pk]), HTTP_USER_AGENT=BROWSER)
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.django_db
def test_click_stores_only_day_link_article_and_count(client):
    link = DonationLinkFactory()
    client.get(reverse("articles:donate", args=[link.pk]), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.9")
    row = DonationClickCount.objects.values().get()
    assert set(row) == {"id", "day", "link_id", "article_id", "clicks"}


def test_no_model_has_an_ip_address_field():
    ip_fields = [
        f"{model.__name__}.{field.name}"
        for model in project_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.GenericIPAddressField)
    ]
    assert ip_fields == []


def test_no_click_model_field_is_named_like_personal_data():
    names = [field.name for field in DonationClickCount._meta.get_fields()]
    assert [name for name in names if any(word in name.lower() for word in PERSONAL_FIELD_WORDS)] == []


def test_no_model_stores_a_user_agent_or_ip_by_name():
    suspicious = [
        f"{model.__name__}.{field.name}"
        for model in project_models()
        for field in model._meta.concrete_fields
        if any(word in field.name.lower() for word in ("user_agent", "useragent", "ip_address", "remote_addr"))
    ]
    assert suspicious == []
