"""Every integer taken from an address or query string: a number out of range is a 400/404, never a 500.

The attacker's probe: ``/admin/articles/article/<id>/history/compare/?older=99999999999999999999``
answered 500 (``OverflowError`` from the database driver). The same class hid in the
admin's date drill-down and ``?pk__in=``. One test walks the URL resolver for every
``<int:…>`` converter and digits-only regular-expression group, so a new route is covered without anyone listing it.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from tests.factories import ArticleFactory, DonationLinkFactory

pytestmark = pytest.mark.django_db

TOO_BIG = "99999999999999999999"  # Past 2**64: too large for SQLite, PostgreSQL and C longs.
SAMPLES = {"slug": "a-slug", "str": "a-string", "path": "1"}


def _routes_with_int_converters(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes_with_int_converters(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern) and _has_int_converter(entry):
            yield prefix + route


def _has_int_converter(entry):
    converters = getattr(entry.pattern, "converters", {}).values()
    return any(isinstance(converter, IntConverter) for converter in converters) or r"(\d+)" in str(entry.pattern)


def _fill(route, number):
    path = route
    for name, converter in _converters(route).items():
        value = number if converter == "int" else SAMPLES.get(converter, "1")
        path = path.replace(f"<{converter}:{name}>", value)
    # The admin's regular-expression routes (django-reversion's history and recover pages).
    path = path.replace(r"(\d+)", number).replace("([^/]+)", "1").replace("^", "").replace("$", "")
    return "/" + path


def _converters(route):
    return {name: kind for kind, name in re.findall(r"<(\w+):(\w+)>", route)}


INT_ROUTES = sorted(set(_routes_with_int_converters()))


def test_the_walk_finds_the_int_routes_we_know():
    assert "donate/<int:link_id>/" in INT_ROUTES
    assert any(route.startswith("admin/r/<int:content_type_id>") for route in INT_ROUTES)
    assert "admin/articles/article/^([^/]+)/history/(\\d+)/$" in INT_ROUTES


@pytest.mark.parametrize("route", INT_ROUTES)
def test_out_of_range_number_in_any_int_route_is_not_an_error(admin_client, route):
    ArticleFactory(pk=1)
    response = admin_client.get(_fill(route, TOO_BIG))
    assert response.status_code in (302, 400, 403, 404), (route, response.status_code)


ARTICLES_ADMIN = "/admin/articles/article/"

QUERY_STRINGS = [
    f"/articles/?page={TOO_BIG}",
    f"/authors/?page={TOO_BIG}",
    f"/search/?q=cells&page={TOO_BIG}",
    f"{ARTICLES_ADMIN}?p={TOO_BIG}",
    f"{ARTICLES_ADMIN}?o={TOO_BIG}",
    f"{ARTICLES_ADMIN}?topics__id__exact={TOO_BIG}",
    f"{ARTICLES_ADMIN}?article_authors__author__id__exact={TOO_BIG}",
    f"{ARTICLES_ADMIN}?published_at__year={TOO_BIG}",
    f"{ARTICLES_ADMIN}?published_at__year=2026&published_at__month={TOO_BIG}",
    f"{ARTICLES_ADMIN}?published_at__year=2026&published_at__month=1&published_at__day={TOO_BIG}",
    f"{ARTICLES_ADMIN}?pk__in={TOO_BIG}",
    f"{ARTICLES_ADMIN}?id={TOO_BIG}",
    f"/admin/articles/donationclickcount/?link__id__exact={TOO_BIG}",
    f"/admin/autocomplete/?app_label=articles&model_name=article&field_name=related_articles&term=a&page={TOO_BIG}",
]


@pytest.mark.parametrize("url", QUERY_STRINGS)
def test_out_of_range_number_in_a_query_string_is_not_an_error(admin_client, url):
    ArticleFactory(pk=1)
    assert admin_client.get(url).status_code in (200, 302, 400, 404)


def test_out_of_range_filter_says_what_is_wrong(admin_client):
    response = admin_client.get(f"{ARTICLES_ADMIN}?published_at__year={TOO_BIG}")
    assert response.status_code == 400
    assert "number in this address is too large" in response.content.decode()


@pytest.mark.parametrize("older", [TOO_BIG, "-1", "0"])
def test_revision_compare_refuses_out_of_range_versions_with_a_message(admin_client, older):
    article = ArticleFactory()
    response = admin_client.get(f"{ARTICLES_ADMIN}{article.pk}/history/compare/?older={older}&newer=1", follow=True)
    assert response.status_code == 200
    assert "Choose two saved versions" in response.content.decode()


def test_donate_with_an_out_of_range_id_is_not_found(client):
    DonationLinkFactory(is_default=True)
    assert client.get(f"/donate/{TOO_BIG}/").status_code == 404
